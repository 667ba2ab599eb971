/**
 * The counting core of the vectorizers (scikit-learn's `CountVectorizer._count_vocab`,
 * `_sort_features` and `_limit_features`), on typed arrays.
 */
import type { Analyzer } from './analyzer';
import { numpyArgsort } from './npArgsort';
import { compareCodePoints, CsrMatrix } from './sparse';
import { TermTable } from './termTable';

/** A growable Int32Array / Float64Array pair (amortized doubling). */
class Buffer {
  idx = new Int32Array(1024);
  val = new Float64Array(1024);
  length = 0;
  push(i: number, v: number): void {
    if (this.length === this.idx.length) {
      const idx = new Int32Array(this.length * 2);
      idx.set(this.idx);
      this.idx = idx;
      const val = new Float64Array(this.length * 2);
      val.set(this.val);
      this.val = val;
    }
    this.idx[this.length] = i;
    this.val[this.length++] = v;
  }
}

/** Raw counts: CSR arrays whose columns are term ids of the table (first-appearance order when fitting). */
export interface RawCounts {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

/**
 * Counts terms per document. When `grow` is true, unseen terms get the next id in `vocab`
 * (fit); otherwise they are ignored (transform), and each row's indices come out sorted.
 */
export function countTerms(
  docs: readonly string[],
  analyze: Analyzer,
  vocab: TermTable,
  grow: boolean,
): RawCounts {
  const indptr = new Int32Array(docs.length + 1);
  const buf = new Buffer();
  let counts = new Float64Array(Math.max(1024, vocab.size));
  let touched = new Int32Array(256);
  let nTouched = 0;
  const emit = (text: string, start: number, end: number): void => {
    const id = vocab.lookup(text, start, end, grow);
    if (id < 0) return;
    if (id >= counts.length) {
      const c = new Float64Array(counts.length * 2);
      c.set(counts);
      counts = c;
    }
    if (counts[id] === 0) {
      if (nTouched === touched.length) {
        const t = new Int32Array(nTouched * 2);
        t.set(touched);
        touched = t;
      }
      touched[nTouched++] = id;
    }
    counts[id]++;
  };
  for (let d = 0; d < docs.length; d++) {
    nTouched = 0;
    analyze(docs[d], emit);
    const row = touched.subarray(0, nTouched);
    if (!grow) row.sort();
    for (let k = 0; k < nTouched; k++) {
      const id = row[k];
      buf.push(id, counts[id]);
      counts[id] = 0;
    }
    indptr[d + 1] = buf.length;
  }
  return { indptr, indices: buf.idx.slice(0, buf.length), data: buf.val.slice(0, buf.length) };
}

/**
 * Renumbers columns by `newIndex` (old column -> new column, or -1 to drop), dropping entries
 * and sorting each row's indices. Returns a validated CSR matrix with `cols` columns.
 */
export function remapColumns(m: RawCounts, newIndex: Int32Array, cols: number): CsrMatrix {
  const rows = m.indptr.length - 1;
  const indptr = new Int32Array(rows + 1);
  let nnz = 0;
  for (let p = 0; p < m.indices.length; p++) if (newIndex[m.indices[p]] >= 0) nnz++;
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  const scratch = new Float64Array(cols);
  let out = 0;
  for (let i = 0; i < rows; i++) {
    const start = out;
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const j = newIndex[m.indices[p]];
      if (j < 0) continue;
      indices[out++] = j;
      scratch[j] = m.data[p];
    }
    const row = indices.subarray(start, out);
    row.sort();
    for (let k = start; k < out; k++) {
      data[k] = scratch[indices[k]];
      scratch[indices[k]] = 0;
    }
    indptr[i + 1] = out;
  }
  return new CsrMatrix(indptr, indices, data, [rows, cols]);
}

/** Document frequency of every column: the number of rows with a stored entry there. */
export function documentFrequency(m: { indices: Int32Array }, cols: number): Float64Array {
  const df = new Float64Array(cols);
  for (let p = 0; p < m.indices.length; p++) df[m.indices[p]]++;
  return df;
}

/** The outcome of fitting a vocabulary. */
export interface FittedVocabulary {
  /** Kept terms in column order (code point order). */
  terms: string[];
  /** Terms removed by minDf, maxDf or maxFeatures (scikit-learn's `stop_words_`). */
  pruned: Set<string>;
  /** The count matrix over the kept terms. */
  matrix: CsrMatrix;
}

/**
 * Sorts the vocabulary in code point order, then keeps the terms with
 * `minDocCount <= df <= maxDocCount` and, of those, the `maxFeatures` most frequent in the
 * corpus (ties broken by NumPy's argsort over the sorted terms, as scikit-learn 1.2).
 *
 * @throws Error "After pruning, no terms remain..." (scikit-learn's message) when none is kept.
 */
export function sortAndLimit(
  raw: RawCounts,
  vocab: TermTable,
  minDocCount: number,
  maxDocCount: number,
  maxFeatures: number | null,
): FittedVocabulary {
  const byId = vocab.terms;
  const n = byId.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    compareCodePoints(byId[a], byId[b]),
  );
  const sortedIndex = new Int32Array(n);
  order.forEach((id, col) => (sortedIndex[id] = col));
  const df = new Float64Array(n);
  const tf = new Float64Array(n);
  for (let p = 0; p < raw.indices.length; p++) {
    const col = sortedIndex[raw.indices[p]];
    df[col]++;
    tf[col] += raw.data[p];
  }
  const keep = new Uint8Array(n);
  let kept = 0;
  for (let c = 0; c < n; c++) {
    if (df[c] <= maxDocCount && df[c] >= minDocCount) {
      keep[c] = 1;
      kept++;
    }
  }
  if (maxFeatures !== null && kept > maxFeatures) {
    const masked: number[] = [];
    for (let c = 0; c < n; c++) if (keep[c]) masked.push(c);
    const negTf = Float64Array.from(masked, (c) => -tf[c]);
    const top = numpyArgsort(negTf).subarray(0, maxFeatures);
    keep.fill(0);
    for (const k of top) keep[masked[k]] = 1;
    kept = maxFeatures;
  }
  if (kept === 0) {
    throw new Error('After pruning, no terms remain. Try a lower minDf or a higher maxDf.');
  }
  const newCol = new Int32Array(n);
  const terms: string[] = [];
  const pruned = new Set<string>();
  let next = 0;
  for (let c = 0; c < n; c++) {
    if (keep[c]) {
      newCol[c] = next++;
      terms.push(byId[order[c]]);
    } else {
      newCol[c] = -1;
      pruned.add(byId[order[c]]);
    }
  }
  const newIndex = new Int32Array(n);
  for (let id = 0; id < n; id++) newIndex[id] = newCol[sortedIndex[id]];
  return { terms, pruned, matrix: remapColumns(raw, newIndex, kept) };
}
