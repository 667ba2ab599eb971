/** TensorFlow.js models and their training tasks. No React, no DOM. */
export { createSentimentTask, SENTIMENT_WEIGHT_NAMES } from './sentimentClassifier';
export type { SentimentTask } from './sentimentClassifier';
export {
  MAX_EMBEDDING_PARAMS,
  resolveSentimentConfig,
  SENTIMENT_DEFAULTS,
} from './sentimentConfig';
export type { ResolvedSentimentConfig, SentimentConfig } from './sentimentConfig';
