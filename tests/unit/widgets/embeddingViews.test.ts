import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  alignProjection,
  matchWords,
  pca2d,
} from '../../../src/widgets/common/embedding-views/pca';
import {
  clearRouteResult,
  getRouteResults,
  publishRouteResult,
  subscribeRouteResults,
  type RouteResult,
} from '../../../src/widgets/common/embedding-views/routeResults';
import {
  MOBY_WORD_GROUPS,
  SOTU_WORD_GROUPS,
  addWords,
  parseWordInput,
  splitKnown,
} from '../../../src/widgets/common/embedding-views/wordSets';
import { placeLabels } from '../../../src/widgets/common/embedding-views/labels';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dist2 = (c: Float64Array, i: number, j: number) =>
  (c[2 * i] - c[2 * j]) ** 2 + (c[2 * i + 1] - c[2 * j + 1]) ** 2;

describe('pca2d', () => {
  it('finds the axes of a known case (up to sign) and their explained variance', () => {
    // Already centred; variance 8 along x, 2 along y, none along z.
    const X = [2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1, 0];
    const p = pca2d(X, 4, 3);
    expect(p.explained[0]).toBeCloseTo(0.8, 10);
    expect(p.explained[1]).toBeCloseTo(0.2, 10);
    const abs = Array.from(p.coords, (v) => Math.abs(v));
    expect(abs).toEqual([2, 0, 2, 0, 0, 1, 0, 1].map((v) => expect.closeTo(v, 10)));
    // Signs are consistent: the first two points are opposite.
    expect(p.coords[0]).toBeCloseTo(-p.coords[2], 10);
  });

  it('centres the data: a constant offset changes nothing', () => {
    const r = rng(1);
    const n = 12,
      d = 7;
    const X = Float32Array.from({ length: n * d }, () => r() - 0.5);
    const Y = X.map((v, k) => v + (k % d) * 3);
    const a = pca2d(X, n, d);
    const b = pca2d(Y, n, d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        expect(dist2(a.coords, i, j)).toBeCloseTo(dist2(b.coords, i, j), 4);
    }
    expect(b.explained[0]).toBeCloseTo(a.explained[0], 5);
  });

  it('on 2-D data is a rigid motion (all variance explained, distances kept)', () => {
    const r = rng(2);
    const n = 9;
    const X = Float64Array.from({ length: n * 2 }, () => r() * 4 - 2);
    const p = pca2d(X, n, 2);
    expect(p.explained[0] + p.explained[1]).toBeCloseTo(1, 10);
    expect(p.explained[0]).toBeGreaterThanOrEqual(p.explained[1]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) expect(dist2(p.coords, i, j)).toBeCloseTo(dist2(X, i, j), 8);
    }
  });

  it('gives uncorrelated axes, PC1 at least as wide as PC2, ratios matching the scores (n < d)', () => {
    const r = rng(3);
    const n = 10,
      d = 50;
    const X = Float64Array.from({ length: n * d }, () => r() - 0.5);
    const p = pca2d(X, n, d);
    let sxy = 0,
      sxx = 0,
      syy = 0,
      total = 0;
    for (let i = 0; i < n; i++) {
      sxx += p.coords[2 * i] ** 2;
      syy += p.coords[2 * i + 1] ** 2;
      sxy += p.coords[2 * i] * p.coords[2 * i + 1];
    }
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += X[i * d + k] / n;
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) total += (X[i * d + k] - mean[k]) ** 2;
    expect(Math.abs(sxy)).toBeLessThan(1e-9);
    expect(sxx).toBeGreaterThanOrEqual(syy);
    expect(p.explained[0]).toBeCloseTo(sxx / total, 10);
    expect(p.explained[1]).toBeCloseTo(syy / total, 10);
  });

  it('handles one point and identical points, and rejects bad shapes and NaN', () => {
    expect(pca2d([1, 2, 3], 1, 3).explained).toEqual([0, 0]);
    const same = pca2d([1, 2, 1, 2, 1, 2], 3, 2);
    expect(same.explained).toEqual([0, 0]);
    expect(Array.from(same.coords)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => pca2d([1, 2, 3], 2, 2)).toThrow(RangeError);
    expect(() => pca2d([1, 2], 0, 2)).toThrow(RangeError);
    expect(() => pca2d([1, NaN, 3, 4], 2, 2)).toThrow(/non-finite/);
  });
});

describe('alignProjection', () => {
  const r = rng(4);
  const n = 8;
  const base = Float64Array.from({ length: n * 2 }, () => r() * 2 - 1);
  const all = Array.from({ length: n }, (_, i) => [i, i] as [number, number]);
  const transform = (c: Float64Array, R: number[]) => {
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length / 2; i++) {
      out[2 * i] = c[2 * i] * R[0] + c[2 * i + 1] * R[2];
      out[2 * i + 1] = c[2 * i] * R[1] + c[2 * i + 1] * R[3];
    }
    return out;
  };

  it.each([
    ['a rotation', [Math.cos(2), Math.sin(2), -Math.sin(2), Math.cos(2)]],
    ['a sign flip of one axis', [-1, 0, 0, 1]],
    ['a flip of both axes', [-1, 0, 0, -1]],
    ['an axis swap', [0, 1, 1, 0]],
  ])('undoes %s exactly', (_name, R) => {
    const moved = transform(base, R);
    const { coords } = alignProjection(moved, base, all);
    for (let k = 0; k < base.length; k++) expect(coords[k]).toBeCloseTo(base[k], 10);
  });

  it('is stable: a small change plus a PCA sign flip moves points only a little', () => {
    const d = 20;
    const X = Float64Array.from({ length: n * d }, () => r() - 0.5);
    const a = pca2d(X, n, d);
    const Y = X.map((v) => v + (r() - 0.5) * 0.01);
    const b = pca2d(Y, n, d);
    const flipped = b.coords.map((v, k) => (k % 2 === 0 ? -v : v));
    const aligned = alignProjection(flipped, a.coords, all).coords;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      worst = Math.max(
        worst,
        Math.hypot(aligned[2 * i] - a.coords[2 * i], aligned[2 * i + 1] - a.coords[2 * i + 1]),
      );
    }
    const spread = Math.sqrt(dist2(a.coords, 0, 1));
    expect(worst).toBeLessThan(0.1 * spread);
    // Without alignment the flip moves points by the whole width of the plot.
    let flippedWorst = 0;
    for (let i = 0; i < n; i++)
      flippedWorst = Math.max(flippedWorst, Math.abs(flipped[2 * i] - a.coords[2 * i]));
    expect(flippedWorst).toBeGreaterThan(10 * worst);
  });

  it('keeps distances (never scales) and uses only matched words', () => {
    const R = [0, -1, 1, 0];
    const moved = transform(base, R);
    // Only the first three points matched; the rest follow the same rotation.
    const { coords } = alignProjection(moved, base, all.slice(0, 3));
    for (let k = 0; k < base.length; k++) expect(coords[k]).toBeCloseTo(base[k], 10);
    expect(matchWords(['a', 'b', 'c'], ['c', 'x', 'a'])).toEqual([
      [0, 2],
      [2, 0],
    ]);
  });

  it('with no matched word leaves the projection alone', () => {
    const { coords, rotation } = alignProjection(base, new Float64Array(0), []);
    expect(rotation).toEqual([1, 0, 0, 1]);
    expect(Array.from(coords)).toEqual(Array.from(base));
  });
});

describe('routeResults store', () => {
  const w2v: RouteResult = {
    route: 'word2vec',
    corpus: 'sotu',
    settings: 'skip-gram',
    seconds: 12,
    analogyAccuracy: 0.25,
    coverage: 1,
    spearman: 0.4,
  };
  afterEach(() => {
    clearRouteResult('word2vec');
    clearRouteResult('ppmi-svd');
  });

  it('publishes, replaces and clears per route, notifying subscribers', () => {
    const listener = vi.fn();
    const off = subscribeRouteResults(listener);
    publishRouteResult(w2v);
    publishRouteResult({ ...w2v, route: 'ppmi-svd', seconds: 3 });
    publishRouteResult({ ...w2v, seconds: 20 });
    expect(getRouteResults().map((r) => [r.route, r.seconds])).toEqual([
      ['word2vec', 20],
      ['ppmi-svd', 3],
    ]);
    expect(listener).toHaveBeenCalledTimes(3);
    const snap = getRouteResults();
    expect(getRouteResults()).toBe(snap); // stable between changes (useSyncExternalStore)
    clearRouteResult('word2vec');
    expect(getRouteResults().map((r) => r.route)).toEqual(['ppmi-svd']);
    clearRouteResult('word2vec'); // no-op, no notification
    expect(listener).toHaveBeenCalledTimes(4);
    off();
    publishRouteResult(w2v);
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('copies what it stores and rejects bad times', () => {
    const r = { ...w2v };
    publishRouteResult(r);
    r.seconds = 99;
    expect(getRouteResults()[0].seconds).toBe(12);
    expect(() => publishRouteResult({ ...w2v, seconds: -1 })).toThrow(RangeError);
    expect(() => publishRouteResult({ ...w2v, seconds: NaN })).toThrow(RangeError);
  });
});

describe('word sets', () => {
  it('tokenizes input as the corpora are', () => {
    expect(parseWordInput('War, PEACE;  war  Tax-cuts o’clock!')).toEqual([
      'war',
      'peace',
      'tax-cuts',
      'o’clock',
    ]);
    expect(parseWordInput('  ,;. ')).toEqual([]);
  });

  it('adds without duplicates up to the limit and says what did not fit', () => {
    const r = addWords(['war'], 'peace war army navy', 3);
    expect(r).toEqual({
      words: ['war', 'peace', 'army'],
      added: ['peace', 'army'],
      dropped: ['navy'],
    });
  });

  it('splits known and unknown words', () => {
    const vocab = new Set(['war', 'peace']);
    expect(splitKnown(['war', 'zzz', 'peace'], (w) => vocab.has(w))).toEqual({
      known: ['war', 'peace'],
      unknown: ['zzz'],
    });
  });

  it('default groups have distinct, lowercase words', () => {
    for (const groups of [SOTU_WORD_GROUPS, MOBY_WORD_GROUPS]) {
      const words = groups.flatMap((g) => g.words);
      expect(new Set(words).size).toBe(words.length);
      for (const w of words) expect(parseWordInput(w)).toEqual([w]);
    }
  });
});

describe('placeLabels', () => {
  it('keeps labels inside the plot and apart when points crowd', () => {
    const pts = ['alpha', 'beta', 'gamma'].map((word) => ({ word, px: 100, py: 100 }));
    const places = placeLabels(pts, 12, 300, 200);
    const keys = new Set(places.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(keys.size).toBe(3);
    const edge = placeLabels([{ word: 'december', px: 298, py: 199 }], 12, 300, 200)[0];
    expect(edge.x + 8 * 12 * 0.6).toBeLessThanOrEqual(300);
    expect(edge.y).toBeLessThanOrEqual(200);
  });
});
