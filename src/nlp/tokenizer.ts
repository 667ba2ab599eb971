/**
 * A faithful TypeScript port of Keras' `Tokenizer` (keras-preprocessing 1.1.2,
 * `keras_preprocessing/text.py`), names in camelCase.
 */
import type { Float32Matrix } from './matrix';
import { checkMode, checkSequences, checkTexts, docTermMatrix } from './docTermMatrix';
import {
  KERAS_DEFAULT_FILTERS,
  assertSplit,
  kerasLower,
  textToWordSequence,
} from './textToWordSequence';
import {
  dumpsKerasTokenizerJson,
  tokenizerFromKerasJson,
  tokenizerToKerasConfig,
  type KerasTokenizerJson,
} from './tokenizerJson';

/** A document: a string, or (as in Keras) an already tokenized list of strings. */
export type TokenizerText = string | readonly string[];

/** Vectorisation modes of {@link Tokenizer.sequencesToMatrix}, as in Keras. */
export type MatrixMode = 'binary' | 'count' | 'freq' | 'tfidf';

/** Options of {@link Tokenizer}; the defaults are Keras' defaults. */
export interface TokenizerOptions {
  /**
   * Keep only indices `< numWords` when converting (i.e. the `numWords - 1` most frequent
   * entries of `wordIndex`, the OOV token counted in). The vocabulary itself is never cut.
   * `null`, `undefined` and `0` mean no limit (Keras tests truthiness). Default null.
   */
  numWords?: number | null;
  /** Characters replaced by `split` before splitting; ignored when `charLevel`. */
  filters?: string;
  /** Lowercase texts (and pre-tokenized lists). Default true. */
  lower?: boolean;
  /** Word separator, non-empty. Default `' '`. */
  split?: string;
  /** Every code point is a token (filters are not applied, spaces are tokens). Default false. */
  charLevel?: boolean;
  /** Token given index 1 and used for unknown / cut words. Default null (drop them). */
  oovToken?: string | null;
  /** Initial document count (used when restoring). Default 0. */
  documentCount?: number;
}

/**
 * Keras' text tokenizer: builds a frequency-ranked vocabulary and turns texts into integer
 * sequences or document-term matrices.
 *
 * Semantics kept from Keras (each covered by a unit test):
 * - `wordIndex` ranks words by count, descending; ties keep first-appearance order (Python's
 *   `sort` is stable and `word_counts` is insertion ordered). Index 0 is never assigned: it is
 *   reserved for padding.
 * - With `oovToken`, it gets index 1 and every word shifts up by one; with `numWords` the OOV
 *   index is still 1.
 * - Sequences drop unknown words, and words with index `>= numWords`, unless `oovToken` is set,
 *   in which case they become the OOV index.
 * - Refitting accumulates counts and recomputes the whole index.
 * - If the OOV string itself occurs in the texts, Keras' `dict(zip(...))` keeps its first
 *   position but its later index, leaving index 1 unassigned; this port does the same.
 *
 * Deliberate differences (clear errors where Keras misbehaves silently): bad argument types
 * throw `TypeError`; an empty `split` throws in the constructor (Keras only at first use);
 * `textsToSequences` with an `oovToken` before any fit throws (Keras would emit `None`);
 * `sequencesToMatrix` rejects an unknown mode up front and negative or non-integer indices
 * (Keras would write negative ones from the end of the row). Inputs are validated before any
 * state changes, so a failed call loses nothing.
 *
 * `wordIndex`, `indexWord`, `wordCounts`, `wordDocs` and `indexDocs` are `ReadonlyMap`s (not
 * plain objects: a JS object would move integer-like keys such as "42" to the front).
 *
 * @see keras_preprocessing/text.py (keras-preprocessing 1.1.2), class `Tokenizer`.
 */
export class Tokenizer {
  readonly numWords: number | null;
  readonly filters: string;
  readonly lower: boolean;
  readonly split: string;
  readonly charLevel: boolean;
  readonly oovToken: string | null;
  private docCount: number;
  private counts = new Map<string, number>();
  private docs = new Map<string, number>();
  private idxDocs = new Map<number, number>();
  private wIndex = new Map<string, number>();
  private iWord = new Map<number, string>();

  /** @throws TypeError / RangeError for invalid options (see {@link TokenizerOptions}). */
  constructor(options: TokenizerOptions = {}) {
    const {
      numWords = null,
      filters = KERAS_DEFAULT_FILTERS,
      lower = true,
      split = ' ',
      charLevel = false,
      oovToken = null,
      documentCount = 0,
    } = options;
    if (numWords !== null && (!Number.isInteger(numWords) || numWords < 0)) {
      throw new RangeError(
        `Tokenizer: numWords must be a non-negative integer or null; got ${numWords}.`,
      );
    }
    if (typeof filters !== 'string') throw new TypeError('Tokenizer: filters must be a string.');
    assertSplit(split);
    if (oovToken !== null && typeof oovToken !== 'string') {
      throw new TypeError('Tokenizer: oovToken must be a string or null.');
    }
    if (!Number.isInteger(documentCount) || documentCount < 0) {
      throw new RangeError(
        `Tokenizer: documentCount must be a non-negative integer; got ${documentCount}.`,
      );
    }
    this.numWords = numWords === 0 ? null : numWords;
    this.filters = filters;
    this.lower = Boolean(lower);
    this.split = split;
    this.charLevel = Boolean(charLevel);
    this.oovToken = oovToken;
    this.docCount = documentCount;
  }

  /** Number of documents seen by `fitOnTexts` and `fitOnSequences`. */
  get documentCount(): number {
    return this.docCount;
  }
  /** word -> index (1-based, insertion ordered by rank). Empty before fitting. */
  get wordIndex(): ReadonlyMap<string, number> {
    return this.wIndex;
  }
  /** index -> word, the inverse of `wordIndex`. */
  get indexWord(): ReadonlyMap<number, string> {
    return this.iWord;
  }
  /** word -> total occurrences, in first-appearance order. */
  get wordCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }
  /** word -> number of documents containing it (document frequency). */
  get wordDocs(): ReadonlyMap<string, number> {
    return this.docs;
  }
  /** index -> document frequency (used by `tfidf`; also filled by `fitOnSequences`). */
  get indexDocs(): ReadonlyMap<number, number> {
    return this.idxDocs;
  }

  /** Tokens of one document, as Keras computes them (lowercase, filters, split or chars). */
  tokensOf(text: TokenizerText): string[] {
    if (Array.isArray(text)) return text.map((t: string) => (this.lower ? kerasLower(t) : t));
    const s = text as string;
    if (this.charLevel) return Array.from(this.lower ? kerasLower(s) : s);
    return textToWordSequence(s, { filters: this.filters, lower: this.lower, split: this.split });
  }

  /**
   * Updates counts and document frequencies from `texts`, then rebuilds `wordIndex` and
   * `indexWord` over everything seen so far.
   *
   * @param texts strings, or pre-tokenized string lists (tokens are lowercased if `lower`,
   *   never filtered).
   * @throws TypeError if `texts` is not an array of strings / string arrays (nothing changes).
   */
  fitOnTexts(texts: readonly TokenizerText[]): void {
    const seqs = checkTexts(texts, 'fitOnTexts').map((t) => this.tokensOf(t));
    for (const seq of seqs) {
      this.docCount += 1;
      for (const w of seq) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
      for (const w of new Set(seq)) this.docs.set(w, (this.docs.get(w) ?? 0) + 1);
    }
    const ranked = [...this.counts.entries()].sort((a, b) => b[1] - a[1]); // stable
    const vocab = this.oovToken === null ? [] : [this.oovToken];
    for (const [w] of ranked) vocab.push(w);
    this.wIndex = new Map();
    vocab.forEach((w, i) => this.wIndex.set(w, i + 1));
    this.iWord = new Map();
    for (const [w, i] of this.wIndex) this.iWord.set(i, w);
    for (const [w, c] of this.docs) this.idxDocs.set(this.wIndex.get(w) as number, c);
  }

  /**
   * Counts documents and per-index document frequencies from integer sequences (what
   * `tfidf` needs when `fitOnTexts` was never called). Does not touch `wordIndex`.
   *
   * @throws TypeError unless every entry is an array of non-negative integers.
   */
  fitOnSequences(sequences: readonly (readonly number[])[]): void {
    checkSequences(sequences, 'fitOnSequences');
    this.docCount += sequences.length;
    for (const seq of sequences) {
      for (const i of new Set(seq)) this.idxDocs.set(i, (this.idxDocs.get(i) ?? 0) + 1);
    }
  }

  /**
   * Maps each text to word indices. Unknown words and words with index `>= numWords` are
   * dropped, or replaced by the OOV index when `oovToken` is set.
   *
   * @returns one `number[]` per text (ragged; see `padSequences`).
   * @throws TypeError for bad input; Error if `oovToken` is set but the tokenizer is unfitted.
   */
  textsToSequences(texts: readonly TokenizerText[]): number[][] {
    const seqs = checkTexts(texts, 'textsToSequences').map((t) => this.tokensOf(t));
    const oov = this.oovIndex();
    const limit = this.numWords;
    return seqs.map((seq) => {
      const out: number[] = [];
      for (const w of seq) {
        const i = this.wIndex.get(w);
        if (i !== undefined) {
          if (limit && i >= limit) {
            if (oov !== undefined) out.push(oov);
          } else out.push(i);
        } else if (oov !== undefined) out.push(oov);
      }
      return out;
    });
  }

  /**
   * Maps index sequences back to space-joined words. Same cut as `textsToSequences`; an index
   * with no word (including padding 0!) becomes the OOV token when `oovToken` is set, else it is
   * dropped (Keras behaviour: strip padding first if you have an OOV token).
   *
   * @throws TypeError unless `sequences` is an array of number arrays.
   */
  sequencesToTexts(sequences: readonly (readonly number[])[]): string[] {
    checkSequences(sequences, 'sequencesToTexts', false);
    const oov = this.oovIndex();
    const oovWord = oov === undefined ? undefined : this.iWord.get(oov);
    const limit = this.numWords;
    return sequences.map((seq) => {
      const words: string[] = [];
      for (const n of seq) {
        const w = this.iWord.get(n);
        if (w !== undefined && !(limit && n >= limit)) words.push(w);
        else if (oovWord !== undefined) words.push(oovWord);
      }
      return words.join(' ');
    });
  }

  /** `textsToSequences` then `sequencesToMatrix`. */
  textsToMatrix(texts: readonly TokenizerText[], mode: MatrixMode = 'binary'): Float32Matrix {
    checkMode(mode);
    return this.sequencesToMatrix(this.textsToSequences(texts), mode);
  }

  /**
   * Document-term matrix, shape `[sequences.length, cols]` with `cols = numWords` or, without
   * `numWords`, `wordIndex.size + 1` (column 0 is padding and stays 0 unless 0 occurs).
   * Indices `>= cols` are ignored. For each index j with count c in a sequence of length n
   * (n counts ignored indices too, as in Keras):
   * - `binary`: 1; `count`: c; `freq`: c / n;
   * - `tfidf`: (1 + ln c) * ln(1 + documentCount / (1 + indexDocs[j])) (natural logs).
   *
   * Returned as float32 (tfjs-ready); Keras returns float64, so values agree to ~1e-7 relative.
   *
   * @throws Error "Specify a dimension (numWords), or fit on some text data first." when there
   *   is neither `numWords` nor a `wordIndex`; Error "Fit the Tokenizer on some data before using
   *   tfidf mode." when `documentCount` is 0; TypeError for an unknown mode or bad indices.
   */
  sequencesToMatrix(
    sequences: readonly (readonly number[])[],
    mode: MatrixMode = 'binary',
  ): Float32Matrix {
    checkMode(mode);
    checkSequences(sequences, 'sequencesToMatrix');
    let cols: number;
    if (!this.numWords) {
      if (this.wIndex.size > 0) cols = this.wIndex.size + 1;
      else {
        throw new Error(
          'Specify a dimension (numWords option), or fit on some text data first (Keras: sequences_to_matrix).',
        );
      }
    } else cols = this.numWords;
    if (mode === 'tfidf' && !this.docCount) {
      throw new Error('Fit the Tokenizer on some data before using tfidf mode.');
    }
    return docTermMatrix(sequences, mode, cols, this.docCount, this.idxDocs);
  }

  /** The Keras `tokenizer.to_json()` payload as a plain object (what `JSON.stringify` uses). */
  toJSON(): KerasTokenizerJson {
    return tokenizerToKerasConfig(this, {
      counts: this.counts,
      docs: this.docs,
      idxDocs: this.idxDocs,
      wIndex: this.wIndex,
      iWord: this.iWord,
    });
  }

  /**
   * Exactly the string Python's `tokenizer.to_json()` writes for the same state (key order,
   * `', '` / `': '` separators, ASCII escapes), loadable with Keras' `tokenizer_from_json`.
   * Keras lists `word_docs` in `set` order, which Python randomises; here it is first-appearance
   * order, so that one inner string can differ in order, not in content.
   */
  toKerasJson(): string {
    return dumpsKerasTokenizerJson(this.toJSON());
  }

  /**
   * Restores a tokenizer from Keras' `to_json()` string (or the `toJSON()` object), keeping the
   * key order of every table.
   *
   * @throws SyntaxError / TypeError with a message naming the bad field.
   */
  static fromJSON(json: string | KerasTokenizerJson): Tokenizer {
    const { options, state } = tokenizerFromKerasJson(json);
    const tok = new Tokenizer(options);
    tok.counts = state.counts;
    tok.docs = state.docs;
    tok.idxDocs = state.idxDocs;
    tok.wIndex = state.wIndex;
    tok.iWord = state.iWord;
    return tok;
  }

  private oovIndex(): number | undefined {
    if (this.oovToken === null) return undefined;
    const i = this.wIndex.get(this.oovToken);
    if (i === undefined) {
      throw new Error(
        'Tokenizer has an oovToken but no word index: call fitOnTexts first (Keras would emit None).',
      );
    }
    return i;
  }
}
