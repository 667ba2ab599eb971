/**
 * The numbers behind the TF-IDF matrix widget: the document-term matrix from
 * `CountVectorizer`, the TF-IDF matrix and IDF vector from `TfidfVectorizer` (src/nlp, ports of
 * scikit-learn 1.2), and, for any cell, the chain of numbers that produced it. Pure
 * TypeScript, no React.
 *
 * scikit-learn's definition (sklearn/feature_extraction/text.py, `TfidfTransformer`):
 *   tf = count (1 when `binary`; 1 + ln(count) when `sublinear_tf`),
 *   idf = ln((1 + n) / (1 + df)) + 1 (`smooth_idf`) or ln(n / df) + 1,
 *   w = tf * idf, then each document row is divided by its l2 or l1 norm.
 */
import { CountVectorizer, TfidfVectorizer } from '../../nlp';
import { MAX_CHARS, MAX_DOCUMENTS } from './schema';
import { denseRows, vectorizerOptions, type VectorizerSettings } from '../common/vectorize';

export type { VectorizerSettings } from '../common/vectorize';

/** Everything the widget draws, for one set of documents and settings. */
export interface TfidfModel {
  /** The documents, as given. */
  documents: readonly string[];
  /** Feature names (`get_feature_names_out`), in column order (alphabetical). */
  terms: string[];
  /** Raw counts, `[documents.length][terms.length]` (from `CountVectorizer`, never binarised). */
  counts: number[][];
  /** What the DTM heatmap shows: counts, or 0/1 when `binary`. */
  dtm: number[][];
  /** The tf factor of each cell after `binary` / `sublinear_tf`, same shape. */
  tf: number[][];
  /** Document frequency of each term: in how many documents its count is non-zero. */
  df: number[];
  /** Number of documents n. */
  n: number;
  /** The library's IDF vector (`idf_`), or null when `use_idf` is off. */
  idf: number[] | null;
  /** tf * idf (tf when `use_idf` is off), before normalisation, same shape. */
  weighted: number[][];
  /** Norm of each weighted row (l2 or l1), or null when `norm` is none. */
  norms: (number | null)[];
  /** The library's output: `TfidfVectorizer.fit_transform(documents)` as dense rows. */
  values: number[][];
  settings: VectorizerSettings;
}

/** The formula of one cell with its numbers (see {@link cellBreakdown}). */
export interface CellBreakdown {
  doc: number;
  term: string;
  /** Raw count of the term in the document. */
  count: number;
  /** tf after `binary` and `sublinear_tf`. */
  tf: number;
  df: number;
  n: number;
  /** The library's idf of the term; null when `use_idf` is off. */
  idf: number | null;
  /** tf * idf (or tf). */
  product: number;
  /** The row's norm; null when `norm` is none. */
  norm: number | null;
  /** product / norm (or product): the widget's own recomputation. */
  recomputed: number;
  /** The value the library computed for the cell. */
  value: number;
}

/**
 * Fits `CountVectorizer` and `TfidfVectorizer` with the same analyzer settings on
 * `documents` and derives the intermediate matrices.
 *
 * @throws Error from the vectorizer, e.g. an empty vocabulary (every word a stop word).
 */
export function computeTfidf(
  documents: readonly string[],
  settings: VectorizerSettings,
): TfidfModel {
  const docs = [...documents];
  const cv = new CountVectorizer(vectorizerOptions({ ...settings, binary: false }));
  const counts = denseRows(cv.fitTransform(docs));
  const terms = [...cv.getFeatureNamesOut()];
  const tv = new TfidfVectorizer(vectorizerOptions(settings));
  const values = denseRows(tv.fitTransform(docs));
  const tvTerms = tv.getFeatureNamesOut();
  if (tvTerms.length !== terms.length || tvTerms.some((t, j) => t !== terms[j])) {
    throw new Error('CountVectorizer and TfidfVectorizer disagree on the vocabulary.');
  }
  const n = docs.length;
  const df = terms.map((_, j) => counts.reduce((s, row) => s + (row[j] > 0 ? 1 : 0), 0));
  const idf = settings.useIdf ? Array.from(tv.idf) : null;
  const dtm = counts.map((row) => row.map((c) => (settings.binary && c > 0 ? 1 : c)));
  const tf = dtm.map((row) =>
    row.map((c) => (settings.sublinearTf && c > 0 ? 1 + Math.log(c) : c)),
  );
  const weighted = tf.map((row) => row.map((t, j) => (idf ? t * idf[j] : t)));
  const norms = weighted.map((row) => rowNorm(row, settings.norm));
  return { documents: docs, terms, counts, dtm, tf, df, n, idf, weighted, norms, values, settings };
}

/** The l2 or l1 norm of a row; null for `norm: null`. */
export function rowNorm(row: readonly number[], norm: 'l1' | 'l2' | null): number | null {
  if (norm === null) return null;
  if (norm === 'l1') return row.reduce((s, v) => s + Math.abs(v), 0);
  return Math.sqrt(row.reduce((s, v) => s + v * v, 0));
}

/**
 * The formula of cell (`doc`, `term` column) with its numbers: count, tf, df, n, the
 * library's idf, the product, the row norm, the recomputed value and the library's value.
 *
 * @throws RangeError when the cell is outside the matrix.
 */
export function cellBreakdown(model: TfidfModel, doc: number, col: number): CellBreakdown {
  if (!(doc >= 0 && doc < model.n && col >= 0 && col < model.terms.length)) {
    throw new RangeError(
      `No cell (${doc}, ${col}) in a ${model.n} x ${model.terms.length} matrix.`,
    );
  }
  const product = model.weighted[doc][col];
  const norm = model.norms[doc];
  return {
    doc,
    term: model.terms[col],
    count: model.counts[doc][col],
    tf: model.tf[doc][col],
    df: model.df[col],
    n: model.n,
    idf: model.idf ? model.idf[col] : null,
    product,
    norm,
    recomputed: norm === null ? product : norm > 0 ? product / norm : 0,
    value: model.values[doc][col],
  };
}

/** Formats a number for the formula panel: up to 4 decimals, no trailing zeros. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(4)));
}

/**
 * The formula of a cell as lines of plain text, in the order the computation runs, each with
 * the numbers substituted, e.g. `idf = ln((1 + n) / (1 + df)) + 1 = ln(5 / 3) + 1 = 1.5108`.
 */
export function formulaLines(b: CellBreakdown, s: VectorizerSettings): string[] {
  const lines: string[] = [];
  lines.push(`count("${b.term}", document ${b.doc + 1}) = ${b.count}`);
  if (b.count === 0) lines.push('tf = 0 (the term does not occur in this document)');
  else if (s.binary && s.sublinearTf) lines.push(`tf = 1 + ln(1) = 1 (binary, then sublinear)`);
  else if (s.binary) lines.push(`tf = 1 (binary: presence only)`);
  else if (s.sublinearTf) lines.push(`tf = 1 + ln(${b.count}) = ${fmt(b.tf)} (sublinear)`);
  else lines.push(`tf = count = ${fmt(b.tf)}`);
  if (b.idf !== null) {
    lines.push(`df = ${b.df} of n = ${b.n} documents contain "${b.term}"`);
    lines.push(
      s.smoothIdf
        ? `idf = ln((1 + n) / (1 + df)) + 1 = ln(${b.n + 1} / ${b.df + 1}) + 1 = ${fmt(b.idf)}`
        : `idf = ln(n / df) + 1 = ln(${b.n} / ${b.df}) + 1 = ${fmt(b.idf)}`,
    );
    lines.push(`tf × idf = ${fmt(b.tf)} × ${fmt(b.idf)} = ${fmt(b.product)}`);
  } else {
    lines.push(`use_idf off: weight = tf = ${fmt(b.product)}`);
  }
  if (b.norm === null) {
    lines.push(`norm = none: value = ${fmt(b.value)}`);
  } else {
    const name = s.norm === 'l1' ? '‖row‖₁ = Σ|w|' : '‖row‖₂ = √(Σ w²)';
    lines.push(`${name} over document ${b.doc + 1}'s row = ${fmt(b.norm)}`);
    lines.push(`value = ${fmt(b.product)} / ${fmt(b.norm)} = ${fmt(b.value)}`);
  }
  return lines;
}

/**
 * Splits the text box into documents: one per non-empty line, at most {@link MAX_DOCUMENTS},
 * over at most {@link MAX_CHARS} characters.
 */
export function splitDocuments(text: string): { docs: string[]; clipped: boolean } {
  const lines = text
    .slice(0, MAX_CHARS)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const clipped = text.length > MAX_CHARS || lines.length > MAX_DOCUMENTS;
  return { docs: lines.slice(0, MAX_DOCUMENTS), clipped };
}
