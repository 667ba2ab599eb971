/**
 * Messages between the word2vec widget and its corpus worker (corpus.worker.ts). Plain,
 * structured-clonable objects; the typed arrays of a prepared corpus are transferred, not copied.
 */
/** The corpora of the widget: the State of the Union addresses or Moby Dick. */
export type Word2VecCorpusName = 'sotu' | 'moby';

/** Main thread to worker. */
export type ToCorpusWorker = {
  type: 'prepare';
  id: number;
  /** Absolute base URL of the site (where data/ lives). */
  baseUrl: string;
  corpus: Word2VecCorpusName;
  minCount: number;
};

/** A prepared corpus as it crosses the worker boundary (`vocab.index` is rebuilt on arrival). */
export interface PreparedCorpusMessage {
  corpus: Word2VecCorpusName;
  minCount: number;
  /** `EmbeddingVocab.words`, most frequent first. */
  words: string[];
  /** int32 `[V]` counts. */
  counts: Int32Array;
  /** int32 word ids of the kept tokens, in corpus order. */
  ids: Int32Array;
  /** int32 sentence boundaries (length = sentences + 1). */
  sentenceStarts: Int32Array;
  totalTokens: number;
  keptTokens: number;
  /** Milliseconds the worker spent tokenizing and encoding (not downloading). */
  prepareMs: number;
}

/** Worker to main thread. */
export type FromCorpusWorker =
  | {
      type: 'progress';
      id: number;
      phase: 'download' | 'tokenize' | 'encode';
      /** Bytes (download) received and expected (null: unknown). */
      loaded?: number;
      total?: number | null;
    }
  | { type: 'prepared'; id: number; result: PreparedCorpusMessage }
  | { type: 'error'; id: number; message: string };
