/**
 * The service's fit (toolkit.ts): the prefix-ordered n-grams are exactly the evaluation n-grams
 * of every order, and the shared counter holds the same counts as counting
 * `evaluationNgrams(train, k)` order by order (the straightforward way).
 */
import { describe, expect, test } from 'vitest';
import { evaluationNgrams, NgramCounter } from '../../../src/nlp';
import {
  buildModel,
  fitShared,
  prefixOrderedNgrams,
  scoreAll,
} from '../../../src/widgets/common/ngram-service/toolkit';

const key = (g: readonly string[]) => g.join(' ');
const multiset = (grams: Iterable<readonly string[]>) => {
  const m = new Map<string, number>();
  for (const g of grams) m.set(key(g), (m.get(key(g)) ?? 0) + 1);
  return m;
};

const sentences = [
  [],
  ['call'],
  ['call', 'me'],
  ['call', 'me', 'ishmael'],
  ['some', 'years', 'ago', 'never', 'mind', 'how', 'long'],
  ['the', 'the', 'the', 'the', 'the', 'the'],
];

describe('prefix-ordered n-grams', () => {
  test.each([1, 2, 3, 5])('the same multiset as evaluationNgrams for k = 1..%i', (maxOrder) => {
    const expected: string[][] = [];
    for (let k = 1; k <= maxOrder; k++) expected.push(...evaluationNgrams(sentences, k));
    const got = [...prefixOrderedNgrams(sentences, maxOrder)].flat();
    expect(got).toHaveLength(expected.length);
    expect(multiset(got)).toEqual(multiset(expected));
  });

  test('consecutive n-grams share prefixes (about one new word each)', () => {
    const grams = [...prefixOrderedNgrams([sentences[4]], 5)].flat();
    let fresh = 0;
    grams.forEach((g, i) => {
      const prev = grams[i - 1] ?? [];
      let shared = 0;
      while (shared < Math.min(prev.length, g.length - 1) && prev[shared] === g[shared]) shared++;
      fresh += g.length - shared;
    });
    const total = grams.reduce((a, g) => a + g.length, 0);
    expect(fresh).toBeLessThan(total / 2);
  });

  test('a bad order is refused', () => {
    expect(() => [...prefixOrderedNgrams(sentences, 0)]).toThrow(RangeError);
  });
});

describe('fitShared', () => {
  test('the same counts as counting evaluationNgrams order by order, with <UNK>', () => {
    const train = [...sentences, ['call', 'me', 'ahab'], ['call', 'the', 'whale']];
    const progress: number[][] = [];
    const shared = fitShared(train, 4, 2, (done, total) => progress.push([done, total]));
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    const lookup = (w: string) => shared.vocabulary.lookup(w);
    const plain = new NgramCounter();
    for (let k = 1; k <= 4; k++) plain.update([evaluationNgrams(train, k)], lookup);
    expect(shared.counter.N()).toBe(plain.N());
    expect(shared.counter.orderStats()).toEqual(plain.orderStats());
    for (let k = 1; k <= 4; k++) {
      for (const g of evaluationNgrams(train, k)) {
        const mapped = g.map(lookup);
        expect(shared.counter.count(mapped)).toBe(plain.count(mapped));
        expect(shared.counter.continuations(mapped.slice(0, -1))).toEqual(
          plain.continuations(mapped.slice(0, -1)),
        );
      }
    }
    expect(shared.counter.count(['<s>', 'call', 'me', '<UNK>'])).toBe(2); // ishmael, ahab
  });
});

describe('scoreAll', () => {
  const train = [
    ['call', 'me', 'ishmael'],
    ['call', 'me', 'ahab'],
    ['the', 'whale'],
  ];
  const shared = fitShared(train, 3, 1);
  test('MLE (zeros counted first): finite = the toolkit perplexity, else Infinity with the count', () => {
    const mle2 = buildModel(shared, 2, 'mle', null);
    const seen = evaluationNgrams([['call', 'me', 'ahab']], 2);
    expect(scoreAll(mle2, seen, true)).toEqual({
      perplexity: mle2.perplexity(seen),
      zeroProbability: 0,
    });
    expect(Number.isFinite(mle2.perplexity(seen))).toBe(true);
    const unseen = evaluationNgrams(
      [
        ['the', 'whale', 'me'],
        ['call', 'ahab'],
      ],
      2,
    );
    // (whale me), (me </s>) and (call ahab) were never seen in training.
    const zeros = unseen.filter((g) => mle2.score(g[1], [g[0]]) === 0).length;
    expect(zeros).toBe(3);
    expect(scoreAll(mle2, unseen, true)).toEqual({ perplexity: Infinity, zeroProbability: zeros });
    expect(scoreAll(mle2, unseen, false)).toEqual({ perplexity: Infinity, zeroProbability: zeros });
  });
  test('smoothed models: the toolkit perplexity, no zeros', () => {
    const kn = buildModel(shared, 3, 'kneser-ney', 0.75);
    const g = evaluationNgrams([['the', 'whale', 'me']], 3);
    expect(scoreAll(kn, g)).toEqual({ perplexity: kn.perplexity(g), zeroProbability: 0 });
  });
});
