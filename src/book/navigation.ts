/**
 * Pure navigation logic of the book shell: chapter look-up, previous/next links, page titles,
 * grouping by part and "did you mean" suggestions for unknown routes. No React, no DOM, so it
 * is unit-tested under Node (tests/unit/book/navigation.test.ts).
 */
import { CHAPTERS, PARTS, type ChapterInfo } from './chapters';

/** The book's title, used in the header and in every page title. */
export const BOOK_TITLE = 'NLP, Live';

/** The book's subtitle, shown on the home page. */
export const BOOK_SUBTITLE = 'An interactive textbook: from raw text to the Transformer';

/**
 * The chapter with this slug, or `undefined` if there is none.
 *
 * @param slug - URL segment, compared exactly (slugs are lowercase kebab-case).
 * @param chapters - table of contents to search; defaults to {@link CHAPTERS}.
 */
export function findChapter(
  slug: string | undefined,
  chapters: readonly ChapterInfo[] = CHAPTERS,
): ChapterInfo | undefined {
  if (!slug) return undefined;
  return chapters.find((c) => c.slug === slug);
}

/** Previous and next links at the bottom of a chapter page. */
export interface ChapterNeighbours {
  /** The nearest `ready` chapter before this one, if any. */
  prev?: ChapterInfo;
  /**
   * The nearest `ready` chapter after this one; if no later chapter is ready, the chapter that
   * immediately follows (a `coming` one, linked to its coming-soon page), so the reader still
   * sees what comes next. `undefined` on the last chapter.
   */
  next?: ChapterInfo;
}

/**
 * Previous/next chapters for the chapter `slug`, in reading order.
 *
 * Readers are only sent backwards to chapters they can read; forwards they go to the next
 * readable chapter, or else to the next chapter's coming-soon page.
 *
 * @throws Error if `slug` is not in `chapters` (a programming error: routes check first).
 */
export function chapterNeighbours(
  slug: string,
  chapters: readonly ChapterInfo[] = CHAPTERS,
): ChapterNeighbours {
  const index = chapters.findIndex((c) => c.slug === slug);
  if (index < 0) throw new Error(`chapterNeighbours: unknown chapter slug "${slug}"`);
  const before = chapters.slice(0, index);
  const after = chapters.slice(index + 1);
  const prev = [...before].reverse().find((c) => c.status === 'ready');
  const next = after.find((c) => c.status === 'ready') ?? after[0];
  return { prev, next };
}

/**
 * The document title of a page: `"<page> · NLP, Live"`, or the book's own title for the home
 * page (`page` undefined or blank).
 */
export function pageTitle(page?: string): string {
  const trimmed = page?.trim();
  return trimmed ? `${trimmed} · ${BOOK_TITLE}` : `${BOOK_TITLE}: an interactive textbook`;
}

/** One part of the book with its chapters, for tables of contents. */
export interface PartGroup {
  /** Roman numeral, e.g. `"I"`. */
  id: string;
  /** Part title from {@link PARTS}, or `"Part <id>"` if the part has no title. */
  title: string;
  chapters: ChapterInfo[];
}

/**
 * Chapters grouped by part, parts in order of first appearance, chapters in reading order.
 */
export function groupByPart(
  chapters: readonly ChapterInfo[] = CHAPTERS,
  parts: Record<string, string> = PARTS,
): PartGroup[] {
  const groups: PartGroup[] = [];
  for (const chapter of chapters) {
    let group = groups.find((g) => g.id === chapter.part);
    if (!group) {
      group = {
        id: chapter.part,
        title: parts[chapter.part] ?? `Part ${chapter.part}`,
        chapters: [],
      };
      groups.push(group);
    }
    group.chapters.push(chapter);
  }
  return groups;
}

/**
 * Levenshtein edit distance (insertions, deletions, substitutions each cost 1), computed with
 * the classic two-row dynamic programme (Wagner and Fischer, 1974). O(|a|·|b|) time.
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * Chapters whose slug or title resembles the last segment of an unknown path, best first, for
 * the not-found page ("did you mean ...?").
 *
 * A chapter matches when one string contains the other, or when the edit distance between the
 * slug and the segment is at most a third of the slug's length.
 *
 * @param path - the unknown pathname, e.g. `"/chapters/preprocesing"`.
 * @param limit - at most this many suggestions (default 3).
 */
export function suggestChapters(
  path: string,
  chapters: readonly ChapterInfo[] = CHAPTERS,
  limit = 3,
): ChapterInfo[] {
  const segment = decodeSafe(path.split('/').filter(Boolean).pop() ?? '')
    .toLowerCase()
    .replace(/\.html?$/, '')
    .replace(/^\d+-/, '');
  if (segment.length < 3) return [];
  const scored: { chapter: ChapterInfo; score: number }[] = [];
  for (const chapter of chapters) {
    const title = chapter.title.toLowerCase();
    const contains = chapter.slug.includes(segment) || segment.includes(chapter.slug);
    const distance = editDistance(segment, chapter.slug);
    if (contains || title.includes(segment.replace(/-/g, ' '))) {
      scored.push({ chapter, score: 0 });
    } else if (distance <= Math.floor(chapter.slug.length / 3)) {
      scored.push({ chapter, score: distance });
    }
  }
  return scored
    .sort((x, y) => x.score - y.score || x.chapter.number - y.chapter.number)
    .slice(0, limit)
    .map((s) => s.chapter);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The router's base name: Vite's `BASE_URL` without its trailing slash (`/` for the root),
 * so the site works under a sub-path (`BASE_PATH=/nlp-book/ vite build`).
 */
export function routerBasename(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}
