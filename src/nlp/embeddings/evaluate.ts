/**
 * Intrinsic evaluation of word vectors: analogy accuracy (3CosAdd, top-1) and Spearman
 * correlation with human similarity judgements, as gensim 4.2's
 * `KeyedVectors.evaluate_word_analogies` and `evaluate_word_pairs` compute them: questions and
 * pairs with a word outside the vocabulary are skipped and reported as coverage.
 */
import { KeyedVectors } from './keyedVectors';

/**
 * "a is to b as c is to expected" (Mikolov et al. 2013's question format, e.g. man king woman
 * queen). Words are lowercase, as the corpora are tokenized.
 */
export interface AnalogyQuestion {
  /** The relation the question tests, e.g. "opposites" (the ": section" of questions-words.txt). */
  family: string;
  a: string;
  b: string;
  c: string;
  expected: string;
}

/** A word pair with a similarity judgement on a 0 (unrelated) to 10 (same meaning) scale. */
export interface SimilarityPair {
  w1: string;
  w2: string;
  score: number;
}

/** A named set of analogy questions and similarity pairs. */
export interface EvaluationSet {
  name: string;
  /** Where the questions and judgements come from. */
  description: string;
  analogies: readonly AnalogyQuestion[];
  similarity: readonly SimilarityPair[];
}

/** Counts for one analogy family (or all of them). */
export interface AnalogyCounts {
  /** Questions whose top-1 answer was `expected`. */
  correct: number;
  /** Questions whose four words are all in the vocabulary. */
  answered: number;
  /** All questions. */
  total: number;
}

/** One answered analogy question. */
export interface AnalogyOutcome {
  question: AnalogyQuestion;
  /** The top-1 answer. */
  predicted: string;
  correct: boolean;
}

/** The result of {@link evaluate}. */
export interface EvaluationResult {
  analogy: AnalogyCounts & {
    /** `correct / answered` (top-1 accuracy over covered questions); NaN when none is covered. */
    accuracy: number;
    /** `answered / total`. */
    coverage: number;
    /** Counts per family, in the order families first appear in the set. */
    byFamily: Record<string, AnalogyCounts>;
    /** Every answered question with its prediction. */
    outcomes: AnalogyOutcome[];
  };
  similarity: {
    /** Spearman's rank correlation between the judgements and the cosines; NaN if < 2 pairs. */
    spearman: number;
    /** Pairs with both words in the vocabulary. */
    used: number;
    total: number;
    /** `used / total`. */
    coverage: number;
  };
}

/**
 * Ranks of `x` (1-based), ties given the average of the ranks they span (scipy.stats.rankdata's
 * default 'average' method).
 */
export function rankData(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const ranks = new Float64Array(n);
  for (let s = 0; s < n;) {
    let e = s;
    while (e + 1 < n && x[order[e + 1]] === x[order[s]]) e++;
    const r = (s + e) / 2 + 1;
    for (let t = s; t <= e; t++) ranks[order[t]] = r;
    s = e + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation coefficient: Pearson's r between the ranks of `x` and `y`, ties
 * ranked by their average (scipy.stats.spearmanr, which gensim's `evaluate_word_pairs` reports).
 *
 * @returns a value in [-1, 1]; NaN if there are fewer than 2 values or either side is constant.
 * @throws RangeError if the lengths differ or a value is NaN.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new RangeError(`spearman: ${x.length} values against ${y.length}.`);
  }
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) {
      throw new RangeError(`spearman: value ${i} is NaN.`);
    }
  }
  if (x.length < 2) return NaN;
  const rx = rankData(x);
  const ry = rankData(y);
  const n = x.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mean;
    const dy = ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/**
 * Scores word vectors on an evaluation set.
 *
 * Analogies: top-1 3CosAdd ({@link KeyedVectors.analogy}, excluding a, b, c) must equal
 * `expected`; a question counts only if all four words have vectors (gensim
 * `evaluate_word_analogies`, which also skips such questions; its `restrict_vocab` is not
 * applied). Similarity: Spearman correlation between the set's judgements and the cosines of the
 * pairs whose two words have vectors (gensim `evaluate_word_pairs`, which skips OOV pairs unless
 * `dummy4unknown`). Cost: one pass over the vectors per answered question (about 1-2 ms each at
 * V = 10,000, d = 100).
 */
export function evaluate(vectors: KeyedVectors, set: EvaluationSet): EvaluationResult {
  const byFamily: Record<string, AnalogyCounts> = {};
  const outcomes: AnalogyOutcome[] = [];
  let correct = 0;
  for (const q of set.analogies) {
    const fam = (byFamily[q.family] ??= { correct: 0, answered: 0, total: 0 });
    fam.total++;
    if (![q.a, q.b, q.c, q.expected].every((w) => vectors.has(w))) continue;
    fam.answered++;
    const top = vectors.analogy(q.a, q.b, q.c, 1);
    const predicted = top.length > 0 ? top[0].word : '';
    const ok = predicted === q.expected;
    if (ok) {
      fam.correct++;
      correct++;
    }
    outcomes.push({ question: q, predicted, correct: ok });
  }
  const answered = outcomes.length;
  const total = set.analogies.length;

  const human: number[] = [];
  const model: number[] = [];
  for (const p of set.similarity) {
    if (!vectors.has(p.w1) || !vectors.has(p.w2)) continue;
    human.push(p.score);
    model.push(vectors.similarity(p.w1, p.w2));
  }
  const simTotal = set.similarity.length;
  return {
    analogy: {
      correct,
      answered,
      total,
      accuracy: answered > 0 ? correct / answered : NaN,
      coverage: total > 0 ? answered / total : 0,
      byFamily,
      outcomes,
    },
    similarity: {
      // A diverged model (NaN vectors) scores NaN rather than throwing.
      spearman: model.some(Number.isNaN) ? NaN : spearman(human, model),
      used: human.length,
      total: simTotal,
      coverage: simTotal > 0 ? human.length / simTotal : 0,
    },
  };
}
