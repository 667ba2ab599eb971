/**
 * Porter stemming via the `stemmer` package (wooorm/stemmer v2, an implementation of
 * M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980).
 *
 * Lemmatization (mapping "better" -> "good", "ran" -> "run" with a dictionary and part of
 * speech) is not provided: it needs a lexicon such as WordNet; the prose discusses it.
 */
import { stemmer } from 'stemmer';

const ASCII_WORD = /^[A-Za-z]+$/;

/**
 * The Porter (1980) stem of an English word, lowercased: caresses -> caress, ponies -> poni,
 * relational -> relat. Words of one or two letters come back lowercased but unstemmed (as in
 * Porter's algorithm).
 *
 * Tokens that are not purely ASCII letters (numbers, punctuation, "don't", "café", Hangul,
 * Han, emoji) are returned unchanged: Porter's rules are defined on the English alphabet.
 */
export function stem(word: string): string {
  if (typeof word !== 'string') throw new TypeError(`stem: expected a string, got ${typeof word}.`);
  return ASCII_WORD.test(word) ? stemmer(word) : word;
}
