/**
 * The MDX component registry: passed as the `components` prop of every chapter's compiled
 * MDX (no MDXProvider), so these names work in any chapter without an import. Widgets are
 * NOT in here: chapters import them explicitly so each chapter's code loads on its own.
 *
 * | In MDX | Renders |
 * |---|---|
 * | `<Note title?>...</Note>` | callout box, `role="note"`, default title "Note" |
 * | `<Warning title?>...</Warning>` | same, warning colour, default title "Warning" |
 * | `<Figure caption="..." id? wide?>...</Figure>` | `<figure>` + "Figure N. caption" |
 * | `<Exercise title? id?>... <Answer>...</Answer></Exercise>` | "Exercise N", answer behind "Show answer" |
 * | `<References>` markdown list `</References>` | bibliography with hanging indents |
 * | `<Term>word</Term>` | `<dfn>` in bold: the defining use of a term |
 * | `<ChapterIntro learn={['...', '...']} />` | "In this chapter you will learn" box |
 * | `<Wide>...</Wide>` | content that may exceed the prose measure on desktop |
 * | `<TryIt widget="id" set={{ k: v }}>text</TryIt>` | link that sets a widget on the page and scrolls to it |
 * | `## Heading` (h2-h4) | heading with a "#" permalink to its rehype-slug id |
 * | GFM table, fenced code, inline code | styled table (scrolls sideways), scrollable code |
 * | `[text](/chapters/slug#id)` | router link that respects the base path |
 *
 * Figures and exercises are numbered per chapter, in order of appearance, by the chapter page
 * (`numberChapter` below). Authoring mistakes (a Figure without caption, a ChapterIntro without outcomes) show
 * a visible message in place and log a console error.
 */
import type { ReactNode } from 'react';
import type { MDXComponents } from 'mdx/types';
import { Note, Warning } from './mdx/Callout';
import { Anchor, H2, H3, H4, Img, Pre, Table } from './mdx/Elements';
import { Answer, Exercise } from './mdx/Exercise';
import { Figure } from './mdx/Figure';
import { numberBlocks } from './mdx/numbering';
import { ChapterIntro, References, Term, Wide } from './mdx/Prose';
import { TryIt } from './mdx/TryIt';

export { Note, Warning } from './mdx/Callout';
export { Answer, Exercise } from './mdx/Exercise';
export { Figure } from './mdx/Figure';
export { ChapterIntro, References, Term, Wide } from './mdx/Prose';

/** The registry itself: element overrides plus the named prose components. */
export const mdxComponents: MDXComponents = {
  h2: H2,
  h3: H3,
  h4: H4,
  table: Table,
  pre: Pre,
  a: Anchor,
  img: Img,
  Note,
  Warning,
  Figure,
  Exercise,
  Answer,
  References,
  Term,
  ChapterIntro,
  Wide,
  TryIt,
};

const NUMBERED = new Map<unknown, string>([
  [Figure, 'figure'],
  [Exercise, 'exercise'],
]);

/**
 * Numbers the {@link Figure}s and {@link Exercise}s of one chapter's element tree (the result
 * of calling its compiled MDX content with {@link mdxComponents}) in order of appearance.
 */
export function numberChapter(tree: ReactNode): ReactNode {
  return numberBlocks(tree, NUMBERED);
}
