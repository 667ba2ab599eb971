/**
 * The Transformer for chapter 15 (Vaswani et al. 2017): scaled dot-product and multi-head
 * attention, the encoder layer, in PyTorch's batch-first layouts. No React, no DOM.
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
export { feedForward, gelu, layerNorm, transformerEncoderLayer } from './encoderLayer';
export type {
  LayerNormWeights,
  LinearWeights,
  TransformerActivation,
  TransformerEncoderLayerOptions,
  TransformerEncoderLayerWeights,
} from './encoderLayer';
export { inverseSqrtSchedule, warmupCosineSchedule } from './schedules';
export type { InverseSqrtScheduleOptions, WarmupCosineScheduleOptions } from './schedules';
