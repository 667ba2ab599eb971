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
 *
 * Speed (Moby Dick, 7,837 training sentences, 1,004,060 n-grams of orders 1-5): building
 * `evaluationNgrams(train, k)` for each k and counting them took about 1.2-1.4 s of CPU in Node;
 * {@link prefixOrderedNgrams} over sentences mapped once through the vocabulary counts the same
 * n-grams in about 0.5-0.6 s (the counter's trie walk is most of what is left).
 */
import {
  NgramCounter,
  createLanguageModel,
  topK,
  Vocabulary,
  evaluationNgrams,
  padBothEnds,
  type LanguageModel,
} from '../../../nlp';
import { BOS, EOS } from './context';
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
  const chunks = Math.max(1, Math.ceil(train.length / FIT_CHUNK));
  onProgress?.(1, chunks + 1);
  const cache = new Map<string, string>();
  const lookup = (w: string): string => {
    let v = cache.get(w);
    if (v === undefined) {
      v = vocabulary.lookup(w);
      cache.set(w, v);
    }
    return v;
  };
  // Words are mapped once per token (not once per n-gram they occur in), and the n-grams are
  // fed in an order whose neighbours share prefixes, which the counter's trie walk reuses.
  const counter = new NgramCounter();
  const bos = lookup(BOS);
  const eos = lookup(EOS);
  for (let c = 0; c < chunks; c++) {
    const part = train.slice(c * FIT_CHUNK, (c + 1) * FIT_CHUNK).map((s) => s.map(lookup));
    counter.update(prefixOrderedNgrams(part, maxOrder, bos, eos));
    onProgress?.(c + 2, chunks + 1);
  }
  return {
    vocabulary,
    counter,
    vocabSize: vocabulary.size,
    words: vocabulary.words,
    has: (w) => vocabulary.has(w),
  };
}

/** Sentences per `NgramCounter.update` call of {@link fitShared} (one progress step each). */
const FIT_CHUNK = 1000;

/**
 * Every n-gram that `evaluationNgrams(sentences, k)` gives for k = 1..maxOrder (the same
 * multiset: each sentence left-padded with k - 1 `bos`, right-padded with one `eos`), one
 * sentence at a time, ordered so that consecutive n-grams share prefixes as everygrams do:
 * first those that start with b = maxOrder - 1, ..., 1 pads (`bos`^b w1 .. wt, t = 1..maxOrder - b),
 * then, from each position s of `w1 .. wm eos`, the windows of lengths 1..maxOrder starting there.
 * `NgramCounter.update` walks its trie only from where an n-gram differs from the previous one,
 * so this costs about one trie step per n-gram instead of k per order-k n-gram.
 *
 * @param sentences - tokens, already mapped through the vocabulary (the counter gets no lookup).
 * @param bos - the start padding symbol ('<s>', as the vocabulary maps it).
 * @param eos - the end symbol ('</s>', as the vocabulary maps it).
 * @throws RangeError when `maxOrder` is not an integer >= 1.
 */
export function* prefixOrderedNgrams(
  sentences: Iterable<readonly string[]>,
  maxOrder: number,
  bos: string = BOS,
  eos: string = EOS,
): Generator<string[][]> {
  if (!Number.isInteger(maxOrder) || maxOrder < 1) {
    throw new RangeError(`The highest order must be a whole number from 1 up, got ${maxOrder}.`);
  }
  for (const sentence of sentences) {
    const seq = [...sentence, eos];
    const len = seq.length;
    const out: string[][] = [];
    for (let b = maxOrder - 1; b >= 1; b--) {
      const pads = new Array<string>(b).fill(bos);
      for (let t = 1; t <= Math.min(maxOrder - b, len); t++) out.push(pads.concat(seq.slice(0, t)));
    }
    for (let s = 0; s < len; s++) {
      for (let t = 1; t <= Math.min(maxOrder, len - s); t++) out.push(seq.slice(s, s + t));
    }
    yield out;
  }
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
 *
 * @param mayBeZero - true for a model that gives unseen n-grams probability 0 (MLE): the zeros
 *   are counted first, and when there is one the perplexity is Infinity without a second pass
 *   over the n-grams (which halves MLE's share of the perplexity table).
 */
export function scoreAll(
  model: LanguageModel,
  ngrams: readonly (readonly string[])[],
  mayBeZero = false,
): { perplexity: number; zeroProbability: number } {
  const zeros = () => {
    let n = 0;
    for (const g of ngrams) if (model.score(g[g.length - 1], g.slice(0, -1)) === 0) n++;
    return n;
  };
  if (mayBeZero) {
    const zeroProbability = zeros();
    if (zeroProbability > 0) return { perplexity: Infinity, zeroProbability };
    return { perplexity: model.perplexity(ngrams), zeroProbability };
  }
  const perplexity = model.perplexity(ngrams);
  return { perplexity, zeroProbability: perplexity === Infinity ? zeros() : 0 };
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
