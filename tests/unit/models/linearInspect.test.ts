import { describe, expect, it } from 'vitest';
import { classWeight, topTerms, type LinearWeights } from '../../../src/models/linearInspect';

/** Weights with many ties (values on a coarse grid) from a small deterministic generator. */
function weights(numFeatures: number, numClasses: number, seed: number): LinearWeights {
  const numOutputs = numClasses === 2 ? 1 : numClasses;
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const W = Float32Array.from(
    { length: numFeatures * numOutputs },
    () => Math.round((next() - 0.5) * 20) / 4,
  );
  return { W, b: new Float32Array(numOutputs), numFeatures, numOutputs, numClasses };
}

/** The definition: every feature sorted by weight (descending), ties by index. */
function bySorting(w: LinearWeights, k: number) {
  return Array.from({ length: w.numClasses }, (_, c) =>
    Array.from({ length: w.numFeatures }, (_, j) => j)
      .sort((a, b) => classWeight(w, b, c) - classWeight(w, a, c) || a - b)
      .slice(0, Math.max(0, k))
      .map((j) => ({ feature: j, weight: classWeight(w, j, c) })),
  );
}

describe('topTerms', () => {
  it.each([
    [2, 500, 8],
    [3, 500, 8],
    [3, 40, 1],
    [4, 7, 10],
    [2, 300, 0],
  ])('matches a full sort (K %i, V %i, k %i), ties by feature index', (K, V, k) => {
    for (const seed of [1, 2, 3]) {
      const w = weights(V, K, seed);
      const got = topTerms(w, k).map((list) =>
        list.map((t) => ({ feature: t.feature, weight: t.weight })),
      );
      expect(got).toEqual(bySorting(w, k));
    }
  });

  it('names the terms, and negates the single column for class 0 of two', () => {
    const w: LinearWeights = {
      W: Float32Array.from([0.5, -2, 1, -0.25]),
      b: new Float32Array(1),
      numFeatures: 4,
      numOutputs: 1,
      numClasses: 2,
    };
    const top = topTerms(w, 2, ['a', 'b', 'c', 'd']);
    expect(top[0].map((t) => [t.term, t.weight])).toEqual([
      ['b', 2],
      ['d', 0.25],
    ]);
    expect(top[1].map((t) => [t.term, t.weight])).toEqual([
      ['c', 1],
      ['a', 0.5],
    ]);
    expect(topTerms(w, 1)[1][0].term).toBe('#2');
  });
});
