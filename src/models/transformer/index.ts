/**
 * The Transformer for chapter 15 (Vaswani et al. 2017): scaled dot-product and multi-head
 * attention, the encoder layer (PyTorch batch-first layouts), learning-rate schedules, AdamW and the
 * decoder-only character language model task. No React, no DOM.
 */
export { multiHeadAttention, scaledDotProductAttention } from './attention';
export type {
  AttentionMaskOptions,
  MultiHeadAttentionOptions,
  MultiHeadAttentionOutput,
  MultiHeadAttentionWeights,
  ScaledDotProductAttentionOutput,
} from './attention';
export { causalMask, MASK_VALUE } from './ops';
export { positionalEncoding, positionalEncodingTable } from './positionalEncoding';
export { feedForward, gelu, layerNorm, transformerEncoderLayer } from './encoderLayer';
export type {
  LayerNormWeights,
  LinearWeights,
  TransformerActivation,
  TransformerEncoderLayerOptions,
  TransformerEncoderLayerWeights,
} from './encoderLayer';
export { transformerDecoderLayer } from './decoderLayer';
export type {
  TransformerDecoderAttention,
  TransformerDecoderLayerOptions,
  TransformerDecoderLayerWeights,
} from './decoderLayer';
export {
  SEQUENCE_ALPHABETS,
  SEQUENCE_HELD_OUT_FRACTION,
  SEQUENCE_TASKS,
  sequenceTaskDataset,
  sequenceTaskTarget,
} from './seqTasks';
export type { SequenceAlphabet, SequenceTaskName, SequenceTaskOptions } from './seqTasks';
export {
  resolveTransformerSeq2SeqConfig,
  TRANSFORMER_SEQ2SEQ_DEFAULTS,
  TRANSFORMER_SEQ2SEQ_LIMITS,
  transformerSeq2SeqParameterCount,
} from './encoderDecoderConfig';
export type {
  ResolvedTransformerSeq2SeqConfig,
  TransformerSeq2SeqConfig,
} from './encoderDecoderConfig';
export { transformerSeq2SeqWeightNames } from './encoderDecoderNetwork';
export { createTransformerSeq2SeqTask } from './encoderDecoder';
export type { TransformerSeq2SeqTask, TransformerSeq2SeqTranslation } from './encoderDecoderTypes';
export { inverseSqrtSchedule, warmupCosineSchedule } from './schedules';
export type { InverseSqrtScheduleOptions, WarmupCosineScheduleOptions } from './schedules';
export { AdamW } from './adamw';
export type { AdamWOptions } from './adamw';
export {
  resolveTransformerLmConfig,
  TRANSFORMER_LM_DEFAULTS,
  TRANSFORMER_LM_LIMITS,
  TRANSFORMER_LR_SCHEDULES,
  TRANSFORMER_POSITIONS,
  transformerLmParameterCount,
} from './lmConfig';
export type {
  ResolvedTransformerLmConfig,
  TransformerLmConfig,
  TransformerLrSchedule,
  TransformerPositions,
} from './lmConfig';
export { transformerLmWeightNames } from './lmNetwork';
export { createTransformerLmTask } from './lm';
export type {
  TransformerAttentionMaps,
  TransformerLmSampleOptions,
  TransformerLmTask,
} from './lmTypes';
