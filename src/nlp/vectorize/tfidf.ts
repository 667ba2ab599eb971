/**
 * scikit-learn 1.2's `TfidfTransformer` and `TfidfVectorizer` (sklearn/feature_extraction/text.py).
 *
 * tf-idf(t, d) = tf(t, d) * idf(t), where tf is the raw count (or 1 + ln count with
 * `sublinearTf`), and
 *   idf(t) = ln((1 + n) / (1 + df(t))) + 1   (smoothIdf, the default: as if one extra
 *                                              document contained every term once)
 *   idf(t) = ln(n / df(t)) + 1               (smoothIdf false)
 * with n documents and df(t) the number containing t; each row is then scaled to unit L2
 * (or L1) norm. The "+ 1" keeps terms that occur in every document from being ignored
 * entirely. Reference: Salton and Buckley (1988), "Term-weighting approaches in automatic
 * text retrieval"; Manning, Raghavan and Schütze (2008), Introduction to Information
 * Retrieval, ch. 6; scikit-learn's user guide, section 6.2.3.4.
 */
import {
  CountVectorizer,
  notFitted,
  type CountVectorizerOptions,
  type VectorizerJson,
} from './countVectorizer';
import { documentFrequency } from './countMatrix';
import { CsrMatrix } from './sparse';

/** Row normalization: 'l2' (Euclidean, the default), 'l1' (sum of absolute values) or none. */
export type TfidfNorm = 'l2' | 'l1' | null;

/** Options of {@link TfidfTransformer} (scikit-learn's names and defaults). */
export interface TfidfTransformerOptions {
  /** Default 'l2'. */
  norm?: TfidfNorm;
  /** Multiply by idf. Default true. */
  useIdf?: boolean;
  /** Add one to n and to every df (prevents division by zero). Default true. */
  smoothIdf?: boolean;
  /** Replace tf by 1 + ln(tf). Default false. */
  sublinearTf?: boolean;
}

/**
 * Scales each row of `m` in place to unit norm (rows of zeros stay zero): scikit-learn's
 * `sklearn.preprocessing.normalize` for 'l1' and 'l2'.
 */
export function normalizeRows(m: CsrMatrix, norm: 'l1' | 'l2'): void {
  const { indptr, data } = m;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      s += norm === 'l2' ? data[p] * data[p] : Math.abs(data[p]);
    }
    if (norm === 'l2') s = Math.sqrt(s);
    if (s === 0) continue;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) data[p] /= s;
  }
}

/** Checks and fills TF-IDF options. @throws RangeError / TypeError naming the option. */
function resolveTfidf(o: TfidfTransformerOptions, fn: string): Required<TfidfTransformerOptions> {
  const norm = o.norm === undefined ? 'l2' : o.norm;
  if (norm !== 'l2' && norm !== 'l1' && norm !== null) {
    throw new RangeError(`${fn}: norm must be 'l2', 'l1' or null, got ${JSON.stringify(norm)}.`);
  }
  for (const k of ['useIdf', 'smoothIdf', 'sublinearTf'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') {
      throw new TypeError(`${fn}: ${k} must be a boolean.`);
    }
  }
  return {
    norm,
    useIdf: o.useIdf ?? true,
    smoothIdf: o.smoothIdf ?? true,
    sublinearTf: o.sublinearTf ?? false,
  };
}

/**
 * Turns a count matrix into TF-IDF weights (scikit-learn 1.2 `TfidfTransformer`): learns idf
 * from the counts' document frequencies in `fit`, then weights rows in `transform`.
 */
export class TfidfTransformer {
  readonly norm: TfidfNorm;
  readonly useIdf: boolean;
  readonly smoothIdf: boolean;
  readonly sublinearTf: boolean;
  private idfValues: Float64Array | null = null;
  private fitted = false;

  /** @throws RangeError / TypeError for bad options. */
  constructor(options: TfidfTransformerOptions = {}) {
    const o = resolveTfidf(options, 'TfidfTransformer');
    this.norm = o.norm;
    this.useIdf = o.useIdf;
    this.smoothIdf = o.smoothIdf;
    this.sublinearTf = o.sublinearTf;
  }

  /** Learns idf from a count matrix of shape `[nDocs, nTerms]`. @returns this. */
  fit(counts: CsrMatrix): this {
    if (this.useIdf) {
      const [n0, cols] = counts.shape;
      const df = documentFrequency(counts, cols);
      const s = this.smoothIdf ? 1 : 0;
      const n = n0 + s;
      const idf = new Float64Array(cols);
      // With smoothIdf false a term of df 0 (possible only with a fixed vocabulary) gets
      // ln(n / 0) + 1 = Infinity, as NumPy's division does.
      for (let j = 0; j < cols; j++) idf[j] = Math.log(n / (df[j] + s)) + 1;
      this.idfValues = idf;
    }
    this.fitted = true;
    return this;
  }

  /**
   * TF-IDF weights of a count matrix, same shape and sparsity; the input is not modified.
   *
   * @throws Error before fit; RangeError when the column count differs from the fitted one.
   */
  transform(counts: CsrMatrix): CsrMatrix {
    if (!this.fitted) throw notFitted('TfidfTransformer');
    const { indptr, indices } = counts;
    const data = Float64Array.from(counts.data);
    if (this.sublinearTf) for (let p = 0; p < data.length; p++) data[p] = Math.log(data[p]) + 1;
    if (this.idfValues) {
      const idf = this.idfValues;
      if (counts.cols !== idf.length) {
        throw new RangeError(
          `TfidfTransformer.transform: the matrix has ${counts.cols} columns, but idf was fitted on ${idf.length}.`,
        );
      }
      for (let p = 0; p < data.length; p++) data[p] *= idf[indices[p]];
    }
    const out = new CsrMatrix(indptr.slice(), indices.slice(), data, counts.shape);
    if (this.norm) normalizeRows(out, this.norm);
    return out;
  }

  /**
   * Sets a previously fitted idf (e.g. received from a Web Worker) instead of fitting.
   *
   * @throws TypeError / RangeError unless `idf` is an array of finite numbers >= 1 when
   *   useIdf is true.
   */
  setIdf(idf: ArrayLike<number> | null): this {
    if (this.useIdf) {
      if (!idf || typeof idf.length !== 'number') {
        throw new TypeError('TfidfTransformer.setIdf: idf must be an array of numbers.');
      }
      const v = Float64Array.from(idf);
      if (v.some((x) => !(x >= 1))) {
        throw new RangeError('TfidfTransformer.setIdf: every idf value must be a number >= 1.');
      }
      this.idfValues = v;
    }
    this.fitted = true;
    return this;
  }

  /** `fit(counts).transform(counts)`. */
  fitTransform(counts: CsrMatrix): CsrMatrix {
    return this.fit(counts).transform(counts);
  }

  /**
   * idf of every column, length nTerms (scikit-learn's `idf_`).
   *
   * @throws Error before fit or when `useIdf` is false.
   */
  get idf(): Float64Array {
    if (!this.fitted) throw notFitted('TfidfTransformer');
    if (!this.idfValues) throw new Error('idf is not defined when useIdf is false.');
    return this.idfValues;
  }
}

/** Options of {@link TfidfVectorizer}: the CountVectorizer's and the TfidfTransformer's. */
export type TfidfVectorizerOptions = CountVectorizerOptions & TfidfTransformerOptions;

/**
 * `CountVectorizer` followed by `TfidfTransformer` (scikit-learn 1.2 `TfidfVectorizer`, same
 * parameters and defaults, camelCase). Output: a {@link CsrMatrix} `[nDocs, nTerms]` of
 * float64 weights, rows of unit L2 norm by default.
 *
 * @example
 * const tv = new TfidfVectorizer();
 * const X = tv.fitTransform(passages);
 * const q = tv.transform(['liberty and union']);
 * const hits = topKCosine(q.getRow(0), X, 10);
 */
export class TfidfVectorizer extends CountVectorizer {
  protected override readonly name: string = 'TfidfVectorizer';
  readonly tfidf: TfidfTransformer;

  /** @throws as CountVectorizer's and TfidfTransformer's constructors. */
  constructor(options: TfidfVectorizerOptions = {}) {
    super(options);
    this.tfidf = new TfidfTransformer(options);
  }

  get norm(): TfidfNorm {
    return this.tfidf.norm;
  }
  get useIdf(): boolean {
    return this.tfidf.useIdf;
  }
  get smoothIdf(): boolean {
    return this.tfidf.smoothIdf;
  }
  get sublinearTf(): boolean {
    return this.tfidf.sublinearTf;
  }

  /** Learns vocabulary and idf; returns the TF-IDF matrix. @throws as CountVectorizer.fitTransform. */
  override fitTransform(docs: readonly string[]): CsrMatrix {
    const counts = super.fitTransform(docs);
    return this.tfidf.fitTransform(counts);
  }

  /** TF-IDF of new documents with the fitted vocabulary and idf. @throws before fit. */
  override transform(docs: readonly string[]): CsrMatrix {
    return this.tfidf.transform(super.transform(docs));
  }

  /** The fitted state as plain data: CountVectorizer's plus the TF-IDF options and idf. */
  override toJSON(): VectorizerJson {
    const json = super.toJSON();
    json.tfidf = {
      norm: this.norm,
      useIdf: this.useIdf,
      smoothIdf: this.smoothIdf,
      sublinearTf: this.sublinearTf,
    };
    if (this.useIdf) json.idf = Float64Array.from(this.tfidf.idf);
    return json;
  }

  /**
   * A fitted TfidfVectorizer from {@link TfidfVectorizer.toJSON}'s output (e.g. fitted in a
   * Web Worker, used for queries on the main thread).
   *
   * @throws TypeError / RangeError for malformed data (idf length differing from the terms').
   */
  static override fromJSON(json: VectorizerJson): TfidfVectorizer {
    const tv = new TfidfVectorizer({ ...json.options, ...json.tfidf });
    tv.restore(json.terms);
    if (tv.useIdf && (json.idf?.length ?? -1) !== json.terms.length) {
      throw new RangeError('TfidfVectorizer.fromJSON: idf must have one value per term.');
    }
    tv.tfidf.setIdf(json.idf ?? null);
    return tv;
  }

  /** Raw counts of new documents (the CountVectorizer step alone). @throws before fit. */
  countTransform(docs: readonly string[]): CsrMatrix {
    return super.transform(docs);
  }

  /** idf of every term, in column order (scikit-learn's `idf_`). @throws before fit or without useIdf. */
  get idf(): Float64Array {
    this.fittedTable();
    return this.tfidf.idf;
  }
}
