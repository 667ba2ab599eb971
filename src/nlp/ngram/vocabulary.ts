/**
 * The language-model vocabulary of NLTK 3.8 (`nltk.lm.Vocabulary`), with integer ids.
 */

/** Options of {@link Vocabulary}. */
export interface VocabularyOptions {
  /** Words seen fewer than this many times are out of vocabulary (integer >= 1). Default 1. */
  unkCutoff?: number;
  /** The label unknown words are looked up as. Default `'<UNK>'`. */
  unkLabel?: string;
}

/** A word, or a (possibly nested) array of words, as {@link Vocabulary.lookup} accepts. */
export type LookupInput = string | readonly LookupInput[];
/** {@link Vocabulary.lookup}'s result for a given input type. */
export type LookupResult<T> = T extends string ? string : LookupResult<ElementOf<T>>[];
type ElementOf<T> = T extends readonly (infer E)[] ? E : never;

/**
 * NLTK `Vocabulary(counts=None, unk_cutoff=1, unk_label='<UNK>')`: word counts plus a cutoff.
 * A word is in the vocabulary when its count is at least `unkCutoff`; every other word is looked
 * up as `unkLabel`, which is always in the vocabulary (once anything has been counted).
 *
 * Iteration order (`words`, ids) is NLTK's: in-vocabulary words in order of first appearance,
 * then `unkLabel`. Ids ({@link Vocabulary.index}) are positions in `words` and change when
 * `update` adds words.
 *
 * Difference from NLTK: if `unkLabel` itself occurs in the counted text, NLTK lists (and
 * `len` counts) it twice; here it is listed once, last.
 */
export class Vocabulary implements Iterable<string> {
  /** The cutoff (NLTK `cutoff`). */
  readonly cutoff: number;
  /** NLTK `unk_label`. */
  readonly unkLabel: string;
  private readonly _counts = new Map<string, number>();
  private _words: string[] | null = null;
  private _index: Map<string, number> | null = null;

  /**
   * @param counts optional initial tokens (any iterable of strings) or a word -> count map.
   * @throws RangeError if `unkCutoff` is not an integer >= 1 (NLTK: ValueError for < 1).
   */
  constructor(
    counts?: Iterable<string> | ReadonlyMap<string, number> | VocabularyOptions,
    options: VocabularyOptions = {},
  ) {
    if (counts && !isIterable(counts)) {
      options = counts;
      counts = undefined;
    }
    const { unkCutoff = 1, unkLabel = '<UNK>' } = options;
    if (!Number.isInteger(unkCutoff) || unkCutoff < 1) {
      throw new RangeError(`Vocabulary: unkCutoff must be an integer >= 1; got ${unkCutoff}.`);
    }
    this.cutoff = unkCutoff;
    this.unkLabel = unkLabel;
    if (counts) this.update(counts as Iterable<string> | ReadonlyMap<string, number>);
  }

  /** The raw counts of every word seen (NLTK `counts`), in order of first appearance. */
  get counts(): ReadonlyMap<string, number> {
    return this._counts;
  }

  /**
   * Counts more tokens (NLTK `update`, i.e. `Counter.update`): an iterable of words, or a
   * word -> count map to add.
   *
   * @throws TypeError for a bare string (NLTK would count its characters) or a non-string token.
   */
  update(tokens: Iterable<string> | ReadonlyMap<string, number>): void {
    if (typeof tokens === 'string') {
      throw new TypeError('Vocabulary.update: expected an iterable of words, not a string.');
    }
    const c = this._counts;
    if (tokens instanceof Map) {
      for (const [w, n] of tokens as ReadonlyMap<string, number>) c.set(w, (c.get(w) ?? 0) + n);
    } else {
      for (const w of tokens as Iterable<string>) {
        if (typeof w !== 'string') {
          throw new TypeError(`Vocabulary.update: tokens must be strings; got ${typeof w}.`);
        }
        c.set(w, (c.get(w) ?? 0) + 1);
      }
    }
    this._words = null;
    this._index = null;
  }

  /** NLTK `vocab[word]`: the word's count; `cutoff` for `unkLabel`; 0 for unseen words. */
  count(word: string): number {
    return word === this.unkLabel ? this.cutoff : (this._counts.get(word) ?? 0);
  }

  /** NLTK `word in vocab`: count >= cutoff (always true for `unkLabel`). */
  has(word: string): boolean {
    return this.count(word) >= this.cutoff;
  }

  /**
   * NLTK `lookup`: a word, or `unkLabel` if it is not in the vocabulary; arrays (nested or not)
   * element by element.
   *
   * @throws TypeError for anything but strings and arrays.
   */
  lookup<T extends LookupInput>(words: T): LookupResult<T> {
    if (typeof words === 'string') {
      return (this.has(words) ? words : this.unkLabel) as LookupResult<T>;
    }
    if (Array.isArray(words)) return words.map((w) => this.lookup(w)) as LookupResult<T>;
    throw new TypeError(`Vocabulary.lookup: unsupported type ${typeof words}.`);
  }

  /** The vocabulary in NLTK's iteration order; `unkLabel` last (empty before any update). */
  get words(): readonly string[] {
    if (!this._words) {
      const words: string[] = [];
      for (const [w, n] of this._counts) if (n >= this.cutoff && w !== this.unkLabel) words.push(w);
      if (this._counts.size > 0) words.push(this.unkLabel);
      this._words = words;
    }
    return this._words;
  }

  /** NLTK `len(vocab)`: the number of words in the vocabulary, `unkLabel` included. */
  get size(): number {
    return this.words.length;
  }

  /** The word's id: its position in `words`; out-of-vocabulary words get `unkLabel`'s id. */
  index(word: string): number {
    if (!this._index) this._index = new Map(this.words.map((w, i) => [w, i]));
    return this._index.get(word) ?? this._index.get(this.unkLabel) ?? -1;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.words[Symbol.iterator]();
  }
}

function isIterable(x: unknown): x is Iterable<unknown> {
  return typeof x === 'object' && x !== null && Symbol.iterator in x;
}
