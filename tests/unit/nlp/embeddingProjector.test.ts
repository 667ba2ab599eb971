/**
 * The Embedding Projector's TSV files (src/nlp/embeddingProjector.ts): written as the projector's
 * reader parses them and read back to the same words and float32 vectors.
 */
import { describe, expect, it } from 'vitest';
import {
  escapeProjectorLabel,
  float32ToString,
  fromEmbeddingProjector,
  parseProjectorMetadata,
  parseProjectorVectors,
  toEmbeddingProjector,
} from '../../../src/nlp/embeddingProjector';

/** A seeded generator (mulberry32) of values spread over many magnitudes. */
function randomValues(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (next() - 0.5) * 10 ** Math.floor(next() * 12 - 8);
  return out;
}

describe('Embedding Projector TSV', () => {
  it('round-trips words and float32 vectors bit for bit', () => {
    const words = ['the', 'whale', 'sea', 'ahab', 'boat'];
    const dim = 7;
    const vectors = randomValues(words.length * dim, 7);
    vectors[3] = 0;
    vectors[4] = -0;
    vectors[5] = 3.4028234663852886e38; // the largest float32
    vectors[6] = 1.401298464324817e-45; // the smallest subnormal
    const files = toEmbeddingProjector(words, vectors, dim);
    const lines = files.vectors.split('\n');
    expect(lines).toHaveLength(words.length + 1); // no header, a final newline
    expect(lines[0].split('\t')).toHaveLength(dim);
    expect(files.metadata).toBe('the\nwhale\nsea\nahab\nboat\n'); // one column: no header
    const back = fromEmbeddingProjector(files.vectors, files.metadata);
    expect(back.words).toEqual(words);
    expect(back.dim).toBe(dim);
    expect(back.columns).toBeNull();
    expect(new Uint32Array(back.vectors.buffer)).toEqual(new Uint32Array(vectors.buffer));
  });

  it('writes a decimal of at most 9 digits that reads back as the same float32', () => {
    expect(float32ToString(0.1)).toBe('0.1');
    expect(float32ToString(Math.fround(0.1))).toBe('0.1');
    expect(float32ToString(1 / 3)).toBe('0.33333334');
    expect(float32ToString(100)).toBe('100');
    expect(float32ToString(1e-7)).toBe('1e-7');
    expect(float32ToString(123456789)).toBe('1.2345679e+8'); // 123456792 as float32
    expect(float32ToString(-2.5e-7)).toBe('-2.5e-7');
    for (const v of randomValues(2000, 3)) {
      const s = float32ToString(v);
      expect(Math.fround(Number(s))).toBe(v);
      expect(s.replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
  });

  it('rounds float64 input to float32 (the projector keeps float32)', () => {
    const v = new Float64Array([Math.PI, Math.E, -1 / 7, 1e-30]);
    const back = parseProjectorVectors(toEmbeddingProjector(['a', 'b'], v, 2).vectors);
    expect(Array.from(back.vectors)).toEqual(Array.from(Float32Array.from(v)));
  });

  it('keeps Korean, emoji, combining marks and other scripts exactly (no normalization)', () => {
    const words = [
      '한국어',
      '자연어처리',
      '👩‍👩‍👧‍👦', // a ZWJ sequence
      '🇰🇷',
      'e\u0301', // e + combining acute (NFD), not é
      '\u00e9', // é precomposed (NFC)
      'עברית',
      'ｆｕｌｌ',
      'naïve café',
    ];
    const vectors = randomValues(words.length * 3, 11);
    const files = toEmbeddingProjector(words, vectors, 3);
    const back = fromEmbeddingProjector(files.vectors, files.metadata);
    expect(back.words).toEqual(words);
    expect(back.words[4]).not.toBe(back.words[5]);
    // UTF-8 bytes survive too (the projector decodes the file as UTF-8).
    const bytes = new TextEncoder().encode(files.metadata);
    expect(new TextDecoder().decode(bytes)).toBe(files.metadata);
  });

  it('escapes a tab, a newline and a backslash in a word, and reads them back', () => {
    const words = ['a\tb', 'line\nbreak', 'cr\r', 'back\\slash', 'lit\\tab', 'plain'];
    const files = toEmbeddingProjector(words, randomValues(words.length * 2, 5), 2);
    const lines = files.metadata.split('\n');
    expect(lines).toHaveLength(words.length + 1);
    expect(lines[0]).toBe('a\\tb');
    // No raw tab anywhere: the projector would take the first line for a header.
    expect(files.metadata).not.toContain('\t');
    expect(escapeProjectorLabel('lit\\tab')).toBe('lit\\\\tab'); // not confused with a tab
    expect(parseProjectorMetadata(files.metadata).columns).toBeNull();
    expect(fromEmbeddingProjector(files.vectors, files.metadata).words).toEqual(words);
  });

  it('writes a header line when there is more than one column', () => {
    const files = toEmbeddingProjector(['x', 'y\tz'], [1, 2, 3, 4], 2, {
      columns: [{ name: 'count', values: [10, 3] }],
    });
    expect(files.metadata).toBe('word\tcount\nx\t10\ny\\tz\t3\n');
    const back = fromEmbeddingProjector(files.vectors, files.metadata);
    expect(back.columns).toEqual(['word', 'count']);
    expect(back.rows).toEqual([
      ['x', '10'],
      ['y\tz', '3'],
    ]);
    expect(back.words).toEqual(['x', 'y\tz']);
  });

  it('refuses what the projector cannot read, with a clear message', () => {
    expect(() => toEmbeddingProjector([], new Float32Array(0), 4)).toThrow(/vocabulary is empty/);
    expect(() => toEmbeddingProjector(['a'], [1], 1)).toThrow(/at least 2 values/);
    expect(() => toEmbeddingProjector(['a', 'b'], [1, 2, 3], 2)).toThrow(/need 4 values, got 3/);
    expect(() => toEmbeddingProjector(['a', ' '], [1, 2, 3, 4], 2)).toThrow(/Word 1.*whitespace/);
    expect(() => toEmbeddingProjector(['', 'b'], [1, 2, 3, 4], 2)).toThrow(/Word 0 is empty/);
    expect(() => toEmbeddingProjector(['a', 'b'], [1, NaN, 3, 4], 2)).toThrow(
      /"a" has NaN in column 1.*diverge/,
    );
    expect(() => toEmbeddingProjector(['a'], [1, 1e39], 2)).toThrow(/not finite/);
    expect(() =>
      toEmbeddingProjector(['a'], [1, 2], 2, { columns: [{ name: 'n', values: [] }] }),
    ).toThrow(/"n" has 0 values for 1 words/);
  });

  it('reads as the projector does: blank lines skipped, a BOM dropped; malformed files named', () => {
    expect(parseProjectorVectors('\uFEFF1\t2\n\n  \n3\t4\r\n')).toEqual({
      vectors: new Float32Array([1, 2, 3, 4]),
      rows: 2,
      dim: 2,
    });
    expect(() => parseProjectorVectors('')).toThrow(/no rows/);
    expect(() => parseProjectorVectors('1\n2\n')).toThrow(/at least 2/);
    expect(() => parseProjectorVectors('1\t2\n3\t4\t5\n')).toThrow(/line 2 has 3 values/);
    expect(() => parseProjectorVectors('1\t2\n3\tx\n')).toThrow(/line 2, column 2: "x"/);
    expect(() => fromEmbeddingProjector('1\t2\n3\t4\n', 'a\n')).toThrow(/2 rows.*1 labels/);
  });
});
