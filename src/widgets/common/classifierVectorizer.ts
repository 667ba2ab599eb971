/**
 * Chapter 4's TF-IDF classifier vectorization, in one place: the settings its widget exposes
 * (scikit-learn 1.2's `TfidfVectorizer` parameter names), their defaults, and the options of
 * src/nlp's `TfidfVectorizer` they give. The TF-IDF classifier's schema takes its defaults from
 * here, and chapter 11's TextCNN widget fits its chapter-4 baseline with the same defaults.
 */
import type { TfidfVectorizerOptions } from '../../nlp';

/** The vectorizer settings of chapter 4's classifier widget (scikit-learn's names). */
export interface ClassifierVectorizerSettings {
  /** `ngram_range`: words only, or words and word pairs. */
  ngram: '1-1' | '1-2';
  /** `min_df` as a document count (>= 1). */
  min_df: number;
  /** `max_features`: the most frequent terms of the training split. */
  max_features: number;
  /** `sublinear_tf`: tf becomes 1 + ln(tf). */
  sublinear_tf: boolean;
  /** `binary`: counts become 0/1. */
  binary: boolean;
  /** `norm` of each row; 'none' is scikit-learn's `norm=None`. */
  norm: 'l2' | 'l1' | 'none';
}

/**
 * The widget's defaults: words only, min_df 2, max_features 5000, raw term counts,
 * l2-normalised rows (idf on and smoothed, as scikit-learn's default).
 */
export const CLASSIFIER_VECTORIZER_DEFAULTS: Readonly<ClassifierVectorizerSettings> = {
  ngram: '1-1',
  min_df: 2,
  max_features: 5000,
  sublinear_tf: false,
  binary: false,
  norm: 'l2',
};

/** The `TfidfVectorizer` options of `s` (scikit-learn's defaults for everything else). */
export function classifierVectorizerOptions(
  s: ClassifierVectorizerSettings,
): TfidfVectorizerOptions {
  return {
    ngramRange: s.ngram === '1-2' ? [1, 2] : [1, 1],
    minDf: { count: s.min_df },
    maxFeatures: s.max_features,
    sublinearTf: s.sublinear_tf,
    binary: s.binary,
    norm: s.norm === 'none' ? null : s.norm,
  };
}
