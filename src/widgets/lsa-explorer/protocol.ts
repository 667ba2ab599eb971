/**
 * What the LSA explorer and its Web Worker (lsa.worker.ts, lsaApi.ts) exchange over the book's
 * worker RPC (src/train/worker/rpc.ts): plain, structured-clonable answers.
 */
import type { FoldStatus } from './lsaModel';

/** Facts about the fitted model, sent once. */
export interface LsaInfo {
  passages: number;
  /** Vocabulary size (columns of the TF-IDF matrix). */
  terms: number;
  kMax: number;
  /** The kMax singular values, descending. */
  singularValues: number[];
  /** scikit-learn's `explained_variance_ratio_`, one per component. */
  explainedVarianceRatio: number[];
  /** Time to vectorize and fit, in ms. */
  fitMs: number;
}

/** Progress of the load and fit. */
export type LsaProgress =
  | { phase: 'download'; loaded: number; total: number | null }
  | { phase: 'vectorize'; passages: number }
  | { phase: 'svd'; done: number; total: number };

/** A passage as the lists show it. */
export interface DocView {
  doc: number;
  year: number;
  /** The President. */
  name: string;
  /** The passage's first words. */
  snippet: string;
}

/** A neighbour in the latent space. */
export interface TermHit {
  term: string;
  cos: number;
}
export interface DocHit extends DocView {
  cos: number;
}

/** Points of the map on two latent dimensions. */
export interface MapView {
  dims: [number, number];
  terms: { term: string; x: number; y: number }[];
  docs: { doc: number; year: number; x: number; y: number }[];
}

/** The neighbours of a selected item (a term, or `#N` for passage N). */
export type NeighboursView =
  | { status: 'error'; message: string }
  | {
      status: 'ok';
      label: string;
      kind: 'term' | 'doc';
      /** Its coordinates on all kMax dimensions. */
      point: number[];
      terms: TermHit[];
      docs: DocHit[];
    };

/** A query folded into the latent space. */
export interface FoldView {
  status: FoldStatus;
  tokens: string[];
  stopWords: string[];
  unknown: string[];
  /** The query's coordinates (empty unless status is 'ok'). */
  point: number[];
  terms: TermHit[];
  docs: DocHit[];
}

/** The term vectors on the first k latent dimensions, for the Embedding Projector export. */
export interface TermVectors {
  /** The terms in column order of the TF-IDF matrix: `terms[j]` is row j. */
  terms: string[];
  /** Row-major float32 `[terms.length * k]`: the first k columns of V Σ. */
  vectors: Float32Array;
  k: number;
}

/** The LSA worker's API. All methods but `load` reject before the model is fitted. */
export interface LsaWorkerApi {
  /** Downloads `${baseUrl}data/sotu.json`, vectorizes the passages and fits TruncatedSVD. */
  load(baseUrl: string, onProgress?: (p: LsaProgress) => void): Promise<LsaInfo>;
  /** Map points on 1-based dimensions `dimX`, `dimY`. */
  map(dimX: number, dimY: number, nTerms: number, nDocs: number): Promise<MapView>;
  /** Nearest terms and passages to `selection` using the first k dimensions. */
  neighbours(selection: string, k: number, topn: number): Promise<NeighboursView>;
  /** Folds `query` in (x V_k) and lists its nearest terms and passages. */
  fold(query: string, k: number, topn: number): Promise<FoldView>;
  /** Every term's first k coordinates (V Σ), as float32, transferred. */
  termVectors(k: number): Promise<TermVectors>;
}
