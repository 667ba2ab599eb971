/**
 * sentenceSplit, normalize, stopwords, stemming.
 */
import { describe, expect, it } from 'vitest';
import {
  getStopwords,
  normalize,
  removeStopwords,
  sentenceSplit,
  stem,
  type SentenceSplitOptions,
} from '../../../src/nlp';

describe('sentenceSplit', () => {
  const text =
    'Dr. Smith arrived at 3.14 p.m. today. He said hello! Did you see e.g. the cat? Yes. ' +
    'J. R. R. Tolkien wrote it.';
  const expected = [
    'Dr. Smith arrived at 3.14 p.m. today.',
    'He said hello!',
    'Did you see e.g. the cat?',
    'Yes.',
    'J. R. R. Tolkien wrote it.',
  ];

  for (const method of ['segmenter', 'rules'] as const) {
    it(`${method}: abbreviations, decimals and initials do not end sentences`, () => {
      const spans = sentenceSplit(text, { method });
      expect(spans.map((s) => s.text)).toEqual(expected);
      for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    });

    it(`${method}: CJK full stops, quotes, empty input`, () => {
      const opts: SentenceSplitOptions = { method, locale: 'zh' };
      expect(sentenceSplit('我很好。你呢？', opts).map((s) => s.text)).toEqual([
        '我很好。',
        '你呢？',
      ]);
      expect(sentenceSplit('He said "stop." Then left.', { method }).map((s) => s.text)).toEqual([
        'He said "stop."',
        'Then left.',
      ]);
      expect(sentenceSplit('  ', { method })).toEqual([]);
      expect(sentenceSplit('no final stop', { method }).map((s) => s.text)).toEqual([
        'no final stop',
      ]);
    });
  }

  it('takes a custom abbreviation list', () => {
    const s = 'We met Acme Inc. Then we left.';
    expect(sentenceSplit(s, { method: 'rules' })).toHaveLength(2);
    expect(sentenceSplit(s, { method: 'rules', abbreviations: ['inc.'] })).toHaveLength(1);
  });
});

describe('normalize', () => {
  it('NFC keeps compatibility characters, NFKC folds them', () => {
    expect(normalize('ﬁne', { form: 'NFC', caseFold: false })).toBe('ﬁne');
    expect(normalize('ﬁne', { form: 'NFKC', caseFold: false })).toBe('fine');
    expect(normalize('１２３', { form: 'NFC', caseFold: false })).toBe('１２３');
    expect(normalize('１２３', { form: 'NFKC', caseFold: false })).toBe('123');
    expect(normalize('x²', { form: 'NFKD', caseFold: false })).toBe('x2');
  });

  it('composed and decomposed é compare equal only after normalization', () => {
    const composed = '\u00e9';
    const decomposed = 'e\u0301';
    expect(composed).not.toBe(decomposed);
    expect(normalize(decomposed, { form: 'NFC', caseFold: false })).toBe(composed);
    expect(normalize(composed, { form: 'NFD', caseFold: false })).toBe(decomposed);
    expect(normalize(decomposed, { form: 'none', caseFold: false })).toBe(decomposed);
  });

  it('lowercases (not full case folding) and strips Latin accents only', () => {
    expect(normalize('Straße ΟΔΟΣ', { form: 'NFC', caseFold: true })).toBe('straße οδος');
    expect(
      normalize('Café naïve Ångström', { form: 'NFC', caseFold: false, stripAccents: true }),
    ).toBe('Cafe naive Angstrom');
    // Hangul decomposes under NFD but must come back composed; Devanagari signs are kept
    expect(normalize('한국어 हिन्दी', { form: 'none', caseFold: false, stripAccents: true })).toBe(
      '한국어 हिन्दी',
    );
    expect(() => normalize('x', { form: 'NFX' as 'NFC', caseFold: false })).toThrow(/unknown form/);
  });
});

describe('stopwords (stopwords-iso)', () => {
  it('returns sets per language and removes stopwords case-insensitively', () => {
    const en = getStopwords('en');
    expect(en.has('the')).toBe(true);
    expect(en.has('cat')).toBe(false);
    expect(removeStopwords(['The', 'cat', 'is', 'on', 'the', 'mat'], 'en')).toEqual(['cat', 'mat']);
    expect(getStopwords('ko').has('그리고')).toBe(true);
    expect(getStopwords('en')).toBe(en); // cached
    expect(() => getStopwords('xx' as 'en')).toThrow(/no stopword list/);
  });
});

describe('stem (Porter 1980)', () => {
  it("matches Porter's examples", () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['ties', 'ti'],
      ['cats', 'cat'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['hopping', 'hop'],
      ['generalizations', 'gener'],
      ['Running', 'run'],
    ];
    for (const [w, s] of cases) expect(stem(w)).toBe(s);
  });

  it('leaves non-Latin and non-alphabetic tokens untouched', () => {
    for (const w of ['학교에서', 'café', "don't", '3.14', '東京', '😀']) expect(stem(w)).toBe(w);
  });
});
