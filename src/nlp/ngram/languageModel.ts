/**
 * The language-model interface of NLTK 3.8 (`nltk.lm.api.LanguageModel`), on integer ids.
 */
import { NgramCounter, type Continuation } from './counter';
import { checkInt, padBothEnds } from './preprocessing';
import { mulberry32, weightedChoice } from './random';
import { Vocabulary } from './vocabulary';

/** Constructor options shared by every model (NLTK `LanguageModel(order, vocabulary, counter)`). */
export interface LanguageModelOptions {
  /** A vocabulary to use (and share); default a new empty one, filled by `fit`. */
  vocabulary?: Vocabulary;
  /** A counter to use (and share); default a new empty one, filled by `fit`. */
  counter?: NgramCounter;
}

/** Options of {@link LanguageModel.generate}. */
export interface GenerateOptions {
  /** Words to condition on (NLTK `text_seed`); default none. */
  textSeed?: readonly string[];
  /**
   * A seed (any integer) or a function returning floats in [0, 1); default a random seed. The
   * same seed gives the same words, but not NLTK's words: NLTK draws from Python's Mersenne
   * Twister (`random.Random`), whose stream is not reproduced here.
   */
  randomSeed?: number | (() => number);
  /**
   * Our extension (not in NLTK): sample from p^(1/T), renormalised. 1 = the model's
   * probabilities (NLTK), below 1 sharper, 0 = always the most probable word (greedy), above 1
   * flatter. Default 1.
   */
  temperature?: number;
  /**
   * Which words may be drawn. `'continuations'` (default, NLTK): only words seen after the
   * longest context that has any (NLTK shortens the context until it does), weighted by the
   * model's `score`. `'vocabulary'` (our extension): the whole vocabulary, weighted by the
   * model's full next-word distribution (so `'<UNK>'`, `'<s>'` and unseen words can come out of a
   * smoothed model).
   */
  support?: 'continuations' | 'vocabulary';
}

/** Per-model scratch tables, rebuilt when the counter or the vocabulary changes. */
interface Tables {
  counterVersion: number;
  vocabWords: readonly string[];
  /** counter word id -> vocabulary index (-1 if not in the vocabulary) */
  vocabIndex: Int32Array;
  /** raw word -> counter word id of its lookup (-1 if never counted) */
  ids: Map<string, number>;
}

/**
 * Base class of every n-gram model (NLTK `LanguageModel`). Several models may share one fitted
 * vocabulary and counter: `new KneserNeyInterpolated(3, { vocabulary, counter })` needs no `fit`
 * if the counter already holds n-grams up to order 3.
 *
 * Difference from NLTK: a context longer than `order - 1` words is cut to its last `order - 1`
 * words (NLTK uses it whole, which only works when the counter happens to hold longer n-grams).
 */
export abstract class LanguageModel {
  /** The n-gram order n: the model conditions on the n - 1 previous words. */
  readonly order: number;
  /** NLTK `vocab`. */
  readonly vocab: Vocabulary;
  /** NLTK `counts`. */
  readonly counts: NgramCounter;
  private tables: Tables | null = null;

  /**
   * @throws RangeError if `order` is not an integer >= 1.
   */
  constructor(order: number, options: LanguageModelOptions = {}) {
    checkInt(`${new.target.name}: order`, order);
    this.order = order;
    this.vocab = options.vocabulary ?? new Vocabulary();
    this.counts = options.counter ?? new NgramCounter();
  }

  /**
   * Trains on a text (NLTK `fit`): builds the vocabulary from `vocabularyText` if it is still
   * empty, then counts the n-grams of `text` with every word looked up in the vocabulary.
   *
   * @param text sentences of n-grams, e.g. `paddedEverygramPipeline(order, sents).ngrams`.
   * @param vocabularyText the words of the vocabulary, e.g. `paddedEverygramPipeline(...).vocab`.
   * @throws Error if the vocabulary is empty and no (non-empty) `vocabularyText` is given, or if
   *   `text` holds no n-gram.
   */
  fit(text: Iterable<Iterable<readonly string[]>>, vocabularyText?: Iterable<string>): void {
    const name = this.constructor.name;
    if (this.vocab.size === 0) {
      if (!vocabularyText) {
        throw new Error(`${name}.fit: cannot fit without a vocabulary or text to create it from.`);
      }
      this.vocab.update(vocabularyText);
      if (this.vocab.size === 0) throw new Error(`${name}.fit: the vocabulary text is empty.`);
    }
    const before = this.counts.N();
    this.counts.update(text, this.cachedLookup());
    if (this.counts.N() === before) throw new Error(`${name}.fit: the text holds no n-gram.`);
  }

  /**
   * Our shortcut for `fit(...paddedEverygramPipeline(order, sentences))`, the usual way to train
   * (same counts, same vocabulary), without building the padded n-gram arrays: about 3 times
   * faster on Moby Dick. Pads with this model's order.
   *
   * @param sentences tokenized sentences.
   * @throws Error if the vocabulary is empty and `sentences` holds no word.
   */
  fitSentences(sentences: readonly (readonly string[])[]): void {
    const name = this.constructor.name;
    if (this.vocab.size === 0) {
      const padded: string[] = [];
      for (const s of sentences) for (const w of padBothEnds(s, this.order)) padded.push(w);
      this.vocab.update(padded);
      if (this.vocab.size === 0) throw new Error(`${name}.fitSentences: no sentences to fit.`);
    }
    const before = this.counts.N();
    this.counts.updatePaddedEverygrams(sentences, this.order, this.cachedLookup());
    if (this.counts.N() === before) throw new Error(`${name}.fitSentences: no sentences to fit.`);
  }

  /**
   * P(word | context) with both looked up in the vocabulary first (NLTK `score`): unknown words
   * score as `'<UNK>'`.
   *
   * @param context the preceding words; its last `order - 1` are used. Default none (unigram).
   * @throws Error before the model has counts.
   */
  score(word: string, context: readonly string[] = []): number {
    return this.unmaskedScore(this.vocab.lookup(word), this.vocab.lookup(this.cut(context)));
  }

  /**
   * P(word | context) without looking the words up (NLTK `unmasked_score`): a word outside the
   * vocabulary is scored as itself (usually as unseen).
   *
   * @throws Error before the model has counts.
   */
  unmaskedScore(word: string, context: readonly string[] = []): number {
    this.ready();
    const c = this.counts;
    return this.probability(
      c.wordId(word),
      this.cut(context).map((w) => c.wordId(w)),
    );
  }

  /** log2 of `score` (NLTK `logscore`); `-Infinity` for probability 0. */
  logscore(word: string, context: readonly string[] = []): number {
    return Math.log2(this.score(word, context));
  }

  /**
   * The words seen after `context` with their counts (NLTK `context_counts`, a FreqDist; most
   * frequent first). The context is used as given (already looked up), cut to `order - 1` words.
   */
  contextCounts(context: readonly string[] = []): Continuation[] {
    return this.counts.continuations(this.cut(context));
  }

  /**
   * Cross-entropy in bits per n-gram (NLTK `entropy`): −mean over n-grams of
   * `logscore(ngram[last], ngram[:-1])`. `Infinity` if any n-gram has probability 0.
   *
   * @param textNgrams a flat list of n-grams, e.g. `evaluationNgrams(sentences, order)`.
   * @throws Error for an empty list (NLTK: ZeroDivisionError) or before the model has counts;
   *   TypeError for an n-gram that is not a non-empty array.
   */
  entropy(textNgrams: Iterable<readonly string[]>): number {
    this.ready();
    const { ids } = this.getTables();
    const c = this.counts;
    const v = this.vocab;
    const idOf = (w: string): number => {
      let id = ids.get(w);
      if (id === undefined) {
        id = c.wordId(v.lookup(w));
        ids.set(w, id);
      }
      return id;
    };
    let sum = 0;
    let n = 0;
    const ctx: number[] = [];
    for (const ngram of textNgrams) {
      if (!Array.isArray(ngram) || ngram.length === 0) {
        throw new TypeError('entropy: every n-gram must be a non-empty array of words.');
      }
      const last = ngram.length - 1;
      const start = Math.max(0, last - (this.order - 1));
      ctx.length = 0;
      for (let i = start; i < last; i++) ctx.push(idOf(ngram[i]));
      sum += Math.log2(this.probability(idOf(ngram[last]), ctx));
      n++;
    }
    if (n === 0) throw new Error(`${this.constructor.name}.entropy: no n-grams to evaluate.`);
    return -sum / n;
  }

  /**
   * Perplexity = 2 ** entropy (NLTK `perplexity`): the weighted branching factor. `Infinity` if
   * any n-gram has probability 0 (e.g. an unseen n-gram under MLE), never NaN.
   *
   * @throws Error for an empty list or before the model has counts.
   */
  perplexity(textNgrams: Iterable<readonly string[]>): number {
    return 2 ** this.entropy(textNgrams);
  }

  /**
   * The next-word distribution P(w | context) for every w in `vocab.words` (same order), looked
   * up first like `score`. Sums to 1 for the smoothed models (Lidstone, Laplace, Kneser-Ney); for
   * MLE it sums to 1 over a seen context and is all zeros for an unseen one.
   *
   * @returns Float64Array of length `vocab.size`.
   * @throws Error before the model has counts.
   */
  distribution(context: readonly string[] = []): Float64Array {
    this.ready();
    const { vocabIndex } = this.getTables();
    const c = this.counts;
    const ids = this.vocab.lookup(this.cut(context)).map((w) => c.wordId(w));
    return this.vocabDistribution(ids, vocabIndex, this.vocab.size);
  }

  /**
   * Samples words (NLTK `generate`): each word is drawn given the last `order - 1` words of
   * `textSeed` + the words generated so far. NLTK returns a string when `numWords` is 1; this
   * always returns an array.
   *
   * @throws RangeError if `numWords` is not an integer >= 0 or `temperature` is not a finite
   *   number >= 0; Error before the model has counts.
   */
  generate(numWords = 1, options: GenerateOptions = {}): string[] {
    checkInt('generate: numWords', numWords, 0);
    const { textSeed = [], randomSeed, temperature = 1, support = 'continuations' } = options;
    if (!Number.isFinite(temperature) || temperature < 0) {
      throw new RangeError(
        `generate: temperature must be a finite number >= 0; got ${temperature}.`,
      );
    }
    this.ready();
    const rng =
      typeof randomSeed === 'function'
        ? randomSeed
        : mulberry32(randomSeed ?? Math.floor(Math.random() * 2 ** 32));
    const words = [...textSeed];
    const out: string[] = [];
    for (let i = 0; i < numWords; i++) {
      let context = this.vocab.lookup(this.cut(words));
      let samples: string[];
      let weights: ArrayLike<number>;
      if (support === 'vocabulary') {
        samples = this.vocab.words as string[];
        weights = this.distribution(context);
      } else {
        let seen = this.contextCounts(context);
        while (context.length > 0 && seen.length === 0) {
          context = context.slice(1);
          seen = this.contextCounts(context);
        }
        samples = seen.map((s) => s.word).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        weights = samples.map((w) => this.score(w, context));
      }
      const pick = weightedChoice(weights, rng, temperature);
      if (pick < 0) throw new Error('generate: the model gives no word a probability above 0.');
      out.push(samples[pick]);
      words.push(samples[pick]);
    }
    return out;
  }

  /**
   * P(w | ctx) on counter word ids (-1 = never counted); `ctx` has at most `order - 1` ids.
   * @internal
   */
  abstract probability(w: number, ctx: readonly number[]): number;

  /**
   * The distribution over the vocabulary (index via `vocabIndex[counterWordId]`).
   * @internal
   */
  protected abstract vocabDistribution(
    ctx: readonly number[],
    vocabIndex: Int32Array,
    size: number,
  ): Float64Array;

  /** The vocabulary's lookup with a cache (for one fit). */
  private cachedLookup(): (word: string) => string {
    const cache = new Map<string, string>();
    const vocab = this.vocab;
    return (w) => {
      let v = cache.get(w);
      if (v === undefined) {
        v = vocab.lookup(w);
        cache.set(w, v);
      }
      return v;
    };
  }

  /** The last `order - 1` words of a context. */
  protected cut<T>(context: readonly T[]): T[] {
    const keep = this.order - 1;
    return keep === 0 ? [] : context.slice(Math.max(0, context.length - keep));
  }

  /** The counter node of a context of ids (-1 if unseen). */
  protected contextNode(ctx: readonly number[], from = 0): number {
    let node = 0;
    for (let i = from; i < ctx.length && node >= 0; i++) node = this.counts.child(node, ctx[i]);
    return node;
  }

  /** @throws Error unless the model has counts and a vocabulary. */
  protected ready(): void {
    if (this.counts.N() === 0 || this.vocab.size === 0) {
      throw new Error(`${this.constructor.name}: the model has no counts yet; call fit() first.`);
    }
  }

  private getTables(): Tables {
    const t = this.tables;
    const words = this.vocab.words;
    if (t && t.counterVersion === this.counts.version && t.vocabWords === words) return t;
    const counted = this.counts.words;
    const vocabIndex = new Int32Array(counted.length);
    for (let i = 0; i < counted.length; i++) {
      vocabIndex[i] = this.vocab.has(counted[i]) ? this.vocab.index(counted[i]) : -1;
    }
    this.tables = {
      counterVersion: this.counts.version,
      vocabWords: words,
      vocabIndex,
      ids: new Map(),
    };
    return this.tables;
  }
}
