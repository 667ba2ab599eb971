/**
 * scikit-learn's word analyzer (`CountVectorizer.build_analyzer()` with `analyzer='word'`):
 * preprocess (lowercase), tokenize (`token_pattern`), drop stop words, form word n-grams.
 * It emits terms through a callback so that the common case allocates nothing per token
 * beyond the term string itself.
 */
import { ENGLISH_STOP_WORDS } from './stopWords';
import { buildTokenizer, scanWordRuns, SKLEARN_TOKEN_PATTERN } from './tokenPattern';

/** The analyzer settings shared by the vectorizers (scikit-learn's names, camelCase). */
export interface AnalyzerOptions {
  /** Lowercase every document first (`str.lower()`; see the note on `İ` in the docs). Default true. */
  lowercase?: boolean;
  /**
   * A Python `re` pattern (translated, see `translatePythonPattern`) or a JS RegExp: the tokens
   * are its matches (or group 1 if it has one group). Default `(?u)\b\w\w+\b`.
   */
  tokenPattern?: string | RegExp;
  /** Overrides `tokenPattern`: a function from a (lowercased) document to its tokens. */
  tokenizer?: ((doc: string) => string[]) | null;
  /** `[minN, maxN]`: word n-grams of every length from minN to maxN, joined by ' '. Default [1, 1]. */
  ngramRange?: readonly [number, number];
  /**
   * Tokens removed before n-grams are formed (compared after lowercasing the document):
   * `'english'` for scikit-learn's built-in list ({@link ENGLISH_STOP_WORDS}, 318 words), or
   * a list of words. Default null (none).
   */
  stopWords?: 'english' | readonly string[] | null;
}

/** Analyzer options with defaults filled in and checked. */
export interface ResolvedAnalyzer {
  lowercase: boolean;
  tokenPattern: string | RegExp;
  tokenizer: ((doc: string) => string[]) | null;
  ngramRange: readonly [number, number];
  /** As given: `'english'` stays a name (so that `toJSON` stays small), a list is kept. */
  stopWords: 'english' | readonly string[] | null;
}

/** Fills defaults and validates. @throws RangeError / TypeError naming the bad option. */
export function resolveAnalyzer(o: AnalyzerOptions, fn: string): ResolvedAnalyzer {
  const ngramRange = o.ngramRange ?? [1, 1];
  const [lo, hi] = ngramRange;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) {
    throw new RangeError(
      `${fn}: ngramRange must be [minN, maxN] with integers 1 <= minN <= maxN, got [${String(lo)}, ${String(hi)}].`,
    );
  }
  const stopWords = o.stopWords ?? null;
  if (typeof stopWords === 'string' && stopWords !== 'english') {
    // scikit-learn: ValueError("not a built-in stop list: %s").
    throw new RangeError(
      `${fn}: not a built-in stop list: ${JSON.stringify(stopWords)} (the only one is 'english').`,
    );
  }
  if (
    stopWords !== null &&
    stopWords !== 'english' &&
    (!Array.isArray(stopWords) || stopWords.some((w) => typeof w !== 'string'))
  ) {
    throw new TypeError(`${fn}: stopWords must be 'english', an array of strings or null.`);
  }
  const tokenPattern = o.tokenPattern ?? SKLEARN_TOKEN_PATTERN;
  if (typeof tokenPattern !== 'string' && !(tokenPattern instanceof RegExp)) {
    throw new TypeError(`${fn}: tokenPattern must be a string or a RegExp.`);
  }
  if (o.tokenizer != null && typeof o.tokenizer !== 'function') {
    throw new TypeError(`${fn}: tokenizer must be a function.`);
  }
  return {
    lowercase: o.lowercase ?? true,
    tokenPattern,
    tokenizer: o.tokenizer ?? null,
    ngramRange: [lo, hi],
    stopWords,
  };
}

/**
 * `analyze(doc, emit)` calls `emit(text, start, end)` for every term of `doc`, in
 * scikit-learn's order: the term is `text.slice(start, end)` (not sliced, to spare an
 * allocation per token on the fast path).
 */
export type Analyzer = (
  doc: string,
  emit: (text: string, start: number, end: number) => void,
) => void;

const isDefaultPattern = (p: string | RegExp): boolean =>
  typeof p === 'string' && p.replace(/^\(\?u\)/, '') === String.raw`\b\w\w+\b`;

/**
 * Builds the analyzer of scikit-learn's `_word_ngrams(tokenize(preprocess(doc)), stop_words)`.
 *
 * @throws Error from {@link buildTokenizer} for a pattern with more than one group.
 */
export function buildAnalyzer(a: ResolvedAnalyzer): Analyzer {
  const [minN, maxN] = a.ngramRange;
  const list = a.stopWords === 'english' ? ENGLISH_STOP_WORDS : a.stopWords;
  const stop = list && list.length > 0 ? new Set(list) : null;
  const pre = a.lowercase ? (d: string) => d.toLowerCase() : (d: string) => d;
  if (a.tokenizer === null && isDefaultPattern(a.tokenPattern) && !stop && maxN === 1) {
    return (doc, emit) => {
      const d = pre(doc);
      scanWordRuns(d, 2, (s, e) => emit(d, s, e));
    };
  }
  const tokenize = a.tokenizer ?? buildTokenizer(a.tokenPattern);
  return (doc, emit) => {
    let tokens = tokenize(pre(doc));
    if (stop) tokens = tokens.filter((t) => !stop.has(t));
    const n = tokens.length;
    if (maxN === 1) {
      for (let i = 0; i < n; i++) emit(tokens[i], 0, tokens[i].length);
      return;
    }
    // _word_ngrams: unigrams first (when minN is 1), then each n from the smallest up.
    let from = minN;
    if (minN === 1) {
      for (let i = 0; i < n; i++) emit(tokens[i], 0, tokens[i].length);
      from = 2;
    }
    for (let len = from; len <= Math.min(maxN, n); len++) {
      for (let i = 0; i + len <= n; i++) {
        const gram = tokens.slice(i, i + len).join(' ');
        emit(gram, 0, gram.length);
      }
    }
  };
}

/**
 * Checks that `docs` is an array of strings (scikit-learn refuses a single string with
 * "Iterable over raw text documents expected, string object received.").
 *
 * @throws TypeError naming the first bad document.
 */
export function checkDocs(docs: unknown, fn: string): readonly string[] {
  if (typeof docs === 'string') {
    throw new TypeError(
      `${fn}: iterable over raw text documents expected, string object received (wrap it in an array).`,
    );
  }
  if (!Array.isArray(docs)) throw new TypeError(`${fn}: expected an array of strings.`);
  for (let i = 0; i < docs.length; i++) {
    if (typeof docs[i] !== 'string') {
      throw new TypeError(
        `${fn}: docs[${i}] is ${docs[i] === null ? 'null' : typeof docs[i]}, not a string.`,
      );
    }
  }
  return docs as readonly string[];
}
