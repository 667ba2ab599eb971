import { describe, expect, it, vi } from 'vitest';
import { evaluationNgrams, Vocabulary, padBothEnds } from '../../../src/nlp';
import { evaluationSubset } from '../../../src/widgets/common/ngram-service/subset';
import { encodeSplit, fitLmVocabulary } from '../../../src/widgets/neural-lm/prepare';
import { baselineLines } from '../../../src/widgets/neural-lm/LmCharts';
import { sampleSentences } from '../../../src/widgets/neural-lm/Samples';
import { NgramBaselines } from '../../../src/widgets/neural-lm/baselines';

/** The page's n-gram service, faked: perplexity = 100 * order (+1 for Laplace, +2 for KN). */
const service = vi.hoisted(() => ({
  calls: [] as unknown[],
  released: 0,
  fail: false,
  ready: async () => ({ vocabSize: 9, heldoutTargets: 40 }),
  perplexity: async (a: { order: number; method: string }) => {
    service.calls.push(a);
    if (service.fail) throw new Error('the worker stopped');
    const add = { mle: 0, laplace: 1, 'kneser-ney': 2 }[a.method] ?? NaN;
    return { perplexity: 100 * a.order + add };
  },
}));
vi.mock('../../../src/widgets/common/ngram-service', () => ({
  acquireNgramService: () => ({ service, release: () => service.released++ }),
}));

const TRAIN = [
  ['call', 'me', 'ishmael'],
  ['call', 'me', 'ahab'],
  ['the', 'whale', 'me'],
];
const HELD = [
  ['call', 'the', 'whale'],
  ['moby', 'dick', 'me', 'call'],
];

describe('neural LM data preparation', () => {
  it('fits the same vocabulary as the n-gram service (padBothEnds(s, 5), unkCutoff)', () => {
    const vocab = fitLmVocabulary(TRAIN, 2);
    const reference = new Vocabulary({ unkCutoff: 2 });
    for (const s of TRAIN) reference.update(padBothEnds(s, 5));
    expect(vocab.words).toEqual(reference.words);
    expect(vocab.words).toEqual(expect.arrayContaining(['<s>', '</s>', '<UNK>', 'call', 'me']));
    expect(vocab.words).not.toContain('ishmael'); // seen once < cutoff 2
    expect(vocab.lookup('ishmael')).toBe('<UNK>');
    expect(vocab.lookup('me')).toBe('me');
  });

  it('encodes exactly the targets of evaluationNgrams, after lookup, for every order', () => {
    const vocab = fitLmVocabulary(TRAIN, 2);
    for (const c of [1, 2, 3, 4]) {
      const enc = encodeSplit(HELD, vocab, c);
      const grams = evaluationNgrams(HELD, c + 1).map((g) => g.map(vocab.lookup));
      // Every word plus one '</s>' per sentence: the same N at every order.
      expect(enc.total).toBe(3 + 4 + 2);
      expect(enc.targets.length).toBe(grams.length);
      expect(Array.from(enc.targets, (id) => vocab.words[id])).toEqual(grams.map((g) => g[c]));
      expect(Array.from(enc.contexts.subarray(0, c), (id) => vocab.words[id])).toEqual(
        new Array(c).fill('<s>'),
      );
    }
  });

  it('a seeded subset picks the same targets as the n-gram service subset', () => {
    const vocab = fitLmVocabulary(TRAIN, 2);
    const all = encodeSplit(HELD, vocab, 2);
    const sub = encodeSplit(HELD, vocab, 2, { kind: 'subset', size: 4, seed: 9 });
    const idx = evaluationSubset(all.total, 4, 9);
    expect(sub.targets.length).toBe(4);
    expect(Array.from(sub.targets)).toEqual(idx.map((i) => all.targets[i]));
    // Target i is the same word at every order, so the subset serves every order.
    const sub3 = encodeSplit(HELD, vocab, 3, { kind: 'subset', size: 4, seed: 9 });
    expect(Array.from(sub3.targets)).toEqual(Array.from(sub.targets));
  });
});

describe('neural LM widget helpers', () => {
  it('draws only finite baselines (MLE may be Infinity, never NaN)', () => {
    expect(baselineLines(null)).toEqual([]);
    const lines = baselineLines({
      order: 3,
      mle: Infinity,
      laplace: 812.4,
      kneserNey: 231.7,
      error: null,
    });
    expect(lines.map((l) => l.y)).toEqual([231.7, 812.4]);
    expect(lines[0].label).toBe('3-gram Kneser-Ney 232');
    expect(
      baselineLines({ order: 2, mle: 95, laplace: null, kneserNey: null, error: null }),
    ).toEqual([{ y: 95, label: '2-gram MLE 95' }]);
  });

  it('splits a sample into sentences at </s>', () => {
    expect(sampleSentences(['the', 'whale', '</s>', 'call', 'me'])).toEqual([
      'the whale </s>',
      'call me …',
    ]);
    expect(sampleSentences(['</s>'])).toEqual(['</s>']);
    expect(sampleSentences([])).toEqual([]);
  });
});

describe('neural LM n-gram baselines', () => {
  it('asks once per order and targets, drops superseded answers, reports failures, releases', async () => {
    const b = new NgramBaselines('/');
    const subset = { kind: 'subset', size: 5, seed: 1 } as const;
    const first = b.request(3, subset);
    const second = b.request(2, subset); // supersedes the order-3 request
    await Promise.all([first, second]);
    expect(b.getState().baselines).toEqual({
      order: 2,
      mle: 200,
      laplace: 201,
      kneserNey: 202,
      error: null,
    });
    expect(b.getState().corpus).toMatchObject({ vocabSize: 9 });
    const asked = service.calls.length;
    await b.request(2, { ...subset }); // same order and targets: kept, not asked again
    expect(service.calls.length).toBe(asked);
    service.fail = true;
    await b.request(2, { kind: 'all' });
    expect(b.getState().baselines?.error).toBe(
      'The n-gram baselines are unavailable: the worker stopped',
    );
    service.fail = false;
    b.dispose();
    b.dispose();
    expect(service.released).toBe(1);
  });
});
