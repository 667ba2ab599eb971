import { describe, expect, it } from 'vitest';
import { Tokenizer, buildVocabularyTable, oovRate, padSequences } from '../../../src/nlp';

describe('oovRate', () => {
  it('counts OOV tokens over non-padding tokens, for ragged and padded input', () => {
    const seqs = [[1, 2, 1], [3], []]; // 2 OOV of 4 tokens
    expect(oovRate(seqs, 1)).toBe(0.5);
    expect(oovRate(padSequences(seqs, { maxlen: 5 }), 1)).toBe(0.5); // padding 0 excluded
    expect(oovRate([[1, 2, 9, 9]], 1, 9)).toBe(0.5); // custom padding value
  });

  it('is NaN when there is nothing but padding, and rejects bad input', () => {
    expect(oovRate([[], [0, 0]], 1)).toBeNaN();
    expect(() => oovRate([[1], 'x' as unknown as number[]], 1)).toThrow(TypeError);
  });

  it('measures a real tokenizer: unknown and cut words both count', () => {
    const tok = new Tokenizer({ oovToken: '<OOV>', numWords: 3 });
    tok.fitOnTexts(['a a a b b c']); // <OOV> 1, a 2, b 3, c 4; numWords 3 keeps 1..2
    const seqs = tok.textsToSequences(['a b c d']); // [2, 1, 1, 1]
    expect(oovRate(seqs, 1)).toBe(0.75);
  });
});

describe('buildVocabularyTable', () => {
  it('lists every index with counts, document frequency and the numWords cut', () => {
    const tok = new Tokenizer({ oovToken: '<OOV>', numWords: 3 });
    tok.fitOnTexts(['a a b', 'b c']);
    expect(buildVocabularyTable(tok)).toEqual([
      { word: '<OOV>', count: 0, docs: 0, index: 1, kept: true, oov: true },
      { word: 'a', count: 2, docs: 1, index: 2, kept: true, oov: false },
      { word: 'b', count: 2, docs: 2, index: 3, kept: false, oov: false },
      { word: 'c', count: 1, docs: 1, index: 4, kept: false, oov: false },
    ]);
    expect(buildVocabularyTable(tok, null).every((r) => r.kept)).toBe(true);
    expect(buildVocabularyTable(tok, 4).map((r) => r.kept)).toEqual([true, true, true, false]);
    expect(() => buildVocabularyTable(tok, -2)).toThrow(RangeError);
  });
});
