/**
 * Keras' Tokenizer.to_json / tokenizer_from_json format, and the order-keeping JSON reader.
 */
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../../src/nlp';
import { parseOrderedJson, pyJsonDumps } from '../../../src/nlp/pyjson';

// What Python writes for Tokenizer().fit_on_texts(['b b', 'é', '10']); derived by hand:
// word_counts b 2, é 1, 10 1 (first-appearance order) -> word_index b 1, é 2, 10 3; each
// document has one distinct word, so word_docs is {b: 1, é: 1, 10: 1}; json.dumps uses ', ' and
// ': ' and escapes é as \u00e9; the inner tables are strings, escaped again by the outer dumps.
const KERAS_JSON =
  String.raw`{"class_name": "Tokenizer", "config": {"num_words": null, "filters": "!\"#$%&()*+,-./:;<=>?@[\\]^_` +
  '`' +
  String.raw`{|}~\t\n", "lower": true, "split": " ", "char_level": false, "oov_token": null, "document_count": 3, "word_counts": "{\"b\": 2, \"\\u00e9\": 1, \"10\": 1}", "word_docs": "{\"b\": 1, \"\\u00e9\": 1, \"10\": 1}", "index_docs": "{\"1\": 1, \"2\": 1, \"3\": 1}", "index_word": "{\"1\": \"b\", \"2\": \"\\u00e9\", \"3\": \"10\"}", "word_index": "{\"b\": 1, \"\\u00e9\": 2, \"10\": 3}"}}`;

describe('Tokenizer JSON (Keras to_json format)', () => {
  it("writes exactly Python's to_json string", () => {
    const tok = new Tokenizer();
    tok.fitOnTexts(['b b', 'é', '10']);
    expect(tok.toKerasJson()).toBe(KERAS_JSON);
    expect(JSON.parse(JSON.stringify(tok))).toEqual(JSON.parse(KERAS_JSON));
  });

  it('reads it back with key order intact (integer-like words stay in place)', () => {
    const tok = Tokenizer.fromJSON(KERAS_JSON);
    expect([...tok.wordCounts.keys()]).toEqual(['b', 'é', '10']); // JSON.parse would put '10' first
    expect([...tok.wordIndex.entries()]).toEqual([
      ['b', 1],
      ['é', 2],
      ['10', 3],
    ]);
    expect(tok.indexWord.get(3)).toBe('10');
    expect(tok.documentCount).toBe(3);
    expect(tok.textsToSequences(['10 b x'])).toEqual([[3, 1]]);
  });

  it('a restored tokenizer behaves like the original, including later fits', () => {
    const a = new Tokenizer({ numWords: 4, oovToken: '<OOV>' });
    a.fitOnTexts(['10 b 2 b', '2 c']);
    const b = Tokenizer.fromJSON(a.toKerasJson());
    const c = Tokenizer.fromJSON(a.toJSON());
    for (const t of [b, c]) {
      expect(t.numWords).toBe(4);
      expect(t.oovToken).toBe('<OOV>');
      expect(t.textsToSequences(['2 10 c zebra'])).toEqual(a.textsToSequences(['2 10 c zebra']));
      expect(t.textsToMatrix(['2 2 c'], 'tfidf').data).toEqual(
        a.textsToMatrix(['2 2 c'], 'tfidf').data,
      );
    }
    // ties after a further fit depend on word_counts order, which the round trip kept
    a.fitOnTexts(['c']);
    b.fitOnTexts(['c']);
    expect([...b.wordIndex.entries()]).toEqual([...a.wordIndex.entries()]);
  });

  it('rejects malformed JSON and wrongly typed fields with a clear message', () => {
    expect(() => Tokenizer.fromJSON('{"class_name": "Tokenizer", "config": {')).toThrow(
      SyntaxError,
    );
    const bad = KERAS_JSON.replace('"lower": true', '"lower": "yes"');
    expect(() => Tokenizer.fromJSON(bad)).toThrow(/config\.lower/);
    const badTable = KERAS_JSON.replace(String.raw`\"b\": 2`, String.raw`\"b\": \"two\"`);
    expect(() => Tokenizer.fromJSON(badTable)).toThrow(/word_counts/);
  });
});

describe('pyJsonDumps / parseOrderedJson', () => {
  it('escapes like Python (ensure_ascii, lowercase hex, surrogate pairs, DEL)', () => {
    expect(pyJsonDumps('é😀\x7f"\n')).toBe(String.raw`"\u00e9\ud83d\ude00\u007f\"\n"`);
    expect(pyJsonDumps(new Map([[2, 'a']]))).toBe('{"2": "a"}');
    expect(pyJsonDumps([1, null, true])).toBe('[1, null, true]');
    expect(() => pyJsonDumps(NaN)).toThrow(TypeError);
  });

  it('parses nested values and keeps object order', () => {
    expect(parseOrderedJson('{"z": [1, -2.5e3, "x"], "1": {"a": null}, "b": false}')).toEqual({
      entries: [
        ['z', [1, -2500, 'x']],
        ['1', { entries: [['a', null]] }],
        ['b', false],
      ],
    });
    expect(() => parseOrderedJson('{"a": 1} x')).toThrow(/offset 9/);
  });
});
