/**
 * Pure helpers of the LDA trainer's views, on plain arrays (no tensors, no DOM): row subsets of
 * a count matrix, term frequencies, topic shares and topic prevalence by decade.
 */
import { CsrMatrix } from '../../nlp/vectorize/sparse';

/** Rows `rows` of M (in that order) as a new CSR matrix. @throws RangeError for a bad row. */
export function rowSubset(M: CsrMatrix, rows: readonly number[]): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Number.isInteger(r) || r < 0 || r >= M.rows) {
      throw new RangeError(`rowSubset: row ${r} is outside [0, ${M.rows}).`);
    }
    indptr[i + 1] = indptr[i] + M.indptr[r + 1] - M.indptr[r];
  }
  const indices = new Int32Array(indptr[rows.length]);
  const data = new Float64Array(indptr[rows.length]);
  rows.forEach((r, i) => {
    indices.set(M.indices.subarray(M.indptr[r], M.indptr[r + 1]), indptr[i]);
    data.set(M.data.subarray(M.indptr[r], M.indptr[r + 1]), indptr[i]);
  });
  return new CsrMatrix(indptr, indices, data, [rows.length, M.cols]);
}

/** Every `every`-th row index of n rows, starting at 0: an evenly spread sample. */
export function everyNth(n: number, every: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += Math.max(1, Math.floor(every))) out.push(i);
  return out;
}

/** Each term's share of all tokens, p(w) = Σ_d X_dw / Σ X (float32, length cols). */
export function termFrequencies(M: CsrMatrix): Float32Array {
  const sums = new Float64Array(M.cols);
  let total = 0;
  for (let p = 0; p < M.nnz; p++) {
    sums[M.indices[p]] += M.data[p];
    total += M.data[p];
  }
  return Float32Array.from(sums, (v) => (total > 0 ? v / total : 0));
}

/** Tokens per row (Σ_w X_dw). */
export function rowSums(M: CsrMatrix): Float64Array {
  const out = new Float64Array(M.rows);
  for (let d = 0; d < M.rows; d++) {
    for (let p = M.indptr[d]; p < M.indptr[d + 1]; p++) out[d] += M.data[p];
  }
  return out;
}

/**
 * Each topic's share of all tokens (LDAvis's topic proportion, the circles' areas):
 * Σ_d n_d θ_dk / Σ_d n_d, with θ row-major `[D, K]` and n_d the tokens of document d.
 */
export function topicShares(
  theta: ArrayLike<number>,
  K: number,
  tokens: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(K);
  let total = 0;
  for (let d = 0; d < tokens.length; d++) {
    for (let k = 0; k < K; k++) out[k] += tokens[d] * theta[d * K + k];
    total += tokens[d];
  }
  if (total > 0) for (let k = 0; k < K; k++) out[k] /= total;
  return out;
}

/** The decade a year falls in (1799 → 1790). */
export const decadeOf = (year: number): number => Math.floor(year / 10) * 10;

/** Topic prevalence per decade: the decades present, ascending, and their mean mixtures. */
export interface DecadePrevalence {
  decades: number[];
  /** Row-major `[decades, K]`: the mean θ of the decade's documents (rows sum to 1). */
  shares: Float32Array;
  /** Documents per decade. */
  counts: number[];
}

/**
 * Mean topic mixture of the documents of each decade (row-major θ `[D, K]`, `years[d]` the year
 * of document d). Decades without documents are left out.
 *
 * @throws RangeError if θ and years disagree on the number of documents.
 */
export function prevalenceByDecade(
  theta: ArrayLike<number>,
  K: number,
  years: ArrayLike<number>,
): DecadePrevalence {
  if (theta.length !== years.length * K) {
    throw new RangeError(
      `prevalenceByDecade: theta has ${theta.length} values, not ${years.length} x ${K}.`,
    );
  }
  const sums = new Map<number, { n: number; s: Float64Array }>();
  for (let d = 0; d < years.length; d++) {
    const dec = decadeOf(years[d]);
    let e = sums.get(dec);
    if (!e) sums.set(dec, (e = { n: 0, s: new Float64Array(K) }));
    e.n++;
    for (let k = 0; k < K; k++) e.s[k] += theta[d * K + k];
  }
  const decades = [...sums.keys()].sort((a, b) => a - b);
  const shares = new Float32Array(decades.length * K);
  decades.forEach((dec, i) => {
    const e = sums.get(dec)!;
    for (let k = 0; k < K; k++) shares[i * K + k] = e.s[k] / e.n;
  });
  return { decades, shares, counts: decades.map((d) => sums.get(d)!.n) };
}
