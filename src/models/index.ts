/** TensorFlow.js models and their training tasks. No React, no DOM. */
export { createSentimentTask, SENTIMENT_WEIGHT_NAMES } from './sentimentClassifier';
export type { SentimentTask } from './sentimentClassifier';
export {
  MAX_EMBEDDING_PARAMS,
  resolveSentimentConfig,
  SENTIMENT_DEFAULTS,
} from './sentimentConfig';
export type { ResolvedSentimentConfig, SentimentConfig } from './sentimentConfig';
export {
  createLinearClassifier,
  LINEAR_DIVERGENCE_HINT,
  LINEAR_WEIGHT_NAMES,
} from './linearClassifier';
export type { LinearClassifierTask } from './linearClassifier';
export {
  checkCsr,
  LINEAR_DEFAULTS,
  LINEAR_LIMITS,
  MAX_LINEAR_PARAMS,
  resolveLinearConfig,
} from './linearClassifierConfig';
export type {
  CsrMatrixLike,
  LinearClassifierConfig,
  LinearMatmul,
  LinearOptimizerName,
  ResolvedLinearConfig,
} from './linearClassifierConfig';
export {
  argmaxClass,
  classWeight,
  crossEntropyFromLogits,
  csrRow,
  evaluateLinear,
  explainLinear,
  logitsOf,
  probabilitiesFromLogits,
  topTerms,
} from './linearInspect';
export type {
  Contribution,
  LinearEvaluation,
  LinearExplanation,
  LinearWeights,
  SparseVector,
  WeightedTerm,
} from './linearInspect';
export { batchMatMul, csrBatch, densify, resolveMatmul, sparseMatMul } from './sparseLinear';
export type { SparseBatch } from './sparseLinear';
export {
  createNeuralLmTask,
  denseMatMul,
  NEURAL_LM_WEIGHT_NAMES,
  sampleFromLogits,
  sparseSoftmaxCrossEntropy,
} from './neuralLm';
export type { NeuralLmGenerateOptions, NeuralLmTask } from './neuralLm';
export {
  encodeNgrams,
  MAX_NEURAL_LM_PARAMS,
  NEURAL_LM_DEFAULTS,
  NEURAL_LM_LIMITS,
  neuralLmParameterCount,
  resolveNeuralLmConfig,
} from './neuralLmConfig';
export type { EncodedNgrams, NeuralLmConfig, ResolvedNeuralLmConfig } from './neuralLmConfig';
export * from './word2vec';
export * from './rnn';
export * from './lda';
export * from './seq2seq';
export * from './textcnn';
export * from './transformer';
