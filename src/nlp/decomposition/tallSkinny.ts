/**
 * Bases of the column space of tall, thin row-major matrices (`rows x l`, rows >> l), the
 * normalisations between power iterations of the randomized SVD (LU in lu.ts, CholeskyQR2
 * here). Both work block- or row-wise: the column-at-a-time versions make ~l passes over a matrix that does not fit in
 * cache (15,000 x 110 float64 is 13 MB), which dominated the SVD's time.
 */
import { orthonormalize } from '../embeddings/svd';
import { crossProduct, denseTimesSmall } from './kernels';
import { markWasm, releaseTo } from './wasmKernels';

export { luPermuteL } from './lu';

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
  const mark = markWasm(); // the temporaries below are freed from a fit's wasm memory
  const qr = choleskyQr2(Y, rows, l);
  if (qr) Y.set(denseTimesSmall(qr.Y1, rows, l, qr.R2inv, l, true));
  releaseTo(mark);
  return qr ? Y : orthonormalize(Y, rows, l);
}
