/**
 * scikit-learn 1.2's `randomized_svd` (sklearn/utils/extmath.py) on a CSR matrix: the randomized
 * range finder of Halko, Martinsson & Tropp (2011), "Finding structure with randomness",
 * Algorithm 4.4 (subspace iteration), with scikit-learn's choice of normalisation between power
 * iterations (LU with partial pivoting, QR, or none), then Algorithm 5.1 (direct SVD of the
 * projected matrix) and `svd_flip`.
 *
 * The large products are sparse-times-dense loops over the CSR arrays of M and of Mᵀ (built
 * once, so both products gather rows instead of scattering them; kernels.ts); the tall bases
 * are orthonormalised by CholeskyQR2 (tallSkinny.ts, falling back to Gram-Schmidt when
 * rank-deficient), LU works on 16-column blocks (lu.ts), and the dense products run in register
 * tiles (gemm.ts); the small l x l SVD is ml-matrix's Golub-Kahan-Reinsch. Where WebAssembly
 * with SIMD is available, the sparse and dense products run in wasm kernels (wasmKernels.ts) on
 * copies of M and Mᵀ and on bases that live in the wasm memory for the whole fit.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { mulberry32 } from '../ngram/random';
import type { CsrMatrixData } from '../vectorize/sparse';
import { crossProduct, csrTimesDense, denseTimesSmall, transposeCsr } from './kernels';
import { choleskyQr2, luPermuteL, orthonormalizeTall as orthonormalize } from './tallSkinny';
import {
  allocF64,
  beginWasmFit,
  csrBytes,
  endWasmFit,
  putCsr,
  wasmKernelsAvailable,
} from './wasmKernels';

export { luPermuteL };

/** scikit-learn's `power_iteration_normalizer`. 'auto' is 'none' for nIter <= 2, else 'LU'. */
export type PowerIterationNormalizer = 'auto' | 'QR' | 'LU' | 'none';

/** The result of {@link randomizedSvdCsr}: M ≈ U diag(s) Vt. */
export interface RandomizedSvdResult {
  /** Left singular vectors, row-major `[m, k]`. */
  U: Float64Array;
  /** Singular values, descending, length k. */
  s: Float64Array;
  /** Right singular vectors as rows, row-major `[k, n]` (scikit-learn's `VT`). */
  Vt: Float64Array;
}

/** A linear operator `A` (`rows x cols`) given by its two products with dense blocks. */
interface Operator {
  rows: number;
  cols: number;
  /** `A X`, X row-major `[cols, l]`, into `out` (`[rows, l]`) when given. */
  mul(X: Float64Array, l: number, out?: Float64Array): Float64Array;
  /** `A^T X`, X row-major `[rows, l]`, into `out` (`[cols, l]`) when given. */
  tmul(X: Float64Array, l: number, out?: Float64Array): Float64Array;
}

/** `n` standard normal draws (Box-Muller on mulberry32(seed)), into `out` when given. */
export function standardNormal(
  n: number,
  seed: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  const rng = mulberry32(seed);
  for (let i = 0; i < n; i += 2) {
    const rad = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    out[i] = rad * Math.cos(angle);
    if (i + 1 < n) out[i + 1] = rad * Math.sin(angle);
  }
  return out;
}

function normalize(
  Y: Float64Array,
  rows: number,
  l: number,
  how: 'QR' | 'LU' | 'none',
): Float64Array {
  if (how === 'LU') return luPermuteL(Y, rows, l, true); // Y is the product's temporary
  if (how === 'QR') return orthonormalize(Y, rows, l);
  return Y;
}

/** Options of {@link randomizedSvdCsr} (scikit-learn's names in camelCase). */
export interface RandomizedSvdCsrOptions {
  nOversamples?: number;
  nIter?: number;
  powerIterationNormalizer?: PowerIterationNormalizer;
  /** Seed of the Gaussian test matrix (numpy's draws cannot be reproduced). */
  randomState?: number;
  /** Called after each sparse product with (done, total = 2 nIter + 2). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Where the sparse and dense products run (default 'auto'): 'wasm', the WebAssembly SIMD
   * kernels (wasmKernels.ts; throws where WebAssembly or SIMD is missing); 'typescript', the
   * scalar loops; 'auto', wasm where available. Both give the same bits.
   */
  kernels?: 'auto' | 'wasm' | 'typescript';
}

/**
 * The k largest singular triplets of a CSR matrix M (`[m, n]`) as scikit-learn 1.2's
 * `randomized_svd(M, k, n_oversamples, n_iter, power_iteration_normalizer, transpose='auto',
 * flip_sign=True)`: works on M^T when m < n; Ω is `[n, l]` Gaussian with l = k + nOversamples
 * (capped at min(m, n), which loses nothing: the range then is all of it); Q = M Ω; nIter times
 * Q = norm(M^T norm(M Q)) ... ; Q = qr(M Q); B = Q^T M; SVD of B; U = Q Û. Signs: the largest
 * |entry| of each column of U (left vectors of the original M) is positive (`svd_flip`).
 *
 * Exact to rounding when l >= rank(M); otherwise the top singular values converge at the rate
 * (σ_{l+1} / σ_j)^(2 nIter + 1).
 *
 * @throws RangeError for k outside [1, min(m, n)] or bad nIter / nOversamples / kernels; Error
 *   for kernels 'wasm' where WebAssembly SIMD is unavailable.
 */
export function randomizedSvdCsr(
  M: CsrMatrixData,
  k: number,
  options: RandomizedSvdCsrOptions = {},
): RandomizedSvdResult {
  const {
    nOversamples = 10,
    nIter = 4,
    powerIterationNormalizer = 'auto',
    randomState = 0,
    onProgress,
    kernels = 'auto',
  } = options;
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
  if (!Number.isInteger(nIter) || nIter < 0) {
    throw new RangeError(`randomizedSvd: nIter must be an integer >= 0, got ${nIter}.`);
  }
  if (!['auto', 'QR', 'LU', 'none'].includes(powerIterationNormalizer)) {
    throw new RangeError(
      `randomizedSvd: powerIterationNormalizer must be 'auto', 'QR', 'LU' or 'none', got ${String(powerIterationNormalizer)}.`,
    );
  }
  if (!['auto', 'wasm', 'typescript'].includes(kernels)) {
    throw new RangeError(
      `randomizedSvd: kernels must be 'auto', 'wasm' or 'typescript', got ${String(kernels)}.`,
    );
  }
  if (kernels === 'wasm' && !wasmKernelsAvailable()) {
    throw new Error(
      "randomizedSvd: kernels 'wasm' requested, but WebAssembly with SIMD is not available here.",
    );
  }
  const how =
    powerIterationNormalizer === 'auto' ? (nIter <= 2 ? 'none' : 'LU') : powerIterationNormalizer;
  const l = Math.min(k + nOversamples, m, n);
  const Mt = transposeCsr(M);
  // The wasm memory's peak: M and Mt, two bases, and at most four more [max(m, n), l] blocks
  // (LU's working copy, CholeskyQR2's temporaries, Q2's factor and the singular vectors).
  const bytes = csrBytes(M) + csrBytes(Mt) + 6 * 8 * Math.max(m, n) * l + 64 * 8 * l * l + 2 ** 20;
  const wasm = kernels !== 'typescript' && beginWasmFit(bytes);
  try {
    if (wasm) {
      putCsr(M);
      putCsr(Mt);
    }
    return rangeAndSvd(M, Mt, k, l, nIter, how, randomState, onProgress);
  } finally {
    if (wasm) endWasmFit();
  }
}

/** The body of {@link randomizedSvdCsr} once the options are checked (l = k + oversamples). */
function rangeAndSvd(
  M: CsrMatrixData,
  Mt: CsrMatrixData,
  k: number,
  l: number,
  nIter: number,
  how: 'QR' | 'LU' | 'none',
  randomState: number,
  onProgress: RandomizedSvdCsrOptions['onProgress'],
): RandomizedSvdResult {
  const [m, n] = M.shape;
  const transpose = m < n;
  const A: Operator = transpose
    ? {
        rows: n,
        cols: m,
        mul: (X, l, out) => csrTimesDense(Mt, X, l, out),
        tmul: (X, l, out) => csrTimesDense(M, X, l, out),
      }
    : {
        rows: m,
        cols: n,
        mul: (X, l, out) => csrTimesDense(M, X, l, out),
        tmul: (X, l, out) => csrTimesDense(Mt, X, l, out),
      };
  const total = 2 * nIter + 2;
  let done = 0;
  const tick = (): void => onProgress?.(++done, total);

  // Two bases, reused by every product (in the wasm memory during a wasm fit).
  const cols = standardNormal(A.cols * l, randomState, allocF64(A.cols * l, false));
  const rows = allocF64(A.rows * l, false);
  let Q = cols;
  for (let it = 0; it < nIter; it++) {
    const Y = normalize(A.mul(Q, l, rows), A.rows, l, how);
    tick();
    Q = normalize(A.tmul(Y, l, cols), A.cols, l, how);
    tick();
  }
  Q = orthonormalize(A.mul(Q, l, rows), A.rows, l);
  tick();
  // B = Q^T A (l x cols). Factor B^T = Q2 R, then the small SVD R^T = Û Σ W^T gives
  // B = Û Σ (Q2 W)^T. By CholeskyQR2, Q2 = Y1 R2⁻¹ is never formed (Q2 W = Y1 (R2⁻¹ W)) and
  // R = R2 R1; when B is rank-deficient, Gram-Schmidt's Q2 and R = Q2^T B^T.
  const Bt = A.tmul(Q, l, cols);
  tick();
  const qr = choleskyQr2(Bt, A.cols, l);
  const Q2 = qr ? null : orthonormalize(Float64Array.from(Bt), A.cols, l);
  const r = qr ? qr.R : crossProduct(Q2 as Float64Array, Bt, A.cols, l, l); // row-major [l, l]
  const Rt = new Matrix(l, l);
  for (let a = 0; a < l; a++) for (let b = 0; b < l; b++) Rt.set(b, a, r[a * l + b]);
  const svd = new SingularValueDecomposition(Rt, { autoTranspose: true });
  const sv = svd.diagonal;
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => sv[b] - sv[a]);
  const Uh = svd.leftSingularVectors;
  const W = svd.rightSingularVectors;
  // Left (ULeft = Q Û: [A.rows, k]) and right (VRight = Q2 W: [A.cols, k]) vectors of A.
  const UhK = new Float64Array(l * k);
  const WK = new Float64Array(l * k);
  const s = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const o = order[c];
    s[c] = sv[o];
    for (let t = 0; t < l; t++) {
      UhK[t * k + c] = Uh.get(t, o);
      WK[t * k + c] = W.get(t, o);
    }
  }
  const ULeft = denseTimesSmall(Q, A.rows, l, UhK, k);
  const VRight = qr
    ? denseTimesSmall(qr.Y1, A.cols, l, denseTimesSmall(qr.R2inv, l, l, WK, k), k)
    : denseTimesSmall(Q2 as Float64Array, A.cols, l, WK, k);
  // Back to M's convention: M = U s Vt (a plain copy of U: the wasm memory is reused).
  const U = (transpose ? VRight : ULeft).slice();
  const V = transpose ? ULeft : VRight;
  flipByU(U, V, m, n, k);
  const Vt = new Float64Array(k * n);
  // Transposed in strips of 16 rows of V (each write is then 16 consecutive entries of Vt).
  for (let i0 = 0; i0 < n; i0 += 16) {
    const i1 = Math.min(i0 + 16, n);
    for (let c = 0; c < k; c++) for (let i = i0; i < i1; i++) Vt[c * n + i] = V[i * k + c];
  }
  return { U, s, Vt };
}

/**
 * `svd_flip`, decided on U (`[m, k]`): each column's largest |entry| (first of ties) > 0. Row by
 * row (U is row-major), keeping each column's largest entry so far.
 */
function flipByU(U: Float64Array, V: Float64Array, m: number, n: number, k: number): void {
  const best = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const o = i * k;
    for (let c = 0; c < k; c++) if (Math.abs(U[o + c]) > Math.abs(best[c])) best[c] = U[o + c];
  }
  if (!best.some((b) => b < 0)) return;
  // Row by row as well: multiplying by -1 or 1 is exact, so this equals negating the columns.
  const sign = best.map((b) => (b < 0 ? -1 : 1));
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) U[i * k + c] *= sign[c];
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) V[i * k + c] *= sign[c];
}
