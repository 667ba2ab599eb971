/**
 * Corpus preparation for word2vec, as the reference implementation does it (Mikolov et al. 2013a,
 * "Efficient Estimation of Word Representations in Vector Space"; 2013b, "Distributed
 * Representations of Words and Phrases and their Compositionality"; word2vec.c,
 * https://code.google.com/archive/p/word2vec/): a vocabulary pruned by `minCount` and sorted by
 * count, the corpus as word ids with its sentence boundaries, the subsampling of frequent words
 * and the unigram^0.75 noise distribution. Pure TypeScript on typed arrays: no tfjs, no React, no
 * DOM (runs in a Web Worker or in Node).
 */
import { buildEmbeddingVocab, type EmbeddingVocab } from '../../nlp/embeddings';
import type { Rng } from '../../train/random';

/** A corpus as word ids, sentence by sentence. */
export interface Word2VecCorpus {
  /** Words by descending count (`words`, `counts`, `index`, `keptTokens`: src/nlp/embeddings). */
  readonly vocab: EmbeddingVocab;
  /** int32 word ids of every in-vocabulary token, in corpus order (OOV tokens removed). */
  readonly ids: Int32Array;
  /**
   * Sentence boundaries: sentence `s` is `ids[sentenceStarts[s] .. sentenceStarts[s + 1])`;
   * length = number of sentences + 1. Context windows never cross a boundary. Sentences left empty
   * by the pruning are dropped.
   */
  readonly sentenceStarts: Int32Array;
}

const PREFIX = 'word2vec:';

/**
 * Builds the vocabulary (`buildEmbeddingVocab` of src/nlp/embeddings: count >= `minCount`, sorted
 * by descending count as word2vec.c's `SortVocab`, so both routes of chapter 8 share the words)
 * and encodes the corpus with it. Out-of-vocabulary tokens are removed before windows are formed,
 * as word2vec.c and gensim do, so a window can span a removed rare word.
 *
 * @param sentences - tokenized sentences (e.g. `lmSentences(text)` of src/data).
 * @param minCount - integer in [1, 1000] (word2vec.c `-min-count`, gensim `min_count`).
 * @throws RangeError for a bad `minCount`, an empty corpus, or when no word reaches `minCount`.
 */
export function prepareCorpus(
  sentences: readonly (readonly string[])[],
  minCount: number,
): Word2VecCorpus {
  if (!Number.isInteger(minCount) || minCount < 1 || minCount > 1000) {
    throw new RangeError(
      `${PREFIX} minCount must be an integer in [1, 1000], got ${String(minCount)}`,
    );
  }
  const vocab = buildEmbeddingVocab(sentences, { minCount });
  if (vocab.words.length === 0) {
    throw new RangeError(
      vocab.totalTokens === 0
        ? `${PREFIX} the corpus has no words`
        : `${PREFIX} no word occurs minCount = ${minCount} times in ${vocab.totalTokens} tokens; lower minCount`,
    );
  }
  let n = 0;
  for (const s of sentences) n += s.length;
  const ids = new Int32Array(n);
  const starts: number[] = [0];
  let p = 0;
  for (const s of sentences) {
    const begin = p;
    for (const w of s) {
      const id = vocab.index.get(w);
      if (id !== undefined) ids[p++] = id;
    }
    if (p > begin) starts.push(p);
  }
  return { vocab, ids: ids.slice(0, p), sentenceStarts: Int32Array.from(starts) };
}

/**
 * Probability of keeping each word in the subsampling of frequent words (Mikolov et al. 2013b,
 * section 2.3, in word2vec.c's form): with f = count and t = sample x totalWords,
 * `keep = (sqrt(f / t) + 1) · t / f`, clipped to 1 (word2vec.c keeps a word when keep >= a uniform
 * draw, so values above 1 always keep). `sample = 0` disables subsampling (all 1).
 *
 * @param counts - `vocab.counts`.
 * @param totalWords - Σ counts (`vocab.keptTokens`: word2vec.c's `train_words`).
 * @param sample - threshold, typically 1e-3 (word2vec.c and gensim default) to 1e-5; >= 0.
 * @returns float64 `[V]`.
 */
export function keepProbabilities(
  counts: ArrayLike<number>,
  sample: number,
  totalWords: number,
): Float64Array {
  const out = new Float64Array(counts.length).fill(1);
  if (sample <= 0) return out;
  const t = sample * totalWords;
  for (let i = 0; i < counts.length; i++) {
    const f = counts[i];
    out[i] = Math.min(1, (Math.sqrt(f / t) + 1) * (t / f));
  }
  return out;
}

/** One epoch's corpus after subsampling. */
export interface SubsampledCorpus {
  /** int32 ids of the kept tokens. */
  ids: Int32Array;
  /** int32 index of each kept token in the full corpus (for word2vec.c's progress count). */
  positions: Int32Array;
  /** Sentence boundaries into `ids`, as {@link Word2VecCorpus.sentenceStarts}. */
  sentenceStarts: Int32Array;
}

/**
 * One epoch's subsampled corpus: each token kept with `keep[id]`, redrawn from `rng` (call it once
 * per epoch, as word2vec.c redraws while reading). Sentence boundaries are preserved; sentences
 * left empty are dropped.
 */
export function subsampleCorpus(
  ids: Int32Array,
  sentenceStarts: Int32Array,
  keep: Float64Array,
  rng: Rng,
): SubsampledCorpus {
  const out = new Int32Array(ids.length);
  const positions = new Int32Array(ids.length);
  const starts = new Int32Array(sentenceStarts.length);
  let p = 0;
  let s = 0;
  starts[0] = 0;
  for (let k = 0; k + 1 < sentenceStarts.length; k++) {
    const begin = p;
    for (let i = sentenceStarts[k]; i < sentenceStarts[k + 1]; i++) {
      const w = ids[i];
      const k2 = keep[w];
      if (k2 >= 1 || k2 >= rng.next()) {
        positions[p] = i;
        out[p++] = w;
      }
    }
    if (p > begin) starts[++s] = p;
  }
  return {
    ids: out.subarray(0, p),
    positions: positions.subarray(0, p),
    sentenceStarts: starts.slice(0, s + 1),
  };
}

/**
 * Walker's alias method (Vose's construction) for O(1) draws from a fixed discrete distribution;
 * word2vec.c uses a 1e8-entry table of the same distribution instead (approximate, 400 MB).
 */
export class AliasSampler {
  /** Number of outcomes. */
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  /**
   * @param weights - non-negative weights (need not sum to 1), at least one > 0.
   * @throws RangeError for an empty array, a negative or non-finite weight, or all zeros.
   */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0 && Number.isFinite(w))) {
        throw new RangeError(
          `${PREFIX} sampler weight ${i} is ${w}; weights must be finite and >= 0`,
        );
      }
      sum += w;
    }
    if (n === 0 || !(sum > 0)) throw new RangeError(`${PREFIX} the sampler needs a weight > 0`);
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from({ length: n }, (_, i) => (weights[i] * n) / sum);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1; // rounding leftovers
  }

  /** One draw in [0, size) from two uniforms of `rng`. */
  sample(rng: Rng): number {
    const i = Math.floor(rng.next() * this.size);
    return rng.next() < this.prob[i] ? i : this.alias[i];
  }
}

/**
 * The negative-sampling noise distribution P_n(w) ∝ count(w)^power (power 0.75: Mikolov et al.
 * 2013b, section 2.2; word2vec.c's `InitUnigramTable`) as an {@link AliasSampler}.
 */
export function unigramSampler(counts: ArrayLike<number>, power = 0.75): AliasSampler {
  return new AliasSampler(Array.from(counts, (c) => Math.pow(c, power)));
}
