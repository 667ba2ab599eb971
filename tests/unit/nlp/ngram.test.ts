/**
 * The n-gram toolkit (src/nlp/ngram) on a toy corpus, with the arithmetic in the comments.
 * NLTK 3.8 comparisons are in ngram.nltk.test.ts.
 *
 * Corpus: "a b" and "b a b"; order 2, so padBothEnds gives
 *   <s> a b </s>   and   <s> b a b </s>
 * Vocabulary (cutoff 1): <s>, a, b, </s>, <UNK>  (|V| = 5).
 * Unigram counts: <s> 2, a 2, b 3, </s> 2 (9 in all).
 * Bigram counts: <s> a 1, <s> b 1, a b 2, b </s> 2, b a 1.
 *   c(<s> •) = 2, c(a •) = 2, c(b •) = 3, c(</s> •) = 0.
 */
import { describe, expect, it } from 'vitest';
import {
  KneserNeyInterpolated,
  Laplace,
  Lidstone,
  MLE,
  NgramCounter,
  Vocabulary,
  countsTable,
  createLanguageModel,
  evaluationNgrams,
  everygrams,
  nextWordDistribution,
  padBothEnds,
  paddedEverygramPipeline,
  topK,
  type LanguageModel,
} from '../../../src/nlp';

const CORPUS = [
  ['a', 'b'],
  ['b', 'a', 'b'],
];

function fit<M extends LanguageModel>(lm: M, corpus = CORPUS): M {
  const { ngrams, vocab } = paddedEverygramPipeline(lm.order, corpus);
  lm.fit(ngrams, vocab);
  return lm;
}

describe('evaluationNgrams', () => {
  it('pads order-1 <s> on the left and ONE </s> on the right, so every order has the same targets', () => {
    expect(evaluationNgrams([['x', 'y']], 3)).toEqual([
      ['<s>', '<s>', 'x'],
      ['<s>', 'x', 'y'],
      ['x', 'y', '</s>'],
    ]);
    for (let n = 1; n <= 5; n++) {
      const targets = evaluationNgrams(CORPUS, n).map((g) => g[g.length - 1]);
      expect(targets).toEqual(['a', 'b', '</s>', 'b', 'a', 'b', '</s>']);
    }
    // NLTK-style padding scores n - 2 extra '</s>' per sentence.
    expect(everygrams(padBothEnds(['x', 'y'], 4), 4, 4)).toHaveLength(5);
    expect(evaluationNgrams([['x', 'y']], 4)).toHaveLength(3);
    expect(() => evaluationNgrams(CORPUS, 0)).toThrow(RangeError);
  });
});

describe('NgramCounter', () => {
  it('counts every order and computes continuation counts', () => {
    const lm = fit(new MLE(2));
    const c = lm.counts;
    expect(c.N()).toBe(9 + 7); // 9 unigrams + 7 bigrams
    expect(c.order).toBe(2);
    expect(c.count('b')).toBe(3);
    expect(c.count(['a', 'b'])).toBe(2);
    expect(c.count(['a', 'a'])).toBe(0);
    expect(c.contextTotal(['b'])).toBe(3);
    expect(countsTable(c, ['b'])).toEqual([
      { word: '</s>', count: 2, p: 2 / 3 },
      { word: 'a', count: 1, p: 1 / 3 },
    ]);
    // N1+(• a) = |{<s>, b}| = 2, N1+(• b) = |{<s>, a}| = 2, N1+(• </s>) = 1, N1+(• <s>) = 0;
    // N1+(• •) = 5 distinct bigrams.
    expect(['a', 'b', '</s>', '<s>'].map((w) => c.continuationCount([w]))).toEqual([2, 2, 1, 0]);
    expect(c.continuationTotal([])).toBe(5);
    expect(c.orderStats()).toEqual([
      { order: 1, types: 4, tokens: 9 },
      { order: 2, types: 5, tokens: 7 },
    ]);
    expect(() => c.update([['x' as unknown as string[]]])).toThrow(TypeError);
  });

  it('computes continuation counts from n-grams of one order only (no everygrams)', () => {
    const c = new NgramCounter([
      [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
        ['a', 'c'],
      ],
    ]);
    expect(c.count('c')).toBe(0); // no unigram was counted
    expect(c.continuationCount(['c'])).toBe(2); // after b and a
    expect(c.continuationCount(['b'])).toBe(1);
    expect(c.continuationTotal([])).toBe(3); // 3 distinct bigrams
    expect(c.continuations([])).toEqual([]); // the suffix nodes made for this have count 0
    expect(c.N()).toBe(4);
  });

  it('looks the context up in the vocabulary when asked to', () => {
    const lm = fit(new MLE(2), [['a', 'rare', 'a', 'b', 'b']]);
    const v = new Vocabulary(['a', 'a', 'b'], { unkCutoff: 1 });
    expect(countsTable(lm.counts, ['zzz'], v)).toEqual([]); // '<UNK>' was never counted
    expect(countsTable(lm.counts, ['a'], lm.vocab).map((r) => r.word)).toEqual(['rare', 'b']);
  });
});

describe('MLE, Laplace, Lidstone: hand-computed values', () => {
  it('MLE: c(h w) / c(h •), 0 in an unseen context', () => {
    const lm = fit(new MLE(2));
    expect(lm.score('b', ['a'])).toBe(1); // 2 / 2
    expect(lm.score('a', ['b'])).toBeCloseTo(1 / 3, 15); // 1 / 3
    expect(lm.score('</s>', ['b'])).toBeCloseTo(2 / 3, 15);
    expect(lm.score('a', ['</s>'])).toBe(0); // c(</s> •) = 0
    expect(lm.score('b')).toBeCloseTo(3 / 9, 15); // unigram
    expect(lm.score('b', ['x', 'y', 'a'])).toBe(1); // context cut to its last order-1 words
    expect(lm.logscore('a', ['a'])).toBe(-Infinity);
    // Evaluation "a b": P(a|<s>) P(b|a) P(</s>|b) = 1/2 · 1 · 2/3 = 1/3 over 3 n-grams.
    const test = evaluationNgrams([['a', 'b']], 2);
    expect(lm.entropy(test)).toBeCloseTo(Math.log2(3) / 3, 12);
    expect(lm.perplexity(test)).toBeCloseTo(3 ** (1 / 3), 12);
    // "b b": P(b|b) = 0, so infinite perplexity (never NaN).
    expect(lm.perplexity(evaluationNgrams([['b', 'b']], 2))).toBe(Infinity);
  });

  it('Laplace: (c + 1) / (c(h •) + |V|), |V| = 5', () => {
    const lm = fit(new Laplace(2));
    expect(lm.vocab.size).toBe(5);
    expect(lm.score('b', ['a'])).toBeCloseTo(3 / 7, 15); // (2 + 1) / (2 + 5)
    expect(lm.score('a', ['b'])).toBeCloseTo(2 / 8, 15); // (1 + 1) / (3 + 5)
    expect(lm.score('zebra', ['a'])).toBeCloseTo(1 / 7, 15); // <UNK>: (0 + 1) / (2 + 5)
    expect(lm.score('a', ['</s>'])).toBeCloseTo(1 / 5, 15); // unseen context: 1 / |V|
    expect(lm.score('b')).toBeCloseTo(4 / 14, 15); // (3 + 1) / (9 + 5)
  });

  it('Lidstone(0.5): (c + γ) / (c(h •) + |V| γ)', () => {
    const lm = fit(new Lidstone(0.5, 2));
    expect(lm.score('b', ['a'])).toBeCloseTo(2.5 / 4.5, 15);
    expect(lm.score('a', ['b'])).toBeCloseTo(1.5 / 5.5, 15);
    const p = lm.distribution(['b']);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    expect(p[lm.vocab.index('a')]).toBeCloseTo(1.5 / 5.5, 15);
  });
});

describe('KneserNeyInterpolated', () => {
  // Unigram level (continuation counts, d = 0.1): N1+(• •) = 5, 3 words with N1+ > 0, so
  // λ(ε) = 0.1 · 3 / 5 = 0.06 and P(w) = max(N1+(• w) − 0.1, 0) / 5 + 0.06 · 1/5:
  //   P(a) = P(b) = 1.9/5 + 0.012 = 0.392, P(</s>) = 0.9/5 + 0.012 = 0.192,
  //   P(<s>) = P(<UNK>) = 0.012;  sum = 0.784 + 0.192 + 0.024 = 1.
  it('bigram: hand-computed values', () => {
    const lm = fit(new KneserNeyInterpolated(2, { discount: 0.1 }));
    expect(lm.score('a', ['</s>'])).toBeCloseTo(0.392, 15); // unseen context: the unigram level
    expect(lm.score('</s>', ['</s>'])).toBeCloseTo(0.192, 15);
    expect(lm.score('<s>', ['</s>'])).toBeCloseTo(0.012, 15);
    expect(lm.score('zebra', ['</s>'])).toBeCloseTo(0.012, 15); // <UNK>
    // Context b: c(b •) = 3, 2 distinct, λ(b) = 0.1 · 2 / 3.
    expect(lm.score('a', ['b'])).toBeCloseTo(0.9 / 3 + (0.2 / 3) * 0.392, 15); // 0.32613…
    expect(lm.score('</s>', ['b'])).toBeCloseTo(1.9 / 3 + (0.2 / 3) * 0.192, 15);
    expect(lm.score('b', ['b'])).toBeCloseTo((0.2 / 3) * 0.392, 15);
    expect(lm.alphaGamma('a', ['b'])).toEqual({ alpha: 0.9 / 3, gamma: 0.2 / 3 });
    expect(lm.alphaGamma('a', ['</s>'])).toEqual({ alpha: 0, gamma: 1 });
  });

  it('order 1 uses raw counts, interpolated with the uniform distribution', () => {
    const lm = fit(new KneserNeyInterpolated(1, { discount: 0.1 }));
    // No padding at order 1: c(a) = 2, c(b) = 3 of 5; 2 distinct words; V = {a, b, <UNK>}.
    // P(b) = (3 − 0.1) / 5 + 0.1 · 2 / 5 · 1/3 (NLTK would use continuation counts, here none).
    expect(lm.score('b')).toBeCloseTo(2.9 / 5 + 0.2 / 15, 15);
    expect(lm.score('zebra')).toBeCloseTo(0.2 / 15, 15);
    expect(lm.score('a') + lm.score('b') + lm.score('<UNK>')).toBeCloseTo(1, 15);
  });

  it('trigram: a lower-order λ counts words with a continuation count, not raw continuations', () => {
    const lm = fit(new KneserNeyInterpolated(3, { discount: 0.5 }));
    const c = lm.counts;
    // Padded: <s> <s> a b </s> </s>, <s> <s> b a b </s> </s>. Context '<s>' (bigram level):
    // raw continuations <s>, a, b but N1+(• <s> <s>) = 0 (the first <s> has no left neighbour):
    // N1+(• <s> a) = 1, N1+(• <s> b) = 1, so λ(<s>) = 0.5 · 2 / 2 (NLTK: 0.5 · 3 / 2).
    expect(c.continuations(['<s>']).length).toBe(3);
    expect(lm.alphaGamma('a', ['<s>'])).toEqual({ alpha: 0.5 / 2, gamma: 0.5 });
    for (const ctx of [
      [],
      ['<s>'],
      ['<s>', '<s>'],
      ['b', 'a'],
      ['a', 'b'],
      ['zebra', 'b'],
      ['q', 'r'],
    ]) {
      const p = lm.distribution(ctx);
      expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 13);
      expect(Math.min(...p)).toBeGreaterThan(0);
      lm.vocab.words.forEach((w, i) => expect(p[i]).toBeCloseTo(lm.score(w, ctx), 15));
    }
  });

  it('sums to 1 over the vocabulary for seen and unseen contexts on a larger text', () => {
    const words = 'the cat sat on the mat the dog sat on the log a cat saw the dog'.split(' ');
    const sents = [words.slice(0, 6), words.slice(6, 12), words.slice(12), ['the', 'cat', 'ate']];
    for (const order of [2, 3, 4]) {
      const lm = fit(new KneserNeyInterpolated(order, { discount: 0.75 }), sents);
      for (let i = 0; i + order - 1 <= words.length; i += 2) {
        const ctx = words.slice(i, i + order - 1);
        const sum = lm.vocab.words.reduce((s, w) => s + lm.score(w, ctx), 0);
        expect(sum).toBeCloseTo(1, 13);
      }
      const unseen = lm.vocab.words.reduce((s, w) => s + lm.score(w, ['mat', 'mat', 'mat']), 0);
      expect(unseen).toBeCloseTo(1, 13);
    }
  });
});

describe('shared vocabulary and counter', () => {
  it('models of lower orders score from one counter fitted at a higher order', () => {
    const big = fit(new MLE(3));
    const opts = { vocabulary: big.vocab, counter: big.counts };
    const bigram = new MLE(2, opts);
    // Order-3 padding counts 2 <s> and 2 </s> per sentence: c(b •) = 3 still, c(a b) = 2.
    expect(bigram.score('b', ['<s>', 'a'])).toBe(1);
    const models = (['mle', 'laplace', 'lidstone', 'kneser-ney'] as const).flatMap((m) =>
      [1, 2, 3].map((n) => createLanguageModel(m, n, opts)),
    );
    expect(models).toHaveLength(12);
    for (const lm of models) {
      expect(lm.counts).toBe(big.counts);
      expect(Number.isFinite(lm.score('b', ['a']))).toBe(true);
    }
  });
});

describe('fitSentences', () => {
  it('counts exactly what fit(paddedEverygramPipeline(...)) counts', () => {
    const sents = [['x', 'y', 'x'], ['y'], [], ['z', 'x', 'y', 'y', 'x']];
    for (const order of [1, 2, 3, 5]) {
      const a = fit(
        new KneserNeyInterpolated(order, { vocabulary: new Vocabulary({ unkCutoff: 2 }) }),
        sents,
      );
      const b = new KneserNeyInterpolated(order, { vocabulary: new Vocabulary({ unkCutoff: 2 }) });
      b.fitSentences(sents);
      expect(b.vocab.words).toEqual(a.vocab.words);
      expect(b.counts.N()).toBe(a.counts.N());
      expect(b.counts.orderStats()).toEqual(a.counts.orderStats());
      for (const g of paddedEverygramPipeline(order, sents).ngrams.flat()) {
        const looked = a.vocab.lookup(g);
        expect(b.counts.count(looked)).toBe(a.counts.count(looked));
      }
      const test = evaluationNgrams([['x', 'z', 'y', 'q']], order);
      expect(b.perplexity(test)).toBe(a.perplexity(test));
    }
    expect(() => new MLE(2).fitSentences([])).toThrow(/no sentences/);
  });
});

describe('explorer helpers', () => {
  it('nextWordDistribution and topK sort by probability, ties in vocabulary order', () => {
    const lm = fit(new MLE(2));
    expect(nextWordDistribution(lm, ['b'], 2)).toEqual([
      { word: '</s>', p: 2 / 3 },
      { word: 'a', p: 1 / 3 },
    ]);
    expect(nextWordDistribution(lm, ['b'])).toHaveLength(5);
    expect(topK(['x', 'y', 'z'], [0.2, 0.5, 0.2], 3).map((r) => r.word)).toEqual(['y', 'x', 'z']);
    expect(topK(['x'], [1], 0)).toEqual([]);
    expect(() => topK(['x'], [1, 2], 1)).toThrow(RangeError);
  });
});

describe('generate', () => {
  it('is reproducible with a seed, follows textSeed, and is greedy at temperature 0', () => {
    const lm = fit(new KneserNeyInterpolated(2));
    const a = lm.generate(20, { randomSeed: 7 });
    expect(lm.generate(20, { randomSeed: 7 })).toEqual(a);
    expect(a).toHaveLength(20);
    for (const w of a) expect(lm.vocab.has(w)).toBe(true);
    const seeds = new Set([1, 2, 3, 4, 5].map((s) => lm.generate(20, { randomSeed: s }).join(' ')));
    expect(seeds.size).toBeGreaterThan(1);
    // After 'a' only 'b' was seen (NLTK samples from the seen continuations).
    for (let s = 0; s < 10; s++)
      expect(lm.generate(1, { textSeed: ['b', 'a'], randomSeed: s })).toEqual(['b']);
    // Temperature 0: after 'b' the most probable is '</s>' (0.646 vs 0.326).
    expect(lm.generate(1, { textSeed: ['b'], temperature: 0 })).toEqual(['</s>']);
    // A high temperature flattens: 'a' after 'b' comes up far more often than at T = 1.
    const count = (t: number): number =>
      Array.from({ length: 400 }, (_, s) =>
        lm.generate(1, { textSeed: ['b'], randomSeed: s, temperature: t }),
      ).filter((w) => w[0] === 'a').length;
    expect(count(5)).toBeGreaterThan(count(1) + 40);
    // The whole vocabulary as support can produce words never seen after the context.
    const full = new Set(
      Array.from(
        { length: 200 },
        (_, s) => lm.generate(1, { textSeed: ['a'], randomSeed: s, support: 'vocabulary' })[0],
      ),
    );
    expect(full.size).toBeGreaterThan(2);
    expect(() => lm.generate(1, { temperature: -1 })).toThrow(RangeError);
    expect(() => lm.generate(1.5)).toThrow(RangeError);
    expect(lm.generate(0)).toEqual([]);
  });
});

describe('errors', () => {
  it('rejects bad orders and parameters with clear messages', () => {
    expect(() => new MLE(0)).toThrow(/order must be an integer >= 1/);
    expect(() => new MLE(2.5)).toThrow(RangeError);
    expect(() => new Lidstone(0, 2)).toThrow(/gamma/);
    expect(() => new Lidstone(-1, 2)).toThrow(RangeError);
    expect(() => new Lidstone(NaN, 2)).toThrow(RangeError);
    expect(() => new KneserNeyInterpolated(2, { discount: 0 })).toThrow(/discount/);
    expect(() => new KneserNeyInterpolated(2, { discount: 1 })).toThrow(RangeError);
    expect(() => new KneserNeyInterpolated(2, { discount: NaN })).toThrow(RangeError);
    expect(() => new Vocabulary({ unkCutoff: 0 })).toThrow(RangeError);
    expect(() => new Vocabulary().update('abc')).toThrow(TypeError);
    expect(() => createLanguageModel('witten-bell' as 'mle', 2)).toThrow(/unknown method/);
  });

  it('fit on nothing, scoring before fit, and empty evaluation text throw', () => {
    expect(() => new MLE(2).fit([])).toThrow(/without a vocabulary/);
    expect(() => new MLE(2).fit([], [])).toThrow(/vocabulary text is empty/);
    expect(() => new MLE(2).fit([[]], ['a'])).toThrow(/no n-gram/);
    const unfitted = new KneserNeyInterpolated(2);
    expect(() => unfitted.score('a')).toThrow(/call fit\(\) first/);
    expect(() => unfitted.perplexity([['a', 'b']])).toThrow(/call fit\(\) first/);
    expect(() => unfitted.generate(3)).toThrow(/call fit\(\) first/);
    const lm = fit(new MLE(2));
    expect(() => lm.perplexity([])).toThrow(/no n-grams/);
    expect(() => lm.entropy([[]])).toThrow(TypeError);
  });

  it('unknown and odd words are looked up as <UNK>, not lost', () => {
    const lm = fit(new Laplace(2), [['naïve', '東京', '😀', 'a'], ['a']]);
    expect(lm.vocab.has('東京')).toBe(true);
    expect(lm.score('😀', ['東京'])).toBeCloseTo(2 / (1 + lm.vocab.size), 15);
    expect(lm.score('unseen', ['😀'])).toBe(lm.score('<UNK>', ['😀']));
    expect(Number.isFinite(lm.perplexity(evaluationNgrams([['', '\u0000', 'a']], 2)))).toBe(true);
  });
});
