/**
 * Sentence splitting with offsets: ICU's sentence segmentation where the runtime has
 * `Intl.Segmenter`, a documented rule set otherwise, and the same abbreviation repair for both.
 */

/** A sentence and where it is: `input.slice(start, end) === text`, surrounding spaces trimmed. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Options of {@link sentenceSplit}. */
export interface SentenceSplitOptions {
  /** `'auto'` (default): `'segmenter'` when `Intl.Segmenter` exists, else `'rules'`. */
  method?: 'auto' | 'segmenter' | 'rules';
  /** Locale for `Intl.Segmenter`. Default `'en'`. */
  locale?: string;
  /**
   * Lowercase abbreviations, without the final period, after which a period does not end a
   * sentence. Default {@link DEFAULT_ABBREVIATIONS}. Single capital letters ("J.") are always
   * treated as initials.
   */
  abbreviations?: Iterable<string>;
}

/**
 * Titles and Latin abbreviations that rarely end a sentence. Deliberately excludes ones that
 * often do ("etc.", "Inc.", "No."): a missed split is easier to see than a wrong merge.
 */
export const DEFAULT_ABBREVIATIONS: readonly string[] = [
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'vs',
  'cf',
  'fig',
  'figs',
  'eq',
  'e.g',
  'i.e',
  'approx',
  'dept',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'rev',
  'hon',
  'u.s',
  'p',
  'pp',
  'vol',
  'ch',
  'sec',
];

const TERMINATOR = /([.!?…]+|[。！？．]+)(['"”’)\]»」』]*)/gu;
const CJK_TERMINATOR = /^[。！？．]/u;

function lastWordBefore(text: string, index: number): string {
  const m = /([^\s"'“‘([]*)$/u.exec(text.slice(Math.max(0, index - 40), index));
  return m ? m[1] : '';
}

function isNonTerminalPeriod(text: string, periodIndex: number, abbrevs: Set<string>): boolean {
  const word = lastWordBefore(text, periodIndex);
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. R. R. Tolkien"
  return abbrevs.has(word.toLowerCase());
}

function trimSpan(text: string, start: number, end: number): SentenceSpan | null {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return end > start ? { text: text.slice(start, end), start, end } : null;
}

function splitByRules(text: string, abbrevs: Set<string>): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  for (const m of text.matchAll(TERMINATOR)) {
    const end = m.index + m[0].length;
    const next = text.slice(end);
    if (!CJK_TERMINATOR.test(m[1])) {
      if (next.length > 0 && !/^\s/u.test(next)) continue; // "3.14", "e.g.x", "a.m.,"
      if (/^\s*\p{Ll}/u.test(next)) continue; // lowercase continues the sentence
      if (m[1] === '.' && isNonTerminalPeriod(text, m.index, abbrevs)) continue;
    }
    const span = trimSpan(text, start, end);
    if (span) spans.push(span);
    start = end;
  }
  const last = trimSpan(text, start, text.length);
  if (last) spans.push(last);
  return spans;
}

const segmenters = new Map<string, Intl.Segmenter>();

function splitBySegmenter(text: string, locale: string, abbrevs: Set<string>): SentenceSpan[] {
  let seg = segmenters.get(locale);
  if (!seg) {
    seg = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, seg);
  }
  const spans: SentenceSpan[] = [];
  for (const s of seg.segment(text)) {
    const span = trimSpan(text, s.index, s.index + s.segment.length);
    if (!span) continue;
    const prev = spans[spans.length - 1];
    if (prev && prev.text.endsWith('.') && isNonTerminalPeriod(text, prev.end - 1, abbrevs)) {
      spans[spans.length - 1] = {
        text: text.slice(prev.start, span.end),
        start: prev.start,
        end: span.end,
      };
    } else spans.push(span);
  }
  return spans;
}

/**
 * Splits `text` into sentences with offsets.
 *
 * - `'segmenter'`: `Intl.Segmenter(locale, { granularity: 'sentence' })`, i.e. the Unicode
 *   sentence-boundary rules of UAX #29 as implemented by ICU (no break inside "3.14" or before a
 *   lowercase word). ICU does break after "Dr." before a capital, so a sentence ending in a
 *   known abbreviation or a single-capital initial is merged with the next one.
 * - `'rules'` (fallback): break after a run of `. ! ? …` plus closing quotes/brackets when it is
 *   followed by whitespace (or the end) and the next word does not start in lowercase, and,
 *   for a single `.`, the word before it is not an abbreviation or an initial; break after
 *   CJK `。！？` even without a space.
 *
 * Both are heuristics: "He works at Acme Inc. Mr. Lee agrees." or quotes inside sentences
 * can still be split wrongly.
 *
 * @returns trimmed sentences in order; `[]` for empty or all-whitespace text.
 * @throws TypeError if `text` is not a string; Error if `method: 'segmenter'` is requested and
 *   the runtime lacks `Intl.Segmenter`.
 */
export function sentenceSplit(text: string, options: SentenceSplitOptions = {}): SentenceSpan[] {
  if (typeof text !== 'string')
    throw new TypeError(`sentenceSplit: expected a string, got ${typeof text}.`);
  const { method = 'auto', locale = 'en', abbreviations = DEFAULT_ABBREVIATIONS } = options;
  const abbrevs = new Set(Array.from(abbreviations, (a) => a.toLowerCase().replace(/\.$/, '')));
  const hasSegmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl;
  if (method === 'segmenter' && !hasSegmenter) {
    throw new Error(
      'sentenceSplit: Intl.Segmenter is not available in this runtime; use method "rules".',
    );
  }
  if (method === 'rules' || (method === 'auto' && !hasSegmenter))
    return splitByRules(text, abbrevs);
  return splitBySegmenter(text, locale, abbrevs);
}
