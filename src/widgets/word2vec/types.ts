/**
 * What crosses the boundary between the word2vec widget (page) and its model worker: where the
 * worker reads a corpus, the facts about a prepared corpus the page shows, the task's config and
 * the answers of the probes. Plain, structured-cloneable types; no code, so both sides import them.
 */
import type { Word2VecConfig } from '../../models/word2vec/config';
import type { EvaluationResult, WordScore } from '../../nlp/embeddings';

/** The corpora of the widget: the State of the Union addresses or Moby Dick. */
export type Word2VecCorpusName = 'sotu' | 'moby';

/** Which corpus the worker prepares, and from where. */
export interface CorpusSource {
  /** Absolute base URL of the site (a worker resolves relative URLs against its own script). */
  baseUrl: string;
  name: Word2VecCorpusName;
  /** Words seen fewer times are dropped (word2vec.c `-min-count`). */
  minCount: number;
}

/** Where a preparation is: downloading (a fraction, or null when the size is unknown), tokenizing, encoding. */
export type PrepareProgress =
  { phase: 'download'; fraction: number | null } | { phase: 'tokenize' | 'encode'; fraction: null };

/**
 * Facts about a corpus the worker prepared (the id arrays stay in the worker). `words` is the
 * vocabulary in id order (row i of the vectors), most frequent first.
 */
export interface CorpusFacts {
  name: Word2VecCorpusName;
  minCount: number;
  words: string[];
  /** Tokens before rare words are dropped. */
  totalTokens: number;
  /** Tokens the model trains on per epoch (before subsampling). */
  keptTokens: number;
  /** Sentences with at least one kept word. */
  sentences: number;
  /** Worker time spent tokenizing and encoding (not downloading), ms. */
  prepareMs: number;
}

/** The corpus API the model worker serves on a MessagePort (see ./corpusHost.ts). */
export interface CorpusApi {
  /**
   * Prepares (or finds in the worker's cache) `source` and returns its facts.
   * @throws Error with the loader's message (HTTP status ...) or prepareCorpus's RangeError.
   */
  prepare(source: CorpusSource, onProgress?: (p: PrepareProgress) => void): Promise<CorpusFacts>;
}

/** The `word2vec` task kind's config: the model's hyperparameters and where its corpus is. */
export type Word2VecWorkerConfig = Omit<
  Word2VecConfig,
  'corpus' | 'evaluationSet' | 'sparseUpdate'
> & {
  corpus: CorpusSource;
};

/** A neighbour or analogy answer: the scores, or the words outside the vocabulary. */
export type QueryAnswer = { scores: WordScore[] } | { oov: string[] };

/** The `evaluate` probe's answer: the scores and when they were taken. */
export interface EvaluationProbe {
  result: EvaluationResult;
  step: number;
  epoch: number;
  /** True once every epoch has been trained. */
  finished: boolean;
}

/** The `allVectors` probe's answer: the whole input table and its vocabulary. */
export interface AllVectors {
  /** The vocabulary in id order: `words[i]` is row i. */
  words: string[];
  /** Row-major float32 `[words.length * dim]`. */
  vectors: Float32Array;
  dim: number;
  /** The training step the vectors were read after. */
  step: number;
}
