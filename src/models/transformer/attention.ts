/**
 * Scaled dot-product and multi-head attention (Vaswani et al. 2017, "Attention Is All You Need",
 * eq. 1 and section 3.2.2), batch-first and in PyTorch's weight layout
 * (`torch.nn.MultiheadAttention(E, h, batch_first=True)`). Raw tfjs ops, differentiable with tfjs
 * autograd. No React, no DOM.
 *
 * Notation: B batch, Tq queries, Tk keys, d_k key size, d_v value size, E model size, h heads,
 * d_h = E / h the size of one head.
 *
 * Speed: one fused in-projection for self-attention (`[B·T, E] x [E, 3E]`), every head in one
 * batched product (`[B·h, Tq, d_h] x [B·h, d_h, Tk]`), the causal mask built once per length
 * ({@link causalMask}), no loop over heads or positions, and products whose gradients avoid the
 * transposed matMuls that are slow on wasm ({@link batchMatMul}).
 */
import * as tf from '@tensorflow/tfjs';
import {
  batchMatMul,
  causalMask,
  checkFloat,
  checkShape,
  linear,
  MASK_VALUE,
  shapeOf,
} from './ops';

/** Masks of {@link scaledDotProductAttention} and {@link multiHeadAttention}. */
export interface AttentionMaskOptions {
  /**
   * Hide every key to the right of its query (key j > query i): the causal, look-ahead mask of a
   * decoder or language model. Needs Tq = Tk. Default false.
   */
  causal?: boolean;
  /**
   * Which keys a query may read: 1 (or true) = may attend, 0 = masked (the opposite of PyTorch's
   * boolean `key_padding_mask`, the same as chapter 14's masks). Either `[B, Tk]` (a padding mask:
   * the same for every query) or `[B, Tq, Tk]`; int32, bool or float32 (0 / 1). Combined with
   * `causal` when both are given.
   */
  mask?: tf.Tensor;
}

/** Result of {@link scaledDotProductAttention}. */
export interface ScaledDotProductAttentionOutput {
  /** `softmax(q k^T / sqrt(d_k)) v`, `[B, Tq, d_v]`. */
  output: tf.Tensor3D;
  /** The attention weights `[B, Tq, Tk]`: masked entries exactly 0, every row sums to 1. */
  weights: tf.Tensor3D;
}

/** Weights of {@link multiHeadAttention}: `torch.nn.MultiheadAttention`'s parameters. */
export interface MultiHeadAttentionWeights {
  /** W_Q, W_K, W_V stacked by rows, `[3E, E]` (`in_proj_weight`). */
  inProjWeight: tf.Tensor2D;
  /** Their biases `[3E]` (`in_proj_bias`). */
  inProjBias: tf.Tensor1D;
  /** W_O `[E, E]` (`out_proj.weight`). */
  outProjWeight: tf.Tensor2D;
  /** `[E]` (`out_proj.bias`). */
  outProjBias: tf.Tensor1D;
}

/** Options of {@link multiHeadAttention}. */
export interface MultiHeadAttentionOptions extends AttentionMaskOptions {
  /** h, the number of heads; must divide E. */
  numHeads: number;
}

/** Result of {@link multiHeadAttention}. */
export interface MultiHeadAttentionOutput {
  /** `Concat(head_1..head_h) W_O^T + b_O`, `[B, Tq, E]`. */
  output: tf.Tensor3D;
  /**
   * Every head's attention weights `[B, h, Tq, Tk]` (PyTorch's `need_weights=True,
   * average_attn_weights=False`): masked entries exactly 0, rows sum to 1.
   */
  weights: tf.Tensor4D;
}

/**
 * The additive mask, broadcastable to `[B, h, Tq, Tk]` (rank 4), or null when nothing is masked.
 */
function maskBias(
  who: string,
  B: number,
  Tq: number,
  Tk: number,
  options: AttentionMaskOptions,
): tf.Tensor | null {
  const { causal = false, mask } = options;
  if (typeof causal !== 'boolean') throw new TypeError(`${who}: causal must be a boolean`);
  if (causal && Tq !== Tk) {
    throw new Error(
      `${who}: the causal mask needs as many queries as keys, got Tq ${Tq}, Tk ${Tk}`,
    );
  }
  let bias: tf.Tensor | null = causal ? tf.reshape(causalMask(Tq), [1, 1, Tq, Tq]) : null;
  if (mask === undefined) return bias;
  if (!(mask instanceof tf.Tensor)) throw new TypeError(`${who}: mask must be a tf.Tensor`);
  if (mask.dtype !== 'int32' && mask.dtype !== 'bool' && mask.dtype !== 'float32') {
    throw new TypeError(
      `${who}: mask must be int32, bool or float32 (1 = attend), got ${mask.dtype}`,
    );
  }
  const ok =
    (mask.rank === 2 && mask.shape[0] === B && mask.shape[1] === Tk) ||
    (mask.rank === 3 && mask.shape[0] === B && mask.shape[1] === Tq && mask.shape[2] === Tk);
  if (!ok) {
    throw new Error(
      `${who}: mask must be [B, Tk] = [${B}, ${Tk}] or [B, Tq, Tk] = [${B}, ${Tq}, ${Tk}], got ${shapeOf(mask)}`,
    );
  }
  const hidden = tf.cast(tf.logicalNot(tf.cast(mask, 'bool')), 'float32');
  const m = tf.reshape(
    tf.mul(hidden, MASK_VALUE),
    mask.rank === 2 ? [B, 1, 1, Tk] : [B, 1, Tq, Tk],
  );
  bias = bias ? tf.add(bias, m) : m;
  return bias;
}

/**
 * The attention of every head at once: q `[B·h, Tq, d]`, k `[B·h, Tk, d]`, v `[B·h, Tk, dv]`,
 * bias broadcastable to `[B, h, Tq, Tk]`. Returns the outputs `[B·h, Tq, dv]` and the weights
 * `[B, h, Tq, Tk]`.
 */
function attendHeads(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  B: number,
  h: number,
  bias: tf.Tensor | null,
): { out: tf.Tensor3D; weights: tf.Tensor4D } {
  const [, Tq, d] = q.shape;
  const Tk = k.shape[1];
  // PyTorch scales the queries before the product: the same value, one multiply of B·h·Tq·d.
  let scores: tf.Tensor = tf.reshape(batchMatMul(tf.mul(q, 1 / Math.sqrt(d)), k, true), [
    B,
    h,
    Tq,
    Tk,
  ]);
  if (bias) scores = tf.add(scores, bias);
  const weights = tf.softmax(scores) as tf.Tensor4D;
  const out = batchMatMul(tf.reshape(weights, [B * h, Tq, Tk]) as tf.Tensor3D, v);
  return { out, weights };
}

/**
 * Scaled dot-product attention, Vaswani et al. (2017) eq. 1:
 * `Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) + M) V`, M = 0 where a key may be read and
 * -1e9 (for -inf) where it is masked.
 *
 * @param q - queries, float32 `[B, Tq, d_k]`.
 * @param k - keys, float32 `[B, Tk, d_k]`.
 * @param v - values, float32 `[B, Tk, d_v]`.
 * @param options - `causal` (needs Tq = Tk) and `mask` (`[B, Tk]` or `[B, Tq, Tk]`, 1 = attend).
 * @returns `{ output [B, Tq, d_v], weights [B, Tq, Tk] }`; masked weights are exactly 0.
 * @throws TypeError / Error naming the tensor for a wrong dtype, rank or size.
 */
export function scaledDotProductAttention(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  options: AttentionMaskOptions = {},
): ScaledDotProductAttentionOutput {
  const who = 'scaledDotProductAttention';
  checkFloat(who, 'q', q, 3);
  checkFloat(who, 'k', k, 3);
  checkFloat(who, 'v', v, 3);
  const [B, Tq, dk] = q.shape;
  const Tk = k.shape[1];
  checkShape(who, 'k', k, [B, Tk, dk]);
  checkShape(who, 'v', v, [B, Tk, v.shape[2]]);
  return tf.tidy(() => {
    const { out, weights } = attendHeads(q, k, v, B, 1, maskBias(who, B, Tq, Tk, options));
    return { output: out, weights: tf.reshape(weights, [B, Tq, Tk]) as tf.Tensor3D };
  });
}

/** `[B, T, E]` -> `[B·h, T, E/h]`: head i reads features i·d_h .. (i+1)·d_h - 1 (PyTorch's order). */
function splitHeads(x: tf.Tensor, B: number, T: number, h: number, dh: number): tf.Tensor3D {
  return tf.reshape(tf.transpose(tf.reshape(x, [B, T, h, dh]), [0, 2, 1, 3]), [B * h, T, dh]);
}

/**
 * Multi-head attention, Vaswani et al. (2017) section 3.2.2:
 * `MultiHead(Q, K, V) = Concat(head_1, ..., head_h) W_O^T + b_O`, with
 * `head_i = Attention(Q W_Q,i^T + b_Q,i, K W_K,i^T + b_K,i, V W_V,i^T + b_V,i)`; equal to
 * `torch.nn.MultiheadAttention(E, h, batch_first=True)(query, key, value,
 * need_weights=True, average_attn_weights=False)` (dropout 0). When `query`, `key` and `value` are
 * the same tensor (self-attention) the three projections are one product with `inProjWeight`.
 *
 * @param query - float32 `[B, Tq, E]`.
 * @param key - float32 `[B, Tk, E]`.
 * @param value - float32 `[B, Tk, E]`.
 * @param weights - {@link MultiHeadAttentionWeights} (PyTorch layout).
 * @param options - `numHeads` (divides E), `causal`, `mask` (1 = attend) as in
 *   {@link scaledDotProductAttention}.
 * @returns `{ output [B, Tq, E], weights [B, h, Tq, Tk] }`.
 * @throws RangeError when numHeads is not a positive integer dividing E; TypeError / Error naming
 *   the tensor for a wrong dtype, rank or size.
 */
export function multiHeadAttention(
  query: tf.Tensor3D,
  key: tf.Tensor3D,
  value: tf.Tensor3D,
  weights: MultiHeadAttentionWeights,
  options: MultiHeadAttentionOptions,
): MultiHeadAttentionOutput {
  const who = 'multiHeadAttention';
  checkFloat(who, 'query', query, 3);
  checkFloat(who, 'key', key, 3);
  const [B, Tq, E] = query.shape;
  const Tk = key.shape[1];
  checkShape(who, 'key', key, [B, Tk, E]);
  checkShape(who, 'value', value, [B, Tk, E]);
  const h = options?.numHeads;
  if (!Number.isInteger(h) || h < 1 || E % h !== 0) {
    throw new RangeError(
      `${who}: numHeads must be a positive integer that divides the model size E = ${E}, got ${String(h)}`,
    );
  }
  if (typeof weights !== 'object' || weights === null) {
    throw new TypeError(
      `${who}: weights must be { inProjWeight, inProjBias, outProjWeight, outProjBias }`,
    );
  }
  checkShape(who, 'weights.inProjWeight', weights.inProjWeight, [3 * E, E]);
  checkShape(who, 'weights.inProjBias', weights.inProjBias, [3 * E]);
  checkShape(who, 'weights.outProjWeight', weights.outProjWeight, [E, E]);
  checkShape(who, 'weights.outProjBias', weights.outProjBias, [E]);
  const dh = E / h;
  return tf.tidy(() => {
    const bias = maskBias(who, B, Tq, Tk, options);
    const w = weights.inProjWeight;
    const b = weights.inProjBias;
    let q: tf.Tensor3D;
    let k: tf.Tensor3D;
    let v: tf.Tensor3D;
    if (query === key && key === value) {
      // [B, T, 3E] -> [B, 3h, T, d_h] -> three [B, h, T, d_h].
      const qkv = tf.transpose(tf.reshape(linear(query, w, b), [B, Tq, 3 * h, dh]), [0, 2, 1, 3]);
      [q, k, v] = tf.split(qkv, 3, 1).map((t) => tf.reshape(t, [B * h, Tq, dh]) as tf.Tensor3D);
    } else {
      const part = (i: number, n: number) =>
        [tf.slice(w, [i * E, 0], [n * E, E]), tf.slice(b, [i * E], [n * E])] as [
          tf.Tensor2D,
          tf.Tensor1D,
        ];
      q = splitHeads(linear(query, ...part(0, 1)), B, Tq, h, dh);
      if (key === value) {
        const kv = tf.transpose(
          tf.reshape(linear(key, ...part(1, 2)), [B, Tk, 2 * h, dh]),
          [0, 2, 1, 3],
        );
        [k, v] = tf.split(kv, 2, 1).map((t) => tf.reshape(t, [B * h, Tk, dh]) as tf.Tensor3D);
      } else {
        k = splitHeads(linear(key, ...part(1, 1)), B, Tk, h, dh);
        v = splitHeads(linear(value, ...part(2, 1)), B, Tk, h, dh);
      }
    }
    const heads = attendHeads(q, k, v, B, h, bias);
    const concat = tf.reshape(tf.transpose(tf.reshape(heads.out, [B, h, Tq, dh]), [0, 2, 1, 3]), [
      B,
      Tq,
      E,
    ]);
    const output = linear(concat, weights.outProjWeight, weights.outProjBias) as tf.Tensor3D;
    return { output, weights: heads.weights };
  });
}
