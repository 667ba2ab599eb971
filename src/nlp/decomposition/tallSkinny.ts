/**
 * Bases of the column space of tall, thin row-major matrices (`rows x l`, rows >> l), the
 * normalisations between power iterations of the randomized SVD. Both work block- or
 * row-wise: the column-at-a-time versions make ~l passes over a matrix that does not fit in
 * cache (15,000 x 110 float64 is 13 MB), which dominated the SVD's time.
 */
import { orthonormalize } from '../embeddings/svd';

const PANEL = 16;

/**
 * `Q, _ = scipy.linalg.lu(Y, permute_l=True)`: the permuted unit lower-trapezoidal factor P L of
 * a row-major `[rows, l]` matrix by Gaussian elimination with partial pivoting (LAPACK's getrf
 * order: panels of 16 columns, whole-row swaps), a well-conditioned basis of the same column
 * space. A zero pivot leaves its column's multipliers at 0. Does not modify Y.
 */
export function luPermuteL(Y: Float64Array, rows: number, l: number): Float64Array {
  const A = Float64Array.from(Y);
  const perm = Int32Array.from({ length: rows }, (_, i) => i);
  const steps = Math.min(rows, l);
  for (let jb = 0; jb < steps; jb += PANEL) {
    const je = Math.min(jb + PANEL, steps);
    // Panel: columns [jb, je), updated within the panel only.
    for (let j = jb; j < je; j++) {
      let p = j;
      let best = Math.abs(A[j * l + j]);
      for (let r = j + 1; r < rows; r++) {
        const v = Math.abs(A[r * l + j]);
        if (v > best) {
          best = v;
          p = r;
        }
      }
      if (p !== j) {
        for (let c = 0; c < l; c++) {
          const t = A[j * l + c];
          A[j * l + c] = A[p * l + c];
          A[p * l + c] = t;
        }
        const t = perm[j];
        perm[j] = perm[p];
        perm[p] = t;
      }
      const pivot = A[j * l + j];
      for (let r = j + 1; r < rows; r++) {
        const ro = r * l;
        const mult = pivot === 0 ? 0 : A[ro + j] / pivot;
        A[ro + j] = mult;
        if (mult !== 0) for (let c = j + 1; c < je; c++) A[ro + c] -= mult * A[j * l + c];
      }
    }
    if (je >= l) continue;
    // U12 = L11^-1 A12 (rows [jb, je), columns [je, l)).
    for (let i = jb + 1; i < je; i++) {
      for (let t = jb; t < i; t++) {
        const m = A[i * l + t];
        if (m !== 0) for (let c = je; c < l; c++) A[i * l + c] -= m * A[t * l + c];
      }
    }
    // Trailing rows: A22 -= L21 U12, one pass over the rows.
    for (let r = je; r < rows; r++) {
      const ro = r * l;
      for (let t = jb; t < je; t++) {
        const m = A[ro + t];
        if (m !== 0) for (let c = je; c < l; c++) A[ro + c] -= m * A[t * l + c];
      }
    }
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
 * One Cholesky QR step in place: G = Yᵀ Y, G = Rᵀ R, Y ← Y R⁻¹ (two passes over the rows).
 *
 * @returns false (Y unchanged... partly: the caller keeps a copy) when G is numerically not
 *   positive definite (a pivot below 1e-12 of its diagonal entry: Y is (near) rank-deficient).
 */
function choleskyQrStep(Y: Float64Array, rows: number, l: number): boolean {
  const G = new Float64Array(l * l);
  for (let i = 0; i < rows; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const ya = Y[o + a];
      if (ya !== 0) for (let b = a; b < l; b++) G[a * l + b] += ya * Y[o + b];
    }
  }
  const R = new Float64Array(l * l); // upper triangular
  for (let j = 0; j < l; j++) {
    let d = G[j * l + j];
    for (let t = 0; t < j; t++) d -= R[t * l + j] ** 2;
    if (!(d > 1e-12 * G[j * l + j])) return false;
    const rjj = Math.sqrt(d);
    R[j * l + j] = rjj;
    for (let c = j + 1; c < l; c++) {
      let v = G[j * l + c];
      for (let t = 0; t < j; t++) v -= R[t * l + j] * R[t * l + c];
      R[j * l + c] = v / rjj;
    }
  }
  for (let i = 0; i < rows; i++) {
    const o = i * l;
    for (let c = 0; c < l; c++) {
      let v = Y[o + c];
      for (let t = 0; t < c; t++) v -= Y[o + t] * R[t * l + c];
      Y[o + c] = v / R[c * l + c];
    }
  }
  return true;
}

/**
 * An orthonormal basis of Y's columns, in place: Cholesky QR applied twice ("CholeskyQR2",
 * Fukaya et al. 2014; as orthogonal as Householder QR for condition numbers up to ~1e8) in four
 * passes over the rows; when Y is (near) rank-deficient, classical Gram-Schmidt twice
 * (chapter 8's `orthonormalize`, which zeroes dependent columns) on the original Y instead.
 * Spans the same space as `scipy.linalg.qr(Y, mode='economic')`'s Q (the signs may differ,
 * which the SVD's `svd_flip` removes).
 *
 * @returns Y.
 */
export function orthonormalizeTall(Y: Float64Array, rows: number, l: number): Float64Array {
  if (rows < l) return orthonormalize(Y, rows, l);
  const copy = Float64Array.from(Y);
  if (choleskyQrStep(Y, rows, l) && choleskyQrStep(Y, rows, l)) return Y;
  Y.set(copy);
  return orthonormalize(Y, rows, l);
}
