/**
 * The tensor side of one word2vec step: negative-sampling scores, the loss, the SGD gradients and
 * the sparse row updates of the two embedding tables, without autograd and without a dense
 * `[V, d]` gradient. See `createWord2VecTask` for the maths. No React, no DOM.
 *
 * Sparse updates (`table[r] += Σ grad rows of r`) have three formulations, chosen per backend
 * (TFJS_NOTES.md pitfall 1; measured by tests/bench/word2vec.mjs):
 * - `segment`: `tf.sparse.sparseSegmentSum` of the gradient rows grouped by table row (a plan made
 *   in JS by counting sort), then `tf.tensorScatterUpdate(table, rows, gather(table, rows) +
 *   sums)`: O(n·d) plus one copy of the table. Native kernels on wasm and cpu.
 * - `scatter`: `table + tf.scatterND(ids, grads, [V, d])` (duplicates add): no plan, but a dense
 *   zero-filled `[V, d]` and a dense add.
 * - `gather`: segment sums by repeated padded gathers + sums (chunks of {@link CHUNK} rows, shapes
 *   padded to buckets so WebGL compiles each shader once), then `table + gather([sums; 0],
 *   rowToSlot)`: only gathers and reductions, which a fragment shader does well; WebGL's scatter
 *   and segment kernels either scan every update per output texel or read back to the CPU.
 *
 * Where a skip-gram step's time goes on wasm (B 4,096 pairs, K 5, d 100, SOTU; Node 20, quiet
 * moments, min of interleaved runs; tests/bench/word2vecProfile.mjs): gathering the 24,576
 * output rows (GatherNd) 1.2-2.7 ms; scores (mul + sum) 2.2 ms; the two `[B·(K+1), d]` step
 * products 1.4 ms; the syn1neg segment sum 1.5-3.5 ms (its rows are read in random order: the
 * negatives are random) and the syn0 one 0.5 ms (rows sorted by input id, read in order); the two
 * table updates (gather + add + TensorScatterUpdate, each a full copy of the table) 1.5-2 ms; the
 * rest under 1 ms; plus 1.6 ms of JS (batch 0.6, row sort 0.2, plans 0.8). Every one of these is
 * a pass over B·(K+1)·d floats or a table: the step is memory-bound, about 12-15 ms.
 */
import * as tf from '@tensorflow/tfjs';
import type { SegmentPlan } from './batches';

/** How a batch's gradient rows are added into a table. */
export type SparseUpdate = 'segment' | 'scatter' | 'gather';

/** Rows summed per padded gather in the `gather` formulation. */
export const CHUNK = 8;

/** The formulation `auto` picks on a backend (measured: see the module comment). */
export function defaultSparseUpdate(backend: string): SparseUpdate {
  return backend === 'webgl' ? 'gather' : 'segment';
}

/** Rounds `n` up to a bucket (multiples of 1/8 of the next power of two), min 8. */
export function bucket(n: number): number {
  if (n <= 8) return 8;
  const p = 2 ** Math.ceil(Math.log2(n));
  const step = Math.max(1, p / 8);
  return Math.ceil(n / step) * step;
}

/** Index arrays of the `gather` formulation, built in JS from a {@link SegmentPlan}. */
export interface GatherPlan {
  /** Per level: int32 `[chunksPadded * CHUNK]` indices into the previous level (+ a zero row). */
  levels: { index: Int32Array; rows: number; inRows: number }[];
  /** int32 `[V]`: slot of each table row in the final sums, or the zero slot. */
  rowToSlot: Int32Array;
  /** Rows of the final sums tensor (padded), the zero slot being the last + 1. */
  slots: number;
}

/**
 * Plans the `gather` formulation: segment j (gradient rows `perm[...]` of table row `rows[j]`) is
 * summed in ceil(log_CHUNK(max count)) levels; every level's input gets a zero row appended (index
 * = its row count) used as padding.
 */
export function gatherPlan(plan: SegmentPlan, dataRows: number, vocab: number): GatherPlan {
  const U = plan.rows.length;
  // current level: for each segment, a list (start, count) of consecutive entries in `cur`
  let cur = plan.perm;
  let segStart = new Int32Array(U);
  let segCount = new Int32Array(U);
  {
    let p = 0;
    for (let s = 0; s < U; s++) {
      segStart[s] = p;
      while (p < plan.segmentIds.length && plan.segmentIds[p] === s) p++;
      segCount[s] = p - segStart[s];
    }
  }
  let inRows = dataRows;
  const levels: GatherPlan['levels'] = [];
  let identity = false; // whether `cur` is the identity over the previous level's rows
  for (;;) {
    let chunks = 0;
    let maxCount = 0;
    for (let s = 0; s < U; s++) {
      chunks += Math.ceil(segCount[s] / CHUNK);
      if (segCount[s] > maxCount) maxCount = segCount[s];
    }
    const last = maxCount <= CHUNK;
    const rows = bucket(last ? U : chunks);
    const index = new Int32Array(rows * CHUNK).fill(inRows);
    const nextStart = new Int32Array(U);
    const nextCount = new Int32Array(U);
    let c = 0;
    for (let s = 0; s < U; s++) {
      nextStart[s] = c;
      const n = segCount[s];
      for (let k = 0; k < n; k += CHUNK) {
        const m = Math.min(CHUNK, n - k);
        for (let t = 0; t < m; t++) {
          const e = segStart[s] + k + t;
          index[c * CHUNK + t] = identity ? e : cur[e];
        }
        c++;
      }
      nextCount[s] = c - nextStart[s];
    }
    levels.push({ index, rows, inRows });
    if (last) {
      const rowToSlot = new Int32Array(vocab).fill(rows);
      for (let s = 0; s < U; s++) rowToSlot[plan.rows[s]] = s;
      return { levels, rowToSlot, slots: rows };
    }
    inRows = rows;
    cur = new Int32Array(0);
    identity = true;
    segStart = nextStart;
    segCount = nextCount;
  }
}

/**
 * Applies `table[rows] += segment sums of grads` (see the module comment).
 *
 * @param table - float32 `[V, d]` variable (reassigned).
 * @param grads - float32 `[n, d]` gradient rows (already scaled by the learning rate, signed so
 *   that adding them descends the loss).
 * @param ids - int32 `[n]` table row of each gradient row (`scatter` only; masked rows must have
 *   zero gradients).
 * @param plan - the segment plan (`segment`), or the gather plan (`gather`).
 */
export function applySparseUpdate(
  table: tf.Variable,
  grads: tf.Tensor2D,
  mode: SparseUpdate,
  ids: tf.Tensor1D | null,
  plan: SegmentPlan | null,
  gplan: GatherPlan | null,
): void {
  const [V, d] = table.shape as [number, number];
  tf.tidy(() => {
    if (mode === 'scatter') {
      const dense = tf.scatterND(tf.reshape(ids!, [-1, 1]), grads, [V, d]);
      table.assign(tf.add(table, dense));
      return;
    }
    if (mode === 'segment') {
      const p = plan!;
      if (p.rows.length === 0) return;
      const rows = tf.tensor1d(p.rows, 'int32');
      const sums = tf.sparse.sparseSegmentSum(
        grads,
        tf.tensor1d(p.perm, 'int32'),
        tf.tensor1d(p.segmentIds, 'int32'),
      );
      const updated = tf.add(gatherRows(table as tf.Tensor2D, rows), sums);
      table.assign(tf.tensorScatterUpdate(table, tf.reshape(rows, [-1, 1]), updated));
      return;
    }
    const g = gplan!;
    let x: tf.Tensor2D = grads;
    for (const level of g.levels) {
      const padded = tf.concat([x, tf.zeros([1, d])], 0);
      const picked = tf.gather(padded, tf.tensor1d(level.index, 'int32'));
      x = tf.sum(tf.reshape(picked, [level.rows, CHUNK, d]), 1);
    }
    const withZero = tf.concat([x, tf.zeros([1, d])], 0);
    const dense = tf.gather(withZero, tf.tensor1d(g.rowToSlot, 'int32'));
    table.assign(tf.add(table, dense));
  });
}

/**
 * `tf.gather(table, ids)` (rows), by the fastest kernel of the backend. tfjs 4.22's GatherV2 runs
 * per element on wasm and cpu (24,576 rows of 100 floats: 250-520 ms here). On wasm, GatherNd with
 * `[n, 1]` indices copies whole rows (0.6-1.4 ms for those rows; SparseSegmentSum with one row per
 * segment: 3-7 ms); on cpu GatherNd is even slower than GatherV2 and SparseSegmentSum is the
 * fastest (27 ms); webgl's gather shader is already a plain lookup. Measured in Node 20 by
 * tests/bench/word2vecProfile.mjs.
 *
 * @param table - float32 `[V, d]`.
 * @param ids - int32 `[n]`, values in [0, V) (not checked).
 * @returns float32 `[n, d]`.
 */
export function gatherRows(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const backend = tf.getBackend();
  if (backend === 'webgl') return tf.gather(table, ids);
  return tf.tidy(() => {
    const n = ids.shape[0];
    if (backend === 'wasm') return tf.gatherND(table, tf.reshape(ids, [n, 1])) as tf.Tensor2D;
    return tf.sparse.sparseSegmentSum(table, ids, tf.range(0, n, 1, 'int32')) as tf.Tensor2D;
  });
}

/**
 * Sums each group of `k` consecutive rows: `[n · k, d]` -> `[n, d]`. On webgl a reshape + sum; on
 * wasm and cpu a SparseSegmentSum over the identity with segment ids `floor(i / k)` (wasm, 4,096
 * groups of 6 rows of 100: 0.6 ms, where `tf.sum(x, 1)` of the `[n, k, d]` view costs 7 ms (a
 * transpose first) and the batched matMul 12 ms).
 */
export function sumGroups(x: tf.Tensor2D, k: number): tf.Tensor2D {
  const [rows, d] = x.shape;
  const n = rows / k;
  if (!Number.isInteger(n)) throw new RangeError(`sumGroups: ${rows} rows are not groups of ${k}`);
  return tf.tidy(() => {
    if (tf.getBackend() === 'webgl') return tf.sum(tf.reshape(x, [n, k, d]), 1) as tf.Tensor2D;
    const segments = new Int32Array(rows);
    for (let i = 0; i < rows; i++) segments[i] = Math.floor(i / k);
    return tf.sparse.sparseSegmentSum(
      x,
      tf.range(0, rows, 1, 'int32'),
      tf.tensor1d(segments, 'int32'),
    ) as tf.Tensor2D;
  });
}

/** Batch tensors of one negative-sampling step. */
export interface NegativeSamplingInputs {
  /** float32 `[B, d]`: the hidden vector (skip-gram: an input row; CBOW: the context mean). */
  hidden: tf.Tensor2D;
  /** float32 `[B, K+1, d]`: output rows (positive first, then the noise words). */
  outputs: tf.Tensor3D;
  /** float32 `[B, K+1]`: 1 where an output counts. */
  mask: tf.Tensor2D;
  /** float32 `[B, K+1]`: 1 in column 0 (the positive), 0 elsewhere. */
  labels: tf.Tensor2D;
  /** Scalar learning rate. */
  lr: tf.Scalar;
}

/** Scores, summed loss and SGD coefficients g `[B, K+1]` of {@link negativeSamplingParts}. */
function coefficients(x: NegativeSamplingInputs): { lossSum: tf.Scalar; g: tf.Tensor2D } {
  const [B, K1] = x.outputs.shape;
  // wasm, B 4,096, d 100, K 5, on SOTU batches, interleaved: mul + sum 2.2 ms (min; median 2.5),
  // batched matMul [B, 1, d] x [B, K+1, d]^T 2.4 ms (median 9: XNNPACK's many small products);
  // webgl (one packed shader) and cpu keep the batched matMul [B, K+1, d] x [B, d, 1]
  const scores =
    tf.getBackend() === 'wasm'
      ? tf.sum(tf.mul(x.outputs, tf.expandDims(x.hidden, 1)), 2)
      : tf.reshape(tf.matMul(x.outputs, tf.expandDims(x.hidden, 2)), [B, K1]);
  const sign = tf.sub(tf.mul(x.labels, 2), 1);
  const lossSum = tf.sum(tf.mul(tf.softplus(tf.neg(tf.mul(sign, scores))), x.mask)) as tf.Scalar;
  const g = tf.mul(tf.mul(tf.sub(x.labels, tf.sigmoid(scores)), x.mask), x.lr) as tf.Tensor2D;
  return { lossSum, g };
}

/**
 * Scores, loss and SGD steps of negative sampling (Mikolov et al. 2013b eq. 4; word2vec.c), with
 * the hidden step left as one part per output: s_k = u_k · h; g_k = lr · (label_k - σ(s_k)) ·
 * mask_k; `hiddenParts` row (b, k) = g_k u_k `[B·(K+1), d]` (the hidden step of row b is their sum
 * over k: a sparse update can add the parts straight into the input table, one segment sum doing
 * both the sum over k and the sum over duplicate rows) and `outputStep` row (b, k) = g_k h
 * `[B·(K+1), d]`, both from the weights before the step, as word2vec.c does within a pair. Loss per
 * row: softplus(-s_0) + Σ_{k≥1} softplus(s_k) = -log σ(s_0) - Σ log σ(-s_k), summed over the
 * batch (divide by the rows in use).
 */
export function negativeSamplingParts(x: NegativeSamplingInputs): {
  lossSum: tf.Scalar;
  hiddenParts: tf.Tensor2D;
  outputStep: tf.Tensor2D;
} {
  const [B, K1, d] = x.outputs.shape;
  const { lossSum, g } = coefficients(x);
  const g3 = tf.expandDims(g, 2);
  const hiddenParts = tf.reshape(tf.mul(g3, x.outputs), [B * K1, d]) as tf.Tensor2D;
  const outputStep = tf.reshape(tf.mul(g3, tf.expandDims(x.hidden, 1)), [B * K1, d]) as tf.Tensor2D;
  return { lossSum, hiddenParts, outputStep };
}

/**
 * {@link negativeSamplingParts} with the hidden step summed per row: `hiddenStep` = Σ_k g_k u_k
 * `[B, d]` (a batched matMul `[B, 1, K+1] x [B, K+1, d]` on webgl and cpu; on wasm the parts and
 * {@link sumGroups}, since that matMul costs 12 ms there for B 4,096, d 100, K 5, the segment sum
 * 0.6 ms; the cpu backend's segment sum is the slow one).
 */
export function negativeSamplingStep(x: NegativeSamplingInputs): {
  lossSum: tf.Scalar;
  hiddenStep: tf.Tensor2D;
  outputStep: tf.Tensor2D;
} {
  const [B, K1, d] = x.outputs.shape;
  if (tf.getBackend() !== 'wasm') {
    const { lossSum, g } = coefficients(x);
    const hiddenStep = tf.reshape(tf.matMul(tf.expandDims(g, 1), x.outputs), [B, d]) as tf.Tensor2D;
    const outputStep = tf.reshape(tf.mul(tf.expandDims(g, 2), tf.expandDims(x.hidden, 1)), [
      B * K1,
      d,
    ]) as tf.Tensor2D;
    return { lossSum, hiddenStep, outputStep };
  }
  const { lossSum, hiddenParts, outputStep } = negativeSamplingParts(x);
  return { lossSum, hiddenStep: sumGroups(hiddenParts, K1), outputStep };
}
