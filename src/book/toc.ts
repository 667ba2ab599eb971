/**
 * Pure helpers for a chapter's own table of contents: the headings read from the rendered MDX
 * (whose ids come from rehype-slug) are turned into a two-level outline, and the section being
 * read is picked from the headings' positions. No DOM access here; the DOM-reading half lives
 * in `useChapterToc.ts`. Unit-tested in tests/unit/book/toc.test.ts.
 */
import type { ReactNode } from 'react';

/** A heading as read from the page. */
export interface HeadingInfo {
  /** 2 for h2, 3 for h3 (other levels are ignored by {@link buildToc}). */
  level: number;
  /** The element's id (stable, from rehype-slug); headings without one are skipped. */
  id: string;
  /** Visible text of the heading. */
  text: string;
}

/** One entry of the outline: an h2 with the h3s that follow it. */
export interface TocEntry {
  id: string;
  text: string;
  children: { id: string; text: string }[];
}

/**
 * Builds the chapter outline from headings in document order.
 *
 * - Only levels 2 and 3 are kept; headings with an empty id or empty text are dropped.
 * - An h3 nests under the nearest preceding h2; h3s before any h2 become top-level entries.
 * - Whitespace in the text is collapsed; a repeated id keeps its first occurrence only
 *   (rehype-slug never repeats one, so a repeat means hand-written ids collided).
 */
export function buildToc(headings: readonly HeadingInfo[]): TocEntry[] {
  const toc: TocEntry[] = [];
  const seen = new Set<string>();
  for (const heading of headings) {
    const text = heading.text.replace(/\s+/g, ' ').trim();
    if (!heading.id || !text || seen.has(heading.id)) continue;
    if (heading.level === 2) {
      toc.push({ id: heading.id, text, children: [] });
    } else if (heading.level === 3) {
      const parent = toc[toc.length - 1];
      if (parent) parent.children.push({ id: heading.id, text });
      else toc.push({ id: heading.id, text, children: [] });
    } else {
      continue;
    }
    seen.add(heading.id);
  }
  return toc;
}

/** All ids of an outline in document order (h2s and their h3s interleaved). */
export function tocIds(toc: readonly TocEntry[]): string[] {
  return toc.flatMap((entry) => [entry.id, ...entry.children.map((c) => c.id)]);
}

/**
 * Index of the section being read: the last heading whose top edge is at or above the
 * reading line, or 0 if none is (the reader is above the first heading, so the first section
 * is highlighted), or -1 if there are no headings.
 *
 * @param tops - each heading's `getBoundingClientRect().top` in CSS pixels, document order.
 * @param readingLine - y in CSS pixels from the viewport top (e.g. header height + 25% of it).
 */
export function pickActiveHeading(tops: readonly number[], readingLine: number): number {
  if (tops.length === 0) return -1;
  let active = 0;
  for (let i = 0; i < tops.length; i++) {
    if (tops[i] <= readingLine) active = i;
    else break;
  }
  return active;
}

/**
 * The plain text of React children (strings and numbers, recursing into elements' `children`
 * props), used to label heading anchor links. Other values (booleans, null) give nothing.
 */
export function textOfChildren(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOfChildren).join('');
  if (typeof node === 'object' && 'props' in node) {
    const props = node.props as { children?: ReactNode } | null;
    return textOfChildren(props?.children);
  }
  return '';
}
