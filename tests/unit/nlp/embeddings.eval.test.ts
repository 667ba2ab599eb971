/**
 * Evaluation helpers of chapter 8: nearest neighbours, 3CosAdd analogies, similarity, Spearman,
 * coverage, on hand-made vectors whose answers are known; and the embedding vocabulary.
 */
import { describe, expect, it } from 'vitest';
import {
  KeyedVectors,
  OutOfVocabularyError,
  analogyQuestionsFromPairs,
  buildEmbeddingVocab,
  encodeSentences,
  evaluate,
  rankData,
  spearman,
  type EvaluationSet,
} from '../../../src/nlp';

// 3-d toy space: axis 0 = male, axis 1 = female, axis 2 = royal.
const WORDS = ['man', 'woman', 'king', 'queen', 'apple', 'nothing'];
const VECS = [
  [1, 0, 0],
  [0, 1, 0],
  [2, 0, 2], // king: twice as long as man + royal; cosine ignores length
  [0, 1, 1],
  [0.3, 0.3, -1],
  [0, 0, 0], // a zero vector (e.g. a word the model never updated)
];
const kv = () => new KeyedVectors(Float32Array.from(VECS.flat()), 3, WORDS);

describe('KeyedVectors', () => {
  it('computes cosine similarity from the rows (0 for a zero vector)', () => {
    const v = kv();
    expect(v.similarity('man', 'king')).toBeCloseTo(1 / Math.SQRT2, 6);
    expect(v.similarity('queen', 'king')).toBeCloseTo(2 / (Math.SQRT2 * Math.sqrt(8)), 6);
    expect(v.similarity('man', 'woman')).toBe(0);
    expect(v.similarity('man', 'nothing')).toBe(0);
    expect(v.similarity('apple', 'apple')).toBeCloseTo(1, 6);
  });

  it('lists nearest neighbours best first, excluding the word itself', () => {
    const near = kv().mostSimilar('king', 3);
    expect(near.map((h) => h.word)).toEqual(['man', 'queen', 'woman']);
    expect(near[0].score).toBeCloseTo(1 / Math.SQRT2, 6);
    expect(near[1].score).toBeCloseTo(0.5, 6);
    expect(near[0].index).toBe(0);
    expect(kv().mostSimilar('king', 100)).toHaveLength(WORDS.length - 1);
    expect(kv().mostSimilar('king', 0)).toEqual([]);
  });

  it('answers man : king :: woman : queen by 3CosAdd, excluding the three inputs', () => {
    const v = kv();
    const [best] = v.analogy('man', 'king', 'woman');
    expect(best.word).toBe('queen');
    // q = king/|king| - man + woman = (1/√2 - 1, 1, 1/√2); cos(queen, q) by hand:
    const q = [Math.SQRT1_2 - 1, 1, Math.SQRT1_2];
    const qn = Math.hypot(...q);
    expect(best.score).toBeCloseTo((q[1] + q[2]) / (Math.SQRT2 * qn), 6);
    // woman : queen :: man : king.
    expect(v.analogy('woman', 'queen', 'man')[0].word).toBe('king');
    // Without exclusion the answer to man : king :: king : ? would be king itself.
    const twice = v.analogy('man', 'king', 'king', 5).map((h) => h.word);
    expect(twice).not.toContain('king');
    expect(twice).not.toContain('man');
    expect(twice).toHaveLength(WORDS.length - 2);
  });

  it('finds neighbours of an arbitrary vector and validates its length', () => {
    expect(kv().mostSimilarToVector([0, 2, 0], 1)[0].word).toBe('woman');
    expect(kv().mostSimilarToVector([0, 2, 0], 1, [1])[0].word).toBe('queen');
    expect(() => kv().mostSimilarToVector([0, 1], 1)).toThrow(/2 values, not 3/);
    expect(() => kv().mostSimilar('king', -1)).toThrow(/topn/);
    expect(() => kv().mostSimilar('king', 1.5)).toThrow(/topn/);
  });

  it('throws OutOfVocabularyError naming every missing word', () => {
    const v = kv();
    expect(() => v.mostSimilar('prince')).toThrow(OutOfVocabularyError);
    expect(() => v.mostSimilar('prince')).toThrow(/"prince" is not in the vocabulary \(6 words/);
    try {
      v.analogy('prince', 'king', 'duchess');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OutOfVocabularyError);
      expect((e as OutOfVocabularyError).words).toEqual(['prince', 'duchess']);
      expect((e as Error).message).toMatch(/"prince", "duchess" are not/);
    }
    expect(() => v.similarity('man', 'boy')).toThrow(/"boy"/);
    expect(v.has('man')).toBe(true);
    expect(v.has('boy')).toBe(false);
  });

  it('caches unit rows until refresh(), and checks its inputs', () => {
    const v = kv();
    expect(v.mostSimilar('apple', 1)[0].word).not.toBe('nothing');
    v.vectors.set([5, 5, 5], 5 * 3);
    expect(v.similarity('apple', 'nothing')).toBe(0); // cached: still the zero row
    v.refresh();
    expect(v.similarity('man', 'nothing')).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(Array.from(v.getVector('nothing'))).toEqual([5, 5, 5]);
    expect(() => new KeyedVectors(new Float32Array(5), 3, ['a', 'b'])).toThrow(/5 values/);
    expect(() => new KeyedVectors(new Float32Array(4), 2, ['a', 'a'])).toThrow(/"a" appears twice/);
    expect(() => new KeyedVectors(new Float32Array(0), 0, [])).toThrow(/dim/);
  });

  it('never returns NaN rows (a diverged run) as neighbours', () => {
    const v = new KeyedVectors(Float32Array.from([1, 0, NaN, NaN, 1, 0.1]), 2, ['a', 'b', 'c']);
    expect(v.mostSimilar('a', 2).map((h) => h.word)).toEqual(['c']);
    expect(v.similarity('a', 'b')).toBeNaN();
    expect(
      evaluate(v, {
        name: '',
        description: '',
        analogies: [],
        similarity: [
          { w1: 'a', w2: 'b', score: 1 },
          { w1: 'a', w2: 'c', score: 2 },
        ],
      }).similarity.spearman,
    ).toBeNaN();
  });
});

describe('spearman', () => {
  it('matches scipy.stats.spearmanr, ties ranked by their average', () => {
    // scipy 1.10: spearmanr([1,2,3,4,5],[5,6,7,8,7]).statistic = 0.8207826816681233
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    // spearmanr([3,1,2,2,5,4],[0.1,0.5,0.2,0.3,0.9,0.9]).statistic = 0.4411764705882353
    expect(spearman([3, 1, 2, 2, 5, 4], [0.1, 0.5, 0.2, 0.3, 0.9, 0.9])).toBeCloseTo(
      0.4411764705882353,
      12,
    );
    expect(Array.from(rankData([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 12);
    expect(spearman([1], [1])).toBeNaN();
    expect(spearman([1, 1], [1, 2])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow(/2 values against 1/);
    expect(() => spearman([1, NaN], [1, 2])).toThrow(/NaN/);
  });
});

describe('evaluate', () => {
  const set: EvaluationSet = {
    name: 'toy',
    description: 'hand-made',
    analogies: [
      { family: 'gender', a: 'man', b: 'king', c: 'woman', expected: 'queen' },
      { family: 'gender', a: 'woman', b: 'queen', c: 'man', expected: 'apple' }, // wrong: king
      { family: 'royal', a: 'man', b: 'prince', c: 'woman', expected: 'princess' }, // OOV
    ],
    similarity: [
      { w1: 'man', w2: 'king', score: 8 },
      { w1: 'king', w2: 'queen', score: 6 },
      { w1: 'man', w2: 'woman', score: 3 },
      { w1: 'man', w2: 'prince', score: 9 }, // OOV: skipped
    ],
  };

  it('reports top-1 accuracy over covered questions, coverage, families and Spearman', () => {
    const r = evaluate(kv(), set);
    expect(r.analogy).toMatchObject({ correct: 1, answered: 2, total: 3 });
    expect(r.analogy.accuracy).toBe(0.5);
    expect(r.analogy.coverage).toBeCloseTo(2 / 3, 12);
    expect(r.analogy.byFamily).toEqual({
      gender: { correct: 1, answered: 2, total: 2 },
      royal: { correct: 0, answered: 0, total: 1 },
    });
    expect(r.analogy.outcomes.map((o) => [o.predicted, o.correct])).toEqual([
      ['queen', true],
      ['king', false],
    ]);
    // Cosines 0.707, 0.5, 0 are in the judges' order 8 > 6 > 3: rho = 1.
    expect(r.similarity).toMatchObject({ used: 3, total: 4, coverage: 0.75 });
    expect(r.similarity.spearman).toBeCloseTo(1, 12);
  });

  it('gives NaN accuracy and zero coverage when no question is covered', () => {
    const r = evaluate(kv(), { ...set, analogies: [set.analogies[2]], similarity: [] });
    expect(r.analogy.accuracy).toBeNaN();
    expect(r.analogy.coverage).toBe(0);
    expect(r.similarity.spearman).toBeNaN();
    expect(r.similarity.coverage).toBe(0);
  });

  it('builds cyclic questions from pairs', () => {
    const q = analogyQuestionsFromPairs('plural', [
      ['ship', 'ships'],
      ['boat', 'boats'],
      ['man', 'men'],
    ]);
    expect(q.map((x) => [x.a, x.b, x.c, x.expected].join(' '))).toEqual([
      'ship ships boat boats',
      'boat boats man men',
      'man men ship ships',
    ]);
    expect(() => analogyQuestionsFromPairs('x', [['a', 'b']])).toThrow(/at least 2/);
  });
});

describe('buildEmbeddingVocab / encodeSentences', () => {
  const sentences = [
    ['the', 'whale', 'the', 'sea'],
    ['a', 'whale', 'the'],
    ['sea', 'whale', 'ship'],
  ];

  it('keeps words with count >= minCount, most frequent first, ties by first occurrence', () => {
    const v = buildEmbeddingVocab(sentences, { minCount: 2 });
    expect(v.words).toEqual(['the', 'whale', 'sea']);
    expect(Array.from(v.counts)).toEqual([3, 3, 2]);
    expect(v.index.get('sea')).toBe(2);
    expect(v.totalTokens).toBe(10);
    expect(v.keptTokens).toBe(8);
    expect(buildEmbeddingVocab(sentences, { minCount: 1, maxSize: 2 }).words).toEqual([
      'the',
      'whale',
    ]);
    expect(() => buildEmbeddingVocab(sentences, { minCount: 0 })).toThrow(/minCount/);
    expect(() => buildEmbeddingVocab(sentences, { maxSize: -1 })).toThrow(/maxSize/);
  });

  it('drops out-of-vocabulary words before windowing, and empty sentences', () => {
    const v = buildEmbeddingVocab(sentences, { minCount: 3 });
    const ids = encodeSentences([...sentences, ['a', 'ship']], v);
    expect(ids.map((s) => Array.from(s))).toEqual([[0, 1, 0], [1, 0], [1]]);
  });
});
