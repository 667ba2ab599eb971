/**
 * The vocabulary of an embedding model: words counted over tokenized sentences, those occurring
 * fewer than `minCount` times dropped, the rest sorted by descending count (ties in order of first
 * occurrence), as word2vec.c (`SortVocab`) and gensim 4.2 (`min_count`,
 * `sort_by_descending_frequency`) build it. Both routes of chapter 8 use it so that their vectors
 * cover the same words.
 */

/** Words by descending count, with their counts and rows. */
export interface EmbeddingVocab {
  /** Word of each id, most frequent first (gensim `index_to_key`). */
  words: string[];
  /** Corpus count of each id. */
  counts: Int32Array;
  /** Id of each word (gensim `key_to_index`). */
  index: Map<string, number>;
  /** Tokens in the corpus before dropping rare words. */
  totalTokens: number;
  /** Tokens whose word is kept (the corpus length the models train on). */
  keptTokens: number;
}

/** Options of {@link buildEmbeddingVocab}. */
export interface EmbeddingVocabOptions {
  /** Drop words occurring fewer times than this (gensim `min_count`, default 5). */
  minCount?: number;
  /** Keep at most this many of the most frequent words (gensim `max_final_vocab`; default all). */
  maxSize?: number;
}

/**
 * Counts the words of tokenized sentences and keeps those with count >= `minCount`.
 *
 * @throws RangeError if `minCount` is not a positive integer or `maxSize` not a positive integer.
 */
export function buildEmbeddingVocab(
  sentences: Iterable<readonly string[]>,
  options: EmbeddingVocabOptions = {},
): EmbeddingVocab {
  const { minCount = 5, maxSize = Infinity } = options;
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new RangeError(`minCount must be a positive integer, got ${minCount}.`);
  }
  if (maxSize !== Infinity && (!Number.isInteger(maxSize) || maxSize < 1)) {
    throw new RangeError(`maxSize must be a positive integer, got ${maxSize}.`);
  }
  const counts = new Map<string, number>();
  let totalTokens = 0;
  for (const s of sentences) {
    for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
    totalTokens += s.length;
  }
  // Map iteration is insertion order and Array.prototype.sort is stable: ties keep first occurrence.
  const kept = [...counts].filter(([, c]) => c >= minCount).sort((x, y) => y[1] - x[1]);
  if (kept.length > maxSize) kept.length = maxSize;
  const words = kept.map(([w]) => w);
  const countArr = Int32Array.from(kept, ([, c]) => c);
  let keptTokens = 0;
  for (const c of countArr) keptTokens += c;
  return {
    words,
    counts: countArr,
    index: new Map(words.map((w, i) => [w, i])),
    totalTokens,
    keptTokens,
  };
}

/**
 * Maps each sentence to word ids, dropping words outside the vocabulary before any window is
 * taken (word2vec.c and gensim do the same, so a window spans the dropped words' neighbours).
 * Sentences left empty are dropped.
 *
 * @returns one Int32Array of ids per kept sentence.
 */
export function encodeSentences(
  sentences: Iterable<readonly string[]>,
  vocab: Pick<EmbeddingVocab, 'index'>,
): Int32Array[] {
  const out: Int32Array[] = [];
  for (const s of sentences) {
    const ids: number[] = [];
    for (const w of s) {
      const id = vocab.index.get(w);
      if (id !== undefined) ids.push(id);
    }
    if (ids.length > 0) out.push(Int32Array.from(ids));
  }
  return out;
}
