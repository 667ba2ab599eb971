/**
 * Keras' `text_to_word_sequence`, reproduced from keras-preprocessing 1.1.2
 * (`keras_preprocessing/text.py`).
 */

/**
 * Keras' default `filters`: ASCII punctuation except the apostrophe, plus tab and newline.
 * Note what it does not contain: `'`, `\r`, non-breaking space, and all non-ASCII punctuation
 * (“ ” — … ¡ ¿ 。), which therefore stay inside tokens.
 */
export const KERAS_DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

/** Options of {@link textToWordSequence}; the defaults are Keras' defaults. */
export interface TextToWordSequenceOptions {
  /** Characters (code points) replaced by `split` before splitting. Default {@link KERAS_DEFAULT_FILTERS}. */
  filters?: string;
  /** Lowercase first (JS `toLowerCase`, see {@link kerasLower}). Default true. */
  lower?: boolean;
  /** The separator, a non-empty string, as in Python's `str.split(sep)`. Default `' '`. */
  split?: string;
}

/**
 * Lowercasing used wherever Keras calls Python's `str.lower()`.
 *
 * JS `String.prototype.toLowerCase` and Python 3's `str.lower` both apply the full Unicode
 * lowercase mapping (including SpecialCasing: `'İ'` becomes `'i̇'`, i + U+0307, two code points,
 * in both) and the Final_Sigma rule (`'ΟΔΟΣ'` becomes `'οδος'` in both). They can still differ
 * where the Python build and the JS engine ship different Unicode versions (newly encoded
 * cased letters). Locale-specific rules (Turkish dotless i) are applied by neither.
 */
export function kerasLower(text: string): string {
  return text.toLowerCase();
}

const filterRegexCache = new Map<string, RegExp | null>();

/** A global regex matching any code point of `filters`, or null when `filters` is empty. */
export function filterRegex(filters: string): RegExp | null {
  let re = filterRegexCache.get(filters);
  if (re === undefined) {
    const cps = [...new Set(Array.from(filters, (c) => c.codePointAt(0) as number))];
    re =
      cps.length === 0
        ? null
        : new RegExp('[' + cps.map((cp) => `\\u{${cp.toString(16)}}`).join('') + ']', 'gu');
    filterRegexCache.set(filters, re);
  }
  return re;
}

/**
 * Splits a text into words exactly as Keras' `text_to_word_sequence`:
 * 1. lowercase (if `lower`);
 * 2. replace every character of `filters` by `split` (Python `str.translate`), so
 *    `"hello,world"` becomes `"hello world"` and then two words;
 * 3. `text.split(split)` (an exact-separator split, not a whitespace split: with the default
 *    `' '`, a `\r` or a non-breaking space does not separate words);
 * 4. drop empty strings (produced by repeated separators).
 *
 * @param text the input string.
 * @returns the words, in order; `[]` for an empty or all-filtered text.
 * @throws TypeError if `text` is not a string; Error if `split` is empty (Python raises
 *   "empty separator").
 * @see keras_preprocessing/text.py, `text_to_word_sequence` (keras-preprocessing 1.1.2).
 */
export function textToWordSequence(
  text: string,
  options: TextToWordSequenceOptions = {},
): string[] {
  const { filters = KERAS_DEFAULT_FILTERS, lower = true, split = ' ' } = options;
  if (typeof text !== 'string') {
    throw new TypeError(`textToWordSequence: expected a string, got ${typeof text}.`);
  }
  assertSplit(split);
  let t = lower ? kerasLower(text) : text;
  const re = filterRegex(filters);
  if (re) t = t.replace(re, () => split);
  return t.split(split).filter((w) => w.length > 0);
}

/** @throws Error unless `split` is a non-empty string. */
export function assertSplit(split: unknown): asserts split is string {
  if (typeof split !== 'string' || split.length === 0) {
    throw new Error(
      `split must be a non-empty string (Python's str.split raises "empty separator"); got ${JSON.stringify(split)}.`,
    );
  }
}
