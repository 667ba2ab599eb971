/**
 * Vocabulary statistics for the explorer widgets.
 */
import type { Int32Matrix } from './matrix';
import type { Tokenizer } from './tokenizer';

/**
 * Out-of-vocabulary rate: the number of tokens equal to `oovIndex`, divided by the number of
 * tokens that are not padding (index `padIndex`, default 0, the value Keras never assigns to
 * a word).
 *
 * Accepts ragged sequences (`textsToSequences` output) or a padded matrix (`padSequences`).
 * Note: it only sees OOV tokens the tokenizer kept, i.e. with an `oovToken`; without one,
 * unknown words are dropped from the sequences and cannot be counted.
 *
 * @returns a fraction in [0, 1], or `NaN` when there is no non-padding token (render it as
 *   "—").
 * @throws TypeError for malformed input.
 */
export function oovRate(
  sequences: readonly (readonly number[])[] | Int32Matrix,
  oovIndex: number,
  padIndex = 0,
): number {
  if (!Number.isInteger(oovIndex))
    throw new TypeError(`oovRate: oovIndex must be an integer; got ${oovIndex}.`);
  let oov = 0;
  let total = 0;
  const visit = (x: number): void => {
    if (x === padIndex) return;
    total++;
    if (x === oovIndex) oov++;
  };
  if (Array.isArray(sequences)) {
    for (const s of sequences) {
      if (!Array.isArray(s)) throw new TypeError('oovRate: expected an array of number arrays.');
      s.forEach(visit);
    }
  } else if (sequences && typeof sequences === 'object' && 'data' in sequences) {
    (sequences as Int32Matrix).data.forEach(visit);
  } else throw new TypeError('oovRate: expected sequences or a { rows, cols, data } matrix.');
  return total === 0 ? NaN : oov / total;
}

/** One row of the vocabulary table. */
export interface VocabularyRow {
  word: string;
  /** Occurrences in the fitted texts (0 for the OOV token unless it occurs literally). */
  count: number;
  /** Number of fitted documents containing the word. */
  docs: number;
  /** The word's index in `wordIndex` (1-based). */
  index: number;
  /** True when sequences keep this index (`index < numWords`, or no limit). */
  kept: boolean;
  /** True for the tokenizer's OOV token. */
  oov: boolean;
}

/**
 * The tokenizer's vocabulary, one row per `wordIndex` entry in index order (rank order).
 *
 * @param numWords the cut to show; default the tokenizer's own `numWords` (null or 0 = none).
 * @throws RangeError if `numWords` is negative or not an integer.
 */
export function buildVocabularyTable(
  tokenizer: Tokenizer,
  numWords: number | null = tokenizer.numWords,
): VocabularyRow[] {
  if (numWords !== null && (!Number.isInteger(numWords) || numWords < 0)) {
    throw new RangeError(
      `buildVocabularyTable: numWords must be a non-negative integer; got ${numWords}.`,
    );
  }
  const rows: VocabularyRow[] = [];
  for (const [word, index] of tokenizer.wordIndex) {
    rows.push({
      word,
      count: tokenizer.wordCounts.get(word) ?? 0,
      docs: tokenizer.wordDocs.get(word) ?? 0,
      index,
      kept: !numWords || index < numWords,
      oov: word === tokenizer.oovToken,
    });
  }
  return rows.sort((a, b) => a.index - b.index);
}
