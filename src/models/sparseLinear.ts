/**
 * X·W for a batch of sparse rows (documents x features, CSR) and a dense weight matrix, with a
 * gradient for W that works on every tfjs backend. No React, no DOM.
 *
 * Two formulations, B = batch rows, V = features, K = weight columns, N = non-zeros of the batch
 * (a few hundred per tf-idf document: N is about B x 100 while V is thousands):
 *
 * - `sparse`: the batch as (row, col, value) triples. Forward
 *   `Z = scatterND(rows, gather(W, cols) * values, [B, K])` (scatterND adds duplicates, so this
 *   is the segment sum over each row's non-zeros); backward, through `tf.customGrad`,
 *   `dW = scatterND(cols, gather(dZ, rows) * values, [V, K])`, i.e. X^T dZ without forming X.
 *   `tf.unsortedSegmentSum` (gather's stock gradient) is avoided: the wasm backend lacks it and the
 *   cpu kernel loops over segments (TFJS_NOTES pitfall 1). Work O(N·K) on cpu and wasm, plus
 *   zero-filling the `[V, K]` gradient; on webgl a shader cannot scatter, so each output texel
 *   scans the N updates: O(V·K·N).
 * - `dense`: the batch densified in JavaScript to a `[B, V]` float32 matrix (B·V·4 bytes uploaded
 *   per step: 640 KB for B 32, V 5,000) and `tf.matMul`, whose gradient is `X^T dZ`, O(B·V·K) on
 *   every backend.
 *
 * `auto` picks per backend from tests/bench/linear-classifier.mjs (headless Chromium, batch 32, spam V 5,000 / review source V 1,914, ms per step): webgl (SwiftShader)
 * dense 38 vs sparse 900 / 414 (the scanning scatter is 11-24x slower), so `dense`; wasm sparse
 * 10.3 / 8.0 vs dense 12.0 / 11.0, and cpu sparse 14.6 / 11.3 vs dense 14.1 / 18.5, so `sparse`.
 */
import * as tf from '@tensorflow/tfjs';
import type { CsrMatrixLike, LinearMatmul } from './linearClassifierConfig';

/** One batch of CSR rows as coordinate triples (plain arrays, no tensors yet). */
export interface SparseBatch {
  /** Rows in the batch, B. */
  rows: number;
  /** Number of features V (columns). */
  cols: number;
  /** `[N]` batch row (0..B-1) of each non-zero. */
  rowIds: Int32Array;
  /** `[N]` feature index of each non-zero. */
  colIds: Int32Array;
  /** `[N]` value of each non-zero. */
  values: Float32Array;
}

/**
 * Collects the non-zeros of rows `rows` of `x` as (row, col, value) triples, rows renumbered
 * 0..B-1 in the order given. A batch with no non-zero at all (every document empty) gets one
 * explicit zero at (0, 0), so that tensors are never empty; it changes no result.
 *
 * @param x - CSR documents x features.
 * @param rows - row indices of `x` (e.g. a shuffled slice); not checked against `x`'s row count.
 */
export function csrBatch(x: CsrMatrixLike, rows: ArrayLike<number>): SparseBatch {
  const { indptr, indices, data } = x;
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += indptr[rows[i] + 1] - indptr[rows[i]];
  const size = Math.max(n, 1);
  const rowIds = new Int32Array(size);
  const colIds = new Int32Array(size);
  const values = new Float32Array(size);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      rowIds[k] = i;
      colIds[k] = indices[p];
      values[k] = data[p];
      k++;
    }
  }
  return { rows: rows.length, cols: x.shape[1], rowIds, colIds, values };
}

/** The batch as a dense row-major float32 `[B, V]` array. */
export function densify(batch: SparseBatch): Float32Array {
  const out = new Float32Array(batch.rows * batch.cols);
  for (let k = 0; k < batch.values.length; k++) {
    out[batch.rowIds[k] * batch.cols + batch.colIds[k]] += batch.values[k];
  }
  return out;
}

/** The formulation `auto` resolves to on the active backend (see the module comment). */
export function resolveMatmul(matmul: LinearMatmul, backend = tf.getBackend()): 'sparse' | 'dense' {
  if (matmul !== 'auto') return matmul;
  return backend === 'webgl' ? 'dense' : 'sparse';
}

/**
 * `X W` with X given as triples: float32 `[B, K]`, differentiable with respect to `w` (see the
 * module comment for the forward and backward formulas). Call inside `tf.tidy`/`variableGrads`.
 *
 * @param w - float32 `[V, K]`.
 * @param batch - the batch's triples; `batch.cols` must equal V.
 * @throws RangeError when `batch.cols` differs from `w`'s rows.
 */
export function sparseMatMul(w: tf.Tensor2D, batch: SparseBatch): tf.Tensor2D {
  const [v, k] = w.shape;
  if (batch.cols !== v) {
    throw new RangeError(`sparseMatMul: the batch has ${batch.cols} features but W has ${v} rows`);
  }
  const n = batch.values.length;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const weights = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const rowIds = tf.tensor1d(batch.rowIds, 'int32');
    const colIds = tf.tensor1d(batch.colIds, 'int32');
    const values = tf.tensor2d(batch.values, [n, 1]);
    // Tensors made in the forward pass are freed before the backward pass unless saved.
    save([rowIds, colIds, values]);
    const weighted = tf.mul(tf.gather(weights, colIds), values);
    return {
      value: tf.scatterND(tf.reshape(rowIds, [n, 1]), weighted, [batch.rows, k]) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [rows, cols, vals] = saved;
        const perEntry = tf.mul(tf.gather(dy, rows), vals);
        return tf.scatterND(tf.reshape(cols, [n, 1]), perEntry, [v, k]);
      },
    };
  });
  return op(w) as tf.Tensor2D;
}

/**
 * `X W` in the chosen formulation: float32 `[B, K]`, differentiable with respect to `w`.
 * @param mode - `sparse` ({@link sparseMatMul}) or `dense` (densify and `tf.matMul`).
 */
export function batchMatMul(
  w: tf.Tensor2D,
  batch: SparseBatch,
  mode: 'sparse' | 'dense',
): tf.Tensor2D {
  if (mode === 'sparse') return sparseMatMul(w, batch);
  return tf.matMul(tf.tensor2d(densify(batch), [batch.rows, batch.cols]), w);
}
