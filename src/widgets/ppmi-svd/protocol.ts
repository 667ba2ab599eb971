/**
 * What the PPMI + SVD widget and its Web Worker (ppmi.worker.ts, ppmiApi.ts) exchange over the
 * book's worker RPC (src/train/worker/rpc.ts): the worker's API and its plain,
 * structured-clonable answers; the vectors travel as a transferred ArrayBuffer.
 */
import type { EvaluationResult } from '../../nlp/embeddings';

/** What a build computes. */
export interface PpmiSettings {
  corpus: 'sotu' | 'moby';
  /** Context positions on each side, 1-10. */
  window: number;
  /** Context-distribution smoothing exponent (1 = off, or 0.75). */
  alpha: number;
  /** SVD dimension. */
  k: number;
  /** Eigenvalue weight p in U_k S_k^p, in [0, 1]. */
  power: number;
  minCount: number;
}

/** Stages of a build, in order. */
export type PpmiStage =
  'download' | 'tokenize' | 'vocabulary' | 'cooccurrence' | 'ppmi' | 'svd' | 'evaluate';

/** Milliseconds per stage (0 when a cached result was reused). */
export type StageTimes = Partial<Record<PpmiStage, number>>;

/** A finished build. */
export interface PpmiResult {
  settings: PpmiSettings;
  /** Word of each row, most frequent first. */
  words: string[];
  /** Row-major `[words.length, k]` float32 vectors U_k S_k^p. */
  vectors: Float32Array;
  dim: number;
  /** The k singular values, descending. */
  singularValues: Float64Array;
  /** Tokens before and after dropping words rarer than minCount. */
  totalTokens: number;
  keptTokens: number;
  sentences: number;
  /** Stored cells of the co-occurrence matrix and of the PPMI matrix. */
  nnzCooccurrence: number;
  nnzPpmi: number;
  /** Wall-clock ms per stage in this build; stages reused from the worker's cache are absent. */
  ms: StageTimes;
  /** ms each stage took when it was computed (also for reused ones): the cost from scratch. */
  fullMs: StageTimes;
  evaluation: EvaluationResult;
}

/** Progress of a build. */
export interface PpmiProgress {
  stage: PpmiStage;
  /** Fraction of this stage done, in [0, 1], when known. */
  fraction: number | null;
  /** Bytes loaded (download stage). */
  loaded?: number;
  total?: number | null;
}

/** The PPMI + SVD worker's API. */
export interface PpmiWorkerApi {
  /**
   * Runs (or reuses from the worker's cache) every stage for `settings`, reporting each stage;
   * the corpus is downloaded from `baseUrl` the first time. One build at a time per worker (to
   * cancel one, terminate the worker).
   * @throws (rejects) RangeError for bad settings; Error with the reason otherwise (a download
   *   that failed, a vocabulary smaller than k + 1, a build already running).
   */
  build(
    baseUrl: string,
    settings: PpmiSettings,
    onProgress?: (progress: PpmiProgress) => void,
  ): Promise<PpmiResult>;
}
