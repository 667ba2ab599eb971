import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng, seedForInit } from '../../../src/train/random';

const take = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = take(50, () => a.next());
    expect(take(50, () => b.next())).toEqual(sa);
    expect(take(50, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng('42').next()).toBe(createRng(42).next());
  });

  it('int(n) covers [0, n) and rejects bad n', () => {
    const rng = createRng(1);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 5000; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(/positive integer/);
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
  });

  it('shuffle is an in-place, seeded permutation', () => {
    const base = Array.from({ length: 20 }, (_, i) => i);
    const a = base.slice();
    const returned = createRng(5).shuffle(a);
    expect(returned).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(base);
    expect(a).not.toEqual(base);
    expect(createRng(5).shuffle(base.slice())).toEqual(a);
    expect(createRng(6).shuffle(base.slice())).not.toEqual(a);
    // Every position is reachable: first element over many seeds.
    const firsts = new Set(take(400, () => 0).map((_, s) => createRng(s).shuffle(base.slice())[0]));
    expect(firsts.size).toBe(20);
  });

  it('normal() has mean 0 and variance 1', () => {
    const rng = createRng(3);
    const xs = take(20000, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('seedForInit', () => {
  it('is a deterministic integer in [0, 2^31) that depends on seed and name', () => {
    const s = seedForInit(1, 'W1');
    expect(Number.isInteger(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(2 ** 31);
    expect(seedForInit(1, 'W1')).toBe(s);
    expect(seedForInit(1, 'W2')).not.toBe(s);
    expect(seedForInit(2, 'W1')).not.toBe(s);
  });

  it('gives the same tfjs initial weights for the same seed and name', async () => {
    const init = (seed: number, name: string) =>
      tf.randomUniform([4, 3], -1, 1, 'float32', seedForInit(seed, name));
    const a = init(9, 'emb');
    const b = init(9, 'emb');
    const c = init(9, 'out');
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    expect(Array.from(await c.data())).not.toEqual(Array.from(await a.data()));
    tf.dispose([a, b, c]);
  });
});
