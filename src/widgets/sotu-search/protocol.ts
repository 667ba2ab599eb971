/**
 * What the SOTU search widget and its Web Worker (sotu.worker.ts, sotuApi.ts) exchange over
 * the book's worker RPC (src/train/worker/rpc.ts): the worker's API and its plain,
 * structured-clonable answers.
 */
import type { Contribution, QueryStatus } from './search';

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

/** Progress of a load or a re-index. */
export type IndexProgress =
  | { phase: 'download'; loaded: number; total: number | null }
  | { phase: 'index'; passages: number };

/** A query: rank the passages of the years `from`..`to` (inclusive) against `query`. */
export interface SearchArgs {
  query: string;
  from: number;
  to: number;
  /** Hits to return. */
  k: number;
}

/** The search worker's API. */
export interface SotuWorkerApi {
  /**
   * Downloads the corpus from `${baseUrl}data/sotu.json` (about 11 MB) and builds the index.
   * @throws (rejects) Error with the reason (HTTP status, bad data).
   */
  load(
    baseUrl: string,
    stopWords: boolean,
    onProgress?: (progress: IndexProgress) => void,
  ): Promise<IndexInfo>;
  /** Rebuilds the index with or without English stop words (the corpus is kept). */
  reindex(stopWords: boolean, onProgress?: (progress: IndexProgress) => void): Promise<IndexInfo>;
  /** Ranks the passages. @throws (rejects) Error before the index is built. */
  search(args: SearchArgs): Promise<SearchView>;
}
