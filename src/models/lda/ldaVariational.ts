/**
 * The variational state of LDA's topics and the steps on it (scikit-learn 1.2's
 * sklearn/decomposition/_lda.py): λ with its caches of exp(E[log β]), the E-step run chunk by
 * chunk (tensor or TypeScript: the `eStep` option), the batch and online M-step (`_em_step`) and
 * the variational bound and perplexity (`_approx_bound`, `_perplexity_precomp_distr`).
 * `LatentDirichletAllocation` (lda.ts) holds one and keeps the counters and the random generator.
 */
import * as tf from '@tensorflow/tfjs';
import type { CsrMatrix } from '../../nlp/vectorize/sparse';
import type { ResolvedLdaOptions } from './ldaConfig';
import {
  chunkDocBound,
  accumulateSuffStats,
  dirichletConstant,
  dirichletKl,
  ElogbetaTransposed,
  eStepChunk,
  packChunk,
  type ChunkStats,
  type DocChunk,
} from './ldaOps';
import { docBoundTs, eStepChunkTs, ElogbetaHostT, ExpElogbetaColumns } from './ldaEStepTs';
import { dirichletExpectation, type Rng } from './special';

/** Backends where `eStep: 'auto'` keeps the tensor E-step. */
const GPU_BACKENDS = new Set(['webgl', 'webgpu']);

/**
 * λ (`[K, nFeatures]`, null until set) and what is computed from it, with the E-step, the
 * M-step and the bound of `LatentDirichletAllocation`. Holds λ and, with the tensor E-step,
 * exp(E[log β]) as `[K, nFeatures]` tensors: call `dispose()` when done.
 */
export class VariationalTopics {
  private current: tf.Tensor2D | null = null;
  private expElogbeta: tf.Tensor2D | null = null;
  /** exp(E[log β]) on the host, by columns, when the TypeScript E-step is in use. */
  private expHost: ExpElogbetaColumns | null = null;
  /** Whether {@link expHost} is for the current λ (its buffers are reused across M-steps). */
  private expFresh = false;
  /** The M-step's statistics buffers, reused (fewer large allocations, fewer full GCs). */
  private accBuf: Float64Array | null = null;
  private statsBuf: Float32Array | null = null;

  /** @param options the model's resolved options (priors, learning schedule, E-step settings). */
  constructor(private readonly options: ResolvedLdaOptions) {}

  /** λ, `[K, nFeatures]`, or null before {@link setComponents} (and after `dispose`). */
  get lambda(): tf.Tensor2D | null {
    return this.current;
  }

  /**
   * Sets λ. exp(E[log β]) is computed when first needed: on the host column by column for the
   * TypeScript E-step ({@link ExpElogbetaColumns}), else as tensor ops ({@link expTensor}).
   */
  setComponents(lambda: tf.Tensor2D): void {
    tf.dispose([this.current, this.expElogbeta].filter((t): t is tf.Tensor2D => t !== null));
    this.current = lambda;
    this.expElogbeta = null;
    this.expFresh = false;
  }

  /** Frees λ and exp(E[log β]); λ is null afterwards. */
  dispose(): void {
    tf.dispose([this.current, this.expElogbeta].filter((t): t is tf.Tensor2D => t !== null));
    this.current = null;
    this.expElogbeta = null;
    this.expHost = null;
    this.expFresh = false;
    this.accBuf = null;
    this.statsBuf = null;
  }

  /**
   * scikit-learn's `_em_step` on rows [start, end): E-step with statistics, then M-step.
   * @param total D, the number of documents the online step scales the statistics to.
   * @param batch the batch update λ ← η + stats, else the online one with ρ_t, t = `nBatchIter`.
   * @param rng draws the starting γ with `docTopicInit: 'random'`.
   */
  emStep(
    M: CsrMatrix,
    start: number,
    end: number,
    total: number,
    batch: boolean,
    nBatchIter: number,
    rng: Rng,
  ): void {
    const { topicWordPrior: eta, learningOffset, learningDecay } = this.options;
    const lambda = this.current!;
    const [K, V] = lambda.shape;
    if (this.accBuf?.length !== K * V) {
      this.accBuf = new Float64Array(K * V);
      this.statsBuf = new Float32Array(K * V);
    }
    const acc = this.accBuf.fill(0);
    const init = this.options.docTopicInit === 'random' ? rng : null;
    this.forEachChunk(M, start, end, init, true, (chunk, _gamma, stats) => {
      accumulateSuffStats(acc, chunk, stats!, K, V);
    });
    // With the TypeScript E-step the statistics are scaled by exp(E[log β]) on the host.
    const host = this.usesTsEStep() && this.expFresh ? this.expHost : null;
    if (host) host.scaleStats(acc);
    const f32 = this.statsBuf!;
    for (let i = 0; i < f32.length; i++) f32[i] = acc[i];
    const stats = tf.tensor2d(f32, [K, V]);
    const next = tf.tidy(() => {
      const sstats = host ? stats : tf.mul(stats, this.expTensor());
      if (batch) return tf.add(sstats, eta);
      const rho = Math.pow(learningOffset + nBatchIter, -learningDecay);
      const ratio = total / (end - start);
      return tf.add(tf.mul(lambda, 1 - rho), tf.mul(tf.add(tf.mul(sstats, ratio), eta), rho));
    }) as tf.Tensor2D;
    stats.dispose();
    this.setComponents(next);
  }

  /**
   * Runs the E-step chunk by chunk over rows [start, end), handing each chunk's γ (disposed
   * after `visit`) and, with `withStats`, what the sufficient statistics need, to `visit`.
   * @param init draws each chunk's starting γ (Gamma(100, 0.01)), or null for γ = 1.
   */
  forEachChunk(
    M: CsrMatrix,
    start: number,
    end: number,
    init: Rng | null,
    withStats: boolean,
    visit: (chunk: DocChunk, gamma: tf.Tensor2D, stats: ChunkStats | null) => void,
  ): void {
    const { chunkSize, nComponents: K } = this.options;
    const lambda = this.current!;
    const ts = this.usesTsEStep();
    if (ts && !this.expFresh) {
      const V = lambda.shape[1];
      if (this.expHost?.V !== V || this.expHost.K !== K)
        this.expHost = new ExpElogbetaColumns(K, V);
      this.expHost.reset(lambda.dataSync());
      this.expFresh = true;
    }
    const onCpu = ts ? this.expHost : null;
    const expElogbetaT = ts ? null : tf.transpose(this.expTensor());
    try {
      for (let s = start; s < end; s += chunkSize) {
        const chunk = packChunk(M, s, Math.min(s + chunkSize, end));
        const initial = init ? init.gammaArray(chunk.B * K, 100, 0.01) : null;
        let gamma: tf.Tensor2D;
        let stats: ChunkStats | null;
        if (onCpu) {
          const r = eStepChunkTs(
            chunk,
            onCpu.ensure(chunk.ids),
            K,
            this.options,
            initial,
            withStats,
          );
          gamma = tf.tensor2d(r.gamma, [chunk.B, K]);
          stats = r.stats;
        } else {
          ({ gamma, stats } = eStepChunk(chunk, expElogbetaT!, this.options, initial, withStats));
        }
        try {
          visit(chunk, gamma, stats);
        } finally {
          gamma.dispose();
        }
      }
    } finally {
      expElogbetaT?.dispose();
    }
  }

  /** scikit-learn's `_approx_bound(X, γ from the E-step with γ = 1 start, sub_sampling)`. */
  approxBound(M: CsrMatrix, subSampling: boolean): number {
    const { docTopicPrior, topicWordPrior, totalSamples } = this.options;
    const lambda = this.current!;
    const [K, V] = lambda.shape;
    let docs = 0;
    if (this.usesTsEStep()) {
      const E = ElogbetaHostT(lambda.dataSync(), K, V);
      this.forEachChunk(M, 0, M.shape[0], null, false, (chunk, gamma) => {
        docs += docBoundTs(chunk, gamma.dataSync(), E, K, docTopicPrior);
      });
    } else {
      const ElogbetaT = ElogbetaTransposed(lambda);
      try {
        this.forEachChunk(M, 0, M.shape[0], null, false, (chunk, gamma) => {
          docs += chunkDocBound(chunk, gamma, ElogbetaT, docTopicPrior);
        });
      } finally {
        ElogbetaT.dispose();
      }
    }
    if (subSampling) docs *= totalSamples / M.shape[0];
    const t = tf.tidy(() => dirichletKl(topicWordPrior, lambda, dirichletExpectation(lambda)));
    const topics = t.dataSync()[0] + dirichletConstant(topicWordPrior, K, V);
    t.dispose();
    return docs + topics;
  }

  /** exp(−bound(M) / Σ M), both scaled by totalSamples / nSamples with `subSampling`. */
  perplexity(M: CsrMatrix, subSampling: boolean): number {
    const bound = this.approxBound(M, subSampling);
    let words = 0;
    for (let p = 0; p < M.nnz; p++) words += M.data[p];
    if (subSampling) words *= this.options.totalSamples / M.shape[0];
    return Math.exp(-bound / words);
  }

  /** Whether the E-step runs as the TypeScript loop (the `eStep` option and the backend). */
  private usesTsEStep(): boolean {
    const { eStep } = this.options;
    return eStep === 'typescript' || (eStep === 'auto' && !GPU_BACKENDS.has(tf.getBackend()));
  }

  /** exp(E[log β]) `[K, V]` as a tensor (kept until λ changes). */
  private expTensor(): tf.Tensor2D {
    const lambda = this.current!;
    this.expElogbeta ??= tf.tidy(() => tf.exp(dirichletExpectation(lambda)));
    return this.expElogbeta;
  }
}
