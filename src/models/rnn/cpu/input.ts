/**
 * The input side of the cpu backend's recurrent op (./sequence.ts): reading x, the input
 * projection `X · W_ihᵀ + bias` for all steps, and the gradients dW_ih and dx. No React, no DOM.
 *
 * Three forms of x, all turned into time-major rows (row r = t*B + b is x[b, t]):
 * - dense float32 `[B, T, I]`: products with ./gemm.ts;
 * - sparse float32 `[B, T, I]` (at most a quarter of the entries non-zero, e.g. one-hot
 *   characters): compressed sparse rows, so the projection and dW_ih cost one row of W_ihᵀ per
 *   non-zero instead of a product over all I columns; dx is still the dense dZ · W_ih;
 * - int32 ids `[B, T]`: the one-hot columns of W_ih, never materialised (a sparse form with one
 *   entry 1 per row); x is an index, so it gets no gradient.
 */
import type * as tf from '@tensorflow/tfjs';
import { gemmNT, transpose, type GemmNT } from './gemm';

/** x as time-major rows `[R, I]`, R = T*B: dense values, or compressed sparse rows. */
export type SequenceInput =
  | { kind: 'dense'; rows: Float32Array; I: number }
  | {
      kind: 'sparse';
      /** Row r's entries are `[start[r], start[r + 1])` of `col` / `val`. */
      start: Int32Array;
      col: Int32Array;
      val: Float32Array;
      I: number;
      /** True for the ids form (no gradient for x). */
      ids: boolean;
    };

/** Use the sparse form when at most this fraction of x's entries is non-zero. */
const SPARSE_DENSITY = 0.25;

/**
 * Reads x into time-major rows.
 *
 * @param x - float32 `[B, T, I]` or int32 ids `[B, T]` (each id in `[0, I)`).
 * @param I - the input size (columns of W_ih).
 * @returns undefined for any other dtype or rank (the caller falls back to the op loops).
 * @throws RangeError for an id outside `[0, I)` or not an integer, naming it and its position.
 */
export function readInput(x: tf.Tensor, I: number): SequenceInput | undefined {
  if (x.rank === 2 && x.dtype === 'int32') return readIds(x.dataSync() as Int32Array, x.shape, I);
  if (x.rank !== 3 || x.dtype !== 'float32' || x.shape[2] !== I) return undefined;
  const [B, T] = x.shape;
  const v = x.dataSync() as Float32Array;
  let nnz = 0;
  for (let q = 0; q < v.length; q++) if (v[q] !== 0) nnz++;
  if (nnz > SPARSE_DENSITY * v.length) {
    // Time-major copy: row t*B + b <- x[b, t].
    const rows = new Float32Array(v.length);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++)
        rows.set(v.subarray((b * T + t) * I, (b * T + t + 1) * I), (t * B + b) * I);
    }
    return { kind: 'dense', rows, I };
  }
  const start = new Int32Array(T * B + 1);
  const col = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let e = 0;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const o = (b * T + t) * I;
      for (let k = 0; k < I; k++) {
        if (v[o + k] === 0) continue;
        col[e] = k;
        val[e++] = v[o + k];
      }
      start[t * B + b + 1] = e;
    }
  }
  return { kind: 'sparse', start, col, val, I, ids: false };
}

function readIds(v: Int32Array, shape: number[], I: number): SequenceInput {
  const [B, T] = shape;
  const start = new Int32Array(T * B + 1);
  const col = new Int32Array(T * B);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const id = v[b * T + t];
      if (!(id >= 0 && id < I)) {
        throw new RangeError(
          `runRnn (cpu): input id ${id} at [${b}, ${t}] is outside the input size [0, ${I})`,
        );
      }
      col[t * B + b] = id;
      start[t * B + b + 1] = t * B + b + 1;
    }
  }
  return { kind: 'sparse', start, col, val: new Float32Array(T * B).fill(1), I, ids: true };
}

/**
 * The input projections of all steps, `X · W_ihᵀ + bias` `[R, N]` (N = G*H), time-major rows.
 * @param wIh - W_ih `[N, I]` (PyTorch layout).
 * @param bias - `[N]` added to every row.
 * @param gemm - the dense product (default: JavaScript, bit-equal to tfjs-cpu's).
 */
export function inputProjection(
  x: SequenceInput,
  wIh: Float32Array,
  bias: Float32Array,
  R: number,
  N: number,
  gemm: GemmNT = gemmNT,
): Float32Array {
  // The product first, then the bias, each rounded to float32 (as matMul then add would).
  const xp = new Float32Array(R * N);
  if (x.kind === 'dense') {
    gemm(x.rows, wIh, xp, R, x.I, N);
  } else if (x.ids) {
    // One id per row with value 1: the projection of id k is row k of W_ihᵀ plus the bias (the
    // same float32 sum as below), so the I rows are computed once and the R rows looked up.
    const table = transpose(wIh, N, x.I);
    for (let q = 0; q < table.length; q++) table[q] += bias[q % N];
    for (let r = 0; r < R; r++) {
      const w = x.col[x.start[r]] * N;
      xp.set(table.subarray(w, w + N), r * N);
    }
    return xp;
  } else {
    const wT = transpose(wIh, N, x.I); // [I, N]: the column of W_ih for input k is row k
    const row = new Float64Array(N);
    for (let r = 0; r < R; r++) {
      row.fill(0);
      for (let e = x.start[r]; e < x.start[r + 1]; e++) {
        const v = x.val[e];
        const w = x.col[e] * N;
        for (let j = 0; j < N; j++) row[j] += v * wT[w + j];
      }
      xp.set(row, r * N);
    }
  }
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < N; j++) xp[r * N + j] += bias[j];
  }
  return xp;
}

/**
 * dLoss/dW_ih `[N, I]` = dXpᵀ · X over all R rows (N = G*H).
 * @param dXp - dLoss/d(input projection) `[R, N]`, time-major rows.
 * @param dXpT - its transpose `[N, R]` (the dense form's left operand; unused by the sparse form).
 */
export function inputWeightGrad(
  x: SequenceInput,
  dXp: Float32Array,
  dXpT: () => Float32Array,
  R: number,
  N: number,
  gemm: GemmNT = gemmNT,
): Float32Array {
  const { I } = x;
  if (x.kind === 'dense') {
    const dW = new Float32Array(N * I);
    gemm(dXpT(), transpose(x.rows, R, I), dW, N, R, I);
    return dW;
  }
  // Scatter-add: row r adds val * dXp[r] to row col of dW_ihᵀ [I, N].
  const dWT = new Float64Array(I * N);
  for (let r = 0; r < R; r++) {
    const o = r * N;
    for (let e = x.start[r]; e < x.start[r + 1]; e++) {
      const v = x.val[e];
      const w = x.col[e] * N;
      for (let j = 0; j < N; j++) dWT[w + j] += v * dXp[o + j];
    }
  }
  return transpose(Float32Array.from(dWT), I, N);
}

/**
 * dLoss/dx as time-major rows `[R, I]` = dXp · W_ih (dense for every float input).
 * @param wIh - W_ih `[N, I]`.
 */
export function inputGrad(
  dXp: Float32Array,
  wIh: Float32Array,
  R: number,
  N: number,
  I: number,
  gemm: GemmNT = gemmNT,
): Float32Array {
  const dx = new Float32Array(R * I);
  gemm(dXp, transpose(wIh, N, I), dx, R, N, I);
  return dx;
}
