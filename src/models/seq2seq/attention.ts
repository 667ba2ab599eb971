/**
 * Attention over a sequence of keys (chapter 14): Bahdanau et al. (2015) additive scores and
 * Luong, Pham & Manning (2015) dot and general scores, a masked softmax, and the context vector.
 * Raw tfjs ops, differentiable with tfjs autograd. No React, no DOM.
 *
 * Notation: B batch, T keys (source positions), Tq queries (decoder steps), dq the query size, dk
 * the key size, U the additive attention's units. Weights follow PyTorch's `nn.Linear` layout
 * (`[out, in]`), no biases.
 */
import * as tf from '@tensorflow/tfjs';
import { denseMatMul } from '../../train/matmul';
import { batchMatMul } from '../transformer/ops';

/** Score functions: Bahdanau's additive (concat) score, Luong's dot and general scores. */
export type AttentionScore = 'additive' | 'dot' | 'general';

/** All score names. */
export const ATTENTION_SCORES: readonly AttentionScore[] = ['additive', 'dot', 'general'];

/** Weights of the additive score `v · tanh(W_q q + W_k k_t)` (Bahdanau et al. 2015, eq. A.1.2). */
export interface AdditiveAttentionWeights {
  /** W_q `[U, dq]` (PyTorch `nn.Linear(dq, U, bias=False).weight`). */
  wQuery: tf.Tensor2D;
  /** W_k `[U, dk]`. */
  wKeys: tf.Tensor2D;
  /** v `[U]`. */
  v: tf.Tensor1D;
}

/** Weight of Luong's general score `k_t · (W q)`: W `[dk, dq]` (`nn.Linear(dq, dk, bias=False)`). */
export interface GeneralAttentionWeights {
  w: tf.Tensor2D;
}

/** The weights each score needs (`dot` needs none). */
export type AttentionWeights = AdditiveAttentionWeights | GeneralAttentionWeights | undefined;

/** Result of the single-query functions. */
export interface AttentionOutput {
  /** The context `sum_t a_t k_t`, `[B, dk]`. */
  context: tf.Tensor2D;
  /** The attention weights a_t, `[B, T]`: 0 where masked, each row sums to 1. */
  weights: tf.Tensor2D;
}

/** Result of {@link batchedAttention}. */
export interface BatchedAttentionOutput {
  /** Contexts `[B, Tq, dk]`. */
  context: tf.Tensor3D;
  /** Attention weights `[B, Tq, T]`: 0 where masked, rows sum to 1. */
  weights: tf.Tensor3D;
}

/**
 * Added to the score of a masked position before the softmax: exp(-1e9 - max) is exactly 0 in
 * float32 and float64, so masked keys get exactly zero weight (and no gradient).
 */
export const MASKED_SCORE = -1e9;

const shape = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;

function checkFloat(who: string, name: string, t: unknown, rank: number): tf.Tensor {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${who}: ${name} must be a tf.Tensor`);
  if (t.dtype !== 'float32') throw new TypeError(`${who}: ${name} must be float32, got ${t.dtype}`);
  if (t.rank !== rank) {
    throw new Error(`${who}: ${name} must have rank ${rank}, got shape ${shape(t)}`);
  }
  return t;
}

function checkMask(who: string, mask: tf.Tensor | undefined, batch: number, time: number) {
  if (mask === undefined) return;
  if (!(mask instanceof tf.Tensor)) throw new TypeError(`${who}: mask must be a tf.Tensor`);
  if (mask.dtype !== 'int32' && mask.dtype !== 'float32' && mask.dtype !== 'bool') {
    throw new TypeError(`${who}: mask must be int32 (1 = may attend), got ${mask.dtype}`);
  }
  if (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== time) {
    throw new Error(`${who}: mask must be [${batch}, ${time}] like the keys, got ${shape(mask)}`);
  }
}

/**
 * Attention scores of every query against every key, before the softmax.
 * - `additive`: `e = v · tanh(W_q q + W_k k_t)` (Bahdanau et al. 2015);
 * - `dot`: `e = q · k_t` (Luong et al. 2015, eq. 8; needs dq = dk);
 * - `general`: `e = k_t · (W q)` = `q^T W^T k_t` (Luong et al. 2015, eq. 8, W `[dk, dq]`).
 *
 * @param queries - float32 `[B, Tq, dq]`.
 * @param keys - float32 `[B, T, dk]`.
 * @returns scores `[B, Tq, T]`.
 * @throws TypeError / Error for a missing weight, a wrong dtype, rank or size (naming the tensor).
 */
export function attentionScores(
  score: AttentionScore,
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  weights?: AttentionWeights,
): tf.Tensor3D {
  const who = `attentionScores (${score})`;
  if (!ATTENTION_SCORES.includes(score)) {
    throw new RangeError(
      `attentionScores: score must be one of ${ATTENTION_SCORES.join(', ')}, got ${String(score)}`,
    );
  }
  checkFloat(who, 'queries', queries, 3);
  checkFloat(who, 'keys', keys, 3);
  const [B, Tq, dq] = queries.shape;
  const [Bk, T, dk] = keys.shape;
  if (Bk !== B)
    throw new Error(`${who}: queries ${shape(queries)} and keys ${shape(keys)} differ in batch`);
  if (score === 'dot') {
    if (dq !== dk) {
      throw new Error(
        `${who}: the dot score needs queries and keys of one size, got dq ${dq} and dk ${dk}`,
      );
    }
    return tf.tidy(() => batchMatMul(queries, keys, true));
  }
  if (score === 'general') {
    const w = checkFloat(who, 'weights.w', (weights as GeneralAttentionWeights | undefined)?.w, 2);
    if (w.shape[0] !== dk || w.shape[1] !== dq) {
      throw new Error(`${who}: weights.w must be [dk, dq] = [${dk}, ${dq}], got ${shape(w)}`);
    }
    return tf.tidy(() => {
      const qw = denseMatMul(tf.reshape(queries, [B * Tq, dq]), tf.transpose(w) as tf.Tensor2D);
      return batchMatMul(tf.reshape(qw, [B, Tq, dk]) as tf.Tensor3D, keys, true);
    });
  }
  const aw = weights as AdditiveAttentionWeights | undefined;
  const wq = checkFloat(who, 'weights.wQuery', aw?.wQuery, 2);
  const wk = checkFloat(who, 'weights.wKeys', aw?.wKeys, 2);
  const v = checkFloat(who, 'weights.v', aw?.v, 1);
  const U = v.shape[0];
  if (wq.shape[0] !== U || wq.shape[1] !== dq) {
    throw new Error(`${who}: weights.wQuery must be [units, dq] = [${U}, ${dq}], got ${shape(wq)}`);
  }
  if (wk.shape[0] !== U || wk.shape[1] !== dk) {
    throw new Error(`${who}: weights.wKeys must be [units, dk] = [${U}, ${dk}], got ${shape(wk)}`);
  }
  return tf.tidy(() => {
    const pq = denseMatMul(tf.reshape(queries, [B * Tq, dq]), tf.transpose(wq) as tf.Tensor2D);
    const pk = denseMatMul(tf.reshape(keys, [B * T, dk]), tf.transpose(wk) as tf.Tensor2D);
    return additiveCombine(
      tf.reshape(pq, [B, Tq, 1, U]) as tf.Tensor4D,
      tf.reshape(pk, [B, 1, T, U]) as tf.Tensor4D,
      v as tf.Tensor1D,
    );
  });
}

/**
 * `e[b, q, t] = v · tanh(pq[b, q] + pk[b, t])` for projected queries `[B, Tq, 1, U]` and keys
 * `[B, 1, T, U]`, with the gradient written out. The tanh of the `[B·Tq·T, U]` pre-activation is
 * taken as tanh(x) = 2σ(2x) - 1, and only s = σ(2x) is made and saved: tfjs-wasm's Sigmoid is
 * XNNPACK's vectorised kernel, its Tanh a scalar `std::tanh` loop about 10x slower on this, the
 * largest tensor of the date model's step. So e = 2 (s · v) - Σv; backward,
 * d(pre) = (dy ⊗ 4v) ⊙ s ⊙ (1 - s) (= (dy ⊗ v) ⊙ (1 - th²)), summed over t for the queries and
 * over q for the keys, and dv = Σ_n dy_n th_n = 2 dy^T s - Σ dy as one transposed product (the
 * untransposed `[1, N] x [N, U]` form makes XNNPACK pack the whole s as weights at every call).
 */
function additiveCombine(pq: tf.Tensor4D, pk: tf.Tensor4D, v: tf.Tensor1D): tf.Tensor3D {
  const [B, Tq, , U] = pq.shape;
  const T = pk.shape[2];
  const N = B * Tq * T;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [q, k, vv, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    const s = tf.reshape(tf.sigmoid(tf.add(tf.mul(q, 2), tf.mul(k, 2))), [N, U]) as tf.Tensor2D;
    save([s, vv]);
    const sv = tf.matMul(s, tf.reshape(vv, [U, 1]));
    return {
      value: tf.reshape(tf.sub(tf.mul(sv, 2), tf.sum(vv)), [B, Tq, T]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ss, sV] = saved as [tf.Tensor2D, tf.Tensor1D];
        const dyCol = tf.reshape(dy, [N, 1]) as tf.Tensor2D;
        const outer = tf.matMul(dyCol, tf.reshape(tf.mul(sV, 4), [1, U]));
        const dpre = tf.reshape(tf.mul(tf.mul(outer, ss), tf.sub(1, ss)), [B, Tq, T, U]);
        const dys = tf.reshape(tf.matMul(dyCol, ss, true, false), [U]);
        return [tf.sum(dpre, 2, true), tf.sum(dpre, 1, true), tf.sub(tf.mul(dys, 2), tf.sum(dy))];
      },
    };
  });
  return op(pq, pk, v) as tf.Tensor3D;
}

/**
 * Softmax over the last axis of `scores` `[B, Tq, T]` where positions with `mask` 0 get weight
 * exactly 0 (their scores are replaced by {@link MASKED_SCORE}). A row whose keys are all masked
 * gets uniform weights over them (meaningless; do not mask every key).
 * @param mask - `[B, T]` (int32, float32 or bool), 1 where a key may be attended; optional.
 */
export function maskedSoftmax(scores: tf.Tensor3D, mask?: tf.Tensor2D): tf.Tensor3D {
  checkFloat('maskedSoftmax', 'scores', scores, 3);
  const [B, , T] = scores.shape;
  checkMask('maskedSoftmax', mask, B, T);
  return tf.tidy(() => {
    if (!mask) return tf.softmax(scores);
    const keep = tf.reshape(tf.cast(mask, 'bool'), [B, 1, T]);
    const masked = tf.where(
      tf.broadcastTo(keep, scores.shape),
      scores,
      tf.fill(scores.shape, MASKED_SCORE),
    );
    return tf.softmax(masked);
  });
}

/**
 * Attention for many queries at once (every decoder step of a batch in one product): scores
 * ({@link attentionScores}), masked softmax over the keys, contexts `a · K`.
 *
 * @param queries - float32 `[B, Tq, dq]`.
 * @param keys - float32 `[B, T, dk]` (also the values, as in Bahdanau's and Luong's models).
 * @param weights - per score: additive {@link AdditiveAttentionWeights}, general
 *   {@link GeneralAttentionWeights}, dot none.
 * @param mask - `[B, T]`, 1 where a key may be attended (int32; float32 / bool accepted).
 * @returns `{ context [B, Tq, dk], weights [B, Tq, T] }`.
 * @throws as {@link attentionScores}; Error for a mask that is not `[B, T]`.
 */
export function batchedAttention(
  score: AttentionScore,
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  weights?: AttentionWeights,
  mask?: tf.Tensor2D,
): BatchedAttentionOutput {
  checkFloat(`batchedAttention (${score})`, 'keys', keys, 3);
  checkMask(`batchedAttention (${score})`, mask, keys.shape[0], keys.shape[1]);
  return tf.tidy(() => {
    const a = maskedSoftmax(attentionScores(score, queries, keys, weights), mask);
    return { context: batchMatMul(a as tf.Tensor3D, keys), weights: a };
  });
}

function single(
  score: AttentionScore,
  query: tf.Tensor2D,
  keys: tf.Tensor3D,
  weights: AttentionWeights,
  mask?: tf.Tensor2D,
): AttentionOutput {
  const who = `${score}Attention`;
  checkFloat(who, 'query', query, 2);
  checkFloat(who, 'keys', keys, 3);
  const [B, dq] = query.shape;
  return tf.tidy(() => {
    const out = batchedAttention(score, tf.reshape(query, [B, 1, dq]), keys, weights, mask);
    const [, , dk] = keys.shape;
    const T = keys.shape[1];
    return {
      context: tf.reshape(out.context, [B, dk]) as tf.Tensor2D,
      weights: tf.reshape(out.weights, [B, T]) as tf.Tensor2D,
    };
  });
}

/**
 * Bahdanau, Cho & Bengio (2015), "Neural Machine Translation by Jointly Learning to Align and
 * Translate", appendix A.1.2: scores `e_t = v · tanh(W_q q + W_k k_t)`, weights
 * `a = softmax(e)` over the unmasked t, context `c = sum_t a_t k_t`.
 *
 * @param query - float32 `[B, dq]` (the decoder state).
 * @param keys - float32 `[B, T, dk]` (the encoder's annotations).
 * @param weights - `{ wQuery [U, dq], wKeys [U, dk], v [U] }`, PyTorch `nn.Linear` layout, no biases.
 * @param mask - int32 `[B, T]`, 1 where a key may be attended; default all.
 * @returns `{ context [B, dk], weights [B, T] }` (masked weights exactly 0, rows sum to 1).
 * @throws TypeError / Error naming the tensor for a wrong dtype, rank or size.
 */
export function additiveAttention(
  query: tf.Tensor2D,
  keys: tf.Tensor3D,
  weights: AdditiveAttentionWeights,
  mask?: tf.Tensor2D,
): AttentionOutput {
  return single('additive', query, keys, weights, mask);
}

/**
 * Luong, Pham & Manning (2015), "Effective Approaches to Attention-based Neural Machine
 * Translation", eq. 8, dot score: `e_t = q · k_t`; then as {@link additiveAttention}.
 * @param query - float32 `[B, d]`; keys float32 `[B, T, d]` (same size d).
 */
export function dotAttention(
  query: tf.Tensor2D,
  keys: tf.Tensor3D,
  mask?: tf.Tensor2D,
): AttentionOutput {
  return single('dot', query, keys, undefined, mask);
}

/**
 * Luong et al. (2015), eq. 8, general score: `e_t = k_t · (W q)` with W `[dk, dq]`
 * (`nn.Linear(dq, dk, bias=False).weight`); then as {@link additiveAttention}.
 */
export function generalAttention(
  query: tf.Tensor2D,
  keys: tf.Tensor3D,
  weights: GeneralAttentionWeights,
  mask?: tf.Tensor2D,
): AttentionOutput {
  return single('general', query, keys, weights, mask);
}
