import { describe, expect, it } from 'vitest';
import { loadSonnets, parseSonnets, sonnetsText } from '../../../src/data';
import {
  buildCharVocab,
  charVocabFromList,
  decodeChars,
  encodeChars,
  mobyDickText,
  tbpttBatcher,
  UNK_CHAR,
} from '../../../src/models/rnn/charData';
import { readCorpusJson } from '../data/realCorpus';

describe("Shakespeare's sonnets corpus", () => {
  const corpus = parseSonnets(readCorpusJson('sonnets.json'));

  it('has 154 sonnets, 2,155 lines, sonnets 10, 20, ..., 150 held out', () => {
    expect(corpus.sonnets).toHaveLength(154);
    expect(corpus.sonnets.reduce((n, s) => n + s.lines.length, 0)).toBe(2155);
    const held = corpus.sonnets.filter((s) => s.split === 'heldout').map((s) => s.number);
    expect(held).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150]);
    expect(corpus.sonnets[0].lines[0]).toBe('From fairest creatures we desire increase,');
    // the source's trailing spaces are gone
    expect(corpus.sonnets.every((s) => s.lines.every((l) => l === l.trim()))).toBe(true);
  });

  it('joins lines with \\n and sonnets with a blank line, splits disjoint', () => {
    const train = sonnetsText(corpus, 'train');
    const held = sonnetsText(corpus, 'heldout');
    expect(train.startsWith('From fairest creatures we desire increase,\nThat thereby')).toBe(true);
    expect(train.split('\n\n')).toHaveLength(139);
    expect(held.split('\n\n')).toHaveLength(15);
    expect(held.startsWith("For shame! deny that thou bear'st love to any")).toBe(true);
    expect(train.includes("For shame! deny that thou bear'st love to any")).toBe(false);
    expect(() => sonnetsText(corpus, 'test' as 'train')).toThrow(RangeError);
  });

  it('rejects malformed files with a message naming the problem', () => {
    expect(() => parseSonnets([])).toThrow('is not a JSON object');
    expect(() => parseSonnets({ sonnets: [] })).toThrow('has no "sonnets" array');
    expect(() => parseSonnets({ sonnets: [{ number: 1, lines: [], split: 'train' }] })).toThrow(
      'sonnets[0] has no lines',
    );
    expect(() => parseSonnets({ sonnets: [{ number: 1, lines: ['a'], split: 'dev' }] })).toThrow(
      'sonnets[0].split is "dev"',
    );
    expect(() => parseSonnets({ sonnets: [{ number: 1, lines: ['a'], split: 'train' }] })).toThrow(
      'has no heldout sonnets',
    );
  });

  it('loadSonnets fetches data/sonnets.json below the base URL and reports HTTP errors', async () => {
    const urls: string[] = [];
    const ok = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(readCorpusJson('sonnets.json')));
    }) as unknown as typeof fetch;
    const c = await loadSonnets({ baseUrl: '/book', fetch: ok });
    expect(urls).toEqual(['/book/data/sonnets.json']);
    expect(c.sonnets).toHaveLength(154);
    const missing = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    await expect(loadSonnets({ baseUrl: '/', fetch: missing })).rejects.toThrow(
      "Could not load Shakespeare's sonnets (HTTP 404) from /data/sonnets.json",
    );
  });
});

describe('character vocabulary', () => {
  it('ranks characters by frequency (ties by code point), keeps case, punctuation and \\n', () => {
    const v = buildCharVocab('abba!\nB', { minCount: 1 });
    // a 2, b 2, ! 1, \n 1, B 1: ties by code point (\n 10 < ! 33 < B 66)
    expect(v.chars).toEqual([UNK_CHAR, 'a', 'b', '\n', '!', 'B']);
    expect(v.counts).toEqual([0, 2, 2, 1, 1, 1]);
    expect(Array.from(encodeChars(v, 'aB\n!'))).toEqual([1, 5, 3, 4]);
  });

  it('maps characters rarer than minCount, and unseen ones, to U+FFFD (id 0)', () => {
    const v = buildCharVocab('aaabbbc', { minCount: 2 });
    expect(v.chars).toEqual([UNK_CHAR, 'a', 'b']);
    expect(v.counts[0]).toBe(1); // the one "c"
    expect(Array.from(encodeChars(v, 'cabz'))).toEqual([0, 1, 2, 0]);
    expect(decodeChars(v, [1, 0, 2])).toBe(`a${UNK_CHAR}b`);
    expect(() => decodeChars(v, [3])).toThrow(RangeError);
  });

  it('counts code points of NFC text: composed and decomposed é, and an emoji, are one character each', () => {
    const v = buildCharVocab('e\u0301 é 🐋🐋', { minCount: 1 });
    expect(v.chars).toContain('é');
    expect(v.chars).toContain('🐋');
    expect(v.chars).not.toContain('e');
    expect(encodeChars(v, '🐋é')).toHaveLength(2);
  });

  it('caps the vocabulary at maxSize and validates its options', () => {
    const v = buildCharVocab('aaaabbbcc d', { minCount: 1, maxSize: 3 });
    expect(v.chars).toEqual([UNK_CHAR, 'a', 'b']);
    expect(() => buildCharVocab('')).toThrow('the text is empty');
    expect(() => buildCharVocab('ab', { minCount: 0 })).toThrow('minCount');
    expect(() => buildCharVocab('ab', { maxSize: 1 })).toThrow('maxSize');
    expect(() => buildCharVocab(3 as unknown as string)).toThrow(TypeError);
    expect(charVocabFromList([UNK_CHAR, 'x']).idOf('x')).toBe(1);
    expect(() => charVocabFromList(['x'])).toThrow('U+FFFD');
    expect(() => charVocabFromList([UNK_CHAR, 'ab'])).toThrow('not one distinct character');
  });

  it('Moby Dick: about 80 characters, the space first, only $ [ ] & replaced', () => {
    const corpus = readCorpusJson('moby-dick.json') as Parameters<typeof mobyDickText>[0];
    const train = mobyDickText(corpus, 'train');
    expect(train.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.')).toBe(true);
    const v = buildCharVocab(train);
    expect(v.chars[1]).toBe(' ');
    expect(v.chars.length).toBeGreaterThan(70);
    expect(v.chars.length).toBeLessThan(90);
    expect(v.chars).toContain('\n');
    expect(v.chars).toContain('—');
  });
});

describe('tbpttBatcher (truncated BPTT streams)', () => {
  // ids 0..22: N = 23, batch 2 -> streams of 11: [0..10] and [11..21]; 22 dropped.
  const ids = Int32Array.from({ length: 23 }, (_, i) => i);
  const b = tbpttBatcher(ids, 2, 3);

  it('cuts the text into contiguous streams and consecutive chunks (hand-checked indices)', () => {
    expect(b.streamLength).toBe(11);
    // (11 - 1) / 3 -> 3 full chunks; the 4th would need target index 12 of a stream of 11
    expect(b.chunksPerEpoch).toBe(3);
    expect(Array.from(b.chunk(0).inputs)).toEqual([0, 1, 2, 11, 12, 13]);
    expect(Array.from(b.chunk(0).targets)).toEqual([1, 2, 3, 12, 13, 14]);
    expect(Array.from(b.chunk(1).inputs)).toEqual([3, 4, 5, 14, 15, 16]);
    expect(Array.from(b.chunk(2).inputs)).toEqual([6, 7, 8, 17, 18, 19]);
    expect(Array.from(b.chunk(2).targets)).toEqual([7, 8, 9, 18, 19, 20]);
  });

  it('starts each chunk with the character the previous chunk of that stream last predicted', () => {
    for (let k = 0; k + 1 < b.chunksPerEpoch; k++) {
      const now = b.chunk(k).targets;
      const next = b.chunk(k + 1).inputs;
      for (let r = 0; r < 2; r++) expect(next[r * 3]).toBe(now[r * 3 + 2]);
    }
  });

  it('rejects texts too short for the batch and bad sizes or chunk numbers', () => {
    expect(() => tbpttBatcher(ids, 4, 6)).toThrow('too short');
    expect(() => tbpttBatcher(ids, 0, 3)).toThrow('batch');
    expect(() => tbpttBatcher(ids, 2, 1.5)).toThrow('seqLen');
    expect(() => b.chunk(3)).toThrow('outside [0, 3)');
  });
});
