/**
 * The computations behind LDAvis (Sievert and Shirley, "LDAvis: A method for visualizing and
 * interpreting topics", 2014): Jensen-Shannon divergences between topics, classical
 * multidimensional scaling (principal coordinates) of them to 2-D, and the relevance of a term
 * to a topic. Plain TypeScript: no tensors, no DOM.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Jensen-Shannon divergence (natural log, in [0, ln 2]) between two discrete distributions of
 * the same length: JSD(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = ½ (p + q). Terms with p_i = 0
 * contribute 0. The inputs are not renormalised.
 *
 * @throws RangeError if the lengths differ.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannon: lengths differ (${p.length} and ${q.length}).`);
  }
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * (p[i] + q[i]);
    if (p[i] > 0) s += p[i] * Math.log(p[i] / m);
    if (q[i] > 0) s += q[i] * Math.log(q[i] / m);
  }
  return Math.max(0, 0.5 * s);
}

/**
 * The `[K, K]` matrix (row-major) of Jensen-Shannon divergences between the rows of a row-major
 * `[K, V]` topic-word matrix φ (each row a distribution over the V words), as LDAvis's
 * `jsPCA` computes them.
 *
 * @throws RangeError if `phi.length` is not a multiple of V.
 */
export function topicDistances(phi: ArrayLike<number>, V: number): Float64Array {
  if (!(V >= 1) || phi.length % V !== 0) {
    throw new RangeError(`topicDistances: phi has ${phi.length} values, not K rows of ${V}.`);
  }
  const K = phi.length / V;
  const rows = Array.from({ length: K }, (_, k) =>
    Array.prototype.slice.call(phi, k * V, k * V + V),
  );
  const D = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      D[a * K + b] = D[b * K + a] = jensenShannon(rows[a] as number[], rows[b] as number[]);
    }
  }
  return D;
}

/**
 * Classical (Torgerson) multidimensional scaling, R's `cmdscale(D, k)`: double-centres the squared
 * distances, B = −½ J D² J with J = I − 11ᵀ/n, and returns the points X = U_k Λ_k^{1/2} of B's
 * `dims` largest eigenvalues (negative ones count as 0), row-major `[n, dims]`. Distances in
 * the plot approximate D when D is Euclidean. Each axis's sign is fixed so that its
 * largest-magnitude coordinate is positive (the decomposition's sign is arbitrary).
 *
 * @param D - symmetric `[n, n]` distances, row-major, zero diagonal.
 * @throws RangeError if D is not n x n or not symmetric.
 */
export function classicalMds(D: ArrayLike<number>, n: number, dims = 2): Float64Array {
  if (D.length !== n * n) throw new RangeError(`classicalMds: D must be ${n} x ${n}.`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(D[i * n + j] - D[j * n + i]) > 1e-9 * (1 + Math.abs(D[i * n + j]))) {
        throw new RangeError(`classicalMds: D is not symmetric at (${i}, ${j}).`);
      }
    }
  }
  const out = new Float64Array(n * dims);
  if (n < 2) return out;
  const sq = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => D[i * n + j] * D[i * n + j]),
  );
  const rowMean = sq.map((r) => r.reduce((a, b) => a + b, 0) / n);
  const all = rowMean.reduce((a, b) => a + b, 0) / n;
  const B = new Matrix(
    sq.map((r, i) => r.map((v, j) => -0.5 * (v - rowMean[i] - rowMean[j] + all))),
  );
  const eig = new EigenvalueDecomposition(B, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  for (let d = 0; d < Math.min(dims, n); d++) {
    const c = order[d];
    const scale = Math.sqrt(Math.max(0, values[c]));
    let big = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(vectors.get(i, c)) > Math.abs(big)) big = vectors.get(i, c);
    }
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) out[i * dims + d] = sign * vectors.get(i, c) * scale;
  }
  return out;
}

/**
 * Relevance of every term to one topic (Sievert and Shirley 2014, eq. 1):
 * r(w, k | λ) = λ log φ_kw + (1 − λ) log(φ_kw / p_w), with φ_k the topic's word distribution and
 * p_w the term's overall frequency in the corpus. λ = 1 ranks by probability in the topic,
 * λ = 0 by lift.
 *
 * @param phiK - the topic's distribution over the V terms (positive).
 * @param pw - each term's share of all tokens (positive), length V.
 * @param lambda - in [0, 1].
 * @throws RangeError for mismatched lengths or λ outside [0, 1].
 */
export function relevance(
  phiK: ArrayLike<number>,
  pw: ArrayLike<number>,
  lambda: number,
): Float64Array {
  if (phiK.length !== pw.length) {
    throw new RangeError(`relevance: phiK has ${phiK.length} terms, pw ${pw.length}.`);
  }
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`relevance: lambda must be in [0, 1], got ${lambda}.`);
  }
  const out = new Float64Array(phiK.length);
  for (let w = 0; w < phiK.length; w++) {
    const lp = Math.log(phiK[w]);
    out[w] = lambda * lp + (1 - lambda) * (lp - Math.log(pw[w]));
  }
  return out;
}

/** The ids of the `n` most relevant terms (see {@link relevance}), most relevant first (ties: lower id). */
export function topRelevantTerms(
  phiK: ArrayLike<number>,
  pw: ArrayLike<number>,
  lambda: number,
  n: number,
): number[] {
  const r = relevance(phiK, pw, lambda);
  const ids = Array.from({ length: r.length }, (_, w) => w);
  ids.sort((a, b) => r[b] - r[a] || a - b);
  return ids.slice(0, n);
}
