/**
 * scikit-learn 1.2's `CountVectorizer` (sklearn/feature_extraction/text.py) with the word
 * analyzer: the document-term matrix of raw counts, as a CSR sparse matrix.
 */
import {
  buildAnalyzer,
  checkDocs,
  resolveAnalyzer,
  type Analyzer,
  type AnalyzerOptions,
  type ResolvedAnalyzer,
} from './analyzer';
import { countTerms, sortAndLimit } from './countMatrix';
import { CsrMatrix } from './sparse';
import { TermTable } from './termTable';

/**
 * A document-frequency threshold. scikit-learn tells a count from a proportion by the Python
 * type (`min_df=1` is one document, `max_df=1.0` is 100% of them); JavaScript has one number
 * type, so a plain number means: an integer >= 2 is a count, a value in [0, 1) a proportion,
 * and exactly 1 takes scikit-learn's default meaning for that option (minDf 1 = one document,
 * maxDf 1 = 100%). Say `{ count: 1 }` or `{ proportion: 1 }` for the other meaning.
 */
export type DfThreshold = number | { count: number } | { proportion: number };

/** Options of {@link CountVectorizer} (scikit-learn's parameters in camelCase, same defaults). */
export interface CountVectorizerOptions extends AnalyzerOptions {
  /** Ignore terms in fewer documents than this (count or proportion). Default 1 (document). */
  minDf?: DfThreshold;
  /** Ignore terms in more documents than this (count or proportion). Default 1 (= 100%). */
  maxDf?: DfThreshold;
  /** Keep only the most frequent terms (by total count over the corpus). Default null (all). */
  maxFeatures?: number | null;
  /** Record presence (1) instead of counts. Default false. */
  binary?: boolean;
}

type Df = { kind: 'count' | 'proportion'; value: number };

function resolveDf(t: DfThreshold, name: string, one: Df['kind'], fn: string): Df {
  let d: Df;
  if (typeof t === 'number') {
    d =
      t === 1
        ? { kind: one, value: 1 }
        : { kind: Number.isInteger(t) ? 'count' : 'proportion', value: t };
  } else if (t && typeof t === 'object' && 'count' in t) d = { kind: 'count', value: t.count };
  else if (t && typeof t === 'object' && 'proportion' in t)
    d = { kind: 'proportion', value: t.proportion };
  else throw new TypeError(`${fn}: ${name} must be a number, {count} or {proportion}.`);
  const ok =
    d.kind === 'count'
      ? Number.isInteger(d.value) && d.value >= 0
      : typeof d.value === 'number' && d.value >= 0 && d.value <= 1;
  if (!ok) {
    throw new RangeError(
      `${fn}: ${name} must be a document count (integer >= 0) or a proportion in [0, 1], got ${JSON.stringify(t)}.`,
    );
  }
  return d;
}

/** A fitted vectorizer as plain, cloneable data (see `toJSON` / `fromJSON`). */
export interface VectorizerJson {
  options: CountVectorizerOptions & { tokenPattern: string };
  /** The vocabulary in column order. */
  terms: string[];
  /** TfidfVectorizer only: its TF-IDF options. */
  tfidf?: { norm: 'l2' | 'l1' | null; useIdf: boolean; smoothIdf: boolean; sublinearTf: boolean };
  /** TfidfVectorizer only (with useIdf): idf per column. */
  idf?: Float64Array | number[];
}

/** Thrown when a vectorizer is used before `fit`: scikit-learn's NotFittedError message. */
export function notFitted(name: string): Error {
  return new Error(`This ${name} instance is not fitted yet. Call fit or fitTransform first.`);
}

/**
 * Converts documents to a matrix of token counts (scikit-learn 1.2 `CountVectorizer`).
 *
 * Columns are the vocabulary's terms in code point order (Python's string order, not
 * `localeCompare`); rows are documents; the result is a {@link CsrMatrix} of shape
 * `[docs.length, vocabulary.size]` with sorted indices in every row. Runs in
 * O(tokens + nnz log) time on typed arrays; about 1.8M words take a few hundred ms, so in a
 * page run it in a Web Worker (the class is plain TypeScript and works there).
 *
 * @example
 * const cv = new CountVectorizer();
 * const X = cv.fitTransform(['the cat sat', 'the dog']); // shape [2, 4]
 * cv.getFeatureNamesOut(); // ['cat', 'dog', 'sat', 'the']
 */
export class CountVectorizer {
  protected readonly name: string = 'CountVectorizer';
  readonly analyzer: ResolvedAnalyzer;
  readonly minDf: DfThreshold;
  readonly maxDf: DfThreshold;
  readonly maxFeatures: number | null;
  readonly binary: boolean;
  private readonly analyze: Analyzer;
  private readonly minDfResolved: Df;
  private readonly maxDfResolved: Df;
  private table: TermTable | null = null;
  private vocabMap: Map<string, number> | null = null;
  private terms: string[] | null = null;
  private pruned: Set<string> = new Set();

  /**
   * @throws RangeError for ngramRange, minDf, maxDf or maxFeatures out of range, or when both
   *   thresholds are of one kind and maxDf < minDf; TypeError for options of the wrong type;
   *   Error for a token pattern with more than one capturing group.
   */
  constructor(options: CountVectorizerOptions = {}) {
    const fn = new.target.name;
    this.analyzer = resolveAnalyzer(options, fn);
    this.analyze = buildAnalyzer(this.analyzer);
    this.minDf = options.minDf ?? 1;
    this.maxDf = options.maxDf ?? 1;
    this.minDfResolved = resolveDf(this.minDf, 'minDf', 'count', fn);
    this.maxDfResolved = resolveDf(this.maxDf, 'maxDf', 'proportion', fn);
    if (
      this.minDfResolved.kind === this.maxDfResolved.kind &&
      this.maxDfResolved.value < this.minDfResolved.value
    ) {
      throw new RangeError(
        `${fn}: maxDf (${String(this.maxDfResolved.value)}) is below minDf (${String(this.minDfResolved.value)}).`,
      );
    }
    this.maxFeatures = options.maxFeatures ?? null;
    if (
      this.maxFeatures !== null &&
      (!Number.isInteger(this.maxFeatures) || this.maxFeatures < 1)
    ) {
      throw new RangeError(
        `${fn}: maxFeatures must be a positive integer or null, got ${String(this.maxFeatures)}.`,
      );
    }
    this.binary = options.binary ?? false;
  }

  /** Learns the vocabulary. @returns this. @throws as {@link fitTransform}. */
  fit(docs: readonly string[]): this {
    this.fitTransform(docs);
    return this;
  }

  /**
   * Learns the vocabulary and returns the count matrix, shape `[docs.length, nTerms]`.
   *
   * @throws TypeError unless `docs` is an array of strings; Error "empty vocabulary; perhaps
   *   the documents only contain stop words" when no document has a token; Error "maxDf
   *   corresponds to < documents than minDf"; Error "After pruning, no terms remain. Try a
   *   lower minDf or a higher maxDf." (scikit-learn's messages).
   */
  fitTransform(docs: readonly string[]): CsrMatrix {
    checkDocs(docs, `${this.name}.fitTransform`);
    const vocab = new TermTable();
    const raw = countTerms(docs, this.analyze, vocab, true);
    if (this.binary) raw.data.fill(1);
    if (vocab.size === 0) {
      throw new Error('empty vocabulary; perhaps the documents only contain stop words.');
    }
    const nDoc = docs.length;
    const docCount = (d: Df) => (d.kind === 'count' ? d.value : d.value * nDoc);
    const maxDocCount = docCount(this.maxDfResolved);
    const minDocCount = docCount(this.minDfResolved);
    if (maxDocCount < minDocCount) {
      throw new Error(
        `maxDf corresponds to < documents than minDf (maxDf = ${maxDocCount} documents, minDf = ${minDocCount} of ${nDoc}).`,
      );
    }
    const fitted = sortAndLimit(raw, vocab, minDocCount, maxDocCount, this.maxFeatures);
    this.terms = fitted.terms;
    this.pruned = fitted.pruned;
    this.table = new TermTable(fitted.terms);
    this.vocabMap = null;
    return fitted.matrix;
  }

  /**
   * Counts the fitted vocabulary's terms in new documents (unknown terms are ignored):
   * shape `[docs.length, nTerms]`.
   *
   * @throws Error before fit; TypeError unless `docs` is an array of strings.
   */
  transform(docs: readonly string[]): CsrMatrix {
    const vocab = this.fittedTable();
    checkDocs(docs, `${this.name}.transform`);
    const raw = countTerms(docs, this.analyze, vocab, false);
    if (this.binary) raw.data.fill(1);
    return new CsrMatrix(raw.indptr, raw.indices, raw.data, [docs.length, vocab.size]);
  }

  /** The terms in column order (scikit-learn's `get_feature_names_out()`). @throws before fit. */
  getFeatureNamesOut(): string[] {
    this.fittedTable();
    return (this.terms as string[]).slice();
  }

  /** Term -> column (scikit-learn's `vocabulary_`). @throws before fit. */
  get vocabulary(): ReadonlyMap<string, number> {
    this.fittedTable();
    this.vocabMap ??= new Map((this.terms as string[]).map((t, j) => [t, j]));
    return this.vocabMap;
  }

  /** Terms dropped by minDf, maxDf or maxFeatures (scikit-learn's `stop_words_`). */
  get prunedTerms(): ReadonlySet<string> {
    this.fittedTable();
    return this.pruned;
  }

  /** Whether fit has run. */
  get isFitted(): boolean {
    return this.table !== null;
  }

  /** Tokens of one document after preprocessing, tokenizing, stop words and n-grams. */
  buildAnalyzer(): (doc: string) => string[] {
    return (doc) => {
      checkDocs([doc], `${this.name}.analyze`);
      const out: string[] = [];
      this.analyze(doc, (text, s, e) => out.push(text.slice(s, e)));
      return out;
    };
  }

  /**
   * The fitted state as plain data (for `postMessage` from a Web Worker, or storage): the
   * options that can be cloned and the terms in column order. Rebuild with `fromJSON`.
   *
   * @throws Error before fit, or when the options hold a function or a RegExp (tokenizer, a
   *   RegExp tokenPattern), which cannot be cloned.
   */
  toJSON(): VectorizerJson {
    this.fittedTable();
    const a = this.analyzer;
    if (a.tokenizer !== null || typeof a.tokenPattern !== 'string') {
      throw new Error(
        `${this.name}.toJSON: a tokenizer function or RegExp tokenPattern cannot be serialized; use a string pattern.`,
      );
    }
    return {
      options: {
        lowercase: a.lowercase,
        tokenPattern: a.tokenPattern,
        ngramRange: [a.ngramRange[0], a.ngramRange[1]],
        stopWords: a.stopWords === 'english' ? 'english' : a.stopWords ? [...a.stopWords] : null,
        minDf: this.minDf,
        maxDf: this.maxDf,
        maxFeatures: this.maxFeatures,
        binary: this.binary,
      },
      terms: (this.terms as string[]).slice(),
    };
  }

  /** A fitted CountVectorizer from {@link CountVectorizer.toJSON}'s output. */
  static fromJSON(json: VectorizerJson): CountVectorizer {
    return new CountVectorizer(json.options).restore(json.terms);
  }

  /** Sets the fitted vocabulary (terms in column order); prunedTerms is then empty. */
  protected restore(terms: readonly string[]): this {
    if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) {
      throw new TypeError(`${this.name}.fromJSON: terms must be an array of strings.`);
    }
    this.terms = terms.slice();
    this.pruned = new Set();
    this.table = new TermTable(this.terms);
    this.vocabMap = null;
    if (this.table.size !== this.terms.length) {
      throw new RangeError(`${this.name}.fromJSON: terms contain duplicates.`);
    }
    return this;
  }

  protected fittedTable(): TermTable {
    if (!this.table) throw notFitted(this.name);
    return this.table;
  }
}
