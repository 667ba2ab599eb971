/**
 * The Transformer encoder layer (Vaswani et al. 2017, section 3.1) in PyTorch's layout, post-LN
 * (the paper's order) or pre-LN (Xiong et al. 2020, "On Layer Normalization in the Transformer
 * Architecture"; GPT-2), with layer normalisation (Ba, Kiros & Hinton 2016) and ReLU or exact GELU
 * (Hendrycks & Gimpel 2016). Raw tfjs ops, differentiable with tfjs autograd. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { multiHeadAttention, type MultiHeadAttentionWeights } from './attention';
import { checkFloat, checkShape, linear } from './ops';

/** Feed-forward activations: ReLU, or GELU in its exact erf form (PyTorch's `gelu` default). */
export type TransformerActivation = 'relu' | 'gelu';

/** A PyTorch `nn.Linear`: weight `[out, in]`, bias `[out]`. */
export interface LinearWeights {
  weight: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** A PyTorch `nn.LayerNorm(E)`: gain (weight) and bias, both `[E]`. */
export interface LayerNormWeights {
  weight: tf.Tensor1D;
  bias: tf.Tensor1D;
}

/** Weights of {@link transformerEncoderLayer}: those of `torch.nn.TransformerEncoderLayer`. */
export interface TransformerEncoderLayerWeights {
  /** `self_attn` ({@link MultiHeadAttentionWeights}). */
  selfAttn: MultiHeadAttentionWeights;
  /** `linear1`: weight `[F, E]`, bias `[F]` (F = dim_feedforward). */
  linear1: LinearWeights;
  /** `linear2`: weight `[E, F]`, bias `[E]`. */
  linear2: LinearWeights;
  /** `norm1`, `[E]` each. */
  norm1: LayerNormWeights;
  /** `norm2`, `[E]` each. */
  norm2: LayerNormWeights;
}

/** Options of {@link transformerEncoderLayer}. */
export interface TransformerEncoderLayerOptions {
  /** h, the attention heads (divides E). */
  numHeads: number;
  /** Pre-LN (`true`: x + Sublayer(LN(x))) or post-LN (`false`: LN(x + Sublayer(x))). Default false. */
  normFirst?: boolean;
  /** Default 'relu' (PyTorch's default). */
  activation?: TransformerActivation;
  /** Causal self-attention (a decoder-only language model's blocks). Default false. */
  causal?: boolean;
  /** Padding mask `[B, T]` (or `[B, T, T]`), 1 = may attend. */
  mask?: tf.Tensor;
  /** The layer norms' epsilon, > 0. Default 1e-5 (PyTorch's). */
  layerNormEps?: number;
}

/**
 * Layer normalisation over the last axis (Ba et al. 2016): `(x - mean) / sqrt(var + eps) * weight
 * + bias`, the biased variance, as `torch.nn.LayerNorm`.
 * @param x - float32 `[..., E]`; weight and bias `[E]`.
 */
export function layerNorm(x: tf.Tensor, weights: LayerNormWeights, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const xhat = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(xhat, weights.weight), weights.bias);
  });
}

/** GELU, exact form `x Φ(x) = 0.5 x (1 + erf(x / sqrt 2))` (Hendrycks & Gimpel 2016). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))));
}

/** The position-wise feed-forward network `linear2(act(linear1(x)))` (Vaswani et al. eq. 2). */
export function feedForward(
  x: tf.Tensor,
  linear1: LinearWeights,
  linear2: LinearWeights,
  activation: TransformerActivation,
): tf.Tensor {
  return tf.tidy(() => {
    const hidden = linear(x, linear1.weight, linear1.bias);
    const act = activation === 'gelu' ? gelu(hidden) : tf.relu(hidden);
    return linear(act, linear2.weight, linear2.bias);
  });
}

/**
 * One Transformer encoder layer, equal to `torch.nn.TransformerEncoderLayer(E, h, F, dropout=0,
 * activation, layer_norm_eps, batch_first=True, norm_first)` in training mode (`src_mask` the
 * causal mask when `causal`; `src_key_padding_mask` = NOT `mask`):
 * - post-LN (`normFirst` false): `x = LN1(x + SA(x)); x = LN2(x + FF(x))`;
 * - pre-LN (`normFirst` true): `x = x + SA(LN1(x)); x = x + FF(LN2(x))`.
 *
 * @param x - float32 `[B, T, E]`.
 * @param weights - {@link TransformerEncoderLayerWeights} (PyTorch layout).
 * @param options - {@link TransformerEncoderLayerOptions}.
 * @param attention - when given, receives every head's self-attention weights `[B, h, T, T]`
 *   (kept out of any enclosing tf.tidy only if the caller keeps them).
 * @returns `[B, T, E]`.
 * @throws RangeError for a bad activation, numHeads or epsilon; Error / TypeError naming the tensor
 *   for a wrong shape or dtype.
 */
export function transformerEncoderLayer(
  x: tf.Tensor3D,
  weights: TransformerEncoderLayerWeights,
  options: TransformerEncoderLayerOptions,
  attention?: (weights: tf.Tensor4D) => void,
): tf.Tensor3D {
  const who = 'transformerEncoderLayer';
  checkFloat(who, 'x', x, 3);
  const E = x.shape[2];
  const {
    numHeads,
    normFirst = false,
    activation = 'relu',
    causal = false,
    mask,
    layerNormEps = 1e-5,
  } = options ?? ({} as TransformerEncoderLayerOptions);
  if (activation !== 'relu' && activation !== 'gelu') {
    throw new RangeError(`${who}: activation must be "relu" or "gelu", got ${String(activation)}`);
  }
  if (!(typeof layerNormEps === 'number' && layerNormEps > 0 && Number.isFinite(layerNormEps))) {
    throw new RangeError(`${who}: layerNormEps must be a positive number, got ${layerNormEps}`);
  }
  if (typeof weights !== 'object' || weights === null) {
    throw new TypeError(`${who}: weights must be { selfAttn, linear1, linear2, norm1, norm2 }`);
  }
  const F = (checkFloat(who, 'weights.linear1.weight', weights.linear1?.weight, 2) as tf.Tensor2D)
    .shape[0];
  checkShape(who, 'weights.linear1.weight', weights.linear1.weight, [F, E]);
  checkShape(who, 'weights.linear1.bias', weights.linear1.bias, [F]);
  checkShape(who, 'weights.linear2.weight', weights.linear2?.weight, [E, F]);
  checkShape(who, 'weights.linear2.bias', weights.linear2.bias, [E]);
  for (const n of ['norm1', 'norm2'] as const) {
    checkShape(who, `weights.${n}.weight`, weights[n]?.weight, [E]);
    checkShape(who, `weights.${n}.bias`, weights[n].bias, [E]);
  }
  const attnOptions = { numHeads, causal, mask };
  const selfAttention = (y: tf.Tensor3D) => {
    const res = multiHeadAttention(y, y, y, weights.selfAttn, attnOptions);
    attention?.(res.weights);
    return res.output;
  };
  const ff = (y: tf.Tensor) => feedForward(y, weights.linear1, weights.linear2, activation);
  const ln = (y: tf.Tensor, w: LayerNormWeights) => layerNorm(y, w, layerNormEps);
  return tf.tidy(() => {
    if (normFirst) {
      const a = tf.add(x, selfAttention(ln(x, weights.norm1) as tf.Tensor3D));
      return tf.add(a, ff(ln(a, weights.norm2))) as tf.Tensor3D;
    }
    const a = ln(tf.add(x, selfAttention(x)), weights.norm1);
    return ln(tf.add(a, ff(a)), weights.norm2) as tf.Tensor3D;
  });
}
