import { useEffect, type ReactNode } from 'react';
import { MdxError, reportMdxError } from './MdxError';

/**
 * Marks the defining occurrence of a technical term: a `<dfn>` element, set in bold.
 * Use it once per term, where the term is first defined.
 *
 * @example `A <Term>token</Term> is one occurrence of a unit of text.`
 */
export function Term({ children }: { children?: ReactNode }) {
  return <dfn className="term">{children}</dfn>;
}

/** Props of {@link ChapterIntro}. */
export interface ChapterIntroProps {
  /** Learning outcomes, one short phrase each ("what a token is"). Required unless children. */
  learn?: readonly ReactNode[];
  /** Optional extra content after the list (or instead of it). */
  children?: ReactNode;
}

/**
 * The "In this chapter you will learn" box at the top of a chapter.
 * Shows an authoring error in place if neither `learn` (a non-empty array) nor children is
 * given.
 *
 * @example `<ChapterIntro learn={['what a token is', 'how padding works']} />`
 */
export function ChapterIntro({ learn, children }: ChapterIntroProps) {
  const items = Array.isArray(learn) ? learn : [];
  const invalid = learn !== undefined && !Array.isArray(learn);
  const empty = items.length === 0 && !children;
  useEffect(() => {
    if (invalid) reportMdxError('ChapterIntro', 'learn must be an array of strings');
    else if (empty) reportMdxError('ChapterIntro', 'give learn={[...]} or children');
  }, [invalid, empty]);
  return (
    <div className="chapter-intro">
      <p className="chapter-intro__title">In this chapter you will learn</p>
      {items.length > 0 ? (
        <ul>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
      {children}
      {invalid || empty ? (
        <MdxError component="ChapterIntro">
          pass the outcomes as an array: learn={'{'}[&apos;first&apos;, &apos;second&apos;]{'}'}.
        </MdxError>
      ) : null}
    </div>
  );
}

/**
 * A bibliography: wraps a markdown list of references (author, year, title, venue), set with
 * hanging indents in a smaller size. Put it under a `## References` heading.
 *
 * @example
 * ```mdx
 * <References>
 * - Sennrich, R., Haddow, B. and Birch, A. (2016). Neural machine translation of rare words
 *   with subword units. *ACL*.
 * </References>
 * ```
 */
export function References({ children }: { children?: ReactNode }) {
  return <div className="references">{children}</div>;
}

/**
 * Lets its content use the full content width rather than the prose measure (on desktop);
 * for wide tables, diagrams or a widget that is not inside a {@link Figure}. Widgets whose
 * root carries `data-widget` are wide without it.
 */
export function Wide({ children }: { children?: ReactNode }) {
  return <div className="wide">{children}</div>;
}
