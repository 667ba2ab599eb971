/**
 * scikit-learn 1.2's `TruncatedSVD` (sklearn/decomposition/_truncated_svd.py) with the
 * randomized solver: latent semantic analysis (Deerwester et al. 1990) of a document-term
 * matrix, e.g. the CSR output of `CountVectorizer` or `TfidfVectorizer`. Plain TypeScript, so it
 * runs in a Web Worker with no tfjs.
 */
import { CsrMatrix, toCsr, type CsrMatrixData, type DenseRows } from '../vectorize/sparse';
import { csrTimesDenseOnce } from './kernels';
import { randomizedSvdCsr, type PowerIterationNormalizer } from './randomizedSvd';

/** A dense row-major float64 matrix: element (i, j) is `data[i * cols + j]`. */
export interface Float64Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Options of {@link TruncatedSVD}: scikit-learn's parameters in camelCase, same defaults. */
export interface TruncatedSVDOptions {
  /** Number of components k (default 2), at most the number of features. */
  nComponents?: number;
  /** Only 'randomized' (scikit-learn's default); 'arpack' is not implemented. */
  algorithm?: 'randomized';
  /** Power iterations (default 5). */
  nIter?: number;
  /** Extra random directions beyond k (default 10). */
  nOversamples?: number;
  /** Normalisation between power iterations (default 'auto': 'none' if nIter <= 2, else 'LU'). */
  powerIterationNormalizer?: PowerIterationNormalizer;
  /**
   * Seed of the Gaussian test matrix (default 0). The draws are not numpy's, so only what does
   * not depend on them (exactly when l = k + nOversamples >= rank, approximately otherwise)
   * matches scikit-learn.
   */
  randomState?: number;
  /** Progress of `fit`: (sparse products done, in all = 2 nIter + 2). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Where the products run (not scikit-learn's; default 'auto': the WebAssembly SIMD kernels
   * where available, else TypeScript). Both give the same bits; see `randomizedSvdCsr`.
   */
  kernels?: 'auto' | 'wasm' | 'typescript';
}

/**
 * Dimensionality reduction by truncated SVD, X ≈ U Σ V^T, without centring X (so it works on
 * sparse matrices; on TF-IDF it is LSA). After `fit`:
 * - `components` `[k, nFeatures]`: the rows of V^T (the term loadings of each latent dimension);
 * - `singularValues` (length k, descending);
 * - `explainedVariance[j]` = Var(X v_j) over the documents (population variance, ddof 0);
 * - `explainedVarianceRatio[j]` = `explainedVariance[j]` / the sum of X's column variances.
 *
 * `transform(X)` = X V (`[nSamples, k]`); `fitTransform` returns the same for the training
 * matrix (scikit-learn 1.2 computes X V, not U Σ, for the randomized solver).
 */
export class TruncatedSVD {
  readonly nComponents: number;
  readonly algorithm: 'randomized';
  readonly nIter: number;
  readonly nOversamples: number;
  readonly powerIterationNormalizer: PowerIterationNormalizer;
  readonly randomState: number;
  private readonly onProgress?: (done: number, total: number) => void;
  private readonly kernels: 'auto' | 'wasm' | 'typescript';
  private fitted: {
    components: Float64Matrix;
    singularValues: Float64Array;
    explainedVariance: Float64Array;
    explainedVarianceRatio: Float64Array;
  } | null = null;

  /** @throws RangeError for a bad option (named in the message). */
  constructor(options: TruncatedSVDOptions = {}) {
    const {
      nComponents = 2,
      algorithm = 'randomized',
      nIter = 5,
      nOversamples = 10,
      powerIterationNormalizer = 'auto',
      randomState = 0,
      onProgress,
      kernels = 'auto',
    } = options;
    if (!Number.isInteger(nComponents) || nComponents < 1) {
      throw new RangeError(
        `TruncatedSVD: nComponents must be an integer >= 1, got ${nComponents}.`,
      );
    }
    if (algorithm !== 'randomized') {
      throw new RangeError(
        `TruncatedSVD: only algorithm 'randomized' is implemented, got ${String(algorithm)}.`,
      );
    }
    if (!Number.isInteger(nIter) || nIter < 0) {
      throw new RangeError(`TruncatedSVD: nIter must be an integer >= 0, got ${nIter}.`);
    }
    if (!Number.isInteger(nOversamples) || nOversamples < 0) {
      throw new RangeError(
        `TruncatedSVD: nOversamples must be an integer >= 0, got ${nOversamples}.`,
      );
    }
    if (!['auto', 'QR', 'LU', 'none'].includes(powerIterationNormalizer)) {
      throw new RangeError(
        `TruncatedSVD: powerIterationNormalizer must be 'auto', 'QR', 'LU' or 'none', got ${String(powerIterationNormalizer)}.`,
      );
    }
    if (!['auto', 'wasm', 'typescript'].includes(kernels)) {
      throw new RangeError(
        `TruncatedSVD: kernels must be 'auto', 'wasm' or 'typescript', got ${String(kernels)}.`,
      );
    }
    this.nComponents = nComponents;
    this.algorithm = algorithm;
    this.nIter = nIter;
    this.nOversamples = nOversamples;
    this.powerIterationNormalizer = powerIterationNormalizer;
    this.randomState = randomState;
    this.onProgress = onProgress;
    this.kernels = kernels;
  }

  /** Fits on X (`[nSamples, nFeatures]`, CSR or dense rows). @returns this. */
  fit(X: CsrMatrixData | DenseRows): this {
    this.fitTransform(X);
    return this;
  }

  /**
   * Fits on X and returns X V, `[nSamples, k]`.
   *
   * @throws RangeError if X has fewer than 2 features (as scikit-learn), if nComponents >
   *   nFeatures, or if nComponents > nSamples (a rank-k factorisation needs k <= min(m, n)).
   */
  fitTransform(X: CsrMatrixData | DenseRows): Float64Matrix {
    const M = toCsr(X, 'TruncatedSVD.fit');
    const [m, n] = M.shape;
    const k = this.nComponents;
    if (n < 2) throw new RangeError(`TruncatedSVD.fit: X needs at least 2 features, got ${n}.`);
    if (k > n) {
      throw new RangeError(`TruncatedSVD.fit: nComponents (${k}) must be <= nFeatures (${n}).`);
    }
    if (k > m) {
      throw new RangeError(`TruncatedSVD.fit: nComponents (${k}) must be <= nSamples (${m}).`);
    }
    const { s, Vt } = randomizedSvdCsr(M, k, {
      nIter: this.nIter,
      nOversamples: this.nOversamples,
      powerIterationNormalizer: this.powerIterationNormalizer,
      randomState: this.randomState,
      onProgress: this.onProgress,
      kernels: this.kernels,
    });
    const components: Float64Matrix = { rows: k, cols: n, data: Vt };
    const Xt = project(M, components, this.kernels !== 'typescript');
    const explainedVariance = columnVariances(Xt.data, m, k);
    const fullVar = sparseColumnVarianceSum(M);
    const explainedVarianceRatio = explainedVariance.map((v) => v / fullVar);
    this.fitted = { components, singularValues: s, explainedVariance, explainedVarianceRatio };
    return Xt;
  }

  /**
   * Projects X onto the components: X V, `[nSamples, k]` (a query folded into the latent space).
   *
   * @throws Error if not fitted; RangeError if X's feature count differs from the fit's.
   */
  transform(X: CsrMatrixData | DenseRows): Float64Matrix {
    const { components } = this.state('transform');
    const M = toCsr(X, 'TruncatedSVD.transform');
    if (M.shape[1] !== components.cols) {
      throw new RangeError(
        `TruncatedSVD.transform: X has ${M.shape[1]} features, but the model was fitted with ${components.cols}.`,
      );
    }
    return project(M, components, this.kernels !== 'typescript');
  }

  /** `[k, nFeatures]` row-major: row j is the j-th right singular vector (term loadings). */
  get components(): Float64Matrix {
    return this.state('components').components;
  }

  /** The k singular values, descending. */
  get singularValues(): Float64Array {
    return this.state('singularValues').singularValues;
  }

  /** Variance of the training documents along each component (ddof 0). */
  get explainedVariance(): Float64Array {
    return this.state('explainedVariance').explainedVariance;
  }

  /** `explainedVariance` over the total variance of X (sum of its column variances). */
  get explainedVarianceRatio(): Float64Array {
    return this.state('explainedVarianceRatio').explainedVarianceRatio;
  }

  private state(what: string): NonNullable<TruncatedSVD['fitted']> {
    if (!this.fitted) {
      throw new Error(
        `This TruncatedSVD instance is not fitted yet (${what}). Call fit or fitTransform first.`,
      );
    }
    return this.fitted;
  }
}

/** X V for CSR X `[m, n]` and components V^T `[k, n]`: `[m, k]` (in wasm unless `wasm` false). */
function project(M: CsrMatrix, components: Float64Matrix, wasm: boolean): Float64Matrix {
  const { rows: k, cols: n, data } = components;
  const V = new Float64Array(n * k);
  for (let j0 = 0; j0 < n; j0 += 16) {
    const j1 = Math.min(j0 + 16, n); // strips of 16 rows of V: reads of 16 consecutive entries
    for (let c = 0; c < k; c++) for (let j = j0; j < j1; j++) V[j * k + c] = data[c * n + j];
  }
  return { rows: M.shape[0], cols: k, data: csrTimesDenseOnce(M, V, k, wasm) };
}

/** Population variance (ddof 0) of each column of a row-major `[m, k]` matrix. */
function columnVariances(data: Float64Array, m: number, k: number): Float64Array {
  // Row by row (the matrix is row-major); each column still sums its rows in order.
  const mean = new Float64Array(k);
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) mean[c] += data[i * k + c];
  for (let c = 0; c < k; c++) mean[c] /= m;
  const out = new Float64Array(k);
  for (let i = 0; i < m; i++)
    for (let c = 0; c < k; c++) out[c] += (data[i * k + c] - mean[c]) ** 2;
  for (let c = 0; c < k; c++) out[c] /= m;
  return out;
}

/** Sum over columns of the population variance of a CSR matrix (`mean_variance_axis(X, 0)`). */
function sparseColumnVarianceSum(M: CsrMatrix): number {
  const [m, n] = M.shape;
  const sum = new Float64Array(n);
  for (let p = 0; p < M.nnz; p++) sum[M.indices[p]] += M.data[p];
  const mean = sum.map((s) => s / m);
  // Two-pass: sum of squared deviations of the stored entries, plus the implicit zeros.
  const ss = new Float64Array(n);
  const stored = new Int32Array(n);
  for (let p = 0; p < M.nnz; p++) {
    const j = M.indices[p];
    ss[j] += (M.data[p] - mean[j]) ** 2;
    stored[j]++;
  }
  let total = 0;
  for (let j = 0; j < n; j++) total += (ss[j] + (m - stored[j]) * mean[j] ** 2) / m;
  return total;
}
