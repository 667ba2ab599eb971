/**
 * Unicode normalization, case folding and accent stripping.
 */

/** A Unicode normalization form, or `'none'`. */
export type NormalizationForm = 'NFC' | 'NFKC' | 'NFD' | 'NFKD' | 'none';

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** Unicode normalization form (UAX #15). */
  form: NormalizationForm;
  /** Lowercase (see {@link normalize} for how this differs from full case folding). */
  caseFold: boolean;
  /** Remove combining diacritical marks (é -> e). Default false. */
  stripAccents?: boolean;
}

const FORMS: readonly NormalizationForm[] = ['NFC', 'NFKC', 'NFD', 'NFKD', 'none'];

/**
 * Combining marks of the "Combining Diacritical Marks" blocks (U+0300–036F, U+1AB0–1AFF,
 * U+1DC0–1DFF, U+20D0–20FF, U+FE20–FE2F): the accents of Latin, Greek and Cyrillic. Marks of
 * other scripts (Devanagari vowel signs, Hebrew points, Hangul jamo) are left alone, because
 * removing them changes letters, not accents.
 */
// The ranges are marks on purpose (no base character in the class).
// eslint-disable-next-line no-misleading-character-class
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/**
 * Normalizes text in this order: (1) the normalization `form`; (2) lowercase if `caseFold`;
 * (3) if `stripAccents`, decompose (NFD), drop diacritical marks (see above), recompose;
 * (4) re-apply `form` (lowercasing can yield sequences that need it, e.g. 'İ' -> 'i̇').
 *
 * Forms, with examples: NFC composes (e + U+0301 -> é); NFD decomposes (é -> e + U+0301);
 * NFKC / NFKD also fold compatibility characters: the ligature 'ﬁ' -> 'fi', full-width '１２'
 * -> '12', '①' -> '1', superscript '²' -> '2', 'ｶ' -> 'カ'. Hangul syllables decompose to jamo
 * under NFD/NFKD.
 *
 * `caseFold` lowercases with `toLowerCase()` (identical to `toLocaleLowerCase('und')`: the
 * locale-independent full Unicode lowercase mapping, with final-sigma handling). That is not
 * full case folding (Unicode CaseFolding.txt, Python's `str.casefold`): 'ß' stays 'ß' (casefold
 * gives 'ss') and 'ς' stays 'ς' (casefold gives 'σ').
 *
 * With `stripAccents` and `form: 'none'`, the result is recomposed to NFC (so Hangul and
 * other precomposed letters survive). Similar to scikit-learn's `strip_accents='unicode'`,
 * which removes every combining character after NFKD.
 *
 * @throws TypeError if `text` is not a string; RangeError for an unknown `form`.
 */
export function normalize(text: string, options: NormalizeOptions): string {
  if (typeof text !== 'string')
    throw new TypeError(`normalize: expected a string, got ${typeof text}.`);
  const { form, caseFold, stripAccents = false } = options;
  if (!FORMS.includes(form)) {
    throw new RangeError(
      `normalize: unknown form ${JSON.stringify(form)}; use ${FORMS.join(', ')}.`,
    );
  }
  const applyForm = (s: string): string => (form === 'none' ? s : s.normalize(form));
  let out = applyForm(text);
  if (caseFold) out = out.toLowerCase();
  if (stripAccents) {
    out = out.normalize('NFD').replace(DIACRITICS, '');
    out = form === 'none' ? out.normalize('NFC') : out;
  }
  return applyForm(out);
}
