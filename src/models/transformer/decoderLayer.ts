/**
 * The Transformer decoder layer (Vaswani et al. 2017, section 3.1, "Decoder") in PyTorch's layout:
 * causal self-attention over the target, cross-attention ("encoder-decoder attention", section
 * 3.2.3) from the target to the encoder's output (the memory), and the position-wise feed-forward
 * network, each in a residual connection with layer normalisation, post-LN or pre-LN. Raw tfjs ops,
 * differentiable with tfjs autograd. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { multiHeadAttention, type MultiHeadAttentionWeights } from './attention';
import {
  feedForward,
  layerNorm,
  type LayerNormWeights,
  type LinearWeights,
  type TransformerActivation,
} from './encoderLayer';
import { checkFloat, checkShape } from './ops';

/** Weights of {@link transformerDecoderLayer}: those of `torch.nn.TransformerDecoderLayer`. */
export interface TransformerDecoderLayerWeights {
  /** `self_attn`: the target's causal self-attention. */
  selfAttn: MultiHeadAttentionWeights;
  /** `multihead_attn`: the cross-attention (queries from the target, keys and values from the memory). */
  multiheadAttn: MultiHeadAttentionWeights;
  /** `linear1`: weight `[F, E]`, bias `[F]`. */
  linear1: LinearWeights;
  /** `linear2`: weight `[E, F]`, bias `[E]`. */
  linear2: LinearWeights;
  /** `norm1` (around self-attention), `[E]` each. */
  norm1: LayerNormWeights;
  /** `norm2` (around cross-attention). */
  norm2: LayerNormWeights;
  /** `norm3` (around the feed-forward network). */
  norm3: LayerNormWeights;
}

/** Options of {@link transformerDecoderLayer}. */
export interface TransformerDecoderLayerOptions {
  /** h, the attention heads of both attentions (divides E). */
  numHeads: number;
  /** Pre-LN (`true`) or post-LN (`false`, the paper's order). Default false. */
  normFirst?: boolean;
  /** Default 'relu'. */
  activation?: TransformerActivation;
  /** Causal self-attention (PyTorch's `tgt_mask` = the square subsequent mask). Default true. */
  causal?: boolean;
  /** Target padding mask `[B, T]` (or `[B, T, T]`), 1 = may attend (`tgt_key_padding_mask` = NOT mask). */
  mask?: tf.Tensor;
  /** Memory padding mask `[B, S]` (or `[B, T, S]`), 1 = may attend (`memory_key_padding_mask` = NOT mask). */
  memoryMask?: tf.Tensor;
  /** The layer norms' epsilon, > 0. Default 1e-5. */
  layerNormEps?: number;
}

/** What the optional callback of {@link transformerDecoderLayer} receives. */
export interface TransformerDecoderAttention {
  /** Self-attention weights `[B, h, T, T]` (0 above the diagonal when causal). */
  selfAttention: tf.Tensor4D;
  /** Cross-attention weights `[B, h, T, S]`: row t, how target position t reads the source. */
  crossAttention: tf.Tensor4D;
}

/**
 * One Transformer decoder layer, equal to `torch.nn.TransformerDecoderLayer(E, h, F, dropout=0,
 * activation, layer_norm_eps, batch_first=True, norm_first)(x, memory, tgt_mask=causal mask,
 * tgt_key_padding_mask=NOT mask, memory_key_padding_mask=NOT memoryMask)` in training mode:
 * - post-LN: `x = LN1(x + SA(x)); x = LN2(x + CA(x, m)); x = LN3(x + FF(x))`;
 * - pre-LN: `x = x + SA(LN1(x)); x = x + CA(LN2(x), m); x = x + FF(LN3(x))`.
 *
 * @param x - the target so far, float32 `[B, T, E]`.
 * @param memory - the encoder's output, float32 `[B, S, E]`.
 * @param weights - {@link TransformerDecoderLayerWeights} (PyTorch layout).
 * @param options - {@link TransformerDecoderLayerOptions}.
 * @param attention - when given, receives both attentions' weights (inside the layer's tf.tidy:
 *   `tf.keep` them to use them later).
 * @returns `[B, T, E]`.
 * @throws RangeError for a bad activation, numHeads or epsilon; Error / TypeError naming the tensor
 *   for a wrong shape or dtype.
 */
export function transformerDecoderLayer(
  x: tf.Tensor3D,
  memory: tf.Tensor3D,
  weights: TransformerDecoderLayerWeights,
  options: TransformerDecoderLayerOptions,
  attention?: (weights: TransformerDecoderAttention) => void,
): tf.Tensor3D {
  const who = 'transformerDecoderLayer';
  checkFloat(who, 'x', x, 3);
  checkFloat(who, 'memory', memory, 3);
  const [B, , E] = x.shape;
  checkShape(who, 'memory', memory, [B, memory.shape[1], E]);
  const {
    numHeads,
    normFirst = false,
    activation = 'relu',
    causal = true,
    mask,
    memoryMask,
    layerNormEps = 1e-5,
  } = options ?? ({} as TransformerDecoderLayerOptions);
  if (activation !== 'relu' && activation !== 'gelu') {
    throw new RangeError(`${who}: activation must be "relu" or "gelu", got ${String(activation)}`);
  }
  if (!(typeof layerNormEps === 'number' && layerNormEps > 0 && Number.isFinite(layerNormEps))) {
    throw new RangeError(`${who}: layerNormEps must be a positive number, got ${layerNormEps}`);
  }
  if (typeof weights !== 'object' || weights === null) {
    throw new TypeError(
      `${who}: weights must be { selfAttn, multiheadAttn, linear1, linear2, norm1, norm2, norm3 }`,
    );
  }
  const F = (checkFloat(who, 'weights.linear1.weight', weights.linear1?.weight, 2) as tf.Tensor2D)
    .shape[0];
  checkShape(who, 'weights.linear1.weight', weights.linear1.weight, [F, E]);
  checkShape(who, 'weights.linear1.bias', weights.linear1.bias, [F]);
  checkShape(who, 'weights.linear2.weight', weights.linear2?.weight, [E, F]);
  checkShape(who, 'weights.linear2.bias', weights.linear2.bias, [E]);
  for (const n of ['norm1', 'norm2', 'norm3'] as const) {
    checkShape(who, `weights.${n}.weight`, weights[n]?.weight, [E]);
    checkShape(who, `weights.${n}.bias`, weights[n].bias, [E]);
  }
  if (typeof weights.multiheadAttn !== 'object' || weights.multiheadAttn === null) {
    throw new TypeError(`${who}: weights.multiheadAttn is missing`);
  }
  let selfWeights: tf.Tensor4D | null = null;
  const selfAttention = (y: tf.Tensor3D) => {
    const res = multiHeadAttention(y, y, y, weights.selfAttn, { numHeads, causal, mask });
    selfWeights = res.weights;
    return res.output;
  };
  const crossAttention = (y: tf.Tensor3D) => {
    const res = multiHeadAttention(y, memory, memory, weights.multiheadAttn, {
      numHeads,
      mask: memoryMask,
    });
    if (attention) attention({ selfAttention: selfWeights!, crossAttention: res.weights });
    return res.output;
  };
  const ff = (y: tf.Tensor) => feedForward(y, weights.linear1, weights.linear2, activation);
  const ln = (y: tf.Tensor, w: LayerNormWeights) => layerNorm(y, w, layerNormEps) as tf.Tensor3D;
  return tf.tidy(() => {
    if (normFirst) {
      const a = tf.add(x, selfAttention(ln(x, weights.norm1))) as tf.Tensor3D;
      const b = tf.add(a, crossAttention(ln(a, weights.norm2))) as tf.Tensor3D;
      return tf.add(b, ff(ln(b, weights.norm3))) as tf.Tensor3D;
    }
    const a = ln(tf.add(x, selfAttention(x)), weights.norm1);
    const b = ln(tf.add(a, crossAttention(a)), weights.norm2);
    return ln(tf.add(b, ff(b)), weights.norm3);
  });
}
