/**
 * scikit-learn's `token_pattern` (a Python `re` pattern) in JavaScript.
 *
 * Python 3's `re` on `str` is Unicode-aware: `\w` is `[\p{L}\p{N}_]` (a character for which
 * `str.isalnum()` is true, or `_`): letters of every script, every digit and number character
 * (Nd, Nl, No), the underscore, but NOT combining marks (Mn, Mc, Me), so a decomposed (NFD)
 * "café" (e + U+0301) tokenizes to "cafe". `\b` is a boundary between `\w` and not-`\w`.
 * JavaScript's `\w` and `\b` are ASCII-only even with the `u` flag, so a pattern is translated:
 *
 * | Python        | JavaScript (`u` flag)                                                    |
 * | ------------- | ------------------------------------------------------------------------ |
 * | `(?u)`        | dropped (it is Python 3's default for `str`)                             |
 * | `(?i)` `(?m)` `(?s)` | the flags `i`, `m`, `s`                                           |
 * | `\w` / `\W`   | `[\p{L}\p{N}_]` / `[^\p{L}\p{N}_]`                                        |
 * | `\d` / `\D`   | `\p{Nd}` / `\P{Nd}`                                                       |
 * | `\s` / `\S`   | Python's 29 whitespace characters (`str.isspace`: JS's `\s` plus U+001C-U+001F and U+0085, minus U+FEFF) |
 * | `\b` / `\B`   | look-arounds on `[\p{L}\p{N}_]`                                          |
 * | `\A` / `\Z`   | `(?<![\s\S])` / `(?![\s\S])`                                             |
 * | `(?P<n>…)` `(?P=n)` | `(?<n>…)` `\k<n>`                                                  |
 *
 * Checked over every code point: Python 3.11's `\w` (Unicode 14.0) equals `[\p{L}\p{N}_]` in
 * Node 20 except for the ~14,000 characters assigned after Unicode 14 (Node knows them as
 * letters; Python does not). Remaining differences: `\W`, `\S` inside a character class are
 * refused (JS cannot nest a negated class without the `v` flag); Python-only syntax
 * (possessive quantifiers, `(?x)` verbose mode, conditionals) is refused by the JS RegExp
 * constructor with its own error.
 *
 * The default pattern `(?u)\b\w\w+\b` (tokens of 2 or more word characters) does not use a
 * RegExp at all: {@link scanWordRuns} finds maximal runs of word characters, which is what
 * the pattern matches, several times faster.
 */

/** scikit-learn's default `token_pattern`. */
export const SKLEARN_TOKEN_PATTERN = String.raw`(?u)\b\w\w+\b`;

const W = String.raw`\p{L}\p{N}_`;
const PY_SPACE = String.raw`\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const WORD_RE = /^[\p{L}\p{N}_]$/u;

/** 0 = unknown, 1 = word character, 2 = not; for the BMP, filled lazily. */
const bmpWord = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  bmpWord[c] = isWord ? 1 : 2;
}

/** Whether code point `cp` is a Python `\w` character (`[\p{L}\p{N}_]`). */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    let v = bmpWord[cp];
    if (v === 0) {
      v = WORD_RE.test(String.fromCharCode(cp)) ? 1 : 2;
      bmpWord[cp] = v;
    }
    return v === 1;
  }
  return WORD_RE.test(String.fromCodePoint(cp));
}

/**
 * Calls `onRun(start, end)` (UTF-16 offsets, end exclusive) for every maximal run of word
 * characters of at least `minLength` code points: the matches of `\b\w{minLength,}\b`
 * (`minLength` 2 is scikit-learn's default pattern).
 */
export function scanWordRuns(
  text: string,
  minLength: number,
  onRun: (start: number, end: number) => void,
): void {
  const n = text.length;
  let start = -1;
  let len = 0;
  for (let k = 0; k < n; k++) {
    let c = text.charCodeAt(k);
    let width = 1;
    let word: boolean;
    if (c < 128) word = bmpWord[c] === 1;
    else {
      if (c >= 0xd800 && c < 0xdc00 && k + 1 < n) {
        const lo = text.charCodeAt(k + 1);
        if (lo >= 0xdc00 && lo < 0xe000) {
          c = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      word = isWordCodePoint(c);
    }
    if (word) {
      if (start < 0) {
        start = k;
        len = 0;
      }
      len++;
    } else if (start >= 0) {
      if (len >= minLength) onRun(start, k);
      start = -1;
    }
    k += width - 1;
  }
  if (start >= 0 && len >= minLength) onRun(start, n);
}

/** The translation of a Python pattern: JS source and flags. */
export interface TranslatedPattern {
  source: string;
  flags: string;
}

/**
 * Translates a Python `re` pattern to a JavaScript RegExp source (see the module comment).
 *
 * @throws SyntaxError for inline flags other than u, i, m, s (e.g. `(?x)`, `(?a)`), and for
 *   `\W` or `\S` inside a character class.
 */
export function translatePythonPattern(pattern: string): TranslatedPattern {
  let p = pattern;
  const flags = new Set<string>(['u']);
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1]) {
      if (f === 'u' || f === 'L') continue;
      if (f === 'i' || f === 'm' || f === 's') flags.add(f);
      else throw new SyntaxError(`token pattern: the inline flag (?${f}) is not supported.`);
    }
    p = p.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let k = 0; k < p.length; k++) {
    const ch = p[k];
    if (ch === '\\' && k + 1 < p.length) {
      const e = p[++k];
      const cls = (body: string): string => (inClass ? body : `[${body}]`);
      const neg = (body: string, name: string): string => {
        if (inClass) {
          throw new SyntaxError(
            `token pattern: \\${name} inside a character class is not supported.`,
          );
        }
        return `[^${body}]`;
      };
      switch (e) {
        case 'w':
          out += cls(W);
          break;
        case 'W':
          out += neg(W, 'W');
          break;
        case 'd':
          out += String.raw`\p{Nd}`;
          break;
        case 'D':
          out += String.raw`\P{Nd}`;
          break;
        case 's':
          out += cls(PY_SPACE);
          break;
        case 'S':
          out += neg(PY_SPACE, 'S');
          break;
        case 'b':
          out += inClass ? String.raw`\x08` : `(?:(?<=[${W}])(?![${W}])|(?<![${W}])(?=[${W}]))`;
          break;
        case 'B':
          out += `(?:(?<=[${W}])(?=[${W}])|(?<![${W}])(?![${W}]))`;
          break;
        case 'A':
          out += String.raw`(?<![\s\S])`;
          break;
        case 'Z':
          out += String.raw`(?![\s\S])`;
          break;
        default:
          if (/[A-Za-z0-9]/.test(e)) out += '\\' + e;
          else if ('^$\\.*+?()[]{}|/'.includes(e) || (inClass && e === '-')) out += '\\' + e;
          else out += `\\u{${(e.codePointAt(0) as number).toString(16)}}`;
      }
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (p[k + 1] === '^') out += p[++k];
      if (p[k + 1] === ']') out += '\\' + p[++k]; // Python allows a leading literal ]
      continue;
    }
    if (ch === '(' && p.startsWith('(?P<', k)) {
      out += '(?<';
      k += 3;
      continue;
    }
    if (ch === '(' && p.startsWith('(?P=', k)) {
      const close = p.indexOf(')', k);
      out += String.raw`\k<` + p.slice(k + 4, close) + '>';
      k = close;
      continue;
    }
    out += ch;
  }
  return { source: out, flags: [...flags].sort().join('') };
}

/**
 * Builds scikit-learn's `build_tokenizer()`: `re.compile(token_pattern).findall`, returning
 * the whole match, or group 1 when the pattern has exactly one capturing group.
 *
 * @param pattern a Python pattern string (translated) or a JS RegExp (used as given; the `g`
 *   flag is added).
 * @throws Error "More than 1 capturing group in token pattern..." as scikit-learn does.
 */
export function buildTokenizer(pattern: string | RegExp): (doc: string) => string[] {
  if (typeof pattern === 'string' && pattern.replace(/^\(\?u\)/, '') === String.raw`\b\w\w+\b`) {
    return (doc) => {
      const out: string[] = [];
      scanWordRuns(doc, 2, (s, e) => out.push(doc.slice(s, e)));
      return out;
    };
  }
  let re: RegExp;
  if (typeof pattern === 'string') {
    const t = translatePythonPattern(pattern);
    re = new RegExp(t.source, t.flags + 'g');
  } else {
    re = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g',
    );
  }
  const groups =
    (new RegExp(re.source + '|', re.flags.replace('g', '')).exec('') as RegExpExecArray).length - 1;
  if (groups > 1) {
    throw new Error(
      `More than 1 capturing group in token pattern. Only a single group should be captured (pattern ${String(pattern)}).`,
    );
  }
  return (doc) => {
    const out: string[] = [];
    re.lastIndex = 0;
    for (const m of doc.matchAll(re)) out.push(groups === 1 ? (m[1] ?? '') : m[0]);
    return out;
  };
}
