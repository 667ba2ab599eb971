/**
 * Latent semantic analysis (Deerwester et al. 1990) of a corpus for the LSA explorer: TF-IDF
 * (lsaConfig.ts's vectorizer) and scikit-learn's `TruncatedSVD` fitted once with `kMax`
 * components; the reader's k keeps the first k. Plain TypeScript (runs in the worker and in
 * Node tests); cosines are taken over the first k latent dimensions.
 *
 * One space holds both kinds of point: documents at X V = U Σ (what `transform` returns, so a
 * folded query lands among them) and terms at V Σ (rows of V scaled by the singular values, whose
 * dot products are those of X^T X restricted to the first k dimensions).
 */
import { CountVectorizer, ENGLISH_STOP_WORDS, TfidfVectorizer, TruncatedSVD } from '../../nlp';
import { LSA_LIMITS, LSA_SVD, LSA_VECTORIZER } from './lsaConfig';

/** A term (column) or a document (row) of the matrix. */
export type LsaItem = { kind: 'term'; index: number } | { kind: 'doc'; index: number };

/** A neighbour with its cosine similarity to the probe, in the first k dimensions. */
export interface Neighbour {
  index: number;
  cos: number;
}

/** Why a query could not be folded in, or 'ok'. */
export type FoldStatus = 'ok' | 'empty' | 'too-long' | 'stop-words-only' | 'unknown';

/** A query folded into the latent space: q_k = tfidf(q) V_k. */
export interface Folded {
  status: FoldStatus;
  /** Words of the query (lowercased tokens), and those left out. */
  tokens: string[];
  stopWords: string[];
  /** Tokens not in the vocabulary (rare, too common, or never seen). */
  unknown: string[];
  /** The query's coordinates in all kMax dimensions (empty unless status is 'ok'). */
  vector: Float64Array;
}

/** The fitted model and what the views need of it. */
export class LsaModel {
  readonly vectorizer: TfidfVectorizer;
  readonly svd: TruncatedSVD;
  /** Column order of the TF-IDF matrix. */
  readonly terms: readonly string[];
  readonly termIndex: ReadonlyMap<string, number>;
  /** `[nDocs, kMax]` row-major: X V. */
  readonly docVecs: Float64Array;
  /** `[nTerms, kMax]` row-major: V Σ. */
  readonly termVecs: Float64Array;
  readonly kMax: number;
  readonly nDocs: number;
  private readonly tokenize = new CountVectorizer({ lowercase: true }).buildAnalyzer();

  /**
   * Fits TF-IDF and TruncatedSVD(`kMax`) on `texts`.
   *
   * @param onProgress (sparse products done, in all) of the SVD's 2 nIter + 2 products.
   * @throws the vectorizer's and TruncatedSVD's errors (e.g. kMax above the number of terms).
   */
  constructor(
    texts: readonly string[],
    kMax: number = LSA_LIMITS.kMax,
    onProgress?: (done: number, total: number) => void,
  ) {
    this.vectorizer = new TfidfVectorizer(LSA_VECTORIZER);
    const X = this.vectorizer.fitTransform(texts);
    this.terms = this.vectorizer.getFeatureNamesOut();
    this.termIndex = this.vectorizer.vocabulary;
    this.svd = new TruncatedSVD({ nComponents: kMax, ...LSA_SVD, onProgress });
    this.docVecs = this.svd.fitTransform(X).data;
    this.kMax = kMax;
    this.nDocs = texts.length;
    const { data: Vt, cols: n } = this.svd.components;
    const s = this.svd.singularValues;
    this.termVecs = new Float64Array(n * kMax);
    for (let c = 0; c < kMax; c++) {
      for (let j = 0; j < n; j++) this.termVecs[j * kMax + c] = Vt[c * n + j] * s[c];
    }
  }

  /** The point of an item: a view of its kMax coordinates. */
  vectorOf(item: LsaItem): Float64Array {
    const K = this.kMax;
    const src = item.kind === 'term' ? this.termVecs : this.docVecs;
    return src.subarray(item.index * K, item.index * K + K);
  }

  /**
   * The `topn` items of one kind with the largest cosine to `probe` over dimensions 0..k−1,
   * best first; `exclude` (an index of that kind) is skipped. Items at the origin are skipped.
   *
   * @throws RangeError if k is outside [1, kMax].
   */
  nearest(
    probe: ArrayLike<number>,
    k: number,
    kind: LsaItem['kind'],
    topn: number,
    exclude = -1,
  ): Neighbour[] {
    if (!Number.isInteger(k) || k < 1 || k > this.kMax) {
      throw new RangeError(
        `LsaModel.nearest: k must be an integer in [1, ${this.kMax}], got ${k}.`,
      );
    }
    const K = this.kMax;
    const vecs = kind === 'term' ? this.termVecs : this.docVecs;
    const count = vecs.length / K;
    let pn = 0;
    for (let c = 0; c < k; c++) pn += probe[c] * probe[c];
    pn = Math.sqrt(pn);
    const best: Neighbour[] = [];
    if (pn === 0) return best;
    for (let i = 0; i < count; i++) {
      if (i === exclude) continue;
      let dot = 0;
      let nn = 0;
      const o = i * K;
      for (let c = 0; c < k; c++) {
        dot += probe[c] * vecs[o + c];
        nn += vecs[o + c] * vecs[o + c];
      }
      if (nn === 0) continue;
      const cos = dot / (pn * Math.sqrt(nn));
      if (best.length < topn || cos > best[best.length - 1].cos) {
        best.push({ index: i, cos });
        best.sort((a, b) => b.cos - a.cos);
        if (best.length > topn) best.pop();
      }
    }
    return best;
  }

  /**
   * The map's points on latent dimensions `dx`, `dy` (0-based): the `nTerms` terms farthest from
   * the origin in that plane (largest first) and every `stride`-th document, spread evenly.
   */
  mapPoints(
    dx: number,
    dy: number,
    nTerms: number,
    nDocs: number,
  ): {
    terms: { index: number; x: number; y: number }[];
    docs: { index: number; x: number; y: number }[];
  } {
    const K = this.kMax;
    const n = this.terms.length;
    const r2 = new Float64Array(n);
    for (let j = 0; j < n; j++)
      r2[j] = this.termVecs[j * K + dx] ** 2 + this.termVecs[j * K + dy] ** 2;
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => r2[b] - r2[a]);
    const terms = order.slice(0, nTerms).map((j) => ({
      index: j,
      x: this.termVecs[j * K + dx],
      y: this.termVecs[j * K + dy],
    }));
    const stride = Math.max(1, Math.floor(this.nDocs / nDocs));
    const docs: { index: number; x: number; y: number }[] = [];
    for (let i = 0; i < this.nDocs && docs.length < nDocs; i += stride) {
      docs.push({ index: i, x: this.docVecs[i * K + dx], y: this.docVecs[i * K + dy] });
    }
    return { terms, docs };
  }

  /**
   * Folds a query in like a new document: its TF-IDF row times V (`svd.transform`). Queries
   * longer than `queryMaxChars`, empty ones, and those with no vocabulary term get a status
   * instead of a vector.
   */
  fold(query: string): Folded {
    const none = new Float64Array(0);
    if (query.length > LSA_LIMITS.queryMaxChars) {
      return { status: 'too-long', tokens: [], stopWords: [], unknown: [], vector: none };
    }
    const tokens = this.tokenize(query);
    const stop = new Set<string>(ENGLISH_STOP_WORDS);
    const stopWords = tokens.filter((t) => stop.has(t));
    const unknown = tokens.filter((t) => !stop.has(t) && !this.termIndex.has(t));
    const base = { tokens, stopWords, unknown, vector: none };
    if (tokens.length === 0) return { ...base, status: 'empty' };
    if (stopWords.length === tokens.length) return { ...base, status: 'stop-words-only' };
    if (stopWords.length + unknown.length === tokens.length) return { ...base, status: 'unknown' };
    const vector = this.svd.transform(this.vectorizer.transform([query])).data;
    return { ...base, status: 'ok', vector };
  }

  /**
   * Reads a selection: a term of the vocabulary, or `#N` for passage N (0-based).
   *
   * @returns the item, or a reader-facing message saying why not.
   */
  parseSelection(sel: string): LsaItem | { error: string } {
    const s = sel.trim().toLowerCase();
    const m = /^#(\d+)$/.exec(s);
    if (m) {
      const i = Number(m[1]);
      if (i < this.nDocs) return { kind: 'doc', index: i };
      return { error: `There is no passage #${i}: the passages are #0 to #${this.nDocs - 1}.` };
    }
    if (s === '') return { error: 'Nothing is selected: click a point on the map.' };
    const j = this.termIndex.get(s);
    if (j !== undefined) return { kind: 'term', index: j };
    return {
      error: `“${s}” is not one of the ${this.terms.length.toLocaleString('en')} terms (stop words, words in fewer than 5 passages or in more than half of them are left out).`,
    };
  }
}
