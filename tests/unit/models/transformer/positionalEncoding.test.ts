/**
 * positionalEncodingTable / positionalEncoding against the PyTorch tutorial's table (float64,
 * made by scripts/fixtures/positional_encoding.py), and the properties chapter 15 relies on:
 * values in [-1, 1], the dot product of two rows depends only on their offset, and a fixed
 * offset acts on every sine/cosine pair as the same rotation.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { positionalEncoding, positionalEncodingTable } from '../../../../src/models';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/positional_encoding.json', import.meta.url), 'utf8'),
) as { torch: string; cases: Array<{ length: number; dModel: number; table: number[][] }> };

const row = (t: Float32Array, d: number, p: number) => t.subarray(p * d, (p + 1) * d);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
};

describe('positionalEncodingTable', () => {
  it.each(fixture.cases.map((c) => [c.length, c.dModel, c] as const))(
    'matches PyTorch for length %i, d_model %i to 1e-6',
    (length, dModel, c) => {
      const t = positionalEncodingTable(length, dModel);
      expect(t.length).toBe(length * dModel);
      let worst = 0;
      for (let p = 0; p < length; p++) {
        for (let j = 0; j < dModel; j++) {
          worst = Math.max(worst, Math.abs(t[p * dModel + j] - c.table[p][j]));
        }
      }
      expect(worst).toBeLessThan(1e-6);
    },
  );

  it('has values in [-1, 1], sin 0 = 0 and cos 0 = 1 at position 0', () => {
    const d = 64;
    const t = positionalEncodingTable(200, d);
    for (const v of t) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    for (let i = 0; i < d / 2; i++) {
      expect(t[2 * i]).toBe(0);
      expect(t[2 * i + 1]).toBe(1);
    }
    // Every row has squared length d/2 (sin² + cos² = 1 per pair).
    for (const p of [0, 7, 199]) expect(dot(row(t, d, p), row(t, d, p))).toBeCloseTo(d / 2, 4);
  });

  it('gives dot products that depend only on the offset k, not on the position p', () => {
    const d = 32;
    const t = positionalEncodingTable(300, d);
    for (const k of [0, 1, 3, 10, 50]) {
      // sum over pairs of sin(a)sin(b) + cos(a)cos(b) = cos(k ω_i)
      let expected = 0;
      for (let i = 0; i < d / 2; i++) expected += Math.cos(k * 10000 ** (-(2 * i) / d));
      const values = [0, 1, 17, 100, 240].map((p) => dot(row(t, d, p), row(t, d, p + k)));
      for (const v of values) expect(v).toBeCloseTo(expected, 3);
    }
    // and the dot product is largest at offset 0 (the row with itself).
    const p = 120;
    const self = dot(row(t, d, p), row(t, d, p));
    for (let q = 0; q < 300; q++) {
      if (q !== p) expect(dot(row(t, d, p), row(t, d, q))).toBeLessThan(self);
    }
  });

  it('moves every pair by the same rotation for a fixed offset', () => {
    const d = 8;
    const k = 5;
    const t = positionalEncodingTable(40, d);
    for (let i = 0; i < d / 2; i++) {
      const w = 10000 ** (-(2 * i) / d);
      const [c, s] = [Math.cos(k * w), Math.sin(k * w)];
      for (const p of [0, 9, 30]) {
        const [sp, cp] = [t[p * d + 2 * i], t[p * d + 2 * i + 1]];
        expect(t[(p + k) * d + 2 * i]).toBeCloseTo(sp * c + cp * s, 5);
        expect(t[(p + k) * d + 2 * i + 1]).toBeCloseTo(cp * c - sp * s, 5);
      }
    }
  });

  it('returns an empty table for length 0', () => {
    expect(positionalEncodingTable(0, 4).length).toBe(0);
  });

  it.each([
    [4, 3, /even/],
    [4, 0, /even/],
    [4, 2.5, /even/],
    [-1, 4, /length/],
    [1.5, 4, /length/],
    [Number.NaN, 4, /length/],
  ])('rejects length %s, d_model %s with a message', (length, dModel, message) => {
    expect(() => positionalEncodingTable(length, dModel)).toThrow(message);
  });
});

describe('positionalEncoding', () => {
  it('is the table as a float32 [length, dModel] tensor, and makes only that tensor', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const pe = positionalEncoding(10, 6);
    expect(pe.shape).toEqual([10, 6]);
    expect(pe.dtype).toBe('float32');
    expect(Array.from(await pe.data())).toEqual(Array.from(positionalEncodingTable(10, 6)));
    expect(tf.memory().numTensors).toBe(before + 1);
    pe.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => positionalEncoding(10, 5)).toThrow(/even/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
