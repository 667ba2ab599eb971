/**
 * Sequence-to-sequence models and attention (chapters 13 and 14): attention scores, seeded
 * addition and date tasks, and the encoder-decoder training task. No React, no DOM.
 */
export {
  additiveAttention,
  attentionScores,
  ATTENTION_SCORES,
  batchedAttention,
  dotAttention,
  generalAttention,
  MASKED_SCORE,
  maskedSoftmax,
} from './attention';
export type {
  AdditiveAttentionWeights,
  AttentionOutput,
  AttentionScore,
  AttentionWeights,
  BatchedAttentionOutput,
  GeneralAttentionWeights,
} from './attention';
