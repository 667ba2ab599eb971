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
export {
  resolveSeq2SeqConfig,
  SEQ2SEQ_ATTENTIONS,
  SEQ2SEQ_DEFAULTS,
  SEQ2SEQ_LIMITS,
} from './config';
export type {
  ResolvedSeq2SeqConfig,
  Seq2SeqAttention,
  Seq2SeqConfig,
  Seq2SeqEncoderCell,
  Seq2SeqTaskName,
} from './config';
export { createSeq2SeqTask, seq2seqParameterCount } from './model';
export type { Seq2SeqTask } from './model';
export type { LengthBucket, Seq2SeqEvaluation, Seq2SeqSplit } from './evaluate';
export { lengthNormalizedScore } from './search';
export type { DecodeStrategy, LengthNormalization } from './search';
export type { TranslateOptions, Translation, TranslationCandidate } from './translate';
