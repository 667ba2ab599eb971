/**
 * Helpers for the n-gram explorer widget (chapter 3): next-word distributions, top-k, count
 * tables, and a factory for the four smoothing methods.
 */
import type { NgramCounter } from './counter';
import { KneserNeyInterpolated } from './kneserNey';
import type { LanguageModel, LanguageModelOptions } from './languageModel';
import { Laplace, Lidstone, MLE } from './models';
import type { Vocabulary } from './vocabulary';

/** A word with its probability. */
export interface WordProbability {
  word: string;
  p: number;
}

/** A continuation of a context with its count (a row of {@link countsTable}). */
export interface CountsTableRow {
  word: string;
  count: number;
  /** count / Σ counts of the context: the MLE probability. */
  p: number;
}

/**
 * The `k` most probable entries of a distribution over `words`, most probable first, ties in
 * `words` order. O(V log k).
 *
 * @param probabilities same length as `words`.
 * @throws RangeError if the lengths differ or `k` is not an integer >= 0.
 */
export function topK(
  words: readonly string[],
  probabilities: ArrayLike<number>,
  k: number,
): WordProbability[] {
  if (words.length !== probabilities.length) {
    throw new RangeError(`topK: ${words.length} words but ${probabilities.length} probabilities.`);
  }
  if (!Number.isInteger(k) || k < 0)
    throw new RangeError(`topK: k must be an integer >= 0; got ${k}.`);
  // A small sorted buffer of indices (k is a handful of bars in the widget).
  const best: number[] = [];
  const better = (i: number, j: number): boolean =>
    probabilities[i] > probabilities[j] || (probabilities[i] === probabilities[j] && i < j);
  for (let i = 0; i < words.length && k > 0; i++) {
    if (best.length === k && !better(i, best[k - 1])) continue;
    let pos = best.length === k ? k - 1 : best.length;
    best[pos] = i;
    while (pos > 0 && better(best[pos], best[pos - 1])) {
      [best[pos], best[pos - 1]] = [best[pos - 1], best[pos]];
      pos--;
    }
  }
  return best.map((i) => ({ word: words[i], p: probabilities[i] }));
}

/**
 * P(w | context) for the words of the model's vocabulary, most probable first (all of them, or
 * the top `k`). The context is looked up in the vocabulary and cut to `order − 1` words. Fast
 * enough to call on every keystroke (O(order · V) with V the vocabulary size).
 *
 * @throws Error before the model has counts.
 */
export function nextWordDistribution(
  model: LanguageModel,
  context: readonly string[] = [],
  k?: number,
): WordProbability[] {
  const p = model.distribution(context);
  return topK(model.vocab.words, p, k ?? p.length);
}

/**
 * The continuations of a context with their counts, most frequent first (NLTK
 * `counter[context]`): shows how sparse counts get as the context grows. Pass the vocabulary to
 * look the context up first (the counter holds looked-up words).
 */
export function countsTable(
  counter: NgramCounter,
  context: readonly string[],
  vocabulary?: Vocabulary,
): CountsTableRow[] {
  const ctx = vocabulary ? vocabulary.lookup(context) : [...context];
  const total = counter.contextTotal(ctx);
  return counter.continuations(ctx).map(({ word, count }) => ({ word, count, p: count / total }));
}

/** The smoothing methods of {@link createLanguageModel}. */
export type SmoothingMethod = 'mle' | 'laplace' | 'lidstone' | 'kneser-ney';

/** Options of {@link createLanguageModel}. */
export interface CreateLanguageModelOptions extends LanguageModelOptions {
  /** Lidstone's γ (> 0). Default 0.1. */
  gamma?: number;
  /** Kneser-Ney's discount d, in (0, 1). Default 0.1. */
  discount?: number;
}

/**
 * One of the four models by name, e.g. to build orders 1..5 × methods on one shared vocabulary
 * and counter (fitted once at the highest order).
 *
 * @throws RangeError for an unknown method or bad parameters (see each model).
 */
export function createLanguageModel(
  method: SmoothingMethod,
  order: number,
  options: CreateLanguageModelOptions = {},
): LanguageModel {
  const { gamma = 0.1, discount = 0.1, vocabulary, counter } = options;
  const shared = { vocabulary, counter };
  switch (method) {
    case 'mle':
      return new MLE(order, shared);
    case 'laplace':
      return new Laplace(order, shared);
    case 'lidstone':
      return new Lidstone(gamma, order, shared);
    case 'kneser-ney':
      return new KneserNeyInterpolated(order, { ...shared, discount });
    default:
      throw new RangeError(`createLanguageModel: unknown method ${String(method)}.`);
  }
}
