import { describe, expect, it } from 'vitest';
import {
  crossProduct,
  csrTimesDense,
  denseTimesSmall,
  transposeCsr,
} from '../../../src/nlp/decomposition/kernels';
import { gemm } from '../../../src/nlp/decomposition/gemm';
import { standardNormal } from '../../../src/nlp/decomposition/randomizedSvd';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';

/** A dense `[rows, cols]` matrix whose row i has i % 9 non-zeros (every unroll remainder). */
function sparseRows(rows: number, cols: number): number[][] {
  const draws = standardNormal(rows * cols, 11);
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) =>
      (i * 7 + j * 3) % cols < i % 9 ? draws[i * cols + j] : 0,
    ),
  );
}

/** Row-major `A B` by the textbook triple loop. */
function naive(A: ArrayLike<number>, B: ArrayLike<number>, m: number, n: number, k: number) {
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += A[i * n + t] * B[t * k + c];
      out[i * k + c] = s;
    }
  return out;
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 12);
};

describe('randomized-SVD kernels (unrolled, register tiles) against the textbook loops', () => {
  const rows = 23;
  const cols = 13;
  const dense = sparseRows(rows, cols);
  const flat = Float64Array.from(dense.flat());
  const M = CsrMatrix.fromDense(dense);

  it('transposeCsr gives Aᵀ with sorted columns', () => {
    const T = transposeCsr(M);
    expect(T.shape).toEqual([cols, rows]);
    const back = new Float64Array(rows * cols);
    for (let j = 0; j < cols; j++) {
      for (let p = T.indptr[j]; p < T.indptr[j + 1]; p++) {
        if (p > T.indptr[j]) expect(T.indices[p]).toBeGreaterThan(T.indices[p - 1]);
        back[T.indices[p] * cols + j] = T.data[p];
      }
    }
    expect(Array.from(back)).toEqual(Array.from(flat));
  });

  it('csrTimesDense equals A X, and on Aᵀ equals Aᵀ Y, for l = 1, 4 and 7', () => {
    for (const l of [1, 4, 7]) {
      const X = standardNormal(cols * l, l);
      close(csrTimesDense(M, X, l), naive(flat, X, rows, cols, l));
      const Y = standardNormal(rows * l, 100 + l);
      const At = new Float64Array(cols * rows);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) At[j * rows + i] = flat[i * cols + j];
      close(csrTimesDense(transposeCsr(M), Y, l), naive(At, Y, cols, rows, l));
    }
  });

  it('denseTimesSmall equals Y M, and with `upper` Y triu(M)', () => {
    for (const [l, k] of [
      [7, 5],
      [9, 9],
      [4, 6],
    ]) {
      const Y = standardNormal(rows * l, 3 * l);
      const S = standardNormal(l * k, 7 * k);
      close(denseTimesSmall(Y, rows, l, S, k), naive(Y, S, rows, l, k));
      const U = S.map((v, i) => (Math.floor(i / k) <= i % k ? v : 0));
      const Junk = S.map((v, i) => (Math.floor(i / k) <= i % k ? v : 1e6)); // below-diagonal unread
      close(denseTimesSmall(Y, rows, l, Junk, k, true), naive(Y, U, rows, l, k));
    }
  });

  it('crossProduct equals Aᵀ B; with upperOnly, the upper triangle of Aᵀ A', () => {
    for (const n of [rows, 6, 1, 150]) {
      const A = standardNormal(n * 5, n);
      const B = standardNormal(n * 3, 50 + n);
      const At = new Float64Array(5 * n);
      for (let i = 0; i < n; i++) for (let a = 0; a < 5; a++) At[a * n + i] = A[i * 5 + a];
      close(crossProduct(A, B, n, 5, 3), naive(At, B, 5, n, 3));
      const G = naive(At, A, 5, n, 5).map((v, i) => (Math.floor(i / 5) <= i % 5 ? v : 0));
      close(crossProduct(A, A, n, 5, 5, true), G);
    }
  });

  it('gemm: C ± A B on blocks inside larger arrays, every tile remainder, both triangles', () => {
    // A [m, k] at offset 3 with row stride k + 2; B [k, n] at 5, stride n + 1; C at 2, stride n + 3.
    for (const [m, n, k] of [
      [7, 9, 5],
      [8, 8, 8],
      [1, 3, 2],
      [6, 11, 13],
    ]) {
      const lda = k + 2;
      const ldb = n + 1;
      const ldc = n + 3;
      const a = standardNormal(3 + m * lda, m);
      const b = standardNormal(5 + k * ldb, n);
      const c0 = standardNormal(2 + m * ldc, k);
      const at = (i: number, t: number) => a[3 + i * lda + t];
      const bt = (t: number, j: number) => b[5 + t * ldb + j];
      for (const subtract of [false, true]) {
        for (const tri of ['none', 'bUpper', 'cUpper'] as const) {
          if (tri === 'cUpper' && m !== n) continue;
          const c = Float64Array.from(c0);
          gemm({
            ...{ m, n, k, a, aOffset: 3, lda, b, bOffset: 5, ldb, c, cOffset: 2, ldc },
            ...{ subtract, bUpper: tri === 'bUpper', cUpper: tri === 'cUpper' },
          });
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let t = 0; t < k; t++) if (tri !== 'bUpper' || t <= j) s += at(i, t) * bt(t, j);
              const want = c0[2 + i * ldc + j] + (subtract ? -s : s);
              if (tri !== 'cUpper' || j >= i) expect(c[2 + i * ldc + j]).toBeCloseTo(want, 12);
            }
            // Entries outside the block (the stride padding) are untouched.
            for (let j = n; j < ldc && 2 + i * ldc + j < c.length; j++)
              expect(c[2 + i * ldc + j]).toBe(c0[2 + i * ldc + j]);
          }
        }
      }
    }
  });
});
