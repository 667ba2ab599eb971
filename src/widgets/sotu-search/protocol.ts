/**
 * Messages between the SOTU search widget and its Web Worker (sotu.worker.ts). Plain,
 * structured-clonable objects.
 */
import type { Contribution, QueryStatus } from './search';

/** Main thread to worker. */
export type ToWorker =
  /** Download the corpus from `${baseUrl}data/sotu.json` and build the index. */
  | { type: 'load'; baseUrl: string; stopWords: boolean }
  /** Rebuild the index with or without English stop words (the corpus is kept). */
  | { type: 'reindex'; stopWords: boolean }
  /** Rank the passages of the years `from`..`to` (inclusive) against `query`. */
  | { type: 'search'; id: number; query: string; from: number; to: number; k: number };

/** A hit with what the page shows of its passage. */
export interface HitView {
  /** Passage index in the corpus. */
  doc: number;
  score: number;
  contributions: Contribution[];
  text: string;
  year: number;
  /** The President. */
  name: string;
  party: string;
}

/** Worker's answer to a `search`. */
export interface SearchView {
  status: QueryStatus;
  tokens: string[];
  stopWords: string[];
  unknown: string[];
  queryTerms: { term: string; weight: number }[];
  hits: HitView[];
  matched: number;
  /** Matched passages per decade, e.g. [[1860, 42], ...], in decade order. */
  decades: [number, number][];
}

/** Facts about the built index. */
export interface IndexInfo {
  passages: number;
  addresses: number;
  /** Vocabulary size. */
  terms: number;
  firstYear: number;
  lastYear: number;
  stopWords: boolean;
  /** Time to fit the vectorizer and build the inverted index, in ms. */
  buildMs: number;
}

/** Worker to main thread. */
export type FromWorker =
  | { type: 'progress'; phase: 'download'; loaded: number; total: number | null }
  | { type: 'progress'; phase: 'index'; passages: number }
  | { type: 'ready'; info: IndexInfo }
  | { type: 'error'; message: string }
  | { type: 'results'; id: number; result: SearchView };
