/**
 * An illustrative Korean particle/ending splitter for eojeol (whitespace-separated units).
 *
 * This is NOT morphological analysis. Real Korean analysis needs a dictionary-based analyzer
 * (e.g. MeCab-ko, Okt / open-korean-text, Kiwi, Komoran); this only peels a short, fixed list of
 * common particles (josa) and polite endings from the end of an all-Hangul eojeol, so the
 * pipeline explorer can contrast eojeol with (approximate) morphemes.
 *
 * It uses one real rule of Korean, the batchim (final consonant) condition of allomorphs:
 * 은/이/을/과/으로/습니다 follow a syllable with a final consonant, 는/가/를/와 one without, and
 * 로 one without or ending in ㄹ. That avoids some false splits (사과 "apple" is not 사 + 과,
 * because 사 has no final consonant) but not all: 고양이 "cat" still becomes 고양 + 이.
 */

/** A particle/ending and the condition on the syllable before it. */
export interface KoreanSuffix {
  /** The suffix, in Hangul. */
  text: string;
  /**
   * Condition on the syllable before the suffix: `'final'` ends in a consonant (batchim);
   * `'open'` does not; `'open-or-rieul'` does not or ends in ㄹ; `'final-not-rieul'` ends in a
   * consonant other than ㄹ; `'any'` no condition.
   */
  after: 'final' | 'open' | 'open-or-rieul' | 'final-not-rieul' | 'any';
  /** What it is, for tooltips. */
  gloss: string;
}

/** The documented list, longest first within each check (order matters only for ties). */
export const KOREAN_SUFFIXES: readonly KoreanSuffix[] = [
  { text: '입니다', after: 'any', gloss: 'copula, formal polite (is)' },
  { text: '습니다', after: 'final', gloss: 'formal polite ending' },
  { text: '에게서', after: 'any', gloss: 'from (a person)' },
  { text: '에서', after: 'any', gloss: 'at / from (place)' },
  { text: '에게', after: 'any', gloss: 'to (a person)' },
  { text: '한테', after: 'any', gloss: 'to (a person, colloquial)' },
  { text: '까지', after: 'any', gloss: 'until / up to' },
  { text: '부터', after: 'any', gloss: 'from (time)' },
  { text: '으로', after: 'final-not-rieul', gloss: 'by / toward' },
  { text: '처럼', after: 'any', gloss: 'like' },
  { text: '보다', after: 'any', gloss: 'than' },
  { text: '께서', after: 'any', gloss: 'subject, honorific' },
  { text: '하고', after: 'any', gloss: 'and / with' },
  { text: '은', after: 'final', gloss: 'topic' },
  { text: '는', after: 'open', gloss: 'topic' },
  { text: '이', after: 'final', gloss: 'subject' },
  { text: '가', after: 'open', gloss: 'subject' },
  { text: '을', after: 'final', gloss: 'object' },
  { text: '를', after: 'open', gloss: 'object' },
  { text: '과', after: 'final', gloss: 'and / with' },
  { text: '와', after: 'open', gloss: 'and / with' },
  { text: '로', after: 'open-or-rieul', gloss: 'by / toward' },
  { text: '에', after: 'any', gloss: 'at / to' },
  { text: '의', after: 'any', gloss: 'possessive' },
  { text: '도', after: 'any', gloss: 'also' },
  { text: '만', after: 'any', gloss: 'only' },
];

const SORTED = [...KOREAN_SUFFIXES].sort((a, b) => b.text.length - a.text.length);
const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;

/** Index of the final consonant (jongseong) of a precomposed Hangul syllable: 0 = none, 8 = ㄹ. */
export function hangulFinal(syllable: string): number {
  const cp = syllable.codePointAt(0) ?? 0;
  if (cp < 0xac00 || cp > 0xd7a3) return -1;
  return (cp - 0xac00) % 28;
}

function allowed(after: KoreanSuffix['after'], prev: string): boolean {
  const f = hangulFinal(prev);
  switch (after) {
    case 'final':
      return f > 0;
    case 'open':
      return f === 0;
    case 'open-or-rieul':
      return f === 0 || f === 8;
    case 'final-not-rieul':
      return f > 0 && f !== 8;
    default:
      return true;
  }
}

/** One piece of an eojeol: the stem, or a peeled suffix. */
export interface KoreanPiece {
  text: string;
  /** Offset of the piece inside the eojeol (UTF-16 units; Hangul syllables are one unit each). */
  offset: number;
  role: 'stem' | 'particle';
}

/**
 * Peels up to `maxSuffixes` (default 2) suffixes of {@link KOREAN_SUFFIXES} from the end of an
 * all-Hangul eojeol, longest first, keeping a stem of at least one syllable.
 * Words that are not entirely Hangul syllables come back as one stem.
 *
 * @example splitKoreanEojeol('학교에서는') // 학교 (stem), 에서, 는 (particles)
 */
export function splitKoreanEojeol(eojeol: string, maxSuffixes = 2): KoreanPiece[] {
  if (!HANGUL_WORD.test(eojeol)) return [{ text: eojeol, offset: 0, role: 'stem' }];
  const suffixes: string[] = [];
  let stem = eojeol;
  while (suffixes.length < maxSuffixes) {
    const hit = SORTED.find(
      (s) =>
        stem.length > s.text.length &&
        stem.endsWith(s.text) &&
        allowed(s.after, stem[stem.length - s.text.length - 1]),
    );
    if (!hit) break;
    suffixes.unshift(hit.text);
    stem = stem.slice(0, stem.length - hit.text.length);
  }
  const pieces: KoreanPiece[] = [{ text: stem, offset: 0, role: 'stem' }];
  let offset = stem.length;
  for (const s of suffixes) {
    pieces.push({ text: s, offset, role: 'particle' });
    offset += s.length;
  }
  return pieces;
}
