/**
 * The n-gram service's computation, independent of any Worker: fits one vocabulary and one
 * set of counts (order {@link MAX_ORDER}) on Moby Dick's training sentences, and answers every
 * query from models that share them. Runs in the Web Worker (ngram.worker.ts) and directly in
 * Node unit tests. No DOM, no React.
 */
import type { MobyDickCorpus } from '../../../data';
import { mobyDickSentences } from '../../../data';
import { createRng } from '../../../train/random';
import { BOS, EOS, readContext } from './context';
import {
  DEFAULT_PARAMS,
  MAX_ORDER,
  type CorpusInfo,
  type CountsArgs,
  type CountsResult,
  type DistributionArgs,
  type DistributionResult,
  type EvaluationTargets,
  type GenerateArgs,
  type GenerateResult,
  type ModelSpec,
  type PerplexityArgs,
  type PerplexityResult,
} from './protocol';
import { evaluationSubset } from './subset';
import {
  buildModel,
  contextContinuations,
  evaluationNgrams,
  fitShared,
  scoreAll,
  topK,
  type LanguageModel,
  type SharedCounts,
} from './toolkit';

/** Most bars a distribution query returns. */
export const MAX_K = 50;
/** Most tokens one generation produces. */
export const MAX_GENERATE = 500;

/**
 * Validates a model spec and fills in the default parameter.
 * @throws RangeError with a reader-facing message for a bad order, method or parameter.
 */
export function normalizeSpec(spec: ModelSpec): {
  order: number;
  method: ModelSpec['method'];
  param: number | null;
} {
  const { order, method } = spec;
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    throw new RangeError(
      `The order n must be a whole number from 1 to ${MAX_ORDER}, got ${order}.`,
    );
  }
  switch (method) {
    case 'mle':
    case 'laplace':
      return { order, method, param: null };
    case 'lidstone': {
      const gamma = spec.param ?? DEFAULT_PARAMS.lidstone;
      if (!(gamma > 0) || !Number.isFinite(gamma)) {
        throw new RangeError(`Lidstone's gamma must be a number above 0, got ${gamma}.`);
      }
      return { order, method, param: gamma };
    }
    case 'kneser-ney': {
      const d = spec.param ?? DEFAULT_PARAMS['kneser-ney'];
      if (!(d > 0 && d < 1)) {
        throw new RangeError(
          `The Kneser-Ney discount must be between 0 and 1 (exclusive), got ${d}.`,
        );
      }
      return { order, method, param: d };
    }
    default:
      throw new RangeError(
        `Unknown smoothing method "${String(method)}": use mle, laplace, lidstone or kneser-ney.`,
      );
  }
}

/** Sentences of one split, as `mobyDickSentences` gives them. */
export interface Splits {
  train: string[][];
  heldout: string[][];
}

/** Reads the two splits of the Moby Dick corpus. */
export function splitsOf(corpus: MobyDickCorpus): Splits {
  return {
    train: mobyDickSentences(corpus, 'train'),
    heldout: mobyDickSentences(corpus, 'heldout'),
  };
}

/**
 * The fitted state of the service. Build it with {@link NgramEngine.fit}; then every method is
 * synchronous and answers from cached models.
 */
export class NgramEngine {
  private readonly models = new Map<string, LanguageModel>();
  private readonly evalNgrams = new Map<number, string[][]>();
  private readonly perplexities = new Map<string, PerplexityResult>();

  private constructor(
    private readonly shared: SharedCounts,
    private readonly splits: Splits,
    readonly info: CorpusInfo,
  ) {}

  /**
   * Fits the vocabulary (with `unkCutoff`) and the counts of every order up to
   * {@link MAX_ORDER} on the training sentences.
   *
   * @param splits - tokenized training and held-out sentences (`lmSentences` tokens).
   * @param unkCutoff - words seen fewer times in training become '<UNK>' (`MOBY_DICK_UNK_CUTOFF`).
   * @param onProgress - steps done of the fit (vocabulary, then each order), for a progress bar.
   * @throws Error when the training split has no sentence.
   */
  static fit(
    splits: Splits,
    unkCutoff: number,
    onProgress?: (done: number, total: number) => void,
  ): NgramEngine {
    if (splits.train.length === 0) throw new Error('The training split has no sentence to count.');
    const t0 = Date.now();
    const shared = fitShared(splits.train, MAX_ORDER, unkCutoff, onProgress);
    const types = new Set<string>();
    let trainTokens = 0;
    for (const s of splits.train) {
      trainTokens += s.length;
      for (const w of s) types.add(w);
    }
    let heldoutTokens = 0;
    let heldoutUnk = 0;
    for (const s of splits.heldout) {
      heldoutTokens += s.length;
      for (const w of s) if (!shared.has(w)) heldoutUnk++;
    }
    const info: CorpusInfo = {
      vocabSize: shared.vocabSize,
      trainTokens,
      heldoutTokens,
      types: types.size,
      trainSentences: splits.train.length,
      heldoutSentences: splits.heldout.length,
      heldoutTargets: heldoutTokens + splits.heldout.length,
      heldoutUnk,
      unkCutoff,
      fitMs: Date.now() - t0,
    };
    return new NgramEngine(shared, splits, info);
  }

  /** Whether `word` is in the fitted vocabulary. */
  has = (word: string): boolean => this.shared.has(word);

  /** The model for a spec (cached; all share one vocabulary and one counter). */
  model(spec: ModelSpec): LanguageModel {
    const s = normalizeSpec(spec);
    const key = `${s.method}:${s.order}:${s.param ?? ''}`;
    let m = this.models.get(key);
    if (!m) {
      m = buildModel(this.shared, s.order, s.method, s.param);
      this.models.set(key, m);
    }
    return m;
  }

  /** `evaluationNgrams(heldout, order)`, cached. */
  heldoutNgrams(order: number): string[][] {
    let g = this.evalNgrams.get(order);
    if (!g) {
      g = evaluationNgrams(this.splits.heldout, order);
      this.evalNgrams.set(order, g);
    }
    return g;
  }

  /**
   * Held-out perplexity of one model, 2 ** (-mean log2 P), over the chosen targets.
   * Cached for `all` and `subset` targets.
   *
   * @throws RangeError for a bad spec, an empty subset, or caller n-grams of the wrong length.
   */
  perplexity(args: PerplexityArgs): PerplexityResult {
    const s = normalizeSpec(args);
    const targets = args.targets ?? { kind: 'all' };
    const cacheKey =
      targets.kind === 'ngrams'
        ? null
        : `${s.method}:${s.order}:${s.param ?? ''}:${targets.kind === 'subset' ? `${targets.size}/${targets.seed}` : 'all'}`;
    const cached = cacheKey ? this.perplexities.get(cacheKey) : undefined;
    if (cached) return cached;
    const ngrams = this.targetNgrams(s.order, targets);
    if (ngrams.length === 0) throw new RangeError('There are no evaluation n-grams to score.');
    const { perplexity, zeroProbability } = scoreAll(this.model(s), ngrams, s.method === 'mle');
    const result: PerplexityResult = { ...s, perplexity, targets: ngrams.length, zeroProbability };
    if (cacheKey) this.perplexities.set(cacheKey, result);
    return result;
  }

  private targetNgrams(order: number, targets: EvaluationTargets): readonly (readonly string[])[] {
    if (targets.kind === 'all') return this.heldoutNgrams(order);
    if (targets.kind === 'subset') {
      const all = this.heldoutNgrams(order);
      return evaluationSubset(all.length, targets.size, targets.seed).map((i) => all[i]);
    }
    for (const g of targets.ngrams) {
      if (g.length !== order) {
        throw new RangeError(
          `Every evaluation n-gram must have ${order} words for an order-${order} model; got one with ${g.length}: ${JSON.stringify(g)}.`,
        );
      }
    }
    return targets.ngrams;
  }

  /** The next-word distribution after the reader's text: top k, the rest's mass, the total. */
  distribution(args: DistributionArgs): DistributionResult {
    const s = normalizeSpec(args);
    const k = clampInt(args.k ?? 12, 1, MAX_K);
    const context = readContext(args.context, s.order, this.has);
    const dist = this.model(s).distribution(context.used);
    let total = 0;
    let support = 0;
    for (const p of dist) {
      total += p;
      if (p > 0) support++;
    }
    const top = topK(this.shared.words, dist, k).filter((w) => w.p > 0);
    const topMass = top.reduce((a, w) => a + w.p, 0);
    return {
      spec: s,
      context,
      top,
      rest: Math.max(0, total - topMass),
      total,
      support,
    };
  }

  /**
   * Samples `numWords` tokens from the model's full next-word distribution, starting after
   * `textSeed`. Temperature T reweights p to p^(1/T) (renormalised); T below 0.01 is greedy.
   * '<s>' is never sampled (it only pads). After '</s>' the next sentence starts from '<s>'
   * padding, as in training. Uses an Alea generator seeded with `seed`.
   *
   * @throws RangeError for a bad spec, numWords outside 1..500, or temperature <= 0.
   */
  generate(args: GenerateArgs): GenerateResult {
    const s = normalizeSpec(args);
    const numWords = args.numWords;
    if (!Number.isInteger(numWords) || numWords < 1 || numWords > MAX_GENERATE) {
      throw new RangeError(
        `The number of words must be a whole number from 1 to ${MAX_GENERATE}, got ${numWords}.`,
      );
    }
    const temperature = args.temperature ?? 1;
    if (!(temperature > 0) || !Number.isFinite(temperature)) {
      throw new RangeError(`The temperature must be a number above 0, got ${temperature}.`);
    }
    const model = this.model(s);
    const words0 = this.shared.words;
    const bos = words0.indexOf(BOS);
    const rng = createRng(args.seed ?? 0);
    const start = readContext(args.textSeed ?? '', s.order, this.has);
    const width = s.order - 1;
    let history = [...start.used];
    const words: string[] = [];
    for (let i = 0; i < numWords; i++) {
      const ctx = width === 0 ? [] : history.slice(-width);
      const dist = model.distribution(ctx);
      if (bos >= 0) dist[bos] = 0;
      const pick = sample(dist, temperature, rng.next());
      if (pick < 0) break; // MLE after an unseen context: nothing can follow.
      const word = words0[pick];
      words.push(word);
      history = word === EOS ? new Array<string>(width).fill(BOS) : [...history, word];
    }
    return { context: start, words, sentences: splitSentences(words) };
  }

  /** Counts of the typed context's last n-1..0 words: continuations, N(context), N1+(context •). */
  counts(args: CountsArgs): CountsResult {
    const order = normalizeSpec({ order: args.order, method: 'mle' }).order;
    const k = clampInt(args.k ?? 8, 1, MAX_K);
    const context = readContext(args.context, order, this.has);
    const rows = [];
    for (let n = 1; n <= order; n++) {
      const ctx = n === 1 ? [] : context.used.slice(-(n - 1));
      const c = contextContinuations(this.shared, ctx);
      rows.push({
        order: n,
        context: ctx,
        contextCount: c.total,
        distinct: c.continuations.length,
        continuations: c.continuations.slice(0, k),
      });
    }
    return { context, rows };
  }
}

function clampInt(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return lo;
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

/**
 * Draws an index with probability proportional to p^(1/T) (computed in log space, so small T
 * does not underflow); greedy (the most probable, first on ties) when T < 0.01.
 *
 * @param p - probabilities (or any non-negative weights).
 * @param u - a uniform draw in [0, 1).
 * @returns the index, or -1 when every p is 0.
 */
export function sample(p: ArrayLike<number>, temperature: number, u: number): number {
  let best = -1;
  for (let i = 0; i < p.length; i++) if (p[i] > 0 && (best < 0 || p[i] > p[best])) best = i;
  if (best < 0 || temperature < 0.01) return best;
  const logMax = Math.log(p[best]) / temperature;
  const w = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    w[i] = p[i] > 0 ? Math.exp(Math.log(p[i]) / temperature - logMax) : 0;
    sum += w[i];
  }
  let target = u * sum;
  for (let i = 0; i < w.length; i++) {
    target -= w[i];
    if (target < 0 && w[i] > 0) return i;
  }
  return best; // rounding at the very end of the range
}

/** Splits generated tokens into sentences at each '</s>' (which is not kept as a word). */
export function splitSentences(words: readonly string[]): { words: string[]; closed: boolean }[] {
  const out: { words: string[]; closed: boolean }[] = [];
  let cur: string[] = [];
  for (const w of words) {
    if (w === EOS) {
      out.push({ words: cur, closed: true });
      cur = [];
    } else cur.push(w);
  }
  if (cur.length > 0) out.push({ words: cur, closed: false });
  return out;
}
