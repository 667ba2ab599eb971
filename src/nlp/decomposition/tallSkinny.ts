/**
 * Bases of the column space of tall, thin row-major matrices (`rows x l`, rows >> l), the
 * normalisations between power iterations of the randomized SVD. Both work block- or
 * row-wise: the column-at-a-time versions make ~l passes over a matrix that does not fit in
 * cache (15,000 x 110 float64 is 13 MB), which dominated the SVD's time.
 */
import { orthonormalize } from '../embeddings/svd';
import { gemm } from './gemm';
import { crossProduct, denseTimesSmall } from './kernels';

const PANEL = 16;

/**
 * `Q, _ = scipy.linalg.lu(Y, permute_l=True)`: the permuted unit lower-trapezoidal factor P L of
 * a row-major `[rows, l]` matrix by Gaussian elimination with partial pivoting (LAPACK's getrf
 * order: panels of 16 columns, whole-row swaps), a well-conditioned basis of the same column
 * space. Each panel is factored in a column-major copy (so the pivot search and the
 * eliminations run over contiguous memory), and the trailing rows are updated in one pass
 * (a matrix product in 2 x 4 register tiles, gemm.ts). A zero pivot leaves its column's multipliers at 0.
 * Does not modify Y unless `overwrite` (then Y is the workspace and its contents are lost:
 * saves a copy when Y is a temporary).
 */
export function luPermuteL(
  Y: Float64Array,
  rows: number,
  l: number,
  overwrite = false,
): Float64Array {
  const A = overwrite ? Y : Y.slice();
  const perm = Int32Array.from({ length: rows }, (_, i) => i);
  const steps = Math.min(rows, l);
  const P = new Float64Array(PANEL * rows);
  const piv = new Int32Array(PANEL);
  for (let jb = 0; jb < steps; jb += PANEL) {
    const je = Math.min(jb + PANEL, steps);
    const w = je - jb;
    // Panel: columns [jb, je) of rows [jb, rows), row-major in P (stride w). One pass over the
    // rows per column: scale the multiplier, update the row's panel entries right of it, and
    // find the next column's pivot (the first largest |entry|, as LAPACK's idamax).
    for (let r = jb; r < rows; r++) {
      const ro = r * l + jb;
      const po = r * w;
      for (let c = 0; c < w; c++) P[po + c] = A[ro + c];
    }
    let p = jb;
    for (let r = jb + 1, best = Math.abs(P[jb * w]); r < rows; r++) {
      const v = Math.abs(P[r * w]);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    for (let c = 0; c < w; c++) {
      const j = jb + c;
      piv[c] = p;
      const jo = j * w;
      if (p !== j) {
        const po = p * w;
        for (let c2 = 0; c2 < w; c2++) {
          const t = P[jo + c2];
          P[jo + c2] = P[po + c2];
          P[po + c2] = t;
        }
        const t = perm[j];
        perm[j] = perm[p];
        perm[p] = t;
      }
      const pivot = P[jo + c];
      const inv = pivot === 0 ? 0 : 1 / pivot;
      let best = -1;
      p = j + 1;
      for (let r = j + 1; r < rows; r++) {
        const ro = r * w;
        const mult = P[ro + c] * inv;
        P[ro + c] = mult;
        for (let c2 = c + 1; c2 < w; c2++) P[ro + c2] -= mult * P[jo + c2];
        if (c + 1 < w) {
          const v = Math.abs(P[ro + c + 1]);
          if (v > best) {
            best = v;
            p = r;
          }
        }
      }
    }
    // The panel's row swaps on the columns outside it (earlier multipliers and trailing part).
    for (let c = 0; c < w; c++) {
      const j = jb + c;
      const p = piv[c];
      if (p === j) continue;
      const jo = j * l;
      const po = p * l;
      for (let x = 0; x < l; x++) {
        if (x === jb) x = je;
        if (x >= l) break;
        const t = A[jo + x];
        A[jo + x] = A[po + x];
        A[po + x] = t;
      }
    }
    for (let r = jb; r < rows; r++) {
      const ro = r * l + jb;
      const po = r * w;
      for (let c = 0; c < w; c++) A[ro + c] = P[po + c];
    }
    if (je >= l) continue;
    // U12 = L11^-1 A12 (rows [jb, je), columns [je, l)).
    for (let i = jb + 1; i < je; i++) {
      for (let t = jb; t < i; t++) {
        const m = A[i * l + t];
        if (m !== 0) for (let c = je; c < l; c++) A[i * l + c] -= m * A[t * l + c];
      }
    }
    // Trailing rows: A22 -= L21 U12 (gemm.ts's register tiles, two rows at a time).
    gemm({
      m: rows - je,
      n: l - je,
      k: w,
      a: A,
      aOffset: je * l + jb,
      lda: l,
      b: A,
      bOffset: jb * l + je,
      ldb: l,
      c: A,
      cOffset: je * l + je,
      ldc: l,
      subtract: true,
    });
  }
  const out = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) {
    const o = perm[r] * l;
    const a = r * l;
    for (let c = 0; c < Math.min(r, l); c++) out[o + c] = A[a + c];
    if (r < l) out[o + r] = 1;
  }
  return out;
}

/**
 * The Cholesky factor of one Cholesky QR step: G = Yᵀ Y = Rᵀ R, with R and R⁻¹ (both upper
 * triangular, row-major `[l, l]`, zeros below the diagonal; R⁻¹ by back substitution, l³/6
 * operations). One pass over Y's rows.
 *
 * @returns null when G is numerically not positive definite (a pivot below 1e-12 of its
 *   diagonal entry: Y is (near) rank-deficient).
 */
function choleskyOfGram(
  Y: Float64Array,
  rows: number,
  l: number,
): { R: Float64Array; Ri: Float64Array } | null {
  const G = crossProduct(Y, Y, rows, l, l, true);
  const R = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    let d = G[j * l + j];
    for (let t = 0; t < j; t++) d -= R[t * l + j] ** 2;
    if (!(d > 1e-12 * G[j * l + j])) return null;
    const rjj = Math.sqrt(d);
    R[j * l + j] = rjj;
    for (let c = j + 1; c < l; c++) {
      let v = G[j * l + c];
      for (let t = 0; t < j; t++) v -= R[t * l + j] * R[t * l + c];
      R[j * l + c] = v / rjj;
    }
  }
  const Ri = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    Ri[j * l + j] = 1 / R[j * l + j];
    for (let i = j - 1; i >= 0; i--) {
      let v = 0;
      for (let t = i + 1; t <= j; t++) v += R[i * l + t] * Ri[t * l + j];
      Ri[i * l + j] = -v / R[i * l + i];
    }
  }
  return { R, Ri };
}

/** The pieces of CholeskyQR2 (see {@link choleskyQr2}): Y = Q R with Q = Y1 R2⁻¹. */
export interface CholeskyQr2 {
  /** Y R1⁻¹, `[rows, l]`: the first step's (nearly orthonormal) basis. */
  Y1: Float64Array;
  /** R2⁻¹, upper triangular `[l, l]`. */
  R2inv: Float64Array;
  /** R = R2 R1, upper triangular `[l, l]` (zeros below the diagonal). */
  R: Float64Array;
}

/**
 * CholeskyQR2 (Fukaya et al. 2014) of a tall Y (`[rows, l]`, rows >= l) without its last pass:
 * Y1 = Y R1⁻¹ with G1 = Yᵀ Y = R1ᵀ R1, then Y1ᵀ Y1 = R2ᵀ R2; the orthonormal factor is
 * Q = Y1 R2⁻¹ and R = R2 R1 (as orthogonal as Householder QR for condition numbers up to ~1e8).
 * Three passes over the rows; a caller that needs only Q C for a small C forms Y1 (R2⁻¹ C).
 *
 * @returns null when Y is (near) rank-deficient (a Gram matrix not positive definite).
 */
export function choleskyQr2(Y: Float64Array, rows: number, l: number): CholeskyQr2 | null {
  const first = choleskyOfGram(Y, rows, l);
  if (!first) return null;
  const Y1 = denseTimesSmall(Y, rows, l, first.Ri, l, true);
  const second = choleskyOfGram(Y1, rows, l);
  if (!second) return null;
  const R = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let t = i; t < l; t++) {
      const v = second.R[i * l + t];
      for (let j = t; j < l; j++) R[i * l + j] += v * first.R[t * l + j];
    }
  }
  return { Y1, R2inv: second.Ri, R };
}

/**
 * An orthonormal basis of Y's columns, in place: CholeskyQR2 ({@link choleskyQr2}, four
 * passes over the rows); when Y is (near) rank-deficient, classical Gram-Schmidt twice
 * (chapter 8's `orthonormalize`, which zeroes dependent columns) on the original Y instead.
 * Spans the same space as `scipy.linalg.qr(Y, mode='economic')`'s Q (the signs may differ,
 * which the SVD's `svd_flip` removes).
 *
 * @returns Y.
 */
export function orthonormalizeTall(Y: Float64Array, rows: number, l: number): Float64Array {
  if (rows < l) return orthonormalize(Y, rows, l);
  const qr = choleskyQr2(Y, rows, l);
  if (qr) {
    Y.set(denseTimesSmall(qr.Y1, rows, l, qr.R2inv, l, true));
    return Y;
  }
  return orthonormalize(Y, rows, l);
}
