/**
 * Padding and n-gram extraction, after NLTK 3.8's `nltk.util` (`pad_sequence`, `ngrams`,
 * `bigrams`, `everygrams`) and `nltk.lm.preprocessing` (`pad_both_ends`, `padded_everygrams`,
 * `padded_everygram_pipeline`). NLTK returns lazy iterators; these return arrays.
 */

/** The sentence-start symbol `pad_both_ends` uses. */
export const BOS = '<s>';
/** The sentence-end symbol `pad_both_ends` uses. */
export const EOS = '</s>';

/** @internal Throws a RangeError unless `n` is an integer >= `min`. */
export function checkInt(name: string, n: number, min = 1): void {
  if (!Number.isInteger(n) || n < min) {
    throw new RangeError(`${name} must be an integer >= ${min}; got ${String(n)}.`);
  }
}

/** Options of {@link padSequence} (NLTK `pad_sequence`'s keyword arguments). */
export interface PadSequenceOptions<L, R> {
  /** Add `n - 1` copies of `leftPadSymbol` before the sequence. Default false. */
  padLeft?: boolean;
  /** Add `n - 1` copies of `rightPadSymbol` after the sequence. Default false. */
  padRight?: boolean;
  /** Default null (NLTK's None). */
  leftPadSymbol?: L;
  /** Default null (NLTK's None). */
  rightPadSymbol?: R;
}

/**
 * NLTK `pad_sequence(sequence, n, pad_left, pad_right, left_pad_symbol, right_pad_symbol)`: the
 * sequence with `n - 1` pad symbols on the requested sides.
 *
 * @param n the n-gram order the padding is for (integer >= 1).
 * @throws RangeError if `n` is not an integer >= 1.
 */
export function padSequence<T, L = null, R = null>(
  sequence: Iterable<T>,
  n: number,
  options: PadSequenceOptions<L, R> = {},
): (T | L | R)[] {
  checkInt('padSequence: n', n);
  const { padLeft = false, padRight = false } = options;
  const left = (options.leftPadSymbol ?? null) as L;
  const right = (options.rightPadSymbol ?? null) as R;
  const out: (T | L | R)[] = [];
  if (padLeft) for (let i = 1; i < n; i++) out.push(left);
  for (const x of sequence) out.push(x);
  if (padRight) for (let i = 1; i < n; i++) out.push(right);
  return out;
}

/**
 * NLTK `pad_both_ends(sentence, n)`: `n - 1` × `'<s>'`, the sentence, `n - 1` × `'</s>'`.
 *
 * @throws RangeError if `n` is not an integer >= 1.
 */
export function padBothEnds(sentence: Iterable<string>, n: number): string[] {
  return padSequence(sentence, n, {
    padLeft: true,
    padRight: true,
    leftPadSymbol: BOS,
    rightPadSymbol: EOS,
  });
}

/**
 * NLTK `ngrams(sequence, n)` without padding: every window of `n` consecutive items, in order
 * (`length - n + 1` of them; none when the sequence is shorter than `n`).
 *
 * @throws RangeError if `n` is not an integer >= 1 (NLTK silently returns nothing for n = 0).
 */
export function ngrams<T>(sequence: readonly T[], n: number): T[][] {
  checkInt('ngrams: n', n);
  const out: T[][] = [];
  for (let i = 0; i + n <= sequence.length; i++) out.push(sequence.slice(i, i + n));
  return out;
}

/** NLTK `bigrams(sequence)` = `ngrams(sequence, 2)`. */
export function bigrams<T>(sequence: readonly T[]): T[][] {
  return ngrams(sequence, 2);
}

/**
 * NLTK 3.8 `everygrams(sequence, min_len, max_len)`: all n-grams with `minLen <= n <= maxLen`,
 * in NLTK 3.8's order: by start position, and for each start by increasing length
 * (`(a) (a b) (a b c) (b) (b c) (c)`). (NLTK before 3.6 ordered them by length first.)
 *
 * @param maxLen default the sequence length; nothing is returned when `maxLen < minLen`.
 * @throws RangeError if `minLen` or `maxLen` is not an integer >= 1.
 */
export function everygrams<T>(
  sequence: readonly T[],
  minLen = 1,
  maxLen: number = sequence.length,
): T[][] {
  checkInt('everygrams: minLen', minLen);
  if (sequence.length === 0) return [];
  checkInt('everygrams: maxLen', maxLen);
  const out: T[][] = [];
  for (let i = 0; i < sequence.length; i++) {
    const longest = Math.min(maxLen, sequence.length - i);
    for (let len = minLen; len <= longest; len++) out.push(sequence.slice(i, i + len));
  }
  return out;
}

/**
 * NLTK `padded_everygrams(order, sentence)`: `everygrams(padBothEnds(sentence, order), 1, order)`.
 *
 * @throws RangeError if `order` is not an integer >= 1.
 */
export function paddedEverygrams(order: number, sentence: Iterable<string>): string[][] {
  return everygrams(padBothEnds(sentence, order), 1, order);
}

/** What {@link paddedEverygramPipeline} returns. */
export interface PaddedEverygramPipeline {
  /** Per sentence, its padded everygrams of lengths 1..order (the `text` argument of `fit`). */
  ngrams: string[][][];
  /** All padded sentences concatenated (the `vocabularyText` argument of `fit`). */
  vocab: string[];
}

/**
 * NLTK `padded_everygram_pipeline(order, text)`: the training n-grams and the vocabulary text of
 * a corpus. NLTK returns two lazy iterators; this returns arrays.
 *
 * @param sentences tokenized sentences (`string[][]`).
 * @throws RangeError if `order` is not an integer >= 1.
 */
export function paddedEverygramPipeline(
  order: number,
  sentences: Iterable<readonly string[]>,
): PaddedEverygramPipeline {
  checkInt('paddedEverygramPipeline: order', order);
  const grams: string[][][] = [];
  const vocab: string[] = [];
  for (const sentence of sentences) {
    const padded = padBothEnds(sentence, order);
    grams.push(everygrams(padded, 1, order));
    for (const w of padded) vocab.push(w);
  }
  return { ngrams: grams, vocab };
}

/**
 * The evaluation n-grams of chapter 3: for each sentence, `order - 1` × `'<s>'` on the left and
 * ONE `'</s>'` on the right, then `ngrams(order)`; all sentences' n-grams in one flat list (the
 * `textNgrams` argument of `entropy` / `perplexity`).
 *
 * Every order then predicts exactly the same targets, each word of the sentence and one `'</s>'`
 * (`length + 1` targets per sentence), so perplexities of orders 1..5 are comparable, and the
 * neural LM of chapter 3 is evaluated on the same targets. `padBothEnds` (NLTK's
 * `padded_everygram_pipeline`, also used for training) pads `order - 1` × `'</s>'`: evaluated with
 * `ngrams(padBothEnds(s, n), n)`, an n-gram model would also score `n - 2` extra `'</s>'` after
 * `'</s>'`, which are almost certain (p ≈ 1) and lower its perplexity more the larger n is.
 *
 * @returns string[][]: one entry per n-gram, each of length `order`.
 * @throws RangeError if `order` is not an integer >= 1.
 */
export function evaluationNgrams(
  sentences: Iterable<readonly string[]>,
  order: number,
): string[][] {
  checkInt('evaluationNgrams: order', order);
  const out: string[][] = [];
  for (const sentence of sentences) {
    const padded: string[] = [];
    for (let i = 1; i < order; i++) padded.push(BOS);
    for (const w of sentence) padded.push(w);
    padded.push(EOS);
    for (let i = 0; i + order <= padded.length; i++) out.push(padded.slice(i, i + order));
  }
  return out;
}
