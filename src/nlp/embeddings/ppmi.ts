/**
 * Positive pointwise mutual information (PPMI) of a co-occurrence matrix.
 */
import { CsrMatrix, type CsrMatrixData } from '../vectorize/sparse';

/** Options of {@link ppmi}. */
export interface PpmiOptions {
  /**
   * Added inside the logarithm, log2(ratio + eps), as in Saito's `ppmi(C, eps=1e-8)`
   * (default 1e-8). Only stored (non-zero) counts are transformed: a zero count has PMI -Infinity,
   * which PPMI clips to 0, so zeros stay zero whatever eps is.
   */
  eps?: number;
  /**
   * Context-distribution smoothing exponent alpha (Levy, Goldberg & Dagan 2015, section 3.1):
   * P(y) is replaced by count(y)^alpha / sum_c count(c)^alpha. 1 (the default) is plain PMI;
   * 0.75 is the value Levy et al. borrow from word2vec's negative-sampling distribution. Any
   * alpha != 1 makes the result non-symmetric.
   */
  alpha?: number;
}

/**
 * PPMI(x, y) = max(0, log2(P(x, y) / (P(x) P(y)))) for every stored entry of a co-occurrence
 * matrix C, with P(x, y) = C[x, y] / N, P(x) = (row sum of x) / N, P(y) = (column sum of y) / N
 * and N the sum of all entries (Levy, Goldberg & Dagan 2015, eq. 1-2; Church & Hanks 1990). For
 * the symmetric C of {@link cooccurrenceMatrix} row and column sums are equal, which is Saito's
 * `ppmi` (Deep Learning from Scratch 2, ch. 2, which uses S = C.sum(axis=0) for both). Worked
 * example ("you say goodbye and i say hello .", window 1): N = 14, C[you, say] = 1, row sums
 * you = 1, say = 4, so PPMI(you, say) = log2(1 * 14 / (1 * 4)) = log2(3.5) = 1.807.
 *
 * @param C counts `[V, V]` (or `[V, Vc]`): non-negative, CSR.
 * @returns a CSR matrix of the same shape holding only the positive values (zeros dropped), float64.
 * @throws RangeError for a negative or non-finite count, a negative eps or an alpha outside (0, 1].
 */
export function ppmi(C: CsrMatrixData, options: PpmiOptions = {}): CsrMatrix {
  const { eps = 1e-8, alpha = 1 } = options;
  if (!(eps >= 0) || !Number.isFinite(eps)) {
    throw new RangeError(`ppmi: eps must be a finite number >= 0, got ${eps}.`);
  }
  if (!(alpha > 0 && alpha <= 1)) {
    throw new RangeError(`ppmi: alpha must be in (0, 1], got ${alpha}.`);
  }
  const m = CsrMatrix.from(C);
  const [rows, cols] = m.shape;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const v = m.data[p];
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new RangeError(`ppmi: C[${i}, ${m.indices[p]}] = ${v} is not a non-negative count.`);
      }
      rowSum[i] += v;
      colSum[m.indices[p]] += v;
    }
  }
  // P(y), smoothed: colSum^alpha / sum colSum^alpha (alpha = 1: colSum / N).
  const pCtx = new Float64Array(cols);
  let z = 0;
  for (let j = 0; j < cols; j++) z += alpha === 1 ? colSum[j] : colSum[j] ** alpha;
  for (let j = 0; j < cols; j++) pCtx[j] = (alpha === 1 ? colSum[j] : colSum[j] ** alpha) / z;

  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(m.nnz);
  const data = new Float64Array(m.nnz);
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const v = m.data[p];
      if (v === 0) continue;
      const j = m.indices[p];
      // P(x, y) / (P(x) P(y)) = (C / N) / ((rowSum / N) * pCtx) = C / (rowSum * pCtx).
      const pmi = Math.log2(v / (rowSum[i] * pCtx[j]) + eps);
      if (pmi > 0) {
        indices[nnz] = j;
        data[nnz] = pmi;
        nnz++;
      }
    }
    indptr[i + 1] = nnz;
  }
  return new CsrMatrix(indptr, indices.slice(0, nnz), data.slice(0, nnz), [rows, cols]);
}
