import { describe, expect, it } from 'vitest';
import {
  classicalMds,
  jensenShannon,
  relevance,
  topicDistances,
  topRelevantTerms,
} from '../../../src/nlp/topics';

const dist2 = (X: Float64Array, i: number, j: number) =>
  Math.hypot(X[2 * i] - X[2 * j], X[2 * i + 1] - X[2 * j + 1]);

describe('jensenShannon', () => {
  it('is 0 for equal distributions, ln 2 for disjoint ones, and symmetric', () => {
    expect(jensenShannon([0.5, 0.5], [0.5, 0.5])).toBeCloseTo(0, 12);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.LN2, 12);
    const p = [0.7, 0.2, 0.1];
    const q = [0.1, 0.3, 0.6];
    expect(jensenShannon(p, q)).toBeCloseTo(jensenShannon(q, p), 12);
    // By hand: m = [0.4, 0.25, 0.35].
    const m = [0.4, 0.25, 0.35];
    const kl = (a: number[]) => a.reduce((s, v, i) => s + v * Math.log(v / m[i]), 0);
    expect(jensenShannon(p, q)).toBeCloseTo(0.5 * kl(p) + 0.5 * kl(q), 12);
  });
  it('refuses distributions of different lengths', () => {
    expect(() => jensenShannon([1], [0.5, 0.5])).toThrow(/lengths differ/);
  });
});

describe('topicDistances', () => {
  it('gives the symmetric K x K matrix of divergences between rows', () => {
    const phi = [0.5, 0.5, 0, 0, 0, 0.5, 0.5, 0, 0.25, 0.25, 0.25, 0.25];
    const D = topicDistances(phi, 4);
    expect(D.length).toBe(9);
    expect(D[0 * 3 + 1]).toBeCloseTo(jensenShannon([0.5, 0.5, 0, 0], [0, 0.5, 0.5, 0]), 12);
    expect(D[1 * 3 + 0]).toBe(D[0 * 3 + 1]);
    expect(D[4]).toBe(0);
    expect(() => topicDistances([1, 2, 3], 2)).toThrow(/not K rows/);
  });
});

describe('classicalMds', () => {
  it('recovers the distances of points that lie in a plane', () => {
    const pts = [
      [0, 0],
      [3, 0],
      [0, 4],
      [-2, -1],
      [1, 5],
    ];
    const n = pts.length;
    const D = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        D[i * n + j] = Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
    const X = classicalMds(D, n, 2);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(dist2(X, i, j)).toBeCloseTo(D[i * n + j], 8);
    // Centred, as principal coordinates are.
    expect(X.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 8);
  });
  it('puts the first axis along the largest spread', () => {
    const xs = [-10, -5, 0, 5, 10];
    const n = 5;
    const pts = xs.map((x, i) => [x, i % 2 ? 0.5 : -0.5]);
    const D = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        D[i * n + j] = Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
    const X = classicalMds(D, n, 2);
    const spread = (d: number) => Math.max(...[0, 1, 2, 3, 4].map((i) => Math.abs(X[2 * i + d])));
    expect(spread(0)).toBeGreaterThan(5 * spread(1));
  });
  it('refuses a matrix that is not square and symmetric', () => {
    expect(() => classicalMds([0, 1, 2], 2)).toThrow(/2 x 2/);
    expect(() => classicalMds([0, 1, 2, 0], 2)).toThrow(/not symmetric/);
  });
});

describe('relevance', () => {
  const phi = [0.5, 0.3, 0.2];
  const pw = [0.6, 0.3, 0.1];
  it('is log φ at λ = 1 and log lift at λ = 0', () => {
    const r1 = relevance(phi, pw, 1);
    const r0 = relevance(phi, pw, 0);
    phi.forEach((p, w) => {
      expect(r1[w]).toBeCloseTo(Math.log(p), 12);
      expect(r0[w]).toBeCloseTo(Math.log(p / pw[w]), 12);
    });
    const rh = relevance(phi, pw, 0.6);
    expect(rh[2]).toBeCloseTo(0.6 * Math.log(0.2) + 0.4 * Math.log(2), 12);
  });
  it('re-ranks from frequent terms (λ = 1) to exclusive ones (λ = 0)', () => {
    expect(topRelevantTerms(phi, pw, 1, 3)).toEqual([0, 1, 2]);
    expect(topRelevantTerms(phi, pw, 0, 3)).toEqual([2, 1, 0]);
  });
  it('refuses λ outside [0, 1] and mismatched lengths', () => {
    expect(() => relevance(phi, pw, 1.5)).toThrow(/lambda/);
    expect(() => relevance(phi, [1], 0.5)).toThrow(/terms/);
  });
});
