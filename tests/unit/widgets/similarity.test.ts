/**
 * The similarity explorer's table: cosine, Euclidean and Jaccard for every pair, checked by
 * hand on the presets, and the presets' explanations hold for the numbers shown.
 */
import { describe, expect, it } from 'vitest';
import { compareTexts, mostSimilarPair } from '../../../src/widgets/similarity-explorer/compare';
import { TEXT_PRESETS } from '../../../src/widgets/similarity-explorer/schema';

const preset = (name: string) => TEXT_PRESETS.find((p) => p.name === name)!.texts;

describe('compareTexts', () => {
  it('a text and its triple: cosine 1, Jaccard 1, Euclidean 2‖A‖ (counts)', () => {
    const c = compareTexts(preset('repeat'), 'count');
    expect(c.terms).toEqual(['cat', 'dog', 'log', 'mat', 'on', 'sat', 'the']);
    expect(c.vectors[0]).toEqual([1, 0, 0, 1, 1, 1, 2]);
    expect(c.vectors[1]).toEqual([3, 0, 0, 3, 3, 3, 6]);
    const [ab, ac, bc] = c.pairs;
    expect([ab.a, ab.b, ac.a, ac.b, bc.a, bc.b]).toEqual([0, 1, 0, 2, 1, 2]);
    expect(ab.cosine).toBeCloseTo(1, 12);
    expect(ab.jaccard).toBe(1);
    // B - A = 2A, ‖A‖ = √8.
    expect(ab.euclidean).toBeCloseTo(2 * Math.sqrt(8), 12);
    // A vs C: cat, mat vs dog, log differ by one each: √4 = 2; sets share the, sat, on: 3/7.
    expect(ac.euclidean).toBeCloseTo(2, 12);
    expect(ac.jaccard).toBeCloseTo(3 / 7, 12);
    expect(ac.cosine).toBeCloseTo(6 / 8, 12);
    // The disagreement the preset explains.
    expect(mostSimilarPair(c.pairs, 'cosine')).toBe(ab);
    expect(mostSimilarPair(c.pairs, 'jaccard')).toBe(ab);
    expect(mostSimilarPair(c.pairs, 'euclidean')).toBe(ac);
  });

  it('same words, other weights: Jaccard prefers A–B, cosine and Euclidean A–C', () => {
    const c = compareTexts(preset('frequency'), 'count');
    const [ab, ac] = c.pairs;
    expect(ab.jaccard).toBe(1);
    expect(ab.cosine).toBeCloseTo(8 / 17, 12); // (4·1 + 1·4) / (√17 √17)
    expect(ac.cosine).toBeCloseTo(16 / 17, 12);
    expect(ac.euclidean).toBeCloseTo(Math.SQRT2, 12);
    expect(mostSimilarPair(c.pairs, 'jaccard')).toBe(ab);
    expect(mostSimilarPair(c.pairs, 'cosine')).toBe(ac);
    expect(mostSimilarPair(c.pairs, 'euclidean')).toBe(ac);
  });

  it('with l2-normalised TF-IDF, Euclidean distance is √(2 − 2 cos) for every pair', () => {
    for (const p of TEXT_PRESETS) {
      const c = compareTexts(p.texts, 'tfidf');
      for (const row of c.vectors) expect(Math.hypot(...row)).toBeCloseTo(1, 12);
      for (const q of c.pairs) expect(q.euclidean).toBeCloseTo(Math.sqrt(2 - 2 * q.cosine), 6);
    }
  });

  it('the "three sentences" preset: all three measures pick A–B, as its text says', () => {
    for (const kind of ['count', 'tfidf'] as const) {
      const c = compareTexts(preset('whales'), kind);
      for (const m of ['cosine', 'euclidean', 'jaccard'] as const) {
        expect(mostSimilarPair(c.pairs, m), `${kind} ${m}`).toBe(c.pairs[0]);
      }
    }
  });

  it('token sets follow the analyzer (lowercase, 2+ characters, stop words)', () => {
    const c = compareTexts(['The Whale, a whale!', 'the sea'], 'count', true);
    expect(c.tokenSets).toEqual([['whale'], ['sea']]);
    expect(c.pairs[0].jaccard).toBe(0);
    expect(c.pairs[0].cosine).toBe(0);
    expect(() => compareTexts(['the of', 'and it'], 'count', true)).toThrow(/vocabulary/i);
  });

  it('two texts give one pair', () => {
    const c = compareTexts(['whale sea', 'whale ship'], 'tfidf');
    expect(c.pairs).toHaveLength(1);
    expect(c.pairs[0].jaccard).toBeCloseTo(1 / 3, 12);
  });
});
