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
export {
  createSeq2SeqVocab,
  encodeBatch,
  END_TOKEN,
  PAD_TOKEN,
  SPECIAL_TOKENS,
  START_TOKEN,
  UNK_TOKEN,
} from './vocab';
export type { EncodedBatch, Seq2SeqDataset, Seq2SeqExample, Seq2SeqVocab } from './vocab';
export {
  additionDataset,
  DATE_FORMATS,
  DATE_HELD_OUT_FORMATS,
  DATE_YEARS,
  datesDataset,
  formatDate,
  HELD_OUT_FRACTION,
} from './tasks';
export type { AdditionOptions, DatesOptions } from './tasks';
