/**
 * What the page and the classifier's worker (./tfidf.worker.ts) exchange: the vectorizer's
 * requests and facts, the task's config, and the probes' packed results. Plain data only:
 * everything here survives `postMessage` (structured clone); typed arrays are transferred.
 */
import type { CsrMatrixData } from '../../nlp';
import type { ClassifierVectorizerSettings } from '../common/classifierVectorizer';

/** The vectorizer settings of a run (scikit-learn TfidfVectorizer parameters). */
export type VectorizerSettings = ClassifierVectorizerSettings;

/** A labelled corpus with its splits (0 train, 1 validation, 2 test; test is not used). */
export interface CorpusForFit {
  texts: string[];
  labels: number[];
  splits: number[];
}

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

/** The two tasks of the widget. */
export type TaskName = 'spam' | 'source';

/** What to vectorize: a task's corpus (loaded by the worker from `baseUrl`) and the settings. */
export interface FitRequest {
  corpus: TaskName;
  /** The site's base URL (`import.meta.env.BASE_URL`), where data/ lives. */
  baseUrl: string;
  settings: VectorizerSettings;
}

/** Facts about a fitted vectorization, for the page (no matrices: those stay in the worker). */
export interface VectorizerFacts {
  /** `[K]` class names, index = label. */
  classNames: string[];
  nTrain: number;
  nVal: number;
  /** Number of terms V. */
  features: number;
  /** `[K]` validation documents per class (for the majority-class baseline). */
  valCounts: number[];
  nbAccuracy: number;
  meanTermsPerDoc: number;
  /** Wall time of fitting and transforming in the worker, ms (the corpus download excluded). */
  ms: number;
}

/** The vectorizer's methods, served by the worker on its own MessagePort. */
export interface VectorizerApi {
  /**
   * Loads the corpus and fits the vectorizer (both kept for later calls with the same request).
   * @param onProgress - download progress, a fraction in [0, 1] or null when unknown (a proxy).
   */
  fit(
    request: FitRequest,
    onProgress?: (fraction: number | null) => void,
  ): Promise<VectorizerFacts>;
  /** One text through the vectorizer of `request` (fitted first if needed). */
  transform(request: FitRequest, text: string): Promise<TransformedText>;
}

/** Config of the `tfidf` task kind: what to vectorize and the classifier's hyperparameters. */
export interface TfidfTaskConfig {
  fit: FitRequest;
  numClasses: number;
  learningRate: number;
  l2: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

/** `inspect` probe: the largest weights per class and the latest confusion matrix, packed. */
export interface PackedInspection {
  /** Terms per class (at most k; fewer when V < k). */
  perClass: number;
  /** `[K * perClass]` term of each entry, class-major. */
  terms: string[];
  /** `[K * perClass]` weight of each entry (for two classes, class 0's are negated). */
  weights: Float64Array;
  /** `[K * K]` validation confusion matrix, row-major (rows true), or null before an evaluation. */
  confusion: Int32Array | null;
}

/** `explain` probe: the reader's text through the vectorizer and the model, packed. */
export interface PackedExplanation {
  /** Terms the analyzer produced, in order, unknown ones included. */
  terms: string[];
  /** `[n]` term of each stored column of the text's row. */
  features: string[];
  /** `[n]` tf-idf value of each stored column. */
  values: Float64Array;
  /** `[n * O]` value x weight, row-major (O = 1 for two classes, else K). */
  contributions: Float64Array;
  /** `[O]` logits (bias + the contributions). */
  logits: Float64Array;
  /** `[O]` bias. */
  bias: Float64Array;
  /** `[K]` class probabilities. */
  probabilities: Float64Array;
  predicted: number;
}
