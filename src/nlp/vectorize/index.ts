/** Bag of words: vectorizers, TF-IDF, similarity and naive Bayes (scikit-learn 1.2 semantics). */
export {
  CsrMatrix,
  compareCodePoints,
  type CsrMatrixData,
  type DenseRows,
  type SparseRow,
} from './sparse';
export {
  SKLEARN_TOKEN_PATTERN,
  buildTokenizer,
  isWordCodePoint,
  scanWordRuns,
  translatePythonPattern,
  type TranslatedPattern,
} from './tokenPattern';
export type { AnalyzerOptions } from './analyzer';
export { ENGLISH_STOP_WORDS } from './stopWords';
export {
  CountVectorizer,
  type CountVectorizerOptions,
  type DfThreshold,
  type VectorizerJson,
} from './countVectorizer';
export {
  TfidfTransformer,
  TfidfVectorizer,
  normalizeRows,
  type TfidfNorm,
  type TfidfTransformerOptions,
  type TfidfVectorizerOptions,
} from './tfidf';
export {
  CosineIndex,
  cosineSimilarity,
  euclideanDistances,
  jaccardSimilarity,
  termContributions,
  topKCosine,
  type CosineHit,
  type CosineSearchOptions,
  type CosineSearchResult,
  type DenseResult,
  type MatrixLike,
  type TermContribution,
} from './similarity';
export {
  MultinomialNB,
  NB_ALPHA_MIN,
  type ClassLabel,
  type MultinomialNBOptions,
} from './naiveBayes';
export { numpyArgsort } from './npArgsort';
