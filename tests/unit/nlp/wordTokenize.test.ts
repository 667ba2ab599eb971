import { describe, expect, it } from 'vitest';
import {
  splitKoreanEojeol,
  wordTokenize,
  type Token,
  type WordTokenizeOptions,
} from '../../../src/nlp';

const texts = (s: string, o?: WordTokenizeOptions): string[] =>
  wordTokenize(s, o).map((t) => t.text);
const kinds = (s: string, o?: WordTokenizeOptions): string[] =>
  wordTokenize(s, o).map((t) => `${t.text}|${t.kind}`);

function expectOffsets(input: string, tokens: Token[]): void {
  for (const t of tokens) expect(input.slice(t.start, t.end)).toBe(t.text);
  for (let i = 1; i < tokens.length; i++)
    expect(tokens[i].start).toBeGreaterThanOrEqual(tokens[i - 1].end);
}

describe('wordTokenize', () => {
  it('keeps contractions and hyphenated words together by default', () => {
    expect(kinds("I don't like state-of-the-art models.")).toEqual([
      'I|word',
      "don't|word",
      'like|word',
      'state-of-the-art|word',
      'models|word',
      '.|punct',
    ]);
  });

  it('splits contractions Penn-Treebank style on request', () => {
    const toks = wordTokenize("I don't, they're John's. Can't", { contractions: 'split' });
    expect(toks.map((t) => t.text)).toEqual([
      'I',
      'do',
      "n't",
      ',',
      'they',
      "'re",
      'John',
      "'s",
      '.',
      'Ca',
      "n't",
    ]);
    expect(toks[1].role).toBe('stem');
    expect(toks[2].role).toBe('clitic');
    expect(texts('It’s', { contractions: 'split' })).toEqual(['It', '’s']); // typographic apostrophe
    expect(texts("rock'n'roll O'Neill", { contractions: 'split' })).toEqual([
      "rock'n'roll",
      "O'Neill",
    ]);
  });

  it('recognises URLs (trailing punctuation left out, balanced parentheses kept) and emails', () => {
    expect(kinds('See https://en.wikipedia.org/wiki/Tf_(idf)?q=1. Then www.foo.org, ok')).toEqual([
      'See|word',
      'https://en.wikipedia.org/wiki/Tf_(idf)?q=1|url',
      '.|punct',
      'Then|word',
      'www.foo.org|url',
      ',|punct',
      'ok|word',
    ]);
    expect(kinds('(http://x.org/y)')).toEqual(['(|punct', 'http://x.org/y|url', ')|punct']);
    expect(kinds('Mail jane.doe+nlp@example.co.uk now')).toEqual([
      'Mail|word',
      'jane.doe+nlp@example.co.uk|email',
      'now|word',
    ]);
  });

  it('gives back trailing ")" only while they close a "(" of the URL', () => {
    expect(kinds('http://x.org/a_(b_(c))).')).toEqual([
      'http://x.org/a_(b_(c))|url',
      ')|punct',
      '.|punct',
    ]);
    expect(kinds('http://x.org/a).')[0]).toBe('http://x.org/a|url');
  });

  it('bounds the email local part (64, RFC 5321) and the URL scheme (32) it looks back over', () => {
    const local64 = 'a'.repeat(64);
    expect(kinds(`${local64}@example.org`)).toEqual([`${local64}@example.org|email`]);
    // A 65-character run before "@" is a word, then a mention-like "@example" and the rest.
    expect(kinds(`${'a'.repeat(65)}@example.org`)[0]).toBe(`${'a'.repeat(65)}|word`);
    expect(kinds(`${'s'.repeat(32)}://x.org`)).toEqual([`${'s'.repeat(32)}://x.org|url`]);
    expect(kinds(`${'s'.repeat(33)}://x.org`)[0]).toBe(`${'s'.repeat(33)}|word`);
  });

  it('tokenizes a long unspaced run the same way piece by piece (no look-back across it)', () => {
    // "a.b" repeated: the URL and email patterns used to rescan the whole run at every token.
    const run = 'a.b'.repeat(3000);
    const toks = wordTokenize(run);
    expect(toks.map((t) => t.text).join('')).toBe(run);
    expect(toks.every((t) => run.slice(t.start, t.end) === t.text)).toBe(true);
    expect(toks.filter((t) => t.kind === 'url' || t.kind === 'email')).toEqual([]);
  });

  it('keeps emoji ZWJ sequences, skin tones, flags and keycaps as one token each', () => {
    const s = 'Family 👨‍👩‍👧‍👦 ok 👍🏽 🇰🇷 ❤️ 😂😂 1️⃣';
    const toks = wordTokenize(s);
    expect(toks.filter((t) => t.kind === 'emoji').map((t) => t.text)).toEqual([
      '👨‍👩‍👧‍👦',
      '👍🏽',
      '🇰🇷',
      '❤️',
      '😂',
      '😂',
      '1️⃣',
    ]);
    expectOffsets(s, toks);
    expect(kinds('© ™ €')).toEqual(['©|symbol', '™|symbol', '€|symbol']);
  });

  it('reads numbers with separators, and digit-letter mixtures as words', () => {
    expect(kinds('3.14, 1,000,000 at 12:30 on 2024-01-15; 1st 10-year-old １２３ 1,2')).toEqual([
      '3.14|number',
      ',|punct',
      '1,000,000|number',
      'at|word',
      '12:30|number',
      'on|word',
      '2024-01-15|number',
      ';|punct',
      '1st|word',
      '10-year-old|word',
      '１２３|number',
      '1|number',
      ',|punct',
      '2|number',
    ]);
  });

  it('finds hashtags and mentions, but not "#" after a letter', () => {
    expect(kinds('#NLP by @user_1 in C# code')).toEqual([
      '#NLP|hashtag',
      'by|word',
      '@user_1|mention',
      'in|word',
      'C|word',
      '#|punct',
      'code|word',
    ]);
  });

  it('groups repeated punctuation and keeps dotted abbreviations whole', () => {
    expect(kinds('e.g. U.S.A. wait... what?!')).toEqual([
      'e.g.|word',
      'U.S.A.|word',
      'wait|word',
      '...|punct',
      'what|word',
      '?|punct',
      '!|punct',
    ]);
  });

  it('keeps Korean eojeol whole by default and peels particles on request', () => {
    const s = '저는 학교에서 사과를 먹었습니다';
    expect(texts(s)).toEqual(['저는', '학교에서', '사과를', '먹었습니다']);
    const toks = wordTokenize(s, { splitKoreanParticles: true });
    expect(toks.map((t) => `${t.text}|${t.role}`)).toEqual([
      '저|stem',
      '는|particle',
      '학교|stem',
      '에서|particle',
      '사과|stem',
      '를|particle',
      '먹었|stem',
      '습니다|particle',
    ]);
    expectOffsets(s, toks);
  });

  it('splits Han characters one by one in char mode and into words with the segmenter', () => {
    const s = '我爱自然语言处理。';
    expect(kinds(s, { cjk: 'char' })).toEqual([
      ...Array.from('我爱自然语言处理', (c) => `${c}|word`),
      '。|punct',
    ]);
    const seg = wordTokenize(s);
    expect(
      seg
        .slice(0, -1)
        .map((t) => t.text)
        .join(''),
    ).toBe('我爱自然语言处理');
    expect(seg.length).toBeLessThan(9); // the dictionary joins some characters into words
    expectOffsets(s, seg);
  });

  it('gives exact offsets on mixed scripts and handles empty input', () => {
    const s = '  Café 🇰🇷 naïve\t한국어!  ';
    const toks = wordTokenize(s);
    expect(toks.map((t) => t.text)).toEqual(['Café', '🇰🇷', 'naïve', '한국어', '!']);
    expectOffsets(s, toks);
    expect(wordTokenize('')).toEqual([]);
    expect(wordTokenize(' \n\t ')).toEqual([]);
    expect(() => wordTokenize(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('splitKoreanEojeol', () => {
  it('uses the final-consonant rule to avoid false splits', () => {
    // 과 ("and", after a final consonant) cannot follow 사 (no final consonant): 사과 is a noun
    expect(splitKoreanEojeol('사과').map((p) => p.text)).toEqual(['사과']);
    // 이 (subject) needs a final consonant: 나이 ("age") stays whole, 책이 splits
    expect(splitKoreanEojeol('나이').map((p) => p.text)).toEqual(['나이']);
    expect(splitKoreanEojeol('책이').map((p) => p.text)).toEqual(['책', '이']);
    expect(splitKoreanEojeol('학교로').map((p) => p.text)).toEqual(['학교', '로']);
    expect(splitKoreanEojeol('집으로').map((p) => p.text)).toEqual(['집', '으로']);
  });

  it('peels at most two suffixes and keeps at least one syllable', () => {
    expect(splitKoreanEojeol('학교에서는').map((p) => p.text)).toEqual(['학교', '에서', '는']);
    expect(splitKoreanEojeol('는').map((p) => p.text)).toEqual(['는']);
    expect(splitKoreanEojeol('abc는').map((p) => p.text)).toEqual(['abc는']); // not all Hangul
  });
});
