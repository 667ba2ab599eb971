/**
 * The tensor operations of variational LDA (scikit-learn 1.2's sklearn/decomposition/_lda.py):
 * the E-step (`_update_doc_distribution`) and the variational bound (`_approx_bound`), on a
 * chunk of documents at a time.
 *
 * scikit-learn loops over documents, each iterating until its own mean change < tol. Here a chunk
 * of B documents iterates together as batched tensors: each document's nonzero counts are padded
 * to the chunk's longest document, L (count 0 past its end, which adds nothing), so one iteration
 * is two batched products over `[B, L, K]` (O(nnz K), as scikit-learn's sparse loop), and a
 * per-document mask freezes a document once it has converged, so every document stops at the
 * same iteration, with the same value, as in scikit-learn's loop. The chunk stops when all have
 * converged (checked every {@link CONVERGENCE_CHECK_EVERY} iterations: a GPU readback) or after
 * `maxDocUpdateIter` iterations. The sufficient statistics are then summed over the nonzeros in
 * plain TypeScript (a scatter-add, which tfjs does slowly or not at all on some backends).
 */
import * as tf from '@tensorflow/tfjs';
import type { CsrMatrix } from '../../nlp/vectorize/sparse';
import { digamma, dirichletExpectation, lgamma, lgammaScalar } from './special';

/**
 * Added to φ's normaliser before dividing (scikit-learn adds float64 eps, 2.2e-16). In float32
 * the normaliser Σ_k exp(E[log θ_dk]) exp(E[log β_kw]) is ~1e-4 for a 10,000-word vocabulary,
 * so float32's eps (1.2e-7) would bias it by 0.1%; 1e-30 only guards against 0 / 0.
 */
export const PHI_EPS = 1e-30;

/** How often the E-step reads back whether all documents have converged. */
export const CONVERGENCE_CHECK_EVERY = 4;

/** A chunk of documents, padded: rows `[start, end)` of a CSR count matrix. */
export interface DocChunk {
  start: number;
  /** Number of documents B. */
  B: number;
  /** Longest document's number of distinct words (>= 1). */
  L: number;
  /** Word ids, `[B * L, 1]` int32 (for gatherND), 0 where padded. */
  ids: Int32Array;
  /** Counts, `[B, L]`, 0 where padded. */
  cnts: Float32Array;
}

/** Rows `[start, end)` of X, padded (see {@link DocChunk}). */
export function packChunk(X: CsrMatrix, start: number, end: number): DocChunk {
  let L = 1;
  for (let d = start; d < end; d++) L = Math.max(L, X.indptr[d + 1] - X.indptr[d]);
  const B = end - start;
  const ids = new Int32Array(B * L);
  const cnts = new Float32Array(B * L);
  for (let d = start; d < end; d++) {
    const o = (d - start) * L;
    for (let p = X.indptr[d], t = 0; p < X.indptr[d + 1]; p++, t++) {
      ids[o + t] = X.indices[p];
      cnts[o + t] = X.data[p];
    }
  }
  return { start, B, L, ids, cnts };
}

/** What the sufficient statistics need from a chunk's E-step (see {@link eStepChunk}). */
export interface ChunkStats {
  /** exp(ψ(γ)), `[B, K]` (exp(E[log θ]) up to a per-document constant). */
  expTheta: Float32Array;
  /** n_dw / φ_dw, `[B, L]`, 0 where padded. */
  ratio: Float32Array;
}

/** Settings of {@link eStepChunk}. */
export interface EStepSettings {
  docTopicPrior: number;
  maxDocUpdateIter: number;
  meanChangeTol: number;
}

/**
 * E-step on one chunk: iterates γ_d ← α + exp(E[log θ_d]) ⊙ Σ_w n_dw exp(E[log β_·w]) / φ_dw with
 * φ_dw = Σ_k exp(E[log θ_dk]) exp(E[log β_kw]) (Blei et al. 2003, eqs. 6-7 with φ summed out;
 * Hoffman et al. 2010, Algorithm 2) until the mean |Δγ_d| < meanChangeTol.
 *
 * exp(E[log θ_dk]) = exp(ψ(γ_dk)) / exp(ψ(Σ_k γ_dk)); the update is unchanged when a document's
 * exp(E[log θ_d]) is scaled by a constant (it appears once above and once in φ_d·), and so are
 * the sufficient statistics, so the per-document denominator exp(ψ(Σ γ_d)) is left out: half
 * the digamma work, the same γ as scikit-learn up to rounding.
 *
 * @param expElogbetaT exp(E[log β]) transposed, `[V, K]`.
 * @param initialGamma `[B, K]` starting γ (scikit-learn's Gamma(100, 0.01) draws in training), or
 *   null for all ones (scikit-learn's transform / score / perplexity).
 * @param withStats also return what the sufficient statistics need.
 * @returns γ `[B, K]` (a tensor the caller disposes); with `withStats`, exp(ψ(γ)) `[B, K]` and
 *   n_dw / φ_dw `[B, L]` (0 where padded) as arrays.
 */
export function eStepChunk(
  chunk: DocChunk,
  expElogbetaT: tf.Tensor2D,
  settings: EStepSettings,
  initialGamma: Float32Array | null,
  withStats = false,
): { gamma: tf.Tensor2D; stats: ChunkStats | null } {
  const { B, L } = chunk;
  const K = expElogbetaT.shape[1];
  const { docTopicPrior, maxDocUpdateIter, meanChangeTol } = settings;
  const [Eb, cnts] = tf.tidy(() => [
    tf.reshape(tf.gatherND(expElogbetaT, tf.tensor2d(chunk.ids, [B * L, 1], 'int32')), [B, L, K]),
    tf.tensor3d(chunk.cnts, [B, 1, L]),
  ]) as [tf.Tensor3D, tf.Tensor3D];
  const ratioOf = (expTheta: tf.Tensor2D): tf.Tensor3D =>
    tf.div(cnts, tf.add(tf.matMul(tf.reshape(expTheta, [B, 1, K]), Eb, false, true), PHI_EPS));
  let gamma: tf.Tensor2D = initialGamma ? tf.tensor2d(initialGamma, [B, K]) : tf.ones([B, K]);
  let expTheta = tf.tidy(() => tf.exp(digamma(gamma)));
  let active: tf.Tensor2D = tf.ones([B, 1], 'bool');
  for (let it = 0; it < maxDocUpdateIter; it++) {
    const next = tf.tidy(() => {
      // n_dw / φ_dw, [B, 1, L], then Σ_w of it times exp(E[log β_·w]), [B, K].
      const s = tf.reshape(tf.matMul(ratioOf(expTheta), Eb), [B, K]);
      const g = tf.add(tf.mul(expTheta, s), docTopicPrior) as tf.Tensor2D;
      const e = tf.exp(digamma(g));
      const change = tf.mean(tf.abs(tf.sub(g, gamma)), 1, true);
      // A converged document keeps its values (scikit-learn's loop has left it).
      return [
        tf.where(active, g, gamma),
        tf.where(active, e, expTheta),
        tf.logicalAnd(active, tf.greaterEqual(change, meanChangeTol)),
      ] as tf.Tensor2D[];
    });
    tf.dispose([gamma, expTheta, active]);
    [gamma, expTheta, active] = next;
    if ((it + 1) % CONVERGENCE_CHECK_EVERY === 0 && it + 1 < maxDocUpdateIter) {
      const stillActive = tf.tidy(() => tf.any(active));
      const any = stillActive.dataSync()[0];
      stillActive.dispose();
      if (!any) break;
    }
  }
  let stats: ChunkStats | null = null;
  if (withStats) {
    const ratio = tf.tidy(() => ratioOf(expTheta));
    stats = {
      expTheta: expTheta.dataSync() as Float32Array,
      ratio: ratio.dataSync() as Float32Array,
    };
    ratio.dispose();
  }
  tf.dispose([Eb, cnts, active, expTheta]);
  return { gamma, stats };
}

/**
 * Adds a chunk's sufficient statistics before the final ⊙ exp(E[log β]) to `out` (`[K, V]`
 * row-major): out[k, w] += Σ_d exp(E[log θ_dk]) n_dw / φ_dw (scikit-learn's
 * `suff_stats[:, ids] += np.outer(exp_doc_topic_d, cnts / norm_phi)`), over the nonzeros only:
 * O(nnz K) in plain TypeScript, cheaper than a dense `[K, B] x [B, V]` product and its upload.
 */
export function accumulateSuffStats(
  out: Float64Array,
  chunk: DocChunk,
  stats: ChunkStats,
  K: number,
  V: number,
): void {
  const { B, L, ids } = chunk;
  const { expTheta, ratio } = stats;
  for (let d = 0; d < B; d++) {
    for (let t = 0; t < L; t++) {
      const r = ratio[d * L + t];
      if (r === 0) continue;
      const w = ids[d * L + t];
      for (let k = 0; k < K; k++) out[k * V + w] += expTheta[d * K + k] * r;
    }
  }
}

/**
 * The document part of `_approx_bound` for one chunk, in nats:
 * Σ_d Σ_w n_dw log Σ_k exp(E[log θ_dk] + E[log β_kw]) + Σ_d (E[log p(θ_d | α)] − E[log q(θ_d | γ_d)]).
 *
 * @param ElogbetaT E[log β] transposed, `[V, K]`.
 */
export function chunkDocBound(
  chunk: DocChunk,
  gamma: tf.Tensor2D,
  ElogbetaT: tf.Tensor2D,
  docTopicPrior: number,
): number {
  const { B, L } = chunk;
  const K = ElogbetaT.shape[1];
  const t = tf.tidy(() => {
    const Elogtheta = dirichletExpectation(gamma);
    const Eb = tf.reshape(tf.gatherND(ElogbetaT, tf.tensor2d(chunk.ids, [B * L, 1], 'int32')), [
      B,
      L,
      K,
    ]);
    const lse = tf.logSumExp(tf.add(Eb, tf.reshape(Elogtheta, [B, 1, K])), 2);
    const words = tf.sum(tf.mul(tf.tensor2d(chunk.cnts, [B, L]), lse));
    return tf.add(words, dirichletKl(docTopicPrior, gamma, Elogtheta));
  });
  const v = t.dataSync()[0];
  t.dispose();
  return v + dirichletConstant(docTopicPrior, B, K);
}

/**
 * scikit-learn's `_loglikelihood(prior, distr, dirichlet_distr, size)` less the terms that
 * depend only on the prior: Σ (prior − distr) ⊙ E[log] + Σ lgamma(distr) − Σ_rows lgamma(Σ
 * distr). Add {@link dirichletConstant} in float64 (it can be ~1e6: float32 would round it).
 */
export function dirichletKl(prior: number, distr: tf.Tensor2D, Elog: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const a = tf.sum(tf.mul(tf.sub(prior, distr), Elog));
    const b = tf.sum(lgamma(distr));
    const c = tf.sum(lgamma(tf.sum(distr, 1)));
    return tf.sub(tf.add(a, b), c);
  });
}

/** The prior's constant in `_loglikelihood`: rows · (lgamma(prior · size) − size · lgamma(prior)). */
export function dirichletConstant(prior: number, rows: number, size: number): number {
  return rows * (lgammaScalar(prior * size) - size * lgammaScalar(prior));
}

/** E[log β] for a `[K, V]` topic-word parameter λ, as `[V, K]` (for {@link chunkDocBound}). */
export function ElogbetaTransposed(components: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.transpose(dirichletExpectation(components)));
}
