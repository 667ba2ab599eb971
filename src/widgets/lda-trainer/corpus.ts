/**
 * The LDA trainer's corpus, built in its worker: the State of the Union passages (loaded with
 * src/data's `loadSotu`, as chapter 4's widgets do), their count matrix, and the samples the
 * views use. Cached per settings, so a Reset or a new K does not load or vectorize again.
 */
import { loadSotu, type SotuCorpus } from '../../data';
import { CountVectorizer } from '../../nlp/vectorize/countVectorizer';
import type { CsrMatrix } from '../../nlp/vectorize/sparse';
import { everyNth, rowSubset, rowSums, termFrequencies } from './views';

/** How the passages become counts (scikit-learn's CountVectorizer options). */
export interface VectorizerSettings {
  minDf: number;
  maxDf: number;
  maxFeatures: number;
  /** Keep every this-many-th passage only (1: all), for a faster model on a slow device. */
  every: number;
}

/** Every this-many-th passage is in the perplexity sample. */
export const EVAL_EVERY = 10;
/** Every this-many-th passage is in the sample of the decade and topic-share views. */
export const VIEW_EVERY = 4;

/** The corpus as the task uses it. */
export interface LdaCorpus {
  /** All passages' counts, `[passages, features]`. */
  X: CsrMatrix;
  vocabulary: string[];
  /** p(w): each term's share of all tokens. */
  pw: Float32Array;
  /** The perplexity sample (every {@link EVAL_EVERY}-th passage). */
  evalX: CsrMatrix;
  /** The view sample (every {@link VIEW_EVERY}-th passage), its years and token counts. */
  viewX: CsrMatrix;
  viewYears: Int32Array;
  viewTokens: Float64Array;
  firstYear: number;
  lastYear: number;
  vectorizeMs: number;
}

let cache: { key: string; corpus: Promise<LdaCorpus> } | null = null;
let sotu: { baseUrl: string; corpus: Promise<SotuCorpus> } | null = null;

/** Builds (or reuses) the corpus; `load` is `loadSotu` except in tests. */
export function ldaCorpus(
  baseUrl: string,
  v: VectorizerSettings,
  load: (baseUrl: string) => Promise<SotuCorpus> = (b) => loadSotu({ baseUrl: b }),
): Promise<LdaCorpus> {
  const key = JSON.stringify([baseUrl, v]);
  if (cache?.key === key) return cache.corpus;
  if (sotu?.baseUrl !== baseUrl) sotu = { baseUrl, corpus: load(baseUrl) };
  const source = sotu.corpus;
  const corpus = source.then((c) => build(c, v));
  // A failed load is not cached: "Try again" loads again.
  corpus.catch(() => {
    if (cache?.corpus === corpus) cache = null;
    if (sotu?.corpus === source) sotu = null;
  });
  cache = { key, corpus };
  return corpus;
}

function build(c: SotuCorpus, v: VectorizerSettings): LdaCorpus {
  const t0 = performance.now();
  const cv = new CountVectorizer({
    stopWords: 'english',
    minDf: v.minDf,
    maxDf: v.maxDf,
    maxFeatures: v.maxFeatures,
  });
  const passages = everyNth(c.passages.length, v.every).map((i) => c.passages[i]);
  const X = cv.fitTransform(passages.map((p) => p.text));
  const vectorizeMs = performance.now() - t0;
  const years = Int32Array.from(passages, (p) => c.addresses[p.address].year);
  const viewRows = everyNth(X.rows, VIEW_EVERY);
  const viewX = rowSubset(X, viewRows);
  return {
    X,
    vocabulary: cv.getFeatureNamesOut(),
    pw: termFrequencies(X),
    evalX: rowSubset(X, everyNth(X.rows, EVAL_EVERY)),
    viewX,
    viewYears: Int32Array.from(viewRows, (r) => years[r]),
    viewTokens: rowSums(viewX),
    firstYear: years[0],
    lastYear: years[years.length - 1],
    vectorizeMs,
  };
}
