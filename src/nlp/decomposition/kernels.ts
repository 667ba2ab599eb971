/**
 * The dense and sparse products of the randomized SVD in plain TypeScript, written for V8:
 * every inner loop runs over contiguous memory and is unrolled four ways over the summed index
 * (four multiply-adds per load and store of the output), which roughly halves their time
 * against the one-term loops (JavaScript has no SIMD; these are the BLAS-2/3 calls that
 * scikit-learn hands to OpenBLAS). All matrices are row-major Float64Arrays.
 */
import type { CsrMatrixData } from '../vectorize/sparse';

/** The CSR arrays of Aᵀ (`[n, m]`) for A `[m, n]` (a counting sort of the entries by column). */
export function transposeCsr(A: CsrMatrixData): CsrMatrixData {
  const [m, n] = A.shape;
  const { indptr, indices, data } = A;
  const nnz = indptr[m];
  const tIndptr = new Int32Array(n + 1);
  for (let p = 0; p < nnz; p++) tIndptr[indices[p] + 1]++;
  for (let j = 0; j < n; j++) tIndptr[j + 1] += tIndptr[j];
  const next = tIndptr.slice(0, n);
  const tIndices = new Int32Array(nnz);
  const tData = new Float64Array(nnz);
  for (let i = 0; i < m; i++) {
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const q = next[indices[p]]++;
      tIndices[q] = i;
      tData[q] = data[p];
    }
  }
  return { indptr: tIndptr, indices: tIndices, data: tData, shape: [n, m] };
}

/** `A X` for CSR A (`[m, n]`) and X `[n, l]`: `[m, l]`, four stored entries per pass over a row. */
export function csrTimesDense(A: CsrMatrixData, X: Float64Array, l: number): Float64Array {
  const m = A.shape[0];
  const { indptr, indices, data } = A;
  const Y = new Float64Array(m * l);
  for (let i = 0; i < m; i++) {
    const yo = i * l;
    const end = indptr[i + 1];
    let p = indptr[i];
    for (; p + 3 < end; p += 4) {
      const v0 = data[p];
      const v1 = data[p + 1];
      const v2 = data[p + 2];
      const v3 = data[p + 3];
      const x0 = indices[p] * l;
      const x1 = indices[p + 1] * l;
      const x2 = indices[p + 2] * l;
      const x3 = indices[p + 3] * l;
      for (let t = 0; t < l; t++) {
        Y[yo + t] += v0 * X[x0 + t] + v1 * X[x1 + t] + v2 * X[x2 + t] + v3 * X[x3 + t];
      }
    }
    for (; p < end; p++) {
      const v = data[p];
      const xo = indices[p] * l;
      for (let t = 0; t < l; t++) Y[yo + t] += v * X[xo + t];
    }
  }
  return Y;
}

/**
 * `Y M` for Y `[rows, l]` and a small M `[l, k]` (kept in cache): `[rows, k]`. With `upper`, M
 * is taken as upper triangular (the entries below its diagonal are not read).
 */
export function denseTimesSmall(
  Y: Float64Array,
  rows: number,
  l: number,
  M: Float64Array,
  k: number,
  upper = false,
): Float64Array {
  const out = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const yo = i * l;
    const oo = i * k;
    let t = 0;
    for (; t + 3 < l; t += 4) {
      const y0 = Y[yo + t];
      const y1 = Y[yo + t + 1];
      const y2 = Y[yo + t + 2];
      const y3 = Y[yo + t + 3];
      const m0 = t * k;
      const m1 = m0 + k;
      const m2 = m1 + k;
      const m3 = m2 + k;
      // With `upper`, columns t .. t + 2 get only the rows of M on and above their diagonal.
      if (upper) {
        for (let c = t; c < t + 3 && c < k; c++) {
          let s = y0 * M[m0 + c];
          if (c >= t + 1) s += y1 * M[m1 + c];
          if (c >= t + 2) s += y2 * M[m2 + c];
          out[oo + c] += s;
        }
      }
      for (let c = upper ? t + 3 : 0; c < k; c++) {
        out[oo + c] += y0 * M[m0 + c] + y1 * M[m1 + c] + y2 * M[m2 + c] + y3 * M[m3 + c];
      }
    }
    for (; t < l; t++) {
      const y = Y[yo + t];
      const mo = t * k;
      for (let c = upper ? t : 0; c < k; c++) out[oo + c] += y * M[mo + c];
    }
  }
  return out;
}

/**
 * `Aᵀ B` for A `[rows, la]` and B `[rows, lb]`: `[la, lb]`, four rows per pass. With `upperOnly`
 * (A = B, a Gram matrix), only the entries on and above the diagonal are computed and the
 * lower triangle is left at 0.
 */
export function crossProduct(
  A: Float64Array,
  B: Float64Array,
  rows: number,
  la: number,
  lb: number,
  upperOnly = false,
): Float64Array {
  const G = new Float64Array(la * lb);
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const a0 = i * la;
    const a1 = a0 + la;
    const a2 = a1 + la;
    const a3 = a2 + la;
    const b0 = i * lb;
    const b1 = b0 + lb;
    const b2 = b1 + lb;
    const b3 = b2 + lb;
    for (let a = 0; a < la; a++) {
      const y0 = A[a0 + a];
      const y1 = A[a1 + a];
      const y2 = A[a2 + a];
      const y3 = A[a3 + a];
      const go = a * lb;
      for (let b = upperOnly ? a : 0; b < lb; b++) {
        G[go + b] += y0 * B[b0 + b] + y1 * B[b1 + b] + y2 * B[b2 + b] + y3 * B[b3 + b];
      }
    }
  }
  for (; i < rows; i++) {
    const ao = i * la;
    const bo = i * lb;
    for (let a = 0; a < la; a++) {
      const y = A[ao + a];
      const go = a * lb;
      for (let b = upperOnly ? a : 0; b < lb; b++) G[go + b] += y * B[bo + b];
    }
  }
  return G;
}
