/**
 * Stopword lists from the `stopwords-iso` package (v1.1.0, MIT): 57 languages, ISO 639-1 codes.
 *
 * Bundle cost: the package ships all languages in one JSON file (~207 KB raw, ~70 KB gzipped),
 * and this module imports it whole; only chapters that import it pay for it.
 *
 * The lists are broad ("the most comprehensive collection"): English has 1,298 entries, far
 * more than NLTK's 179 or scikit-learn's 318, and includes words such as "value" or "research".
 * The Korean list contains ASCII punctuation and digits as well as particles.
 */
import stopwordsIso from 'stopwords-iso';

const DATA = stopwordsIso as unknown as Record<string, string[]>;

/** The ISO 639-1 codes `stopwords-iso` covers. */
export type StopwordLanguage =
  | 'af'
  | 'ar'
  | 'hy'
  | 'eu'
  | 'bn'
  | 'br'
  | 'bg'
  | 'ca'
  | 'zh'
  | 'hr'
  | 'cs'
  | 'da'
  | 'nl'
  | 'en'
  | 'eo'
  | 'et'
  | 'fi'
  | 'fr'
  | 'gl'
  | 'de'
  | 'el'
  | 'gu'
  | 'ha'
  | 'he'
  | 'hi'
  | 'hu'
  | 'id'
  | 'ga'
  | 'it'
  | 'ja'
  | 'ko'
  | 'ku'
  | 'la'
  | 'lt'
  | 'lv'
  | 'ms'
  | 'mr'
  | 'no'
  | 'fa'
  | 'pl'
  | 'pt'
  | 'ro'
  | 'ru'
  | 'sk'
  | 'sl'
  | 'so'
  | 'st'
  | 'es'
  | 'sw'
  | 'sv'
  | 'th'
  | 'tl'
  | 'tr'
  | 'uk'
  | 'ur'
  | 'vi'
  | 'yo'
  | 'zu';

/** The language codes available at runtime, in the package's order. */
export const STOPWORD_LANGUAGES: readonly string[] = Object.keys(DATA);

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The stopword set of a language (entries as shipped: lowercase for cased scripts).
 * The same frozen-in-practice `ReadonlySet` instance is returned on every call.
 *
 * @throws RangeError naming the available codes if `lang` is not covered.
 */
export function getStopwords(lang: StopwordLanguage): ReadonlySet<string> {
  let set = cache.get(lang);
  if (!set) {
    const list = Object.prototype.hasOwnProperty.call(DATA, lang) ? DATA[lang] : undefined;
    if (!list) {
      throw new RangeError(
        `getStopwords: no stopword list for ${JSON.stringify(lang)}; available: ${STOPWORD_LANGUAGES.join(', ')}.`,
      );
    }
    set = new Set(list);
    cache.set(lang, set);
  }
  return set;
}

/**
 * Removes stopwords from a token list, keeping order. Matching is case-insensitive
 * (`toLowerCase` of each token), so lowercase first only if you want the output lowercased.
 *
 * @throws RangeError for an unknown language (see {@link getStopwords}).
 */
export function removeStopwords(tokens: readonly string[], lang: StopwordLanguage): string[] {
  const set = getStopwords(lang);
  return tokens.filter((t) => !set.has(t.toLowerCase()));
}
