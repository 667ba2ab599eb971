/**
 * A Unicode-aware rule-based word tokenizer with character offsets, for the pipeline explorer.
 */
import { splitKoreanEojeol } from './korean';

/** What a token is. */
export type TokenKind =
  'word' | 'number' | 'punct' | 'url' | 'email' | 'emoji' | 'hashtag' | 'mention' | 'symbol';

/** A token and where it is: `input.slice(start, end) === text` (UTF-16 code unit offsets). */
export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
  /**
   * Set only on pieces of a split word: `'stem'` for the first piece, `'clitic'` for an English
   * contraction piece (`n't`, `'s`, ...), `'particle'` for a peeled Korean particle/ending.
   */
  role?: 'stem' | 'clitic' | 'particle';
}

/** Options of {@link wordTokenize}. */
export interface WordTokenizeOptions {
  /**
   * `'keep'` (default): "don't" is one token. `'split'`: Penn Treebank style, "don't" -> "do" +
   * "n't", "I'm" -> "I" + "'m", "John's" -> "John" + "'s" (also 're, 've, 'll, 'd; ’ too).
   */
  contractions?: 'keep' | 'split';
  /** Peel common Korean particles/endings from Hangul eojeol (see `splitKoreanEojeol`). Default false. */
  splitKoreanParticles?: boolean;
  /**
   * Han / kana runs (written without spaces): `'segmenter'` (default) uses
   * `Intl.Segmenter(…, { granularity: 'word' })` (ICU's dictionary segmentation; locale 'ja' if
   * the run has kana, else 'zh') and falls back to `'char'` where it is missing; `'char'` makes
   * each character a token.
   */
  cjk?: 'segmenter' | 'char';
}

const CJK_CHAR = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30FC\\u3005\\u3006\\u3099\\u309A';
const WORD_CHAR = `(?:(?![${CJK_CHAR}])[\\p{L}\\p{M}\\p{N}])`;

const SPACE = /[\s\p{Cc}\p{Cf}\p{Z}]+/uy;
// Both patterns are tried at the start of every token, so an unbounded run before `://` or `@`
// would be rescanned for each token of a long unspaced run ("a.b.a.b…", minified code): quadratic
// time. Bounding the run keeps each try O(1) and the tokenizer linear. Bounds: a URL scheme of at
// most 32 characters (registered schemes are far shorter) and an email local part of at most 64
// (RFC 5321, 4.5.3.1.1); a longer run is tokenized as words and punctuation.
const URL = /(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[^\s<>"`{}|\\^]+/iuy;
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy;
const EMOJI = new RegExp(
  '(?:\\p{Regional_Indicator}{1,2}|[#*0-9]\\uFE0F?\\u20E3|\\p{Emoji_Modifier}' +
    '|\\p{Extended_Pictographic}[\\uFE0F\\p{Emoji_Modifier}]*' +
    '(?:\\u200D\\p{Extended_Pictographic}[\\uFE0F\\p{Emoji_Modifier}]*)*' +
    '[\\u{E0020}-\\u{E007E}]*\\u{E007F}?)',
  'uy',
);
const HASHTAG = /#[\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*/uy;
const MENTION = /@[\p{L}\p{N}_]+/uy;
const ABBREV = /(?:\p{L}\.){2,}/uy;
const NUMBER =
  /(?:\p{Nd}{1,3}(?:,\p{Nd}{3})+(?:\.\p{Nd}+)?|\p{Nd}+(?:[.:/-]\p{Nd}+)*)(?![\p{L}\p{M}\p{Nd}]|['’‐-]\p{L})/uy;
// CJK_CHAR lists the kana voicing marks U+3099/309A on purpose (they belong to the run).
// eslint-disable-next-line no-misleading-character-class
const CJK_RUN = new RegExp(`[${CJK_CHAR}]+`, 'uy');
// eslint-disable-next-line no-misleading-character-class
const WORD = new RegExp(`${WORD_CHAR}+(?:['’‐-]${WORD_CHAR}+)*`, 'uy');
const PUNCT = /(\p{P})\1*/uy;
const ANY = /[\s\S]/uy;

const CLITIC = /^(.+?)(n['’]t|['’](?:s|m|d|ll|re|ve))$/iu;
const HAS_LETTER = /\p{L}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

function match(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m && m[0].length > 0 ? m[0] : null;
}

const URL_TRAILING_PUNCT = new Set([
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  "'",
  '"',
  '’',
  '”',
  ')',
  ']',
  '}',
]);

/**
 * Trims trailing punctuation off a URL, keeping a ')' that closes a '(' inside it. One backward
 * scan and one count of parentheses: linear in the URL's length.
 */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && URL_TRAILING_PUNCT.has(url[end - 1])) end--;
  let open = 0;
  for (let i = 0; i < end; i++) {
    if (url[i] === '(') open++;
    else if (url[i] === ')') open--;
  }
  // Give back trailing ')' while they close an unclosed '(' (the first other character stops it).
  while (end < url.length && url[end] === ')' && open > 0) {
    end++;
    open--;
  }
  return url.slice(0, end);
}

function emojiKind(seq: string): TokenKind {
  const cps = Array.from(seq);
  const cp = seq.codePointAt(0) ?? 0;
  if (cps.length === 1 && !EMOJI_PRESENTATION.test(seq) && cp < 0x2600) return 'symbol';
  return 'emoji';
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Splits a Han/kana run into words with ICU (when available) or into characters. */
function segmentCjk(run: string, mode: 'segmenter' | 'char'): { text: string; offset: number }[] {
  if (mode === 'segmenter' && typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const locale = /[\p{sc=Hiragana}\p{sc=Katakana}]/u.test(run) ? 'ja' : 'zh';
    let seg = segmenters.get(locale);
    if (!seg) {
      seg = new Intl.Segmenter(locale, { granularity: 'word' });
      segmenters.set(locale, seg);
    }
    return Array.from(seg.segment(run), (s) => ({ text: s.segment, offset: s.index }));
  }
  const out: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const ch of run) {
    if (/[\u3099\u309A]/.test(ch) && out.length > 0) out[out.length - 1].text += ch;
    else out.push({ text: ch, offset });
    offset += ch.length;
  }
  return out;
}

function prevChar(text: string, pos: number): string {
  return pos > 0 ? (Array.from(text.slice(Math.max(0, pos - 2), pos)).pop() ?? '') : '';
}

/**
 * Tokenizes `text` into words, numbers, punctuation, URLs, emails, emoji, hashtags, mentions
 * and symbols, each with its offsets in `text`. Whitespace and control/format characters are
 * skipped. Rules, in priority order at each position:
 * 1. URL (`scheme://…` or `www.…`; trailing `.,;:!?)'"` are left out, a balanced `)` kept);
 * 2. email; 3. emoji sequence (ZWJ sequences, skin-tone modifiers, VS16, flags, keycaps and
 *    tag sequences stay one token; a lone text-style pictograph below U+2600 such as © ™ ↔ is a
 *    `symbol`); 4. `#hashtag` and `@mention` (not after a letter/digit: "C#" is "C" + "#");
 * 5. dotted abbreviations ("e.g.", "U.S."); 6. numbers: digits with `1,000` groups and
 *    `.` `:` `/` `-` separators ("3.14", "12:30", "2024-01-15"; any Unicode decimal digits),
 *    but not when letters follow ("1st", "10-year-old" are words); 7. Han/kana runs (see
 *    `cjk`); 8. words: letters/marks/digits joined by internal `'` `’` `-` `‐` ("don't",
 *    "state-of-the-art", "COVID-19"; Hangul eojeol are words); 9. punctuation (a run of one
 *    repeated character, "..." or "!!!", is one token); 10. any other character: `symbol`.
 *
 * @param text any string (offsets are UTF-16 code units, as JS string indices).
 * @throws TypeError if `text` is not a string.
 * @see Penn Treebank tokenization conventions (contractions); UTS #51 (emoji sequences).
 */
export function wordTokenize(text: string, options: WordTokenizeOptions = {}): Token[] {
  if (typeof text !== 'string')
    throw new TypeError(`wordTokenize: expected a string, got ${typeof text}.`);
  const { contractions = 'keep', splitKoreanParticles = false, cjk = 'segmenter' } = options;
  const tokens: Token[] = [];
  const push = (t: string, start: number, kind: TokenKind, role?: Token['role']): void => {
    const tok: Token = { text: t, start, end: start + t.length, kind };
    if (role) tok.role = role;
    tokens.push(tok);
  };
  let pos = 0;
  while (pos < text.length) {
    const space = match(SPACE, text, pos);
    if (space) {
      pos += space.length;
      continue;
    }
    const afterWordChar = /[\p{L}\p{N}]/u.test(prevChar(text, pos));
    let m: string | null;
    if ((m = match(URL, text, pos))) push(trimUrl(m), pos, 'url');
    else if ((m = match(EMAIL, text, pos))) push(m, pos, 'email');
    else if ((m = match(EMOJI, text, pos))) push(m, pos, emojiKind(m));
    else if (!afterWordChar && (m = match(HASHTAG, text, pos))) push(m, pos, 'hashtag');
    else if (!afterWordChar && (m = match(MENTION, text, pos))) push(m, pos, 'mention');
    else if ((m = match(ABBREV, text, pos))) push(m, pos, 'word');
    else if ((m = match(NUMBER, text, pos))) push(m, pos, 'number');
    else if ((m = match(CJK_RUN, text, pos))) {
      for (const s of segmentCjk(m, cjk)) push(s.text, pos + s.offset, 'word');
    } else if ((m = match(WORD, text, pos))) {
      pushWord(m, pos, contractions === 'split', splitKoreanParticles, push);
    } else if ((m = match(PUNCT, text, pos))) push(m, pos, 'punct');
    else {
      m = match(ANY, text, pos) as string;
      push(m, pos, /\p{P}/u.test(m) ? 'punct' : 'symbol');
    }
    pos += tokens[tokens.length - 1].end - pos;
  }
  return tokens;
}

function pushWord(
  w: string,
  pos: number,
  splitClitics: boolean,
  splitKorean: boolean,
  push: (t: string, start: number, kind: TokenKind, role?: Token['role']) => void,
): void {
  const kind: TokenKind = HAS_LETTER.test(w) ? 'word' : 'number';
  const clitic = splitClitics ? CLITIC.exec(w) : null;
  if (clitic) {
    push(clitic[1], pos, 'word', 'stem');
    push(clitic[2], pos + clitic[1].length, 'word', 'clitic');
    return;
  }
  if (splitKorean) {
    const pieces = splitKoreanEojeol(w);
    if (pieces.length > 1) {
      for (const p of pieces) push(p.text, pos + p.offset, 'word', p.role);
      return;
    }
  }
  push(w, pos, kind);
}
