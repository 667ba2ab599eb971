/**
 * Latent Dirichlet allocation by variational Bayes, scikit-learn 1.2's
 * `LatentDirichletAllocation` (Blei, Ng & Jordan 2003; batch and online, Hoffman, Blei & Bach
 * 2010) written as tfjs tensor operations, so it runs on the cpu, wasm and webgl backends (the
 * E-step optionally as a plain TypeScript loop: the `eStep` option). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import type { Float32Matrix } from '../../nlp/matrix';
import type { CsrMatrix, CsrMatrixData, DenseRows } from '../../nlp/vectorize/sparse';
import {
  checkCounts,
  resolveLdaOptions,
  type LdaOptions,
  type ResolvedLdaOptions,
} from './ldaConfig';
import { VariationalTopics } from './ldaVariational';
import { Rng } from './special';

type Input = CsrMatrixData | DenseRows;

/**
 * LDA with scikit-learn 1.2's semantics. λ (`components`, `[K, nFeatures]`) are the variational
 * Dirichlet parameters of the topics: pseudo-counts of each word in each topic.
 *
 * - `fit(X)`: initialise λ (Gamma(100, 0.01), or `initialComponents`), then `maxIter` passes:
 *   'batch' does one EM step on all of X per pass (λ ← η + stats), 'online' one step per
 *   mini-batch of `batchSize` documents with ρ = (learningOffset + t)^(−learningDecay) and
 *   λ ← (1 − ρ) λ + ρ (η + D / |batch| · stats), D = the number of documents. With
 *   `evaluateEvery` > 0, stops early when the training perplexity changes by < `perpTol`.
 * - `partialFit(X)`: online steps over X in mini-batches, D = `totalSamples`.
 * - `fitEpoch(X)`: one pass of `fit`'s loop (for a widget that trains step by step).
 * - `transform(X)`: the E-step from γ = 1, rows normalised: each document's topic mixture.
 * - `score(X)`: the variational lower bound on log p(X) (nats); `perplexity(X)` =
 *   exp(−bound / number of words).
 *
 * X: a CSR count matrix (what `CountVectorizer` returns) or dense rows, `[nSamples,
 * nFeatures]`, non-negative. Holds λ and, with the tensor E-step, exp(E[log β]) as `[K,
 * nFeatures]` tensors: call `dispose()` when done.
 *
 * Beyond scikit-learn's options (see {@link LdaOptions}): `initialComponents` with
 * `docTopicInit: 'ones'` makes a fit deterministic and comparable number for number with
 * scikit-learn started from the same λ (scripts/fixtures/lda_sklearn.py); `eStep` picks the
 * tensor or the plain TypeScript E-step; `chunkSize` bounds the E-step's memory.
 */
export class LatentDirichletAllocation {
  /** The resolved options (priors filled in). */
  readonly options: ResolvedLdaOptions;
  /** EM steps taken + 1 (scikit-learn's `n_batch_iter_`; the online step t). */
  nBatchIter = 1;
  /** Passes completed by `fit` / `fitEpoch` (`n_iter_`). */
  nIter = 0;
  /** `fit`'s final training perplexity (scikit-learn's `bound_`), null before. */
  bound: number | null = null;
  /** λ and exp(E[log β]), with the E-step, M-step and bound on them (ldaVariational.ts). */
  private readonly topics: VariationalTopics;
  private rng: Rng;

  /** @throws RangeError for a bad option (see {@link resolveLdaOptions}). */
  constructor(options: LdaOptions = {}) {
    this.options = resolveLdaOptions(options);
    this.topics = new VariationalTopics(this.options);
    this.rng = new Rng(this.options.randomState);
  }

  /** K. */
  get nComponents(): number {
    return this.options.nComponents;
  }

  /** Number of features (words) seen at initialisation, or null. */
  get nFeaturesIn(): number | null {
    const lambda = this.topics.lambda;
    return lambda ? lambda.shape[1] : null;
  }

  /** λ, `[K, nFeatures]`, a copy (scikit-learn's `components_`). @throws Error if not fitted. */
  get components(): Float32Matrix {
    const lambda = this.fitted('components');
    return {
      rows: lambda.shape[0],
      cols: lambda.shape[1],
      data: lambda.dataSync() as Float32Array,
    };
  }

  /** Each topic's word distribution, λ's rows normalised to sum 1 (`[K, nFeatures]`). */
  topicWordDistribution(): Float32Matrix {
    const lambda = this.fitted('topicWordDistribution');
    const t = tf.tidy(() => tf.div(lambda, tf.sum(lambda, 1, true)));
    const data = t.dataSync() as Float32Array;
    t.dispose();
    return { rows: lambda.shape[0], cols: lambda.shape[1], data };
  }

  /**
   * (Re)initialises λ for `nFeatures` words and resets the counters and the random generator
   * (scikit-learn's `_init_latent_vars`). `fit` calls it; call it yourself before `fitEpoch`
   * to restart.
   */
  initialize(nFeatures: number): this {
    const { nComponents: K, initialComponents, randomState } = this.options;
    if (initialComponents && initialComponents.cols !== nFeatures) {
      throw new RangeError(
        `LatentDirichletAllocation: initialComponents has ${initialComponents.cols} columns, X has ${nFeatures} features.`,
      );
    }
    this.rng = new Rng(randomState);
    this.nBatchIter = 1;
    this.nIter = 0;
    this.bound = null;
    const init = initialComponents?.data ?? this.rng.gammaArray(K * nFeatures, 100, 0.01);
    this.topics.setComponents(tf.tensor2d(init, [K, nFeatures]));
    return this;
  }

  /**
   * The random generator's state (5 integers, {@link Rng.getState}): with `docTopicInit:
   * 'random'` it draws every E-step's starting γ. With λ (`components`), `nBatchIter` (ρ_t's t)
   * and `nIter`, it is all a resumed `fitEpoch` needs to take the step the uninterrupted fit
   * would: the online mini-batches always come in row order (scikit-learn's `gen_batches`, no
   * shuffling), so there is no batch order to save.
   */
  getRngState(): number[] {
    return this.rng.getState();
  }

  /**
   * Restores a fitted state: λ `[K, nFeatures]` (replacing the current one), the counters and
   * optionally the generator's state ({@link getRngState}; null: a fresh generator from
   * `randomState`). Everything is checked before anything changes.
   * @throws RangeError for λ of another K or of non-positive values, counters that are not
   *   integers (nBatchIter >= 1, nIter >= 0), or a bad generator state.
   */
  restoreState(
    components: Float32Matrix,
    nBatchIter: number,
    nIter: number,
    rngState: ArrayLike<number> | null,
  ): this {
    const { rows, cols, data } = components;
    const K = this.options.nComponents;
    if (rows !== K || !(cols >= 1) || data.length !== rows * cols || !data.every((x) => x > 0)) {
      throw new RangeError(
        `LatentDirichletAllocation.restoreState: λ must be [${K}, nFeatures] of positive values, got [${rows}, ${cols}] with ${data.length} values`,
      );
    }
    if (!Number.isInteger(nBatchIter) || nBatchIter < 1 || !Number.isInteger(nIter) || nIter < 0) {
      throw new RangeError(
        `LatentDirichletAllocation.restoreState: bad counters nBatchIter = ${nBatchIter}, nIter = ${nIter}`,
      );
    }
    const rng = new Rng(this.options.randomState);
    if (rngState) rng.setState(rngState);
    this.rng = rng;
    this.nBatchIter = nBatchIter;
    this.nIter = nIter;
    this.bound = null;
    this.topics.setComponents(tf.tensor2d(data, [rows, cols]));
    return this;
  }

  /** Fits on X (`maxIter` passes, see the class comment). @returns this. */
  fit(X: Input): this {
    const M = this.check(X, 'fit', true);
    const { maxIter, evaluateEvery, perpTol } = this.options;
    this.initialize(M.shape[1]);
    let lastBound: number | null = null;
    for (let i = 0; i < maxIter; i++) {
      this.epoch(M);
      if (evaluateEvery > 0 && (i + 1) % evaluateEvery === 0) {
        const bound = this.topics.perplexity(M, false);
        // scikit-learn: `if last_bound and abs(last_bound - bound) < perp_tol: break`.
        if (lastBound && Math.abs(lastBound - bound) < perpTol) break;
        lastBound = bound;
      }
      this.nIter++;
    }
    this.bound = this.topics.perplexity(M, false);
    return this;
  }

  /**
   * One pass of `fit`'s loop over X (one batch EM step, or a pass of online mini-batches with D
   * = X's rows), initialising first if needed. Does not evaluate perplexity.
   *
   * @throws RangeError if X's feature count differs from the model's.
   */
  fitEpoch(X: Input): this {
    const M = this.check(X, 'fitEpoch', !this.topics.lambda);
    if (!this.topics.lambda) this.initialize(M.shape[1]);
    this.epoch(M);
    this.nIter++;
    return this;
  }

  /** Online VB on X's mini-batches with D = `totalSamples` (initialises on the first call). */
  partialFit(X: Input): this {
    const M = this.check(X, 'partialFit', !this.topics.lambda);
    if (!this.topics.lambda) this.initialize(M.shape[1]);
    const { batchSize, totalSamples } = this.options;
    for (let s = 0; s < M.shape[0]; s += batchSize) {
      this.emStep(M, s, Math.min(s + batchSize, M.shape[0]), totalSamples, false);
    }
    return this;
  }

  /** Document-topic distributions `[nSamples, K]`, rows summing to 1 (float32). */
  transform(X: Input): Float32Matrix {
    const M = this.check(X, 'transform', false);
    const K = this.options.nComponents;
    const out = new Float32Array(M.shape[0] * K);
    this.topics.forEachChunk(M, 0, M.shape[0], null, false, ({ start, B }, gamma) => {
      const g = gamma.dataSync();
      for (let d = 0; d < B; d++) {
        let sum = 0;
        for (let k = 0; k < K; k++) sum += g[d * K + k];
        for (let k = 0; k < K; k++) out[(start + d) * K + k] = g[d * K + k] / sum;
      }
    });
    return { rows: M.shape[0], cols: K, data: out };
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: Input): Float32Matrix {
    return this.fit(X).transform(X);
  }

  /**
   * exp(−bound(X) / Σ X): the approximate perplexity per word. With `subSampling`, the bound's
   * document part and the word count are scaled by totalSamples / nSamples.
   */
  perplexity(X: Input, subSampling = false): number {
    return this.topics.perplexity(this.check(X, 'perplexity', false), subSampling);
  }

  /** The approximate log-likelihood (variational bound, nats) of X. */
  score(X: Input): number {
    return this.topics.approxBound(this.check(X, 'score', false), false);
  }

  /** Frees λ and exp(E[log β]). The model is unfitted afterwards. */
  dispose(): void {
    this.topics.dispose();
  }

  private epoch(M: CsrMatrix): void {
    const n = M.shape[0];
    if (this.options.learningMethod === 'online') {
      const b = this.options.batchSize;
      for (let s = 0; s < n; s += b) this.emStep(M, s, Math.min(s + b, n), n, false);
    } else this.emStep(M, 0, n, n, true);
  }

  /** scikit-learn's `_em_step` on rows [start, end) ({@link VariationalTopics.emStep}). */
  private emStep(M: CsrMatrix, start: number, end: number, total: number, batch: boolean): void {
    this.topics.emStep(M, start, end, total, batch, this.nBatchIter, this.rng);
    this.nBatchIter++;
  }

  private fitted(what: string): tf.Tensor2D {
    const lambda = this.topics.lambda;
    if (!lambda) {
      throw new Error(
        `This LatentDirichletAllocation instance is not fitted yet (${what}). Call fit, partialFit or fitEpoch first.`,
      );
    }
    return lambda;
  }

  /** CSR view of X, non-negative and finite; unless `reset`, with the model's feature count. */
  private check(X: Input, fn: string, reset: boolean): CsrMatrix {
    const M = checkCounts(X, `LatentDirichletAllocation.${fn}`);
    if (!reset) {
      const V = this.fitted(fn).shape[1];
      if (M.shape[1] !== V) {
        throw new RangeError(
          `LatentDirichletAllocation.${fn}: X has ${M.shape[1]} features, but the model was trained with ${V}.`,
        );
      }
    }
    return M;
  }
}
