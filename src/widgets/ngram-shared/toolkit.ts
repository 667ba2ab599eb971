/**
 * The service's use of the n-gram toolkit (src/nlp, NLTK 3.8 `nltk.lm` names): one Vocabulary
 * and one NgramCounter shared by every model (orders 1..5 x four smoothing methods).
 *
 * How the shared counts are made (and why not NLTK's `padded_everygram_pipeline(5, ...)`):
 * the order-k n-grams counted are exactly `evaluationNgrams(train, k)`, i.e. each training
 * sentence left-padded with k-1 '<s>' and right-padded with ONE '</s>'. So an order-k count is an
 * event an order-k model is trained and evaluated on (the same events the chapter's neural LM
 * trains on). Counting everygrams of `padBothEnds(s, 5)` once and reusing them at lower orders
 * would be wrong: with four '<s>' pads, the context ('<s>', '<s>') is followed by '<s>' twice per
 * sentence for each real first word, so a trigram MLE would give P(first word | <s> <s>) a third
 * of its value, and a unigram model would count 8 padding symbols per sentence.
 *
 * The vocabulary is fitted on `paddedEverygramPipeline(5, train).vocab` (the padded training
 * tokens) with the chapter's cutoff: the same vocabulary the neural LM uses.
 */
import {
  NgramCounter,
  createLanguageModel,
  topK,
  Vocabulary,
  evaluationNgrams,
  padBothEnds,
  type LanguageModel,
} from '../../nlp';
import { DEFAULT_PARAMS, type SmoothingMethod } from './protocol';

export { evaluationNgrams, topK, type LanguageModel };

/** The fitted vocabulary and counts that every model of the service shares. */
export interface SharedCounts {
  vocabulary: Vocabulary;
  counter: NgramCounter;
  /** `vocabulary.size`. */
  vocabSize: number;
  /** Whether a word is in the vocabulary (`Vocabulary.has`). */
  has: (word: string) => boolean;
  /** The vocabulary's words (`vocabulary.words`): the order of every distribution. */
  words: readonly string[];
}

/**
 * Fits the shared vocabulary and counts (see the module comment).
 *
 * @param train - tokenized training sentences.
 * @param maxOrder - highest order counted (5).
 * @param unkCutoff - NLTK `unk_cutoff`.
 * @param onProgress - called after the vocabulary and after each order is counted.
 */
export function fitShared(
  train: readonly (readonly string[])[],
  maxOrder: number,
  unkCutoff: number,
  onProgress?: (done: number, total: number) => void,
): SharedCounts {
  const vocabulary = new Vocabulary({ unkCutoff });
  // = paddedEverygramPipeline(maxOrder, train).vocab, without building its n-grams.
  for (const s of train) vocabulary.update(padBothEnds(s, maxOrder));
  onProgress?.(1, maxOrder + 1);
  const counter = new NgramCounter();
  const cache = new Map<string, string>();
  const lookup = (w: string): string => {
    let v = cache.get(w);
    if (v === undefined) {
      v = vocabulary.lookup(w);
      cache.set(w, v);
    }
    return v;
  };
  for (let k = 1; k <= maxOrder; k++) {
    counter.update([evaluationNgrams(train, k)], lookup);
    onProgress?.(k + 1, maxOrder + 1);
  }
  return {
    vocabulary,
    counter,
    vocabSize: vocabulary.size,
    words: vocabulary.words,
    has: (w) => vocabulary.has(w),
  };
}

/** A model of the given order and method on the shared counts (no fitting). */
export function buildModel(
  shared: SharedCounts,
  order: number,
  method: SmoothingMethod,
  param: number | null,
): LanguageModel {
  const options = { vocabulary: shared.vocabulary, counter: shared.counter };
  return createLanguageModel(method, order, {
    ...options,
    gamma: param ?? DEFAULT_PARAMS.lidstone,
    discount: param ?? DEFAULT_PARAMS['kneser-ney'],
  });
}

/**
 * Perplexity of a model over n-grams (the toolkit's `perplexity`, 2 ** entropy), and when it is
 * infinite, how many n-grams have probability 0.
 */
export function scoreAll(
  model: LanguageModel,
  ngrams: readonly (readonly string[])[],
): { perplexity: number; zeroProbability: number } {
  const perplexity = model.perplexity(ngrams);
  let zeroProbability = 0;
  if (perplexity === Infinity) {
    for (const g of ngrams)
      if (model.score(g[g.length - 1], g.slice(0, -1)) === 0) zeroProbability++;
  }
  return { perplexity, zeroProbability };
}

/** The continuations of a context (most frequent first) and c(context •). */
export function contextContinuations(
  shared: SharedCounts,
  context: readonly string[],
): { total: number; continuations: { word: string; count: number }[] } {
  return {
    total: shared.counter.contextTotal(context),
    continuations: shared.counter.continuations(context),
  };
}
