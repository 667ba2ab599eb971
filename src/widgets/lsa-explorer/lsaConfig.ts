/**
 * The LSA explorer's fixed settings and the bounds of its reader settings, declared once: the
 * worker's model (lsaModel.ts) and the widget's schema (schema.ts) both import them. No React.
 */
import type { TfidfVectorizerOptions } from '../../nlp';

/**
 * The TF-IDF vectorizer of the passages: scikit-learn's `TfidfVectorizer(stop_words='english',
 * min_df=5, max_df=0.5, max_features=10000)`, the settings of Chapter 5's benchmark.
 */
export const LSA_VECTORIZER: TfidfVectorizerOptions = {
  lowercase: true,
  stopWords: 'english',
  minDf: 5,
  maxDf: 0.5,
  maxFeatures: 10_000,
};

/** Bounds and defaults of the reader's settings (1-based latent dimensions). */
export const LSA_LIMITS = {
  /**
   * Components fitted once (TruncatedSVD(nComponents = kMax, nIter = 5, randomState = 0)); the
   * fit takes about 10-30 s on 15,000 passages, so 50 rather than the benchmark's 100.
   */
  kMax: 50,
  kMin: 2,
  kDefault: 20,
  /** Default map axes: latent dimensions 2 and 3 (dimension 1 mostly measures "is a passage"). */
  dimXDefault: 2,
  dimYDefault: 3,
  /** Longest query, in characters. */
  queryMaxChars: 300,
  /** Neighbours listed. */
  topn: 8,
} as const;

/** The defaults of the query box and the selected point. */
export const LSA_DEFAULT_QUERY = 'nuclear weapons and arms control';
export const LSA_DEFAULT_SELECTION = 'war';

/** Power iterations and seed of the fit (scikit-learn's defaults). */
export const LSA_SVD = { nIter: 5, randomState: 0 } as const;
