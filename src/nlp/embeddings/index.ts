/**
 * Word embeddings (chapter 8): the count-based route (co-occurrence counts, PPMI, truncated SVD)
 * and the evaluation helpers both routes share (nearest neighbours, 3CosAdd analogies,
 * similarity, an evaluation set written for the book's corpora).
 */
export { OutOfVocabularyError, KeyedVectors, type WordScore } from './keyedVectors';
export {
  evaluate,
  rankData,
  spearman,
  type AnalogyCounts,
  type AnalogyOutcome,
  type AnalogyQuestion,
  type EvaluationResult,
  type EvaluationSet,
  type SimilarityPair,
} from './evaluate';
export {
  buildEmbeddingVocab,
  encodeSentences,
  type EmbeddingVocab,
  type EmbeddingVocabOptions,
} from './vocab';
export {
  MAX_WINDOW,
  cooccurrenceMatrix,
  type CooccurrenceOptions,
  type DistanceWeighting,
} from './cooccurrence';
export { ppmi, type PpmiOptions } from './ppmi';
export {
  csrTimesDense,
  csrTransposeTimesDense,
  orthonormalize,
  randomizedSvd,
  svdWordVectors,
  type RandomizedSvdOptions,
  type SvdWordVectors,
  type SvdWordVectorsOptions,
  type TruncatedSvd,
} from './svd';
export {
  MOBY_DICK_EVALUATION_SET,
  SOTU_EVALUATION_SET,
  analogyQuestionsFromPairs,
} from './evaluationSet';
