/**
 * Messages between the widget and its vectorizer worker (vectorize.worker.ts). Plain data only:
 * everything here survives `postMessage` (structured clone).
 */
import type { CsrMatrixData } from '../../nlp';

/** The vectorizer settings of a run (scikit-learn TfidfVectorizer parameters). */
export interface VectorizerSettings {
  ngram: '1-1' | '1-2';
  min_df: number;
  max_features: number;
  sublinear_tf: boolean;
  binary: boolean;
  norm: 'l2' | 'l1' | 'none';
}

/** A labelled corpus with its splits (0 train, 1 validation, 2 test; test is not used). */
export interface CorpusForFit {
  texts: string[];
  labels: number[];
  splits: number[];
}

/** Requests to the worker. */
export type WorkerRequest =
  | { id: number; type: 'fit'; corpus: CorpusForFit; settings: VectorizerSettings }
  | { id: number; type: 'transform'; text: string };

/** The corpus vectorized for one set of settings (fit on the training split only). */
export interface Vectorized {
  /** TF-IDF of the training documents, `[nTrain, V]`. */
  trainX: CsrMatrixData;
  /** TF-IDF of the validation documents, `[nVal, V]`. */
  valX: CsrMatrixData;
  trainY: Int32Array;
  valY: Int32Array;
  /** `[V]` the terms in column order (`get_feature_names_out()`). */
  featureNames: string[];
  /**
   * Validation accuracy of scikit-learn's MultinomialNB (alpha 1) fitted on the training split's
   * raw term counts over the same vocabulary (presence 0/1 when `binary` is on): the counts
   * MultinomialNB is meant for, not the tf-idf weights.
   */
  nbAccuracy: number;
  /** Mean stored terms per training document. */
  meanTermsPerDoc: number;
  /** Wall time of fitting and transforming in the worker, ms. */
  ms: number;
}

/** One text through the fitted vectorizer. */
export interface TransformedText {
  /** Terms the analyzer produced, in order, unknown ones included. */
  terms: string[];
  /** Feature index of each stored column, increasing. */
  indices: Int32Array;
  /** TF-IDF value of each stored column. */
  values: Float64Array;
}

/** Replies of the worker. */
export type WorkerReply =
  | { id: number; type: 'fitted'; result: Vectorized }
  | { id: number; type: 'transformed'; result: TransformedText }
  | { id: number; type: 'error'; message: string };
