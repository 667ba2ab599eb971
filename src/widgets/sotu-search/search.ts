/**
 * Ranked retrieval by cosine similarity of TF-IDF vectors (Salton and Buckley, 1988,
 * "Term-weighting approaches in automatic text retrieval"; Manning, Raghavan and Schütze,
 * 2008, "Introduction to Information Retrieval", ch. 6.3), as scikit-learn does it: a
 * `TfidfVectorizer` (l2 rows) fitted on the passages, the query transformed with the same
 * vocabulary and idf, and score(q, d) = cos(q, d) = q · d for unit vectors. The ranking is
 * src/nlp's `CosineIndex` (an inverted index: a query touches only the passages that share a
 * term with it); this module adds what the page shows: why a query ranks nothing, the query's
 * stop words and unknown words, and each hit's term contributions q_t × d_t, which add up to
 * its score.
 *
 * Pure TypeScript, no DOM: the SOTU widget runs it in a Web Worker; unit tests run it in Node.
 */
import {
  CosineIndex,
  TfidfVectorizer,
  scanWordRuns,
  termContributions,
  type CsrMatrix,
} from '../../nlp';
import { vectorizerOptions, SKLEARN_DEFAULTS } from '../common/vectorize';

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
  /** The inverted index that ranks the rows of `matrix`. */
  cosine: CosineIndex;
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
  return {
    vectorizer,
    terms: vectorizer.getFeatureNamesOut(),
    matrix: m,
    size: texts.length,
    cosine: new CosineIndex(m),
    stopWords,
  };
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
  const { groups } = base;
  const ranked = index.cosine.rank(q, k, {
    filter,
    onMatch: groupOf
      ? (doc) => {
          const g = groupOf(doc);
          groups.set(g, (groups.get(g) ?? 0) + 1);
        }
      : undefined,
  });
  const hits = ranked.hits.map(({ row: doc, score }) => ({
    doc,
    score,
    contributions: termContributions(q, index.matrix.getRow(doc)).map((c) => ({
      term: index.terms[c.column],
      queryWeight: c.queryWeight,
      docWeight: c.docWeight,
      product: c.contribution,
    })),
  }));
  return { ...base, status: 'ok', queryTerms, hits, matched: ranked.matched };
}

/**
 * The tokens of `text` under scikit-learn's default `token_pattern` `(?u)\b\w\w+\b` (maximal
 * runs of two or more Unicode letters, digits or `_`), lowercased, with their UTF-16 offsets.
 */
export function tokenSpans(text: string): { start: number; end: number; token: string }[] {
  const out: { start: number; end: number; token: string }[] = [];
  scanWordRuns(text, 2, (start, end) =>
    out.push({ start, end, token: text.slice(start, end).toLowerCase() }),
  );
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
