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
 * `maxDocUpdateIter` iterations.
 */
import * as tf from '@tensorflow/tfjs';
import type { CsrMatrix } from '../../nlp/vectorize/sparse';
import { dirichletExpectation, lgamma, lgammaScalar } from './special';

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

/** Rows `[start, end)` of X as a dense float32 `[B, V]` array. */
export function denseRows(X: CsrMatrix, start: number, end: number): Float32Array {
  const V = X.shape[1];
  const out = new Float32Array((end - start) * V);
  for (let d = start; d < end; d++) {
    const o = (d - start) * V;
    for (let p = X.indptr[d]; p < X.indptr[d + 1]; p++) out[o + X.indices[p]] = X.data[p];
  }
  return out;
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
 * @param expElogbetaT exp(E[log β]) transposed, `[V, K]`.
 * @param initialGamma `[B, K]` starting γ (scikit-learn's Gamma(100, 0.01) draws in training), or
 *   null for all ones (scikit-learn's transform / score / perplexity).
 * @returns γ `[B, K]` and exp(E[log θ]) `[B, K]` (new tensors, the caller disposes them).
 */
export function eStepChunk(
  chunk: DocChunk,
  expElogbetaT: tf.Tensor2D,
  settings: EStepSettings,
  initialGamma: Float32Array | null,
): { gamma: tf.Tensor2D; expElogtheta: tf.Tensor2D } {
  const { B, L } = chunk;
  const K = expElogbetaT.shape[1];
  const { docTopicPrior, maxDocUpdateIter, meanChangeTol } = settings;
  const [Eb, cnts] = tf.tidy(() => [
    tf.reshape(tf.gatherND(expElogbetaT, tf.tensor2d(chunk.ids, [B * L, 1], 'int32')), [B, L, K]),
    tf.tensor3d(chunk.cnts, [B, 1, L]),
  ]) as [tf.Tensor3D, tf.Tensor3D];
  let gamma: tf.Tensor2D = initialGamma ? tf.tensor2d(initialGamma, [B, K]) : tf.ones([B, K]);
  let expTheta = tf.tidy(() => tf.exp(dirichletExpectation(gamma)));
  let active: tf.Tensor2D = tf.ones([B, 1], 'bool');
  for (let it = 0; it < maxDocUpdateIter; it++) {
    const next = tf.tidy(() => {
      // φ normaliser [B, 1, L] = exp(E[log θ_d]) · exp(E[log β_·w]) for each of d's words.
      const norm = tf.add(tf.matMul(tf.reshape(expTheta, [B, 1, K]), Eb, false, true), PHI_EPS);
      const s = tf.reshape(tf.matMul(tf.div(cnts, norm), Eb), [B, K]);
      const g = tf.add(tf.mul(expTheta, s), docTopicPrior) as tf.Tensor2D;
      const e = tf.exp(dirichletExpectation(g));
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
  tf.dispose([Eb, cnts, active]);
  return { gamma, expElogtheta: expTheta };
}

/**
 * The chunk's share of the sufficient statistics before the final ⊙ exp(E[log β]):
 * Σ_d exp(E[log θ_d]) ⊗ (n_d / φ_d), `[K, V]` (scikit-learn's `suff_stats` before `*=
 * exp_dirichlet_component_`), as one dense product over the chunk.
 */
export function chunkSuffStats(
  X: CsrMatrix,
  chunk: DocChunk,
  expElogtheta: tf.Tensor2D,
  expElogbeta: tf.Tensor2D,
): tf.Tensor2D {
  const V = X.shape[1];
  return tf.tidy(() => {
    const dense = tf.tensor2d(denseRows(X, chunk.start, chunk.start + chunk.B), [chunk.B, V]);
    const norm = tf.add(tf.matMul(expElogtheta, expElogbeta), PHI_EPS);
    return tf.matMul(tf.transpose(expElogtheta), tf.div(dense, norm));
  });
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
