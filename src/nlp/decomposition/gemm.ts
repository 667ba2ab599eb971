/**
 * The dense matrix product of the randomized SVD (BLAS's `dgemm`, C ± A B) in plain TypeScript,
 * on row-major blocks inside larger Float64Arrays, in 2 x 4 register tiles: each step of the
 * summed index loads 2 entries of A and 4 of B for 8 multiply-adds, and the 8 sums stay in
 * registers until the tile is done (one load and store of C per tile instead of one per
 * term). In V8 this runs about twice as fast as a loop that keeps a row of C in memory.
 * During a randomized-SVD fit, a C that lives in the wasm memory goes to the SIMD kernel
 * (wasmCalls.ts), which gives the same bits.
 */
import { gemmWasm } from './wasmCalls';

/** The operands of {@link gemm}: row-major blocks given by an array, an offset and a row stride. */
export interface GemmArgs {
  /** Rows of C and A. */
  m: number;
  /** Columns of C and B. */
  n: number;
  /** Columns of A = rows of B (the summed index). */
  k: number;
  /** The array holding A; A[i, t] = a[aOffset + i * lda + t]. */
  a: Float64Array;
  /** Index of A[0, 0] in `a` (default 0). */
  aOffset?: number;
  /** Row stride of A (its leading dimension), >= k. */
  lda: number;
  /** The array holding B; B[t, j] = b[bOffset + t * ldb + j]. */
  b: Float64Array;
  /** Index of B[0, 0] in `b` (default 0). */
  bOffset?: number;
  /** Row stride of B, >= n. */
  ldb: number;
  /** The array holding C, updated in place; C[i, j] = c[cOffset + i * ldc + j]. */
  c: Float64Array;
  /** Index of C[0, 0] in `c` (default 0). */
  cOffset?: number;
  /** Row stride of C, >= n. */
  ldc: number;
  /** C -= A B instead of C += A B. */
  subtract?: boolean;
  /**
   * B is taken as upper triangular: its entries below the diagonal (B[t, j], t > j) are not
   * read, and the products with them are skipped.
   */
  bUpper?: boolean;
  /**
   * Only C's entries on and above the diagonal are needed (m = n, e.g. a Gram matrix): tiles
   * wholly below it are skipped; entries below it in the other tiles are updated as well.
   */
  cUpper?: boolean;
}

/**
 * C += A B (or C -= A B) for A `[m, k]`, B `[k, n]`, C `[m, n]`, each a row-major block
 * (offset, row stride) that may sit inside a larger array; A and B may share C's array when
 * the blocks do not overlap C's. Modifies C in place. An internal kernel: the sizes are not
 * checked (an index past an array's end reads undefined and writes nothing, giving NaN).
 */
export function gemm(args: GemmArgs): void {
  const { m, n, k, a, lda, b, ldb, c, ldc } = args;
  const aOff = args.aOffset ?? 0;
  const bOff = args.bOffset ?? 0;
  const cOff = args.cOffset ?? 0;
  const bUpper = args.bUpper ?? false;
  const cUpper = args.cUpper ?? false;
  const subtract = args.subtract ?? false;
  if (
    gemmWasm({
      ...{ m, n, k, a, aOffset: aOff, lda, b, bOffset: bOff, ldb, c, cOffset: cOff, ldc },
      ...{ subtract, bUpper, cUpper },
    })
  ) {
    return;
  }
  const sign = subtract ? -1 : 1;
  const n4 = n - (n % 4);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * lda;
    const a1 = a0 + lda;
    const c0 = cOff + i * ldc;
    const c1 = c0 + ldc;
    for (let j = cUpper ? i - (i % 4) : 0; j < n4; j += 4) {
      // With bUpper, the full rows of B's tile are t < j; rows j .. j + 3 are its triangle.
      const tEnd = bUpper ? Math.min(k, j) : k;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let t = 0, bo = bOff + j; t < tEnd; t++, bo += ldb) {
        const x0 = a[a0 + t];
        const x1 = a[a1 + t];
        const b0 = b[bo];
        const b1 = b[bo + 1];
        const b2 = b[bo + 2];
        const b3 = b[bo + 3];
        s00 += x0 * b0;
        s01 += x0 * b1;
        s02 += x0 * b2;
        s03 += x0 * b3;
        s10 += x1 * b0;
        s11 += x1 * b1;
        s12 += x1 * b2;
        s13 += x1 * b3;
      }
      if (bUpper) {
        for (let t = j, bo = bOff + j * ldb + j; t < Math.min(k, j + 4); t++, bo += ldb) {
          const x0 = a[a0 + t];
          const x1 = a[a1 + t];
          const d = t - j; // B[t, j + e] is read for e >= d only
          if (d === 0) {
            s00 += x0 * b[bo];
            s10 += x1 * b[bo];
          }
          if (d <= 1) {
            s01 += x0 * b[bo + 1];
            s11 += x1 * b[bo + 1];
          }
          if (d <= 2) {
            s02 += x0 * b[bo + 2];
            s12 += x1 * b[bo + 2];
          }
          s03 += x0 * b[bo + 3];
          s13 += x1 * b[bo + 3];
        }
      }
      c[c0 + j] += sign * s00;
      c[c0 + j + 1] += sign * s01;
      c[c0 + j + 2] += sign * s02;
      c[c0 + j + 3] += sign * s03;
      c[c1 + j] += sign * s10;
      c[c1 + j + 1] += sign * s11;
      c[c1 + j + 2] += sign * s12;
      c[c1 + j + 3] += sign * s13;
    }
    for (let j = n4; j < n; j++) {
      const tEnd = bUpper ? Math.min(k, j + 1) : k;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0, bo = bOff + j; t < tEnd; t++, bo += ldb) {
        s0 += a[a0 + t] * b[bo];
        s1 += a[a1 + t] * b[bo];
      }
      c[c0 + j] += sign * s0;
      c[c1 + j] += sign * s1;
    }
  }
  if (i < m) {
    const a0 = aOff + i * lda;
    const c0 = cOff + i * ldc;
    for (let j = cUpper ? i : 0; j < n; j++) {
      const tEnd = bUpper ? Math.min(k, j + 1) : k;
      let s = 0;
      for (let t = 0, bo = bOff + j; t < tEnd; t++, bo += ldb) s += a[a0 + t] * b[bo];
      c[c0 + j] += sign * s;
    }
  }
}
