/**
 * The dense and sparse products of the randomized SVD in plain TypeScript, written for V8:
 * every inner loop runs over contiguous memory and is unrolled over the summed index (several
 * multiply-adds per load and store of the output; the dense ones in gemm.ts's register tiles),
 * which roughly halves their time against the one-term loops (JavaScript has no SIMD; these
 * are the BLAS-2/3 calls that scikit-learn hands to OpenBLAS). All matrices are row-major
 * Float64Arrays.
 */
import type { CsrMatrixData } from '../vectorize/sparse';
import { gemm } from './gemm';
import { csrTimesDenseWasm, gemmWasm } from './wasmCalls';
import {
  allocF64,
  beginWasmFit,
  csrBytes,
  endWasmFit,
  markWasm,
  putCsr,
  releaseTo,
} from './wasmKernels';

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

/**
 * `A X` for CSR A (`[m, n]`) and X `[n, l]`: `[m, l]`, eight (then four, then one) stored
 * entries per pass over a row of the output (8 multiply-adds per load and store of it; about a
 * third faster than four in V8). Written into `out` (`[m, l]`, overwritten) when given. In the
 * wasm SIMD kernel (same bits) when A, X and the output live in a fit's wasm memory
 * (wasmKernels.ts).
 */
export function csrTimesDense(
  A: CsrMatrixData,
  X: Float64Array,
  l: number,
  out?: Float64Array,
): Float64Array {
  const m = A.shape[0];
  const { indptr, indices, data } = A;
  const Y = out ?? allocF64(m * l, false);
  if (csrTimesDenseWasm(A, X, l, Y)) return Y;
  Y.fill(0);
  for (let i = 0; i < m; i++) {
    const yo = i * l;
    const end = indptr[i + 1];
    let p = indptr[i];
    for (; p + 7 < end; p += 8) {
      const v0 = data[p];
      const v1 = data[p + 1];
      const v2 = data[p + 2];
      const v3 = data[p + 3];
      const v4 = data[p + 4];
      const v5 = data[p + 5];
      const v6 = data[p + 6];
      const v7 = data[p + 7];
      const x0 = indices[p] * l;
      const x1 = indices[p + 1] * l;
      const x2 = indices[p + 2] * l;
      const x3 = indices[p + 3] * l;
      const x4 = indices[p + 4] * l;
      const x5 = indices[p + 5] * l;
      const x6 = indices[p + 6] * l;
      const x7 = indices[p + 7] * l;
      for (let t = 0; t < l; t++) {
        Y[yo + t] +=
          v0 * X[x0 + t] +
          v1 * X[x1 + t] +
          v2 * X[x2 + t] +
          v3 * X[x3 + t] +
          (v4 * X[x4 + t] + v5 * X[x5 + t] + v6 * X[x6 + t] + v7 * X[x7 + t]);
      }
    }
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
 * {@link csrTimesDense} on its own (outside a randomized-SVD fit): with `wasm`, A and X are
 * copied into the wasm memory for this one product (when the SIMD kernels are available and no
 * fit holds the memory), else the TypeScript loop. Returns a plain Float64Array `[m, l]`.
 */
export function csrTimesDenseOnce(
  A: CsrMatrixData,
  X: Float64Array,
  l: number,
  wasm = true,
): Float64Array {
  const [m, n] = A.shape;
  if (!wasm || !beginWasmFit(csrBytes(A) + 8 * (n + m) * l + 64)) return csrTimesDense(A, X, l);
  try {
    putCsr(A);
    const x = allocF64(n * l, false);
    x.set(X.subarray(0, n * l));
    return csrTimesDense(A, x, l).slice();
  } finally {
    endWasmFit();
  }
}

/**
 * `Y M` for Y `[rows, l]` and a small M `[l, k]`: `[rows, k]` (gemm.ts's 2 x 4 tiles). With
 * `upper`, M is taken as upper triangular (the entries below its diagonal are not read).
 */
export function denseTimesSmall(
  Y: Float64Array,
  rows: number,
  l: number,
  M: Float64Array,
  k: number,
  upper = false,
): Float64Array {
  const out = allocF64(rows * k);
  gemm({ m: rows, n: k, k: l, a: Y, lda: l, b: M, ldb: k, c: out, ldc: k, bUpper: upper });
  return out;
}

/** Rows of A and B per block of {@link crossProduct} (two 64 x 110 float64 blocks: 112 kB). */
const CROSS_BLOCK = 64;

/**
 * `Aᵀ B` for A `[rows, la]` and B `[rows, lb]`: `[la, lb]`. Blocks of 64 rows: each block of A
 * is transposed into a small buffer, then gemm.ts adds its product with B's block. With
 * `upperOnly` (A = B, a Gram matrix), only the entries on and above the diagonal are computed
 * (the tiles below it are skipped) and the lower triangle is set to 0.
 */
export function crossProduct(
  A: Float64Array,
  B: Float64Array,
  rows: number,
  la: number,
  lb: number,
  upperOnly = false,
): Float64Array {
  const G = allocF64(la * lb);
  // In wasm, the kernel reads each block of A transposed in place (column stride la).
  for (let i0 = 0; i0 < rows; i0 += CROSS_BLOCK) {
    const gw = {
      ...{ m: la, n: lb, k: Math.min(CROSS_BLOCK, rows - i0), a: A, aOffset: i0 * la, lda: 1 },
      ...{ aColStride: la, b: B, bOffset: i0 * lb, ldb: lb, c: G, cOffset: 0, ldc: lb },
      ...{ subtract: false, bUpper: false, cUpper: upperOnly },
    };
    if (!gemmWasm(gw)) {
      // Only the first call can fail (G or the room for copies): the loop below starts afresh.
      if (i0 > 0) throw new Error('crossProduct: the wasm kernel failed part-way.');
      break;
    }
    if (i0 + CROSS_BLOCK >= rows) return zeroLower(G, la, lb, upperOnly);
  }
  const mark = markWasm();
  const At = allocF64(la * CROSS_BLOCK, false);
  for (let i0 = 0; i0 < rows; i0 += CROSS_BLOCK) {
    const rb = Math.min(CROSS_BLOCK, rows - i0);
    for (let r = 0; r < rb; r++) {
      const ao = (i0 + r) * la;
      for (let a = 0; a < la; a++) At[a * rb + r] = A[ao + a];
    }
    gemm({
      m: la,
      n: lb,
      k: rb,
      a: At,
      lda: rb,
      b: B,
      bOffset: i0 * lb,
      ldb: lb,
      c: G,
      ldc: lb,
      cUpper: upperOnly,
    });
  }
  releaseTo(mark);
  return zeroLower(G, la, lb, upperOnly);
}

/** G with its entries below the diagonal set to 0 when `upperOnly` (crossProduct's Gram). */
function zeroLower(G: Float64Array, la: number, lb: number, upperOnly: boolean): Float64Array {
  if (upperOnly) for (let a = 1; a < la; a++) G.fill(0, a * lb, a * lb + Math.min(a, lb));
  return G;
}
