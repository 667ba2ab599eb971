/**
 * Truncated SVD of a sparse matrix by randomized subspace iteration (Halko, Martinsson & Tropp
 * 2011, "Finding structure with randomness", Algorithms 4.4 and 5.1; scikit-learn 1.2's
 * `randomized_svd`), and word vectors from it (Levy, Goldberg & Dagan 2015, section 3.3).
 *
 * The large products are sparse-times-dense loops over the CSR matrix; the tall thin bases are
 * orthonormalised by classical Gram-Schmidt applied twice ("CGS2", as accurate as Householder QR
 * for this purpose, Giraud et al. 2005), written here on row-major Float64Arrays because
 * ml-matrix's QrDecomposition takes ~7 s on a 10,000 x 110 matrix; the small (k + p) x (k + p)
 * SVD is ml-matrix 6.15.1's `SingularValueDecomposition` (Golub-Kahan-Reinsch, ported from
 * JAMA).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { CsrMatrix, type CsrMatrixData } from '../vectorize/sparse';
import { mulberry32 } from '../ngram/random';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Extra random directions p beyond k (scikit-learn `n_oversamples`, default 10). */
  nOversamples?: number;
  /**
   * Power (subspace) iterations q (scikit-learn `n_iter`, default 4): each multiplies by A A^T
   * once more, sharpening the decay of the spectrum at the cost of two sparse products.
   */
  nIter?: number;
  /** Seed of the Gaussian test matrix (default 0); the same seed gives the same result. */
  seed?: number;
  /**
   * Called after each sparse product with (products done, products in all = 2 nIter + 2), for a
   * progress bar when this runs in a Web Worker.
   */
  onProgress?: (done: number, total: number) => void;
}

/** A rank-k factorisation A ≈ U diag(S) V^T. */
export interface TruncatedSvd {
  /** Left singular vectors, row-major `[m, k]`. */
  U: Float64Array;
  /** Singular values, descending, length k. */
  S: Float64Array;
  /** Right singular vectors, row-major `[n, k]` (V, not V^T). */
  V: Float64Array;
  /** Number of components k. */
  k: number;
}

/**
 * The k largest singular triplets of a sparse m x n matrix by randomized subspace iteration:
 * Y = A Ω with Ω an n x (k + p) Gaussian matrix; q times: Q = orth(Y), Y = A (A^T Q); then
 * Q = orth(Y), B^T = A^T Q, B^T = Q2 R (Gram-Schmidt), and the small SVD R^T = Û Σ W^T (ml-matrix)
 * gives A ≈ (Q Û) Σ (Q2 W)^T. Signs follow scikit-learn's `svd_flip`: the largest-magnitude entry
 * of each column of U is positive. Exact (up to rounding) when k + p >= rank(A).
 *
 * Cost: 2q + 2 sparse products of O(nnz (k + p)) and q + 3 orthonormalisations of
 * O((m + n) (k + p)^2). On SOTU (V = 12,238, 2.5 M non-zeros, k = 100, q = 4) about 9 s of CPU
 * in Node: run it in a Web Worker. More iterations still help there (analogies 13/72 at q = 1,
 * 21/72 at q = 4), because the PPMI spectrum decays slowly.
 *
 * @param A the matrix (CSR).
 * @param k number of components, an integer in [1, min(m, n)].
 * @throws RangeError for a bad k, nOversamples or nIter.
 */
export function randomizedSvd(
  A: CsrMatrixData,
  k: number,
  options: RandomizedSvdOptions = {},
): TruncatedSvd {
  const { nOversamples = 10, nIter = 4, seed = 0, onProgress } = options;
  const M = CsrMatrix.from(A);
  const [m, n] = M.shape;
  if (!Number.isInteger(k) || k < 1 || k > Math.min(m, n)) {
    throw new RangeError(
      `randomizedSvd: k must be an integer in [1, ${Math.min(m, n)}], got ${k}.`,
    );
  }
  if (!Number.isInteger(nOversamples) || nOversamples < 0) {
    throw new RangeError(
      `randomizedSvd: nOversamples must be an integer >= 0, got ${nOversamples}.`,
    );
  }
  if (!Number.isInteger(nIter) || nIter < 0 || nIter > 50) {
    throw new RangeError(`randomizedSvd: nIter must be an integer in [0, 50], got ${nIter}.`);
  }
  const l = Math.min(k + nOversamples, m, n);
  const omega = gaussian(n * l, seed);
  const totalProducts = 2 * nIter + 2;
  let Q = orthonormalize(csrTimesDense(M, omega, l), m, l);
  onProgress?.(1, totalProducts);
  for (let it = 0; it < nIter; it++) {
    // Halko et al. orthonormalise after both products; one per iteration suffices in float64:
    // A^T Q (Q orthonormal) has condition number at most sigma_1 / sigma_l of A, so A (A^T Q)
    // loses nothing that CGS2 cannot recover. It saves a third of the time.
    Q = orthonormalize(csrTimesDense(M, csrTransposeTimesDense(M, Q, l), l), m, l);
    onProgress?.(2 * it + 3, totalProducts);
  }
  // B = Q^T A (l x n); factor B^T = Q2 R with R = Q2^T B^T (l x l).
  const Bt = csrTransposeTimesDense(M, Q, l);
  onProgress?.(totalProducts, totalProducts);
  const Q2 = orthonormalize(Float64Array.from(Bt), n, l);
  const r = new Float64Array(l * l);
  for (let i = 0; i < n; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const q = Q2[o + a];
      if (q !== 0) for (let b = 0; b < l; b++) r[a * l + b] += q * Bt[o + b];
    }
  }
  // B = R^T Q2^T; SVD of the small R^T = Û Σ W^T (row b of R^T is column b of R).
  const Rt = new Matrix(l, l);
  for (let a = 0; a < l; a++) for (let b = 0; b < l; b++) Rt.set(b, a, r[a * l + b]);
  const svd = new SingularValueDecomposition(Rt, { autoTranspose: true });
  const Uh = svd.leftSingularVectors;
  const W = svd.rightSingularVectors;
  const sv = svd.diagonal;
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => sv[b] - sv[a]);
  const U = new Float64Array(m * k);
  const V = new Float64Array(n * k);
  const S = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const o = order[c];
    S[c] = sv[o];
    const uh = Uh.getColumn(o);
    const w = W.getColumn(o);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let t = 0; t < l; t++) s += Q[i * l + t] * uh[t];
      U[i * k + c] = s;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < l; t++) s += Q2[i * l + t] * w[t];
      V[i * k + c] = s;
    }
  }
  svdFlip(U, V, m, n, k);
  return { U, S, V, k };
}

/** Options of {@link svdWordVectors}. */
export interface SvdWordVectorsOptions extends RandomizedSvdOptions {
  /**
   * Eigenvalue weighting p in W = U_k S_k^p (Levy, Goldberg & Dagan 2015, section 3.3; Caron
   * 2001): 1 (default) is the classic truncated SVD; 0.5 (symmetric) and 0 often work better
   * on similarity tasks.
   */
  power?: number;
}

/** Word vectors from an SVD. */
export interface SvdWordVectors {
  /** Row-major `[V, k]` float32 word vectors U_k S_k^p. */
  vectors: Float32Array;
  /** k. */
  dim: number;
  /** The k singular values, descending. */
  singularValues: Float64Array;
}

/**
 * Dense word vectors from a (PPMI) word-context matrix: the rows of U_k S_k^p of its rank-k
 * truncated SVD ({@link randomizedSvd}).
 *
 * @param M `[V, V]` matrix, e.g. from {@link ppmi}.
 * @param k dimension of the vectors (<= V).
 * @throws RangeError for a bad k or power (must be in [0, 1]).
 */
export function svdWordVectors(
  M: CsrMatrixData,
  k: number,
  options: SvdWordVectorsOptions = {},
): SvdWordVectors {
  const { power = 1, ...svdOptions } = options;
  if (!(power >= 0 && power <= 1)) {
    throw new RangeError(`svdWordVectors: power must be in [0, 1], got ${power}.`);
  }
  const { U, S } = randomizedSvd(M, k, svdOptions);
  const rows = M.shape[0];
  const vectors = new Float32Array(rows * k);
  const scale = Array.from(S, (s) => (power === 0 ? 1 : s ** power));
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < k; c++) vectors[i * k + c] = U[i * k + c] * scale[c];
  }
  return { vectors, dim: k, singularValues: S };
}

/** `A X` for CSR A (m x n) and row-major X (n x l): row-major m x l. */
export function csrTimesDense(A: CsrMatrixData, X: Float64Array, l: number): Float64Array {
  const [m] = A.shape;
  const { indptr, indices, data } = A;
  const Y = new Float64Array(m * l);
  for (let i = 0; i < m; i++) {
    const yo = i * l;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const v = data[p];
      const xo = indices[p] * l;
      for (let t = 0; t < l; t++) Y[yo + t] += v * X[xo + t];
    }
  }
  return Y;
}

/** `A^T X` for CSR A (m x n) and row-major X (m x l): row-major n x l. */
export function csrTransposeTimesDense(A: CsrMatrixData, X: Float64Array, l: number): Float64Array {
  const [m, n] = A.shape;
  const { indptr, indices, data } = A;
  const Y = new Float64Array(n * l);
  for (let i = 0; i < m; i++) {
    const xo = i * l;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const v = data[p];
      const yo = indices[p] * l;
      for (let t = 0; t < l; t++) Y[yo + t] += v * X[xo + t];
    }
  }
  return Y;
}

/**
 * Orthonormalises the columns of a row-major `rows x l` matrix in place by classical
 * Gram-Schmidt applied twice per column (CGS2). A column that vanishes (numerically in the span
 * of the previous ones, relative norm < 1e-12) is set to zero.
 *
 * @returns the same array.
 */
export function orthonormalize(Y: Float64Array, rows: number, l: number): Float64Array {
  const r = new Float64Array(l);
  for (let j = 0; j < l; j++) {
    let before = 0;
    for (let i = 0; i < rows; i++) before += Y[i * l + j] ** 2;
    for (let pass = 0; pass < 2 && j > 0; pass++) {
      r.fill(0, 0, j);
      for (let i = 0; i < rows; i++) {
        const o = i * l;
        const y = Y[o + j];
        for (let c = 0; c < j; c++) r[c] += Y[o + c] * y;
      }
      for (let i = 0; i < rows; i++) {
        const o = i * l;
        let s = 0;
        for (let c = 0; c < j; c++) s += Y[o + c] * r[c];
        Y[o + j] -= s;
      }
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += Y[i * l + j] ** 2;
    const scale = norm > 1e-24 * before && norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < rows; i++) Y[i * l + j] *= scale;
  }
  return Y;
}

/** n standard normal values (Box-Muller on mulberry32). */
function gaussian(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - rng();
    const v = rng();
    const rad = Math.sqrt(-2 * Math.log(u));
    out[i] = rad * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = rad * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** scikit-learn's `svd_flip(u, v, u_based_decision=True)`: each U column's largest |entry| > 0. */
function svdFlip(U: Float64Array, V: Float64Array, m: number, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let i = 0; i < m; i++) if (Math.abs(U[i * k + c]) > Math.abs(best)) best = U[i * k + c];
    if (best < 0) {
      for (let i = 0; i < m; i++) U[i * k + c] = -U[i * k + c];
      for (let i = 0; i < n; i++) V[i * k + c] = -V[i * k + c];
    }
  }
}
