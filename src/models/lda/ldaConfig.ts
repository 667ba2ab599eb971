/**
 * Options of {@link LatentDirichletAllocation}: scikit-learn 1.2's parameters in camelCase with
 * the same defaults, plus four of ours (the starting point, the E-step's chunk size and where it runs).
 */
import type { Float32Matrix } from '../../nlp/matrix';
import {
  toCsr,
  type CsrMatrix,
  type CsrMatrixData,
  type DenseRows,
} from '../../nlp/vectorize/sparse';

/** Options of `LatentDirichletAllocation` (scikit-learn's names in camelCase, same defaults). */
export interface LdaOptions {
  /** Number of topics K (default 10). */
  nComponents?: number;
  /** α, the prior of each document's topic proportions θ_d (default null: 1 / K). */
  docTopicPrior?: number | null;
  /** η, the prior of each topic's word distribution β_k (default null: 1 / K). */
  topicWordPrior?: number | null;
  /**
   * 'batch' (default): each iteration of `fit` is one EM step on all documents (λ = η + stats).
   * 'online': each iteration is a pass of mini-batch steps (Hoffman et al. 2010).
   */
  learningMethod?: 'batch' | 'online';
  /** κ in the online step size ρ_t = (τ0 + t)^(−κ); in [0, 1] (default 0.7). */
  learningDecay?: number;
  /** τ0 in ρ_t, >= 1 (default 10). */
  learningOffset?: number;
  /** Passes over the data in `fit` (default 10). */
  maxIter?: number;
  /** Documents per online mini-batch (default 128). */
  batchSize?: number;
  /** Evaluate training perplexity every this many iterations of `fit`; <= 0 never (default -1). */
  evaluateEvery?: number;
  /** Corpus size D assumed by `partialFit`'s online step (default 1e6). */
  totalSamples?: number;
  /** Stop `fit` when the evaluated perplexity changes by less than this (default 0.1). */
  perpTol?: number;
  /** E-step: a document stops when its γ's mean absolute change < this (default 1e-3). */
  meanChangeTol?: number;
  /** E-step: at most this many iterations per document (default 100). */
  maxDocUpdateIter?: number;
  /** Seed of the initial λ and of the training E-step's initial γ (default 0). */
  randomState?: number;
  /**
   * Not in scikit-learn: the starting topic-word parameter λ `[K, nFeatures]` (positive) instead
   * of Gamma(100, 0.01) draws. With `docTopicInit: 'ones'`, fitting is then deterministic and
   * matches scikit-learn started from the same matrix (how the tests compare them).
   */
  initialComponents?: Float32Matrix | readonly (readonly number[])[] | null;
  /**
   * Not in scikit-learn: how the training E-step starts each document's γ. 'random' (default,
   * scikit-learn's behaviour) draws Gamma(100, 0.01); 'ones' starts at 1, as scikit-learn's
   * transform, score and perplexity always do.
   */
  docTopicInit?: 'random' | 'ones';
  /**
   * Not in scikit-learn: documents per E-step chunk (default 512). It changes memory and speed,
   * not results: the E-step holds `[chunkSize, longest document, K]` tensors at a time. Online
   * mini-batches are split into chunks too, so a chunk is at most `batchSize` documents there.
   */
  chunkSize?: number;
  /**
   * Not in scikit-learn: where the E-step runs. 'tensor' (default): tfjs ops on the current
   * backend (the GPU with webgl); 'typescript': a plain float64 loop per document
   * (ldaEStepTs.ts), 3x faster on the wasm backend (docs/performance.md), where the tensor
   * E-step's time is kernel launches; 'auto': 'tensor' on webgl / webgpu, 'typescript' on the
   * others (decided at each E-step by `tf.getBackend()`). Same results to float32 rounding; the
   * M-step and bound stay tensors.
   */
  eStep?: 'tensor' | 'typescript' | 'auto';
}

/** {@link LdaOptions} with every default filled in and the priors resolved. */
export interface ResolvedLdaOptions {
  nComponents: number;
  docTopicPrior: number;
  topicWordPrior: number;
  learningMethod: 'batch' | 'online';
  learningDecay: number;
  learningOffset: number;
  maxIter: number;
  batchSize: number;
  evaluateEvery: number;
  totalSamples: number;
  perpTol: number;
  meanChangeTol: number;
  maxDocUpdateIter: number;
  randomState: number;
  initialComponents: Float32Matrix | null;
  docTopicInit: 'random' | 'ones';
  chunkSize: number;
  eStep: 'tensor' | 'typescript' | 'auto';
}

/** scikit-learn 1.2's defaults (the priors: null, meaning 1 / K). Declared once: widgets import them. */
export const LDA_DEFAULTS = {
  nComponents: 10,
  learningMethod: 'batch' as 'batch' | 'online',
  learningDecay: 0.7,
  learningOffset: 10,
  maxIter: 10,
  batchSize: 128,
  randomState: 0,
} as const;

/**
 * Ranges of the options a reader can set, `[min, max]` inclusive. The model enforces the lower
 * bounds of `learningDecay` and `learningOffset` and the upper bound of `learningDecay` (what
 * the online step needs); the other ranges are what the widgets offer (the model itself
 * accepts any positive prior, any K >= 1, any batch size >= 1).
 */
export const LDA_LIMITS = {
  nComponents: [2, 40],
  docTopicPrior: [0.001, 10],
  topicWordPrior: [0.001, 10],
  learningDecay: [0, 1],
  learningOffset: [1, 1000],
  maxIter: [1, 100],
  batchSize: [16, 4096],
  randomState: [0, 999_999],
} as const;

const FN = 'LatentDirichletAllocation';

function check(ok: boolean, name: string, rule: string, value: unknown): void {
  if (!ok) throw new RangeError(`${FN}: ${name} must be ${rule}, got ${String(value)}.`);
}

const isInt = (v: number): boolean => Number.isInteger(v);

/**
 * Fills defaults and validates. Unlike scikit-learn 1.2, which limits both priors to [0, 1],
 * any positive prior is accepted (α > 1 smooths the topic mixtures, worth showing), and 0 is
 * refused (ψ(0) is −∞).
 *
 * @throws RangeError naming the first bad option.
 */
export function resolveLdaOptions(options: LdaOptions = {}): ResolvedLdaOptions {
  const o = {
    nComponents: LDA_DEFAULTS.nComponents,
    docTopicPrior: null,
    topicWordPrior: null,
    learningMethod: LDA_DEFAULTS.learningMethod,
    learningDecay: LDA_DEFAULTS.learningDecay,
    learningOffset: LDA_DEFAULTS.learningOffset,
    maxIter: LDA_DEFAULTS.maxIter,
    batchSize: LDA_DEFAULTS.batchSize,
    evaluateEvery: -1,
    totalSamples: 1e6,
    perpTol: 0.1,
    meanChangeTol: 1e-3,
    maxDocUpdateIter: 100,
    randomState: LDA_DEFAULTS.randomState,
    initialComponents: null,
    docTopicInit: 'random' as const,
    chunkSize: 512,
    eStep: 'tensor' as const,
    ...options,
  };
  const K = o.nComponents;
  check(isInt(K) && K >= 1, 'nComponents', 'an integer >= 1', K);
  const alpha = o.docTopicPrior ?? 1 / K;
  const eta = o.topicWordPrior ?? 1 / K;
  check(alpha > 0 && Number.isFinite(alpha), 'docTopicPrior', 'positive (or null)', alpha);
  check(eta > 0 && Number.isFinite(eta), 'topicWordPrior', 'positive (or null)', eta);
  check(
    ['batch', 'online'].includes(o.learningMethod),
    'learningMethod',
    "'batch' or 'online'",
    o.learningMethod,
  );
  const [decayMin, decayMax] = LDA_LIMITS.learningDecay;
  check(
    o.learningDecay >= decayMin && o.learningDecay <= decayMax,
    'learningDecay',
    `in [${decayMin}, ${decayMax}]`,
    o.learningDecay,
  );
  const offsetMin = LDA_LIMITS.learningOffset[0];
  check(o.learningOffset >= offsetMin, 'learningOffset', `>= ${offsetMin}`, o.learningOffset);
  check(isInt(o.maxIter) && o.maxIter >= 0, 'maxIter', 'an integer >= 0', o.maxIter);
  check(isInt(o.batchSize) && o.batchSize >= 1, 'batchSize', 'an integer >= 1', o.batchSize);
  check(isInt(o.evaluateEvery), 'evaluateEvery', 'an integer', o.evaluateEvery);
  check(o.totalSamples > 0, 'totalSamples', 'positive', o.totalSamples);
  check(o.perpTol >= 0, 'perpTol', '>= 0', o.perpTol);
  check(o.meanChangeTol >= 0, 'meanChangeTol', '>= 0', o.meanChangeTol);
  check(
    isInt(o.maxDocUpdateIter) && o.maxDocUpdateIter >= 0,
    'maxDocUpdateIter',
    'an integer >= 0',
    o.maxDocUpdateIter,
  );
  check(isInt(o.randomState), 'randomState', 'an integer', o.randomState);
  check(
    ['random', 'ones'].includes(o.docTopicInit),
    'docTopicInit',
    "'random' or 'ones'",
    o.docTopicInit,
  );
  check(
    ['tensor', 'typescript', 'auto'].includes(o.eStep),
    'eStep',
    "'tensor', 'typescript' or 'auto'",
    o.eStep,
  );
  check(isInt(o.chunkSize) && o.chunkSize >= 1, 'chunkSize', 'an integer >= 1', o.chunkSize);
  return {
    ...o,
    docTopicPrior: alpha,
    topicWordPrior: eta,
    initialComponents: o.initialComponents ? toMatrix(o.initialComponents, K) : null,
  };
}

function toMatrix(m: NonNullable<LdaOptions['initialComponents']>, K: number): Float32Matrix {
  let out: Float32Matrix;
  if ('data' in m) out = { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
  else {
    const rows = m as readonly (readonly number[])[];
    const cols = rows.length ? rows[0].length : 0;
    if (rows.some((r) => r.length !== cols)) {
      throw new RangeError(`${FN}: initialComponents rows must all have the same length.`);
    }
    out = { rows: rows.length, cols, data: Float32Array.from(rows.flat()) };
  }
  check(out.rows === K, 'initialComponents', `[nComponents = ${K}, nFeatures]`, `${out.rows} rows`);
  check(
    out.data.length === out.rows * out.cols,
    'initialComponents.data',
    'rows * cols long',
    out.data.length,
  );
  check(
    out.data.every((v) => v > 0 && Number.isFinite(v)),
    'initialComponents',
    'all positive',
    'a value <= 0',
  );
  return out;
}

/**
 * X (CSR or dense rows) as a CSR matrix of counts: at least one row, every value finite and >= 0.
 *
 * @throws RangeError naming `fn` and the first bad value (scikit-learn: "Negative values in data
 *   passed to ..."); TypeError for something that is not a matrix.
 */
export function checkCounts(X: CsrMatrixData | DenseRows, fn: string): CsrMatrix {
  const M = toCsr(X, fn);
  for (let p = 0; p < M.nnz; p++) {
    const v = M.data[p];
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`Negative or non-finite values in data passed to ${fn} (${v}).`);
    }
  }
  if (M.shape[0] === 0) throw new RangeError(`${fn}: X has no rows.`);
  return M;
}
