/**
 * The LDA E-step in plain TypeScript (float64), scikit-learn 1.2's `_update_doc_distribution`
 * loop document by document: the `eStep: 'typescript'` option of `LatentDirichletAllocation`.
 *
 * The tensor E-step (ldaOps.ts) launches ~30 small kernels per iteration on `[B, K]` tensors,
 * and on the cpu and wasm backends that launch cost, not the arithmetic, is its time (about 6x
 * scikit-learn's on SOTU; docs/performance.md). This loop does the same arithmetic with no
 * launches: O(nnz_d K) per document and iteration, each document stopping on its own. With it,
 * exp(E[log β]) after each M-step and the document part of the bound are computed here too
 * (float64; {@link ExpElogbetaColumns}, {@link docBoundTs}); the λ update stays a tensor operation.
 */
import { digammaScalar, lgammaScalar } from '../../nlp/topics/special';
import { PHI_EPS, type ChunkStats, type DocChunk, type EStepSettings } from './ldaOps';

/**
 * E-step on a chunk (see `eStepChunk` for the update). Leaves out the per-document constant
 * exp(ψ(Σ γ_d)) as the tensor version does (the update and the statistics do not depend on it).
 *
 * @param expElogbetaT exp(E[log β]) transposed, row-major `[V, K]`.
 * @param initialGamma `[B, K]` starting γ, or null for ones.
 * @returns γ `[B, K]` row-major and, with `withStats`, the sufficient statistics' inputs.
 */
export function eStepChunkTs(
  chunk: DocChunk,
  expElogbetaT: Float32Array,
  K: number,
  settings: EStepSettings,
  initialGamma: Float32Array | null,
  withStats: boolean,
): { gamma: Float32Array; stats: ChunkStats | null } {
  const { B, L, ids, cnts } = chunk;
  const { docTopicPrior: alpha, maxDocUpdateIter, meanChangeTol } = settings;
  const gammaOut = new Float32Array(B * K);
  const expThetaOut = withStats ? new Float32Array(B * K) : null;
  const ratioOut = withStats ? new Float32Array(B * L) : null;
  const gamma = new Float64Array(K);
  const expTheta = new Float64Array(K);
  const s = new Float64Array(K);
  const ratio = new Float64Array(L);
  // The document's columns of exp(E[log β]), gathered once into contiguous float64 `[n, K]`
  // (scikit-learn's `exp_topic_word_d`), so each iteration streams through one small block.
  const ew = new Float64Array(L * K);
  for (let d = 0; d < B; d++) {
    const o = d * L;
    let n = L;
    while (n > 0 && cnts[o + n - 1] === 0) n--;
    for (let t = 0; t < n; t++) {
      const e = ids[o + t] * K;
      const w = t * K;
      for (let k = 0; k < K; k++) ew[w + k] = expElogbetaT[e + k];
    }
    for (let k = 0; k < K; k++) {
      gamma[k] = initialGamma ? initialGamma[d * K + k] : 1;
      expTheta[k] = Math.exp(digammaScalar(gamma[k]));
    }
    for (let it = 0; it < maxDocUpdateIter; it++) {
      // One pass per iteration: each word's normaliser φ-norm = Σ_k exp(E[log θ_k]) β'_kw, then
      // s_k += (count / φ-norm) β'_kw.
      s.fill(0);
      for (let t = 0; t < n; t++) {
        const w = t * K;
        let norm = PHI_EPS;
        for (let k = 0; k < K; k++) norm += expTheta[k] * ew[w + k];
        const r = cnts[o + t] / norm;
        for (let k = 0; k < K; k++) s[k] += r * ew[w + k];
      }
      let change = 0;
      for (let k = 0; k < K; k++) {
        const next = expTheta[k] * s[k] + alpha;
        change += Math.abs(next - gamma[k]);
        gamma[k] = next;
        expTheta[k] = Math.exp(digammaScalar(next));
      }
      if (change / K < meanChangeTol) break;
    }
    for (let k = 0; k < K; k++) gammaOut[d * K + k] = gamma[k];
    if (expThetaOut && ratioOut) {
      for (let t = 0; t < n; t++) {
        const w = t * K;
        let norm = PHI_EPS;
        for (let k = 0; k < K; k++) norm += expTheta[k] * ew[w + k];
        ratio[t] = cnts[o + t] / norm;
      }
      for (let k = 0; k < K; k++) expThetaOut[d * K + k] = expTheta[k];
      for (let t = 0; t < n; t++) ratioOut[o + t] = ratio[t];
    }
  }
  const stats = expThetaOut && ratioOut ? { expTheta: expThetaOut, ratio: ratioOut } : null;
  return { gamma: gammaOut, stats };
}

/**
 * E[log β] = ψ(λ_kw) − ψ(Σ_w λ_kw) (Blei et al. 2003, eq. 8; scikit-learn's
 * `_dirichlet_expectation_2d`) of λ `[K, V]` row-major, in float64, transposed: `[V, K]`.
 */
export function ElogbetaHostT(lambda: ArrayLike<number>, K: number, V: number): Float64Array {
  const out = new Float64Array(V * K);
  for (let k = 0; k < K; k++) {
    const o = k * V;
    let sum = 0;
    for (let w = 0; w < V; w++) sum += lambda[o + w];
    const psiSum = digammaScalar(sum);
    for (let w = 0; w < V; w++) out[w * K + k] = digammaScalar(lambda[o + w]) - psiSum;
  }
  return out;
}

/**
 * exp(E[log β]) = exp(ψ(λ_kw) − ψ(Σ_w λ_kw)) of one λ `[K, V]`, transposed `[V, K]` float32
 * (what {@link eStepChunkTs} reads), computed a word's column at a time when first asked for:
 * an online mini-batch reads only its own words' columns (scikit-learn's E-step reads
 * `exp_topic_word_distr[:, ids]` too, but computes the whole matrix after every M-step), so
 * the digamma and exp of the other columns are never evaluated.
 */
export class ExpElogbetaColumns {
  /** `[V, K]`; column w is valid once {@link ensure} has seen w since the last {@link reset}. */
  readonly vk: Float32Array;
  private readonly psiSum: Float64Array;
  /** The {@link version} at which each column was last computed (buffers are reused). */
  private readonly done: Int32Array;
  private version = 0;
  private lambda: ArrayLike<number> = [];

  constructor(
    readonly K: number,
    readonly V: number,
  ) {
    this.vk = new Float32Array(V * K);
    this.done = new Int32Array(V);
    this.psiSum = new Float64Array(K);
  }

  /** Starts over for λ `[K, V]` row-major (kept by reference: do not modify it). @returns this. */
  reset(lambda: ArrayLike<number>): this {
    const { K, V } = this;
    this.lambda = lambda;
    this.version++;
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let w = 0; w < V; w++) sum += lambda[k * V + w];
      this.psiSum[k] = digammaScalar(sum);
    }
    return this;
  }

  /** Computes the columns of the word ids in `ids` not computed yet. @returns {@link vk}. */
  ensure(ids: ArrayLike<number>): Float32Array {
    const { K, V, lambda, psiSum, vk, done, version } = this;
    for (let i = 0; i < ids.length; i++) {
      const w = ids[i];
      if (done[w] === version) continue;
      done[w] = version;
      for (let k = 0; k < K; k++) {
        vk[w * K + k] = Math.exp(digammaScalar(lambda[k * V + w]) - psiSum[k]);
      }
    }
    return vk;
  }

  /**
   * The M-step's sufficient statistics in place: acc[k, w] *= exp(E[log β])[k, w] (`[K, V]`)
   * where acc is non-zero, i.e. on the words the E-step saw (whose columns it ensured).
   */
  scaleStats(acc: Float64Array): Float64Array {
    const { K, V, vk, done, version } = this;
    for (let w = 0; w < V; w++) {
      if (done[w] !== version) continue;
      for (let k = 0; k < K; k++) acc[k * V + w] *= vk[w * K + k];
    }
    return acc;
  }
}

/**
 * The document part of scikit-learn's `_approx_bound` for one chunk (nats), in float64:
 * Σ_d Σ_w n_dw log Σ_k exp(E[log θ_dk] + E[log β_kw]) + Σ_d (Σ_k (α − γ_dk) E[log θ_dk] +
 * ln Γ(γ_dk) − ln Γ(Σ_k γ_dk) + ln Γ(Kα) − K ln Γ(α)): `chunkDocBound` without tensors.
 *
 * @param gamma `[B, K]` from the E-step; @param ElogbetaT E[log β] `[V, K]` ({@link ElogbetaHostT}).
 */
export function docBoundTs(
  chunk: DocChunk,
  gamma: ArrayLike<number>,
  ElogbetaT: Float64Array,
  K: number,
  alpha: number,
): number {
  const { B, L, ids, cnts } = chunk;
  const Elogtheta = new Float64Array(K);
  const z = new Float64Array(K);
  const constant = lgammaScalar(K * alpha) - K * lgammaScalar(alpha);
  let total = 0;
  for (let d = 0; d < B; d++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += gamma[d * K + k];
    const psiSum = digammaScalar(sum);
    let kl = constant - lgammaScalar(sum);
    for (let k = 0; k < K; k++) {
      const g = gamma[d * K + k];
      Elogtheta[k] = digammaScalar(g) - psiSum;
      kl += (alpha - g) * Elogtheta[k] + lgammaScalar(g);
    }
    let words = 0;
    for (let t = 0; t < L; t++) {
      const c = cnts[d * L + t];
      if (c === 0) continue;
      const e = ids[d * L + t] * K;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        z[k] = Elogtheta[k] + ElogbetaT[e + k];
        if (z[k] > max) max = z[k];
      }
      let se = 0;
      for (let k = 0; k < K; k++) se += Math.exp(z[k] - max);
      words += c * (max + Math.log(se));
    }
    total += words + kl;
  }
  return total;
}
