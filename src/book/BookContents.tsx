import { Link } from 'react-router-dom';
import type { ChapterInfo } from './chapters';
import { chapterPath } from './chapters';
import { groupByPart } from './navigation';

/** Props of {@link BookContents}. */
export interface BookContentsProps {
  /** `full`: with summaries (home, coming-soon pages); `compact`: titles only (sidebar). */
  variant?: 'full' | 'compact';
  /** Slug of the page being shown; its entry gets `aria-current="page"`. */
  currentSlug?: string;
  /**
   * Element of the part titles (default `h3`); `p` where headings would disturb the page's
   * outline (the sidebar, which precedes the chapter's `h1`).
   */
  partHeading?: 'h2' | 'h3' | 'h4' | 'p';
}

function ComingBadge({ compact }: { compact: boolean }) {
  return compact ? (
    <span className="badge badge--coming">
      <span className="visually-hidden">coming </span>soon
    </span>
  ) : (
    <span className="badge badge--coming">coming soon</span>
  );
}

function ChapterItem({
  chapter,
  variant,
  current,
}: {
  chapter: ChapterInfo;
  variant: 'full' | 'compact';
  current: boolean;
}) {
  const coming = chapter.status === 'coming';
  return (
    <li className={coming ? 'toc-chapter toc-chapter--coming' : 'toc-chapter'}>
      <Link
        className="toc-chapter__link"
        to={`/${chapterPath(chapter.slug)}`}
        aria-current={current ? 'page' : undefined}
      >
        <span className="toc-chapter__number">{chapter.number}</span>
        <span className="toc-chapter__title">
          {chapter.title}
          {coming ? (
            <>
              {' '}
              <ComingBadge compact={variant === 'compact'} />
            </>
          ) : null}
        </span>
      </Link>
      {variant === 'full' ? <p className="toc-chapter__summary">{chapter.summary}</p> : null}
    </li>
  );
}

/**
 * The book's table of contents: every chapter of `chapters.ts`, grouped by part. Coming
 * chapters carry a "coming soon" badge and link to their coming-soon page.
 */
export function BookContents({
  variant = 'full',
  currentSlug,
  partHeading: PartHeading = 'h3',
}: BookContentsProps) {
  return (
    <div className={`book-contents book-contents--${variant}`}>
      {groupByPart().map((part) => (
        <section key={part.id} className="toc-part" aria-labelledby={`part-${variant}-${part.id}`}>
          <PartHeading className="toc-part__title" id={`part-${variant}-${part.id}`}>
            <span className="toc-part__numeral">Part {part.id}</span> {part.title}
          </PartHeading>
          <ol className="toc-part__chapters">
            {part.chapters.map((chapter) => (
              <ChapterItem
                key={chapter.slug}
                chapter={chapter}
                variant={variant}
                current={chapter.slug === currentSlug}
              />
            ))}
          </ol>
        </section>
      ))}
      <p className="toc-extra">
        <Link to="/notation">Notation</Link>
        {variant === 'full' ? ': the symbols used throughout the book' : null}
      </p>
    </div>
  );
}
