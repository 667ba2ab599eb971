/**
 * The LDA E-step in plain TypeScript (float64), scikit-learn 1.2's `_update_doc_distribution`
 * loop document by document: the `eStep: 'typescript'` option of `LatentDirichletAllocation`.
 *
 * The tensor E-step (ldaOps.ts) launches ~30 small kernels per iteration on `[B, K]` tensors,
 * and on the cpu and wasm backends that launch cost, not the arithmetic, is its time (about 6x
 * scikit-learn's on SOTU; docs/performance.md). This loop does the same arithmetic with no
 * launches: O(nnz_d K) per document and iteration, each document stopping on its own. The
 * M-step and the bound stay tensor operations.
 */
import { digammaScalar } from '../../nlp/topics/special';
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
