/**
 * Word vectors with a vocabulary, and the standard queries on them: nearest neighbours by cosine,
 * analogies by 3CosAdd, pairwise similarity. Named after gensim 4.2's `KeyedVectors`
 * (`index_to_key`, `key_to_index`, `most_similar`, `similarity`), whose semantics it follows.
 *
 * Both routes of chapter 8 produce one: the count-based route (PPMI + SVD, see
 * {@link svdWordVectors}) and word2vec (src/models/word2vec), which snapshots its input
 * embeddings off the GPU into a Float32Array and wraps them.
 */

/** A word with its cosine similarity to a query, in [-1, 1]. */
export interface WordScore {
  word: string;
  /** Row of the word in the vectors. */
  index: number;
  /** Cosine similarity to the query. */
  score: number;
}

/**
 * Thrown when a query names words that are not in the vocabulary (gensim raises `KeyError`).
 * `words` lists every missing word of the query, in query order.
 */
export class OutOfVocabularyError extends Error {
  readonly words: string[];
  constructor(words: string[], vocabSize: number) {
    super(
      `${words.map((w) => `"${w}"`).join(', ')} ${words.length === 1 ? 'is' : 'are'} not in the ` +
        `vocabulary (${vocabSize.toLocaleString('en-US')} words; rare words are dropped by min count).`,
    );
    this.name = 'OutOfVocabularyError';
    this.words = words;
  }
}

/**
 * Word vectors: a row-major Float32Array `[V, dim]` and the word of each row.
 *
 * Rows are normalised to unit length once, on the first query, and cached (a zero row stays zero,
 * so its cosine with anything is 0; a row with NaN or Infinity, from a diverged run, gets NaN
 * similarities and is never returned as a neighbour). The vectors are NOT copied: if you write into
 * `vectors` afterwards (e.g. a new snapshot of training weights), call {@link refresh}. A query
 * costs one pass over the `V * dim` unit vectors (about 1-2 ms for V = 10,000, dim = 100).
 */
export class KeyedVectors {
  /** Row-major `[V, dim]` vectors (not normalised). */
  readonly vectors: Float32Array;
  /** Dimension d of each vector. */
  readonly dim: number;
  /** Word of each row (gensim `index_to_key`). */
  readonly indexToKey: readonly string[];
  /** Row of each word (gensim `key_to_index`). */
  readonly keyToIndex: ReadonlyMap<string, number>;
  private unit: Float32Array | null = null;

  /**
   * @param vectors row-major `[words.length, dim]` values.
   * @param dim vector dimension (a positive integer).
   * @param words the word of each row; must be distinct.
   * @throws RangeError if `dim` is not a positive integer or `vectors.length !== words.length * dim`;
   *   Error naming a duplicated word.
   */
  constructor(vectors: Float32Array, dim: number, words: readonly string[]) {
    if (!Number.isInteger(dim) || dim <= 0) {
      throw new RangeError(`KeyedVectors: dim must be a positive integer, got ${dim}.`);
    }
    if (vectors.length !== words.length * dim) {
      throw new RangeError(
        `KeyedVectors: ${vectors.length} values do not make ${words.length} rows of ${dim}.`,
      );
    }
    const map = new Map<string, number>();
    words.forEach((w, i) => {
      if (map.has(w)) throw new Error(`KeyedVectors: the word "${w}" appears twice.`);
      map.set(w, i);
    });
    this.vectors = vectors;
    this.dim = dim;
    this.indexToKey = words;
    this.keyToIndex = map;
  }

  /** Number of words V. */
  get size(): number {
    return this.indexToKey.length;
  }

  /** Whether `word` has a vector. */
  has(word: string): boolean {
    return this.keyToIndex.has(word);
  }

  /**
   * Row of `word`.
   * @throws OutOfVocabularyError if it has none.
   */
  getIndex(word: string): number {
    const i = this.keyToIndex.get(word);
    if (i === undefined) throw new OutOfVocabularyError([word], this.size);
    return i;
  }

  /**
   * The raw vector of `word` (a view into {@link vectors}, length `dim`).
   * @throws OutOfVocabularyError
   */
  getVector(word: string): Float32Array {
    const i = this.getIndex(word);
    return this.vectors.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Forgets the cached unit vectors; call after writing into {@link vectors}. */
  refresh(): void {
    this.unit = null;
  }

  /** The unit-length rows `[V, dim]` (gensim `get_normed_vectors()`), computed once and cached. */
  unitVectors(): Float32Array {
    if (this.unit) return this.unit;
    const { vectors, dim } = this;
    const unit = new Float32Array(vectors.length);
    for (let i = 0, off = 0; i < this.size; i++, off += dim) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += vectors[off + k] * vectors[off + k];
      if (s > 0 && Number.isFinite(s)) {
        const inv = 1 / Math.sqrt(s);
        for (let k = 0; k < dim; k++) unit[off + k] = vectors[off + k] * inv;
      } else if (!Number.isFinite(s)) {
        unit.fill(NaN, off, off + dim); // a diverged row: NaN scores, never a neighbour
      }
    }
    this.unit = unit;
    return unit;
  }

  /**
   * Cosine similarity of two words, in [-1, 1] (0 if either vector is zero).
   * @throws OutOfVocabularyError naming every missing word.
   */
  similarity(w1: string, w2: string): number {
    const [i, j] = this.indicesOf([w1, w2]);
    const u = this.unitVectors();
    const d = this.dim;
    let s = 0;
    for (let k = 0; k < d; k++) s += u[i * d + k] * u[j * d + k];
    return s;
  }

  /**
   * The `topn` words nearest to `word` by cosine, best first, excluding `word` itself
   * (gensim `most_similar(word, topn=topn)`).
   *
   * @param topn number of neighbours (default 10; clamped to `V - 1`).
   * @throws OutOfVocabularyError; RangeError if `topn` is not a non-negative integer.
   */
  mostSimilar(word: string, topn = 10): WordScore[] {
    const i = this.getIndex(word);
    const u = this.unitVectors();
    return this.nearestToUnit(u.subarray(i * this.dim, (i + 1) * this.dim), topn, [i]);
  }

  /**
   * Analogy "a is to b as c is to ?" by 3CosAdd (Mikolov, Yih & Zweig 2013, "Linguistic
   * regularities in continuous space word representations"; the name from Levy & Goldberg 2014):
   * the words x maximising cos(x, b̂ - â + ĉ), with â, b̂, ĉ the unit vectors of a, b, c, excluding
   * a, b and c themselves. This is gensim's `most_similar(positive=[b, c], negative=[a])` and the
   * rule of word2vec.c's `compute-accuracy`. Example: analogy('man', 'king', 'woman') -> queen.
   *
   * @param topn number of answers (default 1).
   * @returns the best `topn` candidates; `score` is the cosine with the normalised b̂ - â + ĉ.
   * @throws OutOfVocabularyError naming every missing word.
   */
  analogy(a: string, b: string, c: string, topn = 1): WordScore[] {
    const [ia, ib, ic] = this.indicesOf([a, b, c]);
    const u = this.unitVectors();
    const d = this.dim;
    const q = new Float32Array(d);
    for (let k = 0; k < d; k++) q[k] = u[ib * d + k] - u[ia * d + k] + u[ic * d + k];
    return this.mostSimilarToVector(q, topn, [ia, ib, ic]);
  }

  /**
   * The `topn` words nearest by cosine to an arbitrary vector `v` (length `dim`), best first.
   *
   * @param exclude rows never returned (e.g. the query words).
   * @throws RangeError if `v` has the wrong length or `topn` is not a non-negative integer.
   */
  mostSimilarToVector(
    v: ArrayLike<number>,
    topn = 10,
    exclude: readonly number[] = [],
  ): WordScore[] {
    if (v.length !== this.dim) {
      throw new RangeError(
        `mostSimilarToVector: the vector has ${v.length} values, not ${this.dim}.`,
      );
    }
    let s = 0;
    for (let k = 0; k < v.length; k++) s += v[k] * v[k];
    const q = new Float32Array(this.dim);
    if (s > 0) for (let k = 0; k < v.length; k++) q[k] = v[k] / Math.sqrt(s);
    return this.nearestToUnit(q, topn, exclude);
  }

  /** Rows of `words`; throws one error naming every missing word. */
  private indicesOf(words: string[]): number[] {
    const missing = words.filter((w) => !this.keyToIndex.has(w));
    if (missing.length > 0) throw new OutOfVocabularyError([...new Set(missing)], this.size);
    return words.map((w) => this.keyToIndex.get(w) as number);
  }

  /** Top-n rows by dot product with the unit query `q`, skipping `exclude`. */
  private nearestToUnit(
    q: ArrayLike<number>,
    topn: number,
    exclude: readonly number[],
  ): WordScore[] {
    if (!Number.isInteger(topn) || topn < 0) {
      throw new RangeError(`topn must be a non-negative integer, got ${topn}.`);
    }
    const n = Math.min(topn, Math.max(0, this.size - new Set(exclude).size));
    if (n === 0) return [];
    const u = this.unitVectors();
    const d = this.dim;
    const skip = new Set(exclude);
    // Kept sorted best-first; a new score enters by insertion (n is small).
    const bestIdx = new Int32Array(n).fill(-1);
    const bestScore = new Float64Array(n).fill(-Infinity);
    for (let i = 0, off = 0; i < this.size; i++, off += d) {
      let s = 0;
      for (let k = 0; k < d; k++) s += u[off + k] * q[k];
      // `!(s > ...)` also skips NaN (a diverged run), which would otherwise sort anywhere.
      if (!(s > bestScore[n - 1]) || skip.has(i)) continue;
      let p = n - 1;
      while (p > 0 && bestScore[p - 1] < s) {
        bestScore[p] = bestScore[p - 1];
        bestIdx[p] = bestIdx[p - 1];
        p--;
      }
      bestScore[p] = s;
      bestIdx[p] = i;
    }
    const out: WordScore[] = [];
    for (let p = 0; p < n && bestIdx[p] >= 0; p++) {
      out.push({ word: this.indexToKey[bestIdx[p]], index: bestIdx[p], score: bestScore[p] });
    }
    return out;
  }
}
