/**
 * The book's search index: what one document is and the MiniSearch options shared by the
 * build (scripts/search-index.ts, which indexes the chapters' MDX) and the page (SearchBox,
 * which loads the serialized index). Plain data: no React, no DOM, no Node.
 */
import type { Options, SearchOptions } from 'minisearch';

/** One indexed section: a chapter's text from one heading to the next. */
export interface SearchSection {
  /** Unique id, `<slug>#<anchor>` (`<slug>#` for the text before the first heading). */
  id: string;
  /** The chapter's URL segment. */
  slug: string;
  /** The chapter's number in reading order. */
  chapterNumber: number;
  chapterTitle: string;
  /** The heading's text; the chapter title for the text before the first heading. */
  heading: string;
  /** The heading's element id (rehype-slug), or '' for the chapter's start. */
  anchor: string;
  /** The section's prose (no math, code blocks or JSX attributes). Indexed, not stored. */
  text: string;
}

/** What a search result carries (the stored fields). */
export type StoredSection = Pick<
  SearchSection,
  'slug' | 'chapterNumber' | 'chapterTitle' | 'heading' | 'anchor'
>;

/** Index options: the same object must be used to build and to load the index. */
export const INDEX_OPTIONS: Options<SearchSection> = {
  fields: ['heading', 'text', 'chapterTitle'],
  storeFields: ['slug', 'chapterNumber', 'chapterTitle', 'heading', 'anchor'],
};

/** Query options: headings weigh most; prefix matching while typing, slight typo tolerance. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { heading: 3, chapterTitle: 1.5 },
  prefix: true,
  fuzzy: 0.15,
  combineWith: 'AND',
};

/** The import id of the serialized index (a JSON string, `MiniSearch.loadJSON`'s input). */
export const SEARCH_INDEX_MODULE = 'virtual:search-index';
