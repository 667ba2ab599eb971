/**
 * Ranked retrieval by cosine similarity of TF-IDF vectors (Salton and Buckley, 1988,
 * "Term-weighting approaches in automatic text retrieval"; Manning, Raghavan and Schütze,
 * 2008, "Introduction to Information Retrieval", ch. 6.3), as scikit-learn does it: a
 * `TfidfVectorizer` (l2 rows) fitted on the passages, the query transformed with the same
 * vocabulary and idf, and score(q, d) = q · d, the cosine because both vectors have unit
 * length. The score is computed from an inverted index (the TF-IDF matrix transposed to
 * columns), so a query touches only the passages that share a term with it; each hit carries
 * the terms' contributions q_t × d_t, which add up to its score.
 *
 * Pure TypeScript, no DOM: the SOTU widget runs it in a Web Worker; unit tests run it in Node.
 */
import { TfidfVectorizer, termContributions, type CsrMatrix, type SparseRow } from '../../nlp';
import { vectorizerOptions, SKLEARN_DEFAULTS } from '../tfidf-matrix/vectorize';

/** A fitted index over a list of texts. */
export interface SearchIndex {
  /** The fitted vectorizer (vocabulary, idf, analyzer). */
  vectorizer: TfidfVectorizer;
  /** Feature names by column. */
  terms: string[];
  /** The l2-normalised TF-IDF matrix, one row per text. */
  matrix: CsrMatrix;
  /** Number of indexed texts. */
  size: number;
  /** Column pointers of the transposed matrix: term t's postings are colptr[t] .. colptr[t+1]-1. */
  colptr: Int32Array;
  /** Text (row) of each posting, increasing within a term. */
  rowidx: Int32Array;
  /** l2-normalised TF-IDF weight of each posting. */
  weights: Float64Array;
  /** Whether English stop words were left out. */
  stopWords: boolean;
}

/** One term's share of a hit's score. */
export interface Contribution {
  term: string;
  /** The term's weight in the (unit-length) query vector. */
  queryWeight: number;
  /** The term's weight in the (unit-length) passage vector. */
  docWeight: number;
  /** queryWeight × docWeight (over the two norms, which are 1): its share of the cosine. */
  product: number;
}

/** A ranked text. */
export interface Hit {
  /** Index of the text in the indexed list. */
  doc: number;
  /** Cosine similarity with the query, in (0, 1]. */
  score: number;
  /** Shared terms, largest product first; their products sum to `score`. */
  contributions: Contribution[];
}

/** Why a query has no ranking (see {@link SearchResult}). */
export type QueryStatus = 'ok' | 'empty' | 'stop-words-only' | 'unknown-words';

/** Row `doc` of the index's matrix, as a sparse row. */
function rowOf(index: SearchIndex, doc: number): SparseRow {
  return index.matrix.getRow(doc);
}

/** Result of {@link searchIndex}. */
export interface SearchResult {
  status: QueryStatus;
  /** The query's tokens (lowercased), as the vectorizer's tokenizer sees them. */
  tokens: string[];
  /** Query tokens dropped as stop words. */
  stopWords: string[];
  /** Query tokens (after stop words) not in the vocabulary. */
  unknown: string[];
  /** The query vector's non-zero terms with their weights, largest first. */
  queryTerms: { term: string; weight: number }[];
  /** The top hits, best first (ties: earlier text first). */
  hits: Hit[];
  /** How many texts (passing the filter) share at least one term with the query. */
  matched: number;
  /** Matched texts per value of `groupOf` (e.g. per decade), when given. */
  groups: Map<number, number>;
}

/** Options of {@link searchIndex}. */
export interface SearchOptions {
  /** Number of hits to return. Default 10. */
  k?: number;
  /** Keep only texts for which this is true (e.g. a year range). */
  filter?: (doc: number) => boolean;
  /** Counts matched texts per group (e.g. `doc => decade of doc`). */
  groupOf?: (doc: number) => number;
  /** Stop words to report (the list the index left out). */
  stopList?: ReadonlySet<string>;
}

/**
 * Fits a `TfidfVectorizer` (scikit-learn defaults: lowercase, `(?u)\b\w\w+\b`, smooth idf, l2
 * rows; English stop words left out when `stopWords`) on `texts` and builds the inverted index.
 *
 * @throws Error from the vectorizer (e.g. an empty vocabulary).
 */
export function buildIndex(texts: readonly string[], stopWords: boolean): SearchIndex {
  const vectorizer = new TfidfVectorizer(vectorizerOptions({ ...SKLEARN_DEFAULTS, stopWords }));
  const m = vectorizer.fitTransform(texts);
  const { colptr, rowidx, weights } = transpose(m);
  return {
    vectorizer,
    terms: vectorizer.getFeatureNamesOut(),
    matrix: m,
    size: texts.length,
    colptr,
    rowidx,
    weights,
    stopWords,
  };
}

/** The CSR matrix's columns as postings lists (CSC layout), rows increasing in each column. */
export function transpose(m: CsrMatrix): {
  colptr: Int32Array;
  rowidx: Int32Array;
  weights: Float64Array;
} {
  const [rows, cols] = m.shape;
  const colptr = new Int32Array(cols + 1);
  for (let p = 0; p < m.indices.length; p++) colptr[m.indices[p] + 1]++;
  for (let j = 0; j < cols; j++) colptr[j + 1] += colptr[j];
  const next = colptr.slice(0, cols);
  const rowidx = new Int32Array(m.indices.length);
  const weights = new Float64Array(m.indices.length);
  for (let i = 0; i < rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
      const q = next[m.indices[p]]++;
      rowidx[q] = i;
      weights[q] = m.data[p];
    }
  }
  return { colptr, rowidx, weights };
}

/**
 * Ranks the indexed texts against `query` by cosine similarity and returns the top `k`
 * with each one's term contributions, or a status saying why there is nothing to rank
 * (empty query, only stop words, only unknown words).
 */
export function searchIndex(
  index: SearchIndex,
  query: string,
  { k = 10, filter, groupOf, stopList }: SearchOptions = {},
): SearchResult {
  const tokens = tokenize(query);
  const stops = stopList ? tokens.filter((t) => stopList.has(t)) : [];
  const vocab = index.vectorizer.vocabulary;
  const unknown = tokens.filter((t) => !stops.includes(t) && !vocab.has(t));
  const base = { tokens, stopWords: stops, unknown, groups: new Map<number, number>() };
  const q = index.vectorizer.transform([query]).getRow(0);
  const queryTerms = Array.from(q.indices, (j, p) => ({
    term: index.terms[j],
    weight: q.data[p],
  })).sort((a, b) => b.weight - a.weight);
  if (q.indices.length === 0) {
    const status: QueryStatus =
      tokens.length === 0
        ? 'empty'
        : stops.length === tokens.length
          ? 'stop-words-only'
          : 'unknown-words';
    return { ...base, status, queryTerms, hits: [], matched: 0 };
  }
  // Accumulate q_t * d_t over the postings of the query's terms.
  const scores = new Map<number, number>();
  for (let p = 0; p < q.indices.length; p++) {
    const t = q.indices[p];
    const w = q.data[p];
    for (let r = index.colptr[t]; r < index.colptr[t + 1]; r++) {
      const doc = index.rowidx[r];
      scores.set(doc, (scores.get(doc) ?? 0) + w * index.weights[r]);
    }
  }
  const ranked: { doc: number; score: number }[] = [];
  for (const [doc, score] of scores) {
    if (filter && !filter(doc)) continue;
    ranked.push({ doc, score });
    if (groupOf) {
      const g = groupOf(doc);
      base.groups.set(g, (base.groups.get(g) ?? 0) + 1);
    }
  }
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const hits = ranked.slice(0, k).map(({ doc, score }) => ({
    doc,
    score,
    contributions: termContributions(q, rowOf(index, doc)).map((c) => ({
      term: index.terms[c.column],
      queryWeight: c.queryWeight,
      docWeight: c.docWeight,
      product: c.contribution,
    })),
  }));
  return { ...base, status: 'ok', queryTerms, hits, matched: ranked.length };
}

/**
 * The tokens of `text` under scikit-learn's default `token_pattern` `(?u)\b\w\w+\b` (maximal
 * runs of two or more Unicode letters, digits or `_`), lowercased, with their UTF-16 offsets.
 */
export function tokenSpans(text: string): { start: number; end: number; token: string }[] {
  const out: { start: number; end: number; token: string }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}_]{2,}/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, token: m[0].toLowerCase() });
  }
  return out;
}

/** The lowercased tokens of `text` (see {@link tokenSpans}). */
export function tokenize(text: string): string[] {
  return tokenSpans(text).map((s) => s.token);
}

/**
 * Cuts `text` into segments, marking the tokens that are in `terms` (e.g. the query's
 * terms): for highlighting a passage. The segments concatenate to `text`.
 */
export function highlightSegments(
  text: string,
  terms: ReadonlySet<string>,
): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const s of tokenSpans(text)) {
    if (!terms.has(s.token)) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start), hit: false });
    out.push({ text: text.slice(s.start, s.end), hit: true });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
