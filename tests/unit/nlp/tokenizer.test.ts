/**
 * Keras Tokenizer semantics (keras-preprocessing 1.1.2, keras_preprocessing/text.py).
 * Expected values are derived by hand from the Keras source; derivations in comments.
 */
import { describe, expect, it } from 'vitest';
import { Tokenizer, matrixRow, matrixToArrays, textToWordSequence } from '../../../src/nlp';

const CORPUS = ['the cat sat on the mat', 'the dog ate my homework', 'cat, cat; dog!'];
// word_counts in first-appearance order: the 3, cat 3, sat 1, on 1, mat 1, dog 2, ate 1, my 1,
// homework 1. Stable sort by count desc: the, cat (tie: "the" seen first), dog, then the 1s in
// first-appearance order: sat, on, mat, ate, my, homework.
const CORPUS_INDEX = ['the', 'cat', 'dog', 'sat', 'on', 'mat', 'ate', 'my', 'homework'];

function fitted(options: ConstructorParameters<typeof Tokenizer>[0] = {}): Tokenizer {
  const tok = new Tokenizer(options);
  tok.fitOnTexts(CORPUS);
  return tok;
}

describe('textToWordSequence', () => {
  it('replaces filter characters by the separator, so punctuation splits words', () => {
    expect(textToWordSequence('hello,world')).toEqual(['hello', 'world']);
    expect(textToWordSequence('Hello,  World!!')).toEqual(['hello', 'world']);
  });

  it("keeps the apostrophe and non-ASCII punctuation (not in Keras' filters)", () => {
    expect(textToWordSequence("Don't stop — “now”")).toEqual(["don't", 'stop', '—', '“now”']);
  });

  it('splits on the exact separator only: \\r survives, \\n (a filter) splits', () => {
    expect(textToWordSequence('a\r\nb')).toEqual(['a\r', 'b']);
  });

  it('translates filters to a custom split, after which spaces no longer separate', () => {
    // '-' is a filter -> '-' (the split); ' ' is neither -> 'a-b c'.split('-')
    expect(textToWordSequence('a-b c', { split: '-' })).toEqual(['a', 'b c']);
  });

  it('honours lower=false and custom/empty filters', () => {
    expect(textToWordSequence('Hi, There', { lower: false })).toEqual(['Hi', 'There']);
    expect(textToWordSequence('a,b c', { filters: '' })).toEqual(['a,b', 'c']);
  });

  it('returns [] for empty or all-filtered text and rejects an empty separator', () => {
    expect(textToWordSequence('')).toEqual([]);
    expect(textToWordSequence('!!! ... ,,,')).toEqual([]);
    expect(() => textToWordSequence('a b', { split: '' })).toThrow(/empty separator/);
  });
});

describe('Tokenizer.fitOnTexts', () => {
  it('ranks by count, ties in first-appearance order, indices from 1', () => {
    const tok = fitted();
    expect([...tok.wordIndex.keys()]).toEqual(CORPUS_INDEX);
    expect([...tok.wordIndex.values()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(tok.indexWord.get(1)).toBe('the');
    expect(tok.indexWord.has(0)).toBe(false);
    expect(tok.documentCount).toBe(3);
    expect(tok.wordCounts.get('cat')).toBe(3);
    expect(tok.wordDocs.get('cat')).toBe(2); // docs 1 and 3
    expect(tok.wordDocs.get('the')).toBe(2); // docs 1 and 2, although counted 3 times
    expect(tok.indexDocs.get(3)).toBe(2); // dog: docs 2 and 3
  });

  it('breaks ties by first appearance, not alphabetically', () => {
    const tok = new Tokenizer();
    tok.fitOnTexts(['b a', 'a b c c']); // b 2, a 2, c 2: all tied
    expect([...tok.wordIndex.entries()]).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });

  it('puts the OOV token at index 1 and shifts every word by one', () => {
    const tok = fitted({ oovToken: '<OOV>' });
    expect([...tok.wordIndex.keys()]).toEqual(['<OOV>', ...CORPUS_INDEX]);
    expect(tok.wordIndex.get('the')).toBe(2);
    expect(tok.textsToSequences(['the zebra cat'])).toEqual([[2, 1, 3]]);
  });

  it('accumulates counts over several fits and re-ranks everything', () => {
    const tok = new Tokenizer();
    tok.fitOnTexts(['b']);
    tok.fitOnTexts(['a a']);
    expect([...tok.wordIndex.keys()]).toEqual(['a', 'b']); // a 2 > b 1
    expect(tok.documentCount).toBe(2);
  });

  it('keeps case with lower=false', () => {
    const tok = new Tokenizer({ lower: false });
    tok.fitOnTexts(['Cat cat CAT cat']); // Cat 1, cat 2, CAT 1 -> cat, Cat, CAT
    expect([...tok.wordIndex.keys()]).toEqual(['cat', 'Cat', 'CAT']);
  });

  it('charLevel: code points are tokens, filters are ignored, spaces count', () => {
    const tok = new Tokenizer({ charLevel: true });
    tok.fitOnTexts(['abba', 'a b!']); // a 3, b 3, ' ' 1, '!' 1
    expect([...tok.wordIndex.keys()]).toEqual(['a', 'b', ' ', '!']);
    expect(tok.textsToSequences(['ab c'])).toEqual([[1, 2, 3]]); // 'c' unknown: dropped
    const astral = new Tokenizer({ charLevel: true });
    astral.fitOnTexts(['😀a']);
    expect([...astral.wordIndex.keys()]).toEqual(['😀', 'a']);
  });

  it('accepts pre-tokenized lists: lowercased, never filtered', () => {
    const tok = new Tokenizer();
    tok.fitOnTexts([['Hello', 'world!']]);
    expect([...tok.wordIndex.keys()]).toEqual(['hello', 'world!']);
  });

  it('handles empty strings and empty lists', () => {
    const tok = new Tokenizer();
    tok.fitOnTexts([]);
    expect(tok.documentCount).toBe(0);
    tok.fitOnTexts(['', '...']);
    expect(tok.documentCount).toBe(2);
    expect(tok.wordIndex.size).toBe(0);
    expect(tok.textsToSequences(['', 'anything'])).toEqual([[], []]);
  });

  it('reproduces the Keras quirk when the OOV string occurs in the texts', () => {
    // sorted_voc = ['oov', 'oov', 'x'] (oov counted 2); dict(zip) keeps the key's first
    // position with its last value: {'oov': 2, 'x': 3}; index 1 is left unassigned.
    const tok = new Tokenizer({ oovToken: 'oov' });
    tok.fitOnTexts(['x oov oov']);
    expect([...tok.wordIndex.entries()]).toEqual([
      ['oov', 2],
      ['x', 3],
    ]);
    expect(tok.indexWord.has(1)).toBe(false);
    expect(tok.textsToSequences(['x y oov'])).toEqual([[3, 2, 2]]);
  });

  it('rejects bad input without changing any state', () => {
    const tok = fitted();
    const before = [...tok.wordIndex.entries()];
    expect(() => tok.fitOnTexts(['fine', 5 as unknown as string])).toThrow(/texts\[1\]/);
    expect(() => tok.fitOnTexts('not an array' as unknown as string[])).toThrow(TypeError);
    expect(tok.documentCount).toBe(3);
    expect([...tok.wordIndex.entries()]).toEqual(before);
  });

  it('validates options', () => {
    expect(() => new Tokenizer({ numWords: -1 })).toThrow(RangeError);
    expect(() => new Tokenizer({ numWords: 2.5 })).toThrow(RangeError);
    expect(() => new Tokenizer({ split: '' })).toThrow(/empty separator/);
    expect(new Tokenizer({ numWords: 0 }).numWords).toBeNull(); // Keras: 0 is falsy = no limit
  });
});

describe('Tokenizer.textsToSequences with numWords', () => {
  it('keeps only indices < numWords and drops the rest without an OOV token', () => {
    const tok = fitted({ numWords: 3 }); // keeps the (1), cat (2)
    expect(tok.wordIndex.size).toBe(9); // the vocabulary itself is not cut
    expect(tok.textsToSequences(['the dog cat mat'])).toEqual([[1, 2]]);
  });

  it('maps cut and unknown words to the OOV index 1, which counts towards numWords', () => {
    // <OOV> 1, the 2, cat 3, dog 4 ...; numWords 3 keeps 1 and 2 only, so cat (3) is cut too.
    const tok = fitted({ numWords: 3, oovToken: '<OOV>' });
    expect(tok.textsToSequences(['the dog cat zebra'])).toEqual([[2, 1, 1, 1]]);
  });

  it('throws when an OOV token is set but nothing was fitted (Keras would emit None)', () => {
    expect(() => new Tokenizer({ oovToken: '<OOV>' }).textsToSequences(['a'])).toThrow(
      /fitOnTexts/,
    );
  });
});

describe('Tokenizer.sequencesToTexts', () => {
  it('drops padding and unknown indices without an OOV token', () => {
    expect(fitted().sequencesToTexts([[1, 2, 0, 99, 3], []])).toEqual(['the cat dog', '']);
  });

  it('turns unknown indices, padding 0 and cut indices into the OOV token', () => {
    const tok = fitted({ numWords: 3, oovToken: '<OOV>' });
    // 2 -> the; 3 >= numWords -> OOV; 4 -> OOV; 0 and 99 have no word -> OOV
    expect(
      tok.sequencesToTexts([
        [2, 3, 4],
        [2, 0, 99],
      ]),
    ).toEqual(['the <OOV> <OOV>', 'the <OOV> <OOV>']);
  });

  it('round-trips known text', () => {
    const tok = fitted();
    expect(tok.sequencesToTexts(tok.textsToSequences(['The cat, the mat!']))).toEqual([
      'the cat the mat',
    ]);
  });
});

describe('Tokenizer matrices', () => {
  // sequences: 'the cat cat dog zebra' -> [1, 2, 2, 3] (zebra dropped), '' -> []
  const texts = ['the cat cat dog zebra', ''];

  it('binary, count and freq', () => {
    const tok = fitted();
    const bin = tok.textsToMatrix(texts, 'binary');
    expect([bin.rows, bin.cols]).toEqual([2, 10]); // wordIndex.size + 1
    expect(matrixRow(bin, 0)).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(matrixRow(bin, 1)).toEqual(new Array(10).fill(0));
    expect(matrixRow(tok.textsToMatrix(texts, 'count'), 0).slice(0, 4)).toEqual([0, 1, 2, 1]);
    expect(matrixRow(tok.textsToMatrix(texts, 'freq'), 0).slice(0, 4)).toEqual([
      0, 0.25, 0.5, 0.25,
    ]);
    expect(tok.textsToMatrix(texts).data).toEqual(bin.data); // default mode is binary
  });

  it('tfidf: (1 + ln c) * ln(1 + N / (1 + df))', () => {
    // N = 3 documents; df(the) = 2, df(cat) = 2, df(dog) = 2, so idf = ln(1 + 3/3) = ln 2.
    // the: c 1 -> ln 2 = 0.693147; cat: c 2 -> (1 + ln 2) ln 2 = 1.173600; dog: ln 2.
    const row = matrixRow(fitted().textsToMatrix(texts, 'tfidf'), 0);
    expect(row[0]).toBe(0);
    expect(row[1]).toBeCloseTo(0.693147, 5);
    expect(row[2]).toBeCloseTo(1.1736, 5);
    expect(row[3]).toBeCloseTo(0.693147, 5);
    expect(row.slice(4)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('fitOnSequences feeds tfidf; numWords sets the width; freq counts ignored indices', () => {
    const tok = new Tokenizer({ numWords: 4 });
    tok.fitOnSequences([
      [1, 2, 2],
      [2, 3],
    ]); // N = 2; df: 1 -> 1, 2 -> 2, 3 -> 1
    expect(tok.documentCount).toBe(2);
    const m = tok.sequencesToMatrix([[2, 2, 3]], 'tfidf');
    expect(m.cols).toBe(4);
    // j=2: (1 + ln 2) ln(1 + 2/3) = 1.693147 * 0.510826 = 0.864903; j=3: ln(1 + 2/2) = ln 2
    expect(m.data[2]).toBeCloseTo(0.864903, 5);
    expect(m.data[3]).toBeCloseTo(0.693147, 5);
    // index 50 is >= numWords: ignored, but still in len(seq) = 4
    expect(matrixToArrays(tok.sequencesToMatrix([[1, 50, 50, 2]], 'freq'))).toEqual([
      [0, 0.25, 0.25, 0],
    ]);
  });

  it("raises Keras' errors and rejects unknown modes and bad indices", () => {
    expect(() => new Tokenizer().sequencesToMatrix([[1]])).toThrow(/Specify a dimension/);
    const dimOnly = new Tokenizer({ numWords: 5 });
    expect(matrixRow(dimOnly.sequencesToMatrix([[1]]), 0)).toEqual([0, 1, 0, 0, 0]);
    expect(() => dimOnly.sequencesToMatrix([[1]], 'tfidf')).toThrow(/before using tfidf/);
    const tok = fitted();
    expect(() => tok.textsToMatrix(['a'], 'tf' as 'binary')).toThrow(/Unknown vectorization mode/);
    expect(() => tok.sequencesToMatrix([[-1]])).toThrow(/non-negative integers/);
    expect(() => tok.sequencesToMatrix([[1.5]])).toThrow(/non-negative integers/);
  });
});
