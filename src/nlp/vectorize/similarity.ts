/**
 * Vector similarity on sparse rows: pairwise cosine similarity and Euclidean distance
 * (scikit-learn 1.2's `sklearn.metrics.pairwise`), Jaccard similarity of token sets, and
 * top-k cosine retrieval through an inverted index.
 */
import { CsrMatrix, toCsr, type CsrMatrixData, type DenseRows, type SparseRow } from './sparse';

/** A matrix argument: a CSR matrix (or its plain fields) or dense rows. */
export type MatrixLike = CsrMatrixData | DenseRows;

/** Row-major dense result: `rows[i][j]`. */
export type DenseResult = Float64Array[];

function rowNorms(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) s += m.data[p] * m.data[p];
    out[i] = s;
  }
  return out;
}

/** Column-major copy (CSC) of `m`: for each column, the rows holding it and their values. */
function transpose(m: CsrMatrix): CsrMatrix {
  const [rows, cols] = m.shape;
  const ptr = new Int32Array(cols + 1);
  for (let p = 0; p < m.indices.length; p++) ptr[m.indices[p] + 1]++;
  for (let j = 0; j < cols; j++) ptr[j + 1] += ptr[j];
  const next = ptr.slice(0, cols);
  const idx = new Int32Array(m.nnz);
  const val = new Float64Array(m.nnz);
  for (let i = 0; i < rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const q = next[m.indices[p]]++;
      idx[q] = i;
      val[q] = m.data[p];
    }
  }
  return new CsrMatrix(ptr, idx, val, [cols, rows]);
}

/** Dot products of every row of `a` with every row of `b` (given as its transpose `bt`). */
function dotAll(a: CsrMatrix, bt: CsrMatrix): DenseResult {
  const out: DenseResult = [];
  for (let i = 0; i < a.rows; i++) {
    const row = new Float64Array(bt.cols);
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const j = a.indices[p];
      const v = a.data[p];
      for (let q = bt.indptr[j]; q < bt.indptr[j + 1]; q++) row[bt.indices[q]] += v * bt.data[q];
    }
    out.push(row);
  }
  return out;
}

function operands(A: MatrixLike, B: MatrixLike | undefined, fn: string): [CsrMatrix, CsrMatrix] {
  const a = toCsr(A, fn);
  const b = B === undefined ? a : toCsr(B, fn);
  if (a.cols !== b.cols) {
    throw new RangeError(
      `${fn}: incompatible dimension for A and B matrices: A.shape[1] == ${a.cols} while B.shape[1] == ${b.cols}.`,
    );
  }
  return [a, b];
}

/**
 * Pairwise cosine similarity, `K[i][j] = <a_i, b_j> / (||a_i|| ||b_j||)`, shape
 * `[A.rows, B.rows]` (B defaults to A). A zero row has similarity 0 with everything
 * (scikit-learn normalizes it to zero). Cost: O(sum over shared terms), via B's transpose.
 *
 * @throws RangeError when the column counts differ; TypeError for a bad argument.
 * @see sklearn.metrics.pairwise.cosine_similarity (scikit-learn 1.2).
 */
export function cosineSimilarity(A: MatrixLike, B?: MatrixLike): DenseResult {
  const [a, b] = operands(A, B, 'cosineSimilarity');
  const na = rowNorms(a).map(Math.sqrt);
  const nb = a === b ? na : rowNorms(b).map(Math.sqrt);
  const k = dotAll(a, transpose(b));
  for (let i = 0; i < k.length; i++) {
    const row = k[i];
    for (let j = 0; j < row.length; j++) {
      const d = na[i] * nb[j];
      row[j] = d === 0 ? 0 : row[j] / d;
    }
  }
  return k;
}

/**
 * Pairwise Euclidean distances `D[i][j] = ||a_i - b_j||`, shape `[A.rows, B.rows]`, computed
 * as scikit-learn does: sqrt(max(||a||^2 - 2 <a, b> + ||b||^2, 0)), with an exact 0 on the
 * diagonal when B is omitted.
 *
 * @throws RangeError when the column counts differ; TypeError for a bad argument.
 * @see sklearn.metrics.pairwise.euclidean_distances (scikit-learn 1.2).
 */
export function euclideanDistances(A: MatrixLike, B?: MatrixLike): DenseResult {
  const [a, b] = operands(A, B, 'euclideanDistances');
  const xx = rowNorms(a);
  const yy = a === b ? xx : rowNorms(b);
  const d = dotAll(a, transpose(b));
  for (let i = 0; i < d.length; i++) {
    const row = d[i];
    for (let j = 0; j < row.length; j++) {
      row[j] = Math.sqrt(Math.max(xx[i] - 2 * row[j] + yy[j], 0));
    }
    if (a === b) row[i] = 0;
  }
  return d;
}

/**
 * Jaccard similarity of two sets of tokens, |A ∩ B| / |A ∪ B|, in [0, 1]. Arrays are taken as
 * sets (duplicates ignored). Two empty sets give 1 (identical; scikit-learn's
 * `jaccard_score` would warn and return 0 instead, but two empty documents are the same
 * document).
 *
 * @throws TypeError unless both are Sets or arrays.
 */
export function jaccardSimilarity(
  setA: ReadonlySet<string> | readonly string[],
  setB: ReadonlySet<string> | readonly string[],
): number {
  const toSet = (s: ReadonlySet<string> | readonly string[]): ReadonlySet<string> => {
    if (s instanceof Set) return s;
    if (Array.isArray(s)) return new Set(s);
    throw new TypeError('jaccardSimilarity: expected two Sets or arrays of tokens.');
  };
  const a = toSet(setA);
  const b = toSet(setB);
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const t of small) if (large.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/** One search hit. */
export interface CosineHit {
  /** Row (document) index in the indexed matrix. */
  row: number;
  /** Cosine similarity with the query, in [-1, 1] ([0, 1] for TF-IDF). */
  score: number;
}

/** Options of {@link CosineIndex.search} and {@link CosineIndex.rank}. */
export interface CosineSearchOptions {
  /** Only rows for which this returns true are ranked and counted (e.g. a year range). */
  filter?: (row: number) => boolean;
  /** Called for every matched row (non-zero score, passing `filter`), rows increasing. */
  onMatch?: (row: number, score: number) => void;
}

/** Result of {@link CosineIndex.rank}. */
export interface CosineSearchResult {
  /** The top k rows, best first (ties: lower row first). */
  hits: CosineHit[];
  /** Rows with a non-zero cosine that pass the filter (every one of them, not only the top k). */
  matched: number;
}

/** One term's share of a hit's score. */
export interface TermContribution {
  /** Column (term) index. */
  column: number;
  /** Query weight x document weight, over the two norms: the contributions sum to the cosine. */
  contribution: number;
  queryWeight: number;
  docWeight: number;
}

/**
 * An inverted index over the rows of a matrix (its transpose, plus row norms) for fast
 * top-k cosine search: a query touches only the postings of its own terms, so a query of a
 * few words against 15,000 passages costs well under a millisecond.
 */
export class CosineIndex {
  readonly matrix: CsrMatrix;
  private readonly postings: CsrMatrix;
  private readonly invNorms: Float64Array;
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;

  /** Builds the index (O(nnz)). @throws TypeError for a bad matrix. */
  constructor(matrix: MatrixLike) {
    this.matrix = toCsr(matrix, 'CosineIndex');
    this.postings = transpose(this.matrix);
    this.invNorms = rowNorms(this.matrix).map((x) => (x > 0 ? 1 / Math.sqrt(x) : 0));
    this.scores = new Float64Array(this.matrix.rows);
    this.seen = new Uint8Array(this.matrix.rows);
  }

  /**
   * The `k` rows most cosine-similar to `query` (a sparse row over the same columns, e.g.
   * `vectorizer.transform([q]).getRow(0)`), best first; ties go to the lower row index.
   * Rows with score 0, and rows that `options.filter` rejects, are never returned, so fewer
   * than `k` hits may come back. The same as `rank(query, k, options).hits`.
   *
   * @throws RangeError for a bad k or a column index outside the matrix.
   */
  search(query: SparseRow, k: number, options: CosineSearchOptions = {}): CosineHit[] {
    return this.rank(query, k, options).hits;
  }

  /**
   * {@link CosineIndex.search} plus the number of rows that matched: `matched` counts the
   * rows with a non-zero cosine (rows that share a term with the query) that pass
   * `options.filter`, however many of them make the top `k` (a search engine's "about N
   * results"). `options.onMatch(row, score)` is called for each of those rows, in increasing
   * row order, e.g. to count matches per year.
   *
   * Cost: O(postings of the query's terms + matched x log k); nothing is allocated per row.
   *
   * @throws RangeError for a bad k or a column index outside the matrix; whatever `filter` or
   *   `onMatch` throws (the index stays usable).
   */
  rank(query: SparseRow, k: number, options: CosineSearchOptions = {}): CosineSearchResult {
    if (!Number.isInteger(k) || k < 0) {
      throw new RangeError(`CosineIndex.search: k must be a non-negative integer, got ${k}.`);
    }
    const { filter, onMatch } = options;
    const { indices, data } = query;
    const { indptr: ptr, indices: rows, data: vals } = this.postings;
    let qn = 0;
    let visits = 0;
    for (let p = 0; p < indices.length; p++) {
      const j = indices[p];
      if (!(j >= 0 && j < this.matrix.cols)) {
        throw new RangeError(
          `CosineIndex.search: query column ${j} is outside [0, ${this.matrix.cols}).`,
        );
      }
      qn += data[p] * data[p];
      visits += ptr[j + 1] - ptr[j];
    }
    qn = Math.sqrt(qn);
    if (qn === 0) return { hits: [], matched: 0 };
    const { scores, seen, invNorms } = this;
    // Few postings: remember which rows were touched; many: scan every row afterwards.
    const sparse = visits * 4 < scores.length;
    const touched: number[] = [];
    for (let p = 0; p < indices.length; p++) {
      const j = indices[p];
      const w = data[p];
      const end = ptr[j + 1];
      if (sparse) {
        for (let q = ptr[j]; q < end; q++) {
          const r = rows[q];
          if (seen[r] === 0) {
            seen[r] = 1;
            touched.push(r);
          }
          scores[r] += w * vals[q];
        }
      } else {
        for (let q = ptr[j]; q < end; q++) scores[rows[q]] += w * vals[q];
      }
    }
    if (sparse) touched.sort((a, b) => a - b);
    // Top k by score, ties to the lower row: rows arrive in increasing order, so a row enters
    // only with a strictly better score than the current k-th.
    const topRow = new Int32Array(k);
    const topScore = new Float64Array(k);
    let count = 0;
    let matched = 0;
    const n = sparse ? touched.length : scores.length;
    let t = 0;
    try {
      for (; t < n; t++) {
        const r = sparse ? touched[t] : t;
        const raw = scores[r];
        if (sparse) seen[r] = 0;
        if (raw === 0) continue;
        scores[r] = 0;
        const s = raw * invNorms[r];
        if (!(s === s) || (filter && !filter(r))) continue;
        matched++;
        if (onMatch) onMatch(r, s / qn);
        if (k === 0 || (count === k && !(s > topScore[k - 1]))) continue;
        let pos = count < k ? count++ : k - 1;
        while (pos > 0 && s > topScore[pos - 1]) {
          topScore[pos] = topScore[pos - 1];
          topRow[pos] = topRow[pos - 1];
          pos--;
        }
        topScore[pos] = s;
        topRow[pos] = r;
      }
    } finally {
      // Leave the scratch arrays zeroed even when filter / onMatch threw.
      for (t++; t < n; t++) {
        const r = sparse ? touched[t] : t;
        scores[r] = 0;
        if (sparse) seen[r] = 0;
      }
    }
    const hits: CosineHit[] = [];
    for (let i = 0; i < count; i++) hits.push({ row: topRow[i], score: topScore[i] / qn });
    return { hits, matched };
  }

  /**
   * How much each shared term adds to the cosine of `query` and row `row`: for each column in
   * both, (query weight x document weight) / (||query|| ||doc||), largest first. The
   * contributions sum to the cosine similarity.
   */
  contributions(query: SparseRow, row: number): TermContribution[] {
    return termContributions(query, this.matrix.getRow(row));
  }
}

/**
 * Per-term contributions to the cosine of two sparse rows (sorted indices): for each shared
 * column, `q_j * d_j / (||q|| ||d||)`, largest first. Empty if either row is zero.
 */
export function termContributions(query: SparseRow, doc: SparseRow): TermContribution[] {
  const norm = (r: SparseRow) => Math.sqrt(r.data.reduce((s, v) => s + v * v, 0));
  const denom = norm(query) * norm(doc);
  const out: TermContribution[] = [];
  if (denom === 0) return out;
  let p = 0;
  let q = 0;
  while (p < query.indices.length && q < doc.indices.length) {
    const a = query.indices[p];
    const b = doc.indices[q];
    if (a === b) {
      const qw = query.data[p++];
      const dw = doc.data[q++];
      out.push({ column: a, contribution: (qw * dw) / denom, queryWeight: qw, docWeight: dw });
    } else if (a < b) p++;
    else q++;
  }
  return out.sort((x, y) => y.contribution - x.contribution || x.column - y.column);
}

const indexCache = new WeakMap<object, CosineIndex>();

/**
 * The `k` rows of `matrix` most cosine-similar to `query`, best first (see
 * {@link CosineIndex.search}). The inverted index is built on the first call for a matrix
 * and cached (weakly) for the next ones.
 */
export function topKCosine(query: SparseRow, matrix: CsrMatrix, k: number): CosineHit[] {
  let index = indexCache.get(matrix);
  if (!index) {
    index = new CosineIndex(matrix);
    indexCache.set(matrix, index);
  }
  return index.search(query, k);
}
