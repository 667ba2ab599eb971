/**
 * Multinomial naive Bayes (scikit-learn 1.2 `sklearn.naive_bayes.MultinomialNB`) on count or
 * TF-IDF features.
 *
 * With Laplace / Lidstone smoothing alpha, for class c and feature i:
 *   P(i | c) = (N_ci + alpha) / (N_c + alpha * n_features)      (featureLogProb = its log)
 *   P(c)     = N_docs(c) / N_docs                               (classLogPrior; uniform if !fitPrior)
 *   log P(c | x) = log P(c) + sum_i x_i log P(i | c) - log Z    (Bayes' theorem)
 * where N_ci is the summed feature i over the training documents of class c and N_c their
 * total. Reference: McCallum and Nigam (1998), "A comparison of event models for naive Bayes
 * text classification"; Manning, Raghavan and Schütze (2008), IIR section 13.2.
 */
import { toCsr, type CsrMatrix, type CsrMatrixData, type DenseRows } from './sparse';

/** A class label: numbers or strings (one kind per model). */
export type ClassLabel = number | string;

/** Options of {@link MultinomialNB}. */
export interface MultinomialNBOptions {
  /**
   * Additive smoothing (1 = Laplace, < 1 = Lidstone). Default 1. Values below 1e-10 are
   * raised to 1e-10 as scikit-learn 1.2 does (with force_alpha false), to avoid log(0).
   */
  alpha?: number;
  /** Learn class priors from the label frequencies; otherwise uniform. Default true. */
  fitPrior?: boolean;
}

/** scikit-learn's smallest alpha (`_ALPHA_MIN`). */
export const NB_ALPHA_MIN = 1e-10;

const compareLabels = (a: ClassLabel, b: ClassLabel): number =>
  typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a) < String(b)
      ? -1
      : String(a) > String(b)
        ? 1
        : 0;

/**
 * Multinomial naive Bayes classifier. Features: a CSR matrix or dense rows, non-negative,
 * shape `[nSamples, nFeatures]`.
 */
export class MultinomialNB {
  readonly alpha: number;
  readonly fitPrior: boolean;
  /** Sorted distinct labels (scikit-learn's `classes_`). */
  classes: ClassLabel[] = [];
  /** Training samples per class, length nClasses (`class_count_`). */
  classCount = new Float64Array(0);
  /** Summed features per class, `[nClasses][nFeatures]` (`feature_count_`). */
  featureCount: Float64Array[] = [];
  /** log P(c), length nClasses (`class_log_prior_`). */
  classLogPrior = new Float64Array(0);
  /** log P(i | c), `[nClasses][nFeatures]` (`feature_log_prob_`). */
  featureLogProb: Float64Array[] = [];
  private nFeatures = -1;

  /** @throws RangeError for a negative or non-finite alpha; TypeError for a non-boolean fitPrior. */
  constructor(options: MultinomialNBOptions = {}) {
    const alpha = options.alpha ?? 1;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
      throw new RangeError(
        `MultinomialNB: alpha must be a finite number >= 0, got ${String(alpha)}.`,
      );
    }
    this.alpha = Math.max(alpha, NB_ALPHA_MIN);
    if (options.fitPrior !== undefined && typeof options.fitPrior !== 'boolean') {
      throw new TypeError('MultinomialNB: fitPrior must be a boolean.');
    }
    this.fitPrior = options.fitPrior ?? true;
  }

  /**
   * Fits class priors and smoothed per-class feature distributions.
   *
   * @param X features `[nSamples, nFeatures]`, non-negative.
   * @param y labels, length nSamples.
   * @returns this.
   * @throws RangeError on a length mismatch or no samples; Error "Negative values in data
   *   passed to MultinomialNB (input X)"; TypeError for labels that are not all numbers or
   *   all strings.
   */
  fit(X: CsrMatrixData | DenseRows, y: readonly ClassLabel[]): this {
    const m = this.checkX(X, 'fit');
    if (!Array.isArray(y) || y.length !== m.rows) {
      throw new RangeError(
        `MultinomialNB.fit: X has ${m.rows} samples but y has ${Array.isArray(y) ? y.length : 'no'} labels.`,
      );
    }
    if (m.rows === 0) throw new RangeError('MultinomialNB.fit: no training samples.');
    const kind = typeof y[0];
    if (
      (kind !== 'number' && kind !== 'string') ||
      y.some((l) => typeof l !== kind || (kind === 'number' && !Number.isFinite(l)))
    ) {
      throw new TypeError('MultinomialNB.fit: labels must be all finite numbers or all strings.');
    }
    const classes = [...new Set(y)].sort(compareLabels);
    const classIndex = new Map(classes.map((c, k) => [c, k]));
    const nC = classes.length;
    const nF = m.cols;
    const fc = Array.from({ length: nC }, () => new Float64Array(nF));
    const cc = new Float64Array(nC);
    for (let i = 0; i < m.rows; i++) {
      const c = classIndex.get(y[i]) as number;
      cc[c]++;
      const row = fc[c];
      for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) row[m.indices[p]] += m.data[p];
    }
    const flp = fc.map((row) => {
      let total = 0;
      for (let j = 0; j < nF; j++) total += row[j] + this.alpha;
      const logTotal = Math.log(total);
      return row.map((v) => Math.log(v + this.alpha) - logTotal);
    });
    const n = cc.reduce((s, v) => s + v, 0);
    this.classLogPrior = this.fitPrior
      ? cc.map((v) => Math.log(v) - Math.log(n))
      : new Float64Array(nC).fill(-Math.log(nC));
    this.classes = classes;
    this.classCount = cc;
    this.featureCount = fc;
    this.featureLogProb = flp;
    this.nFeatures = nF;
    return this;
  }

  /**
   * Unnormalized log posteriors log P(c) + sum_i x_i log P(i | c), `[nSamples][nClasses]`
   * (scikit-learn's `_joint_log_likelihood`).
   */
  jointLogLikelihood(X: CsrMatrixData | DenseRows): Float64Array[] {
    const m = this.checkX(X, 'predict');
    if (this.nFeatures < 0)
      throw new Error('This MultinomialNB instance is not fitted yet. Call fit first.');
    if (m.cols !== this.nFeatures) {
      throw new RangeError(
        `MultinomialNB: X has ${m.cols} features, but the model was fitted with ${this.nFeatures}.`,
      );
    }
    const out: Float64Array[] = [];
    for (let i = 0; i < m.rows; i++) {
      const jll = Float64Array.from(this.classLogPrior);
      for (let c = 0; c < jll.length; c++) {
        const w = this.featureLogProb[c];
        let s = 0;
        for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) s += m.data[p] * w[m.indices[p]];
        jll[c] += s;
      }
      out.push(jll);
    }
    return out;
  }

  /** log P(c | x), `[nSamples][nClasses]`, columns in `classes` order. @throws as predict. */
  predictLogProba(X: CsrMatrixData | DenseRows): Float64Array[] {
    return this.jointLogLikelihood(X).map((jll) => {
      let max = -Infinity;
      for (const v of jll) if (v > max) max = v;
      let s = 0;
      for (const v of jll) s += Math.exp(v - max);
      const lse = max + Math.log(s);
      return jll.map((v) => v - lse);
    });
  }

  /** P(c | x), `[nSamples][nClasses]`; rows sum to 1. @throws as predict. */
  predictProba(X: CsrMatrixData | DenseRows): Float64Array[] {
    return this.predictLogProba(X).map((r) => r.map(Math.exp));
  }

  /**
   * The most probable class of each sample (the first in `classes` order on a tie).
   *
   * @throws Error before fit; RangeError for a different feature count; Error for negative
   *   features.
   */
  predict(X: CsrMatrixData | DenseRows): ClassLabel[] {
    return this.jointLogLikelihood(X).map((jll) => {
      let best = 0;
      for (let c = 1; c < jll.length; c++) if (jll[c] > jll[best]) best = c;
      return this.classes[best];
    });
  }

  private checkX(X: CsrMatrixData | DenseRows, fn: string): CsrMatrix {
    const m = toCsr(X, `MultinomialNB.${fn}`);
    for (let p = 0; p < m.data.length; p++) {
      const v = m.data[p];
      if (v < 0) throw new Error('Negative values in data passed to MultinomialNB (input X).');
      if (!Number.isFinite(v))
        throw new RangeError(`MultinomialNB.${fn}: X contains NaN or infinity.`);
    }
    return m;
  }
}
