/**
 * The n-gram service without a Worker: context reading, the engine on a toy corpus (hand-checked
 * counts and probabilities), the worker's API, and the client's superseding over the book's
 * worker RPC on a MessageChannel.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { MobyDickCorpus } from '../../../src/data';
import { evaluationNgrams } from '../../../src/nlp';
import {
  createNgramClient,
  evaluationSubset,
  isSuperseded,
} from '../../../src/widgets/common/ngram-service';
import type { CallKind, NgramWorkerApi } from '../../../src/widgets/common/ngram-service';
import { lastSentenceTokens, readContext } from '../../../src/widgets/common/ngram-service/context';
import { NgramEngine, sample, splitsOf } from '../../../src/widgets/common/ngram-service/engine';
import { createNgramApi } from '../../../src/widgets/common/ngram-service/handler';
import { channelWorker, closeChannelWorkers, type ChannelWorker } from './channelWorker';

// Train: "the cat sat." / "the cat ran." / "the dog sat." ; held out: "the cat sat." / "a dog ran."
const corpus: MobyDickCorpus = {
  name: 'toy',
  sections: [
    { title: 'one', text: 'The cat sat. The cat ran. The dog sat.', split: 'train' },
    { title: 'two', text: 'The cat sat. A dog ran.', split: 'heldout' },
  ],
};
const engine = () => NgramEngine.fit(splitsOf(corpus), 1);

describe('reading the typed context', () => {
  test('lowercases, drops punctuation, keeps the last open sentence', () => {
    expect(lastSentenceTokens('Call me Ishmael. Some years AGO,')).toEqual({
      tokens: ['some', 'years', 'ago'],
      newSentence: false,
    });
    expect(lastSentenceTokens('The whale!')).toEqual({ tokens: [], newSentence: true });
    expect(lastSentenceTokens('')).toEqual({ tokens: [], newSentence: true });
    expect(lastSentenceTokens('   \n ')).toEqual({ tokens: [], newSentence: true });
  });

  test('pads with <s>, keeps n-1 words and marks unknown words as <UNK>', () => {
    const vocab = new Set(['the', 'white', 'whale']);
    const has = (w: string) => vocab.has(w);
    expect(readContext('The white', 3, has).used).toEqual(['the', 'white']);
    expect(readContext('white', 3, has).used).toEqual(['<s>', 'white']);
    expect(readContext('the whale. ', 3, has).used).toEqual(['<s>', '<s>']);
    const r = readContext('the Pequod sails', 3, has);
    expect(r.used).toEqual(['<UNK>', '<UNK>']);
    expect(r.unknown).toEqual(['pequod', 'sails']);
    expect(readContext('anything', 1, has).used).toEqual([]);
    expect(() => readContext('x', 0, has)).toThrow(RangeError);
  });

  test('odd input: emoji, combining marks, a huge text', () => {
    const has = () => true;
    expect(readContext('🐋🐋 café', 2, has).used).toEqual(['café']);
    expect(readContext('cafe\u0301', 2, has).used).toEqual(['café']);
    const huge = 'the sea '.repeat(200_000) + 'and the';
    expect(readContext(huge, 3, has).used).toEqual(['and', 'the']);
  });
});

describe('the engine on a toy corpus', () => {
  test('corpus facts', () => {
    const info = engine().info;
    expect(info.trainTokens).toBe(9);
    expect(info.heldoutTokens).toBe(6);
    expect(info.heldoutTargets).toBe(8); // 6 words + one </s> per sentence
    // words: the cat sat ran dog (5) + <s> </s> + <UNK>
    expect(info.vocabSize).toBe(8);
    expect(info.heldoutUnk).toBe(1); // "a"
  });

  test('counts per order: sentence starts are not diluted by extra padding', () => {
    const c = engine().counts({ order: 3, context: 'the', k: 8 });
    // n=1: 9 words + 3 </s> = 12 tokens; n=2: "the" seen 3 times (cat 2, dog 1);
    // n=3: "<s> the" seen 3 times: the trigram counts use 2 pads, exactly the evaluation events.
    expect(c.rows.map((r) => [r.contextCount, r.distinct])).toEqual([
      [12, 6],
      [3, 2],
      [3, 2],
    ]);
    expect(c.rows[1].continuations).toEqual([
      { word: 'cat', count: 2 },
      { word: 'dog', count: 1 },
    ]);
    expect(engine().counts({ order: 3, context: 'dog cat' }).rows[2].contextCount).toBe(0);
  });

  test('distributions: MLE by hand, smoothed ones sum to 1, MLE on an unseen context is empty', () => {
    const e = engine();
    const d = e.distribution({ order: 2, method: 'mle', context: 'the cat', k: 3 });
    // c(cat sat) = 1, c(cat ran) = 1, c(cat •) = 2
    expect(d.top).toEqual([
      { word: 'sat', p: 0.5 },
      { word: 'ran', p: 0.5 },
    ]);
    expect(d.total).toBeCloseTo(1, 12);
    for (const method of ['laplace', 'lidstone', 'kneser-ney'] as const) {
      const s = e.distribution({ order: 3, method, context: 'dog cat', k: 50 });
      expect(s.total).toBeCloseTo(1, 9);
      expect(s.top.reduce((a, w) => a + w.p, 0) + s.rest).toBeCloseTo(1, 9);
    }
    const unseen = e.distribution({ order: 3, method: 'mle', context: 'dog cat' });
    expect(unseen.total).toBe(0);
    expect(unseen.top).toEqual([]);
    // Laplace bigram: (c(the cat) + 1) / (c(the •) + V) = 3 / 11
    const lap = e.distribution({ order: 2, method: 'laplace', context: 'the', k: 1 });
    expect(lap.top[0]).toEqual({ word: 'cat', p: 3 / 11 });
  });

  test('perplexity: the toolkit value on the evaluation targets; MLE infinite, never NaN', () => {
    const e = engine();
    const held = splitsOf(corpus).heldout;
    const uni = e.perplexity({ order: 1, method: 'mle' });
    // Unigram MLE: held-out "a" is <UNK>, which has count 0 in training, so P = 0 once.
    expect(uni.perplexity).toBe(Infinity);
    expect(uni.zeroProbability).toBe(1);
    const lap = e.perplexity({ order: 2, method: 'laplace' });
    expect(Number.isFinite(lap.perplexity)).toBe(true);
    expect(lap.targets).toBe(evaluationNgrams(held, 2).length);
    const sub = e.perplexity({
      order: 2,
      method: 'laplace',
      targets: { kind: 'subset', size: 3, seed: 7 },
    });
    expect(sub.targets).toBe(3);
    expect(() => e.perplexity({ order: 6, method: 'mle' })).toThrow(/1 to 5/);
    expect(() => e.perplexity({ order: 2, method: 'kneser-ney', param: 1 })).toThrow(/discount/);
    expect(() =>
      e.perplexity({ order: 2, method: 'mle', targets: { kind: 'ngrams', ngrams: [['a']] } }),
    ).toThrow(/2 words/);
  });

  test('generation: seeded, reproducible, restarts after </s>, greedy at low temperature', () => {
    const e = engine();
    const args = {
      order: 2,
      method: 'kneser-ney' as const,
      numWords: 30,
      seed: 3,
      textSeed: 'the',
    };
    const a = e.generate(args);
    expect(e.generate(args).words).toEqual(a.words);
    expect(a.words).toHaveLength(30);
    expect(a.words).not.toContain('<s>');
    const greedy = e.generate({ ...args, method: 'mle', temperature: 0.001, numWords: 3 });
    expect(greedy.words).toEqual(['cat', 'sat', '</s>']); // ties: first in vocabulary order
    expect(greedy.sentences).toEqual([{ words: ['cat', 'sat'], closed: true }]);
    expect(e.generate({ ...args, method: 'mle', textSeed: 'dog cat', order: 3 }).words).toEqual([]);
    expect(() => e.generate({ ...args, temperature: 0 })).toThrow(/temperature/);
  });
});

describe('sampling and subsets', () => {
  test('sample follows the weights and temperature', () => {
    expect(sample([0.2, 0.8], 1, 0.1)).toBe(0);
    expect(sample([0.2, 0.8], 1, 0.3)).toBe(1);
    expect(sample([0.2, 0.8], 0.001, 0.1)).toBe(1);
    expect(sample([0, 0], 1, 0.5)).toBe(-1);
    // T = 2: weights sqrt(.2), sqrt(.8) = 1 : 2, so u = 0.34 falls in the second.
    expect(sample([0.2, 0.8], 2, 0.34)).toBe(1);
    expect(sample([0.2, 0.8], 2, 0.32)).toBe(0);
  });
  test('evaluationSubset is seeded, sorted and distinct', () => {
    const a = evaluationSubset(1000, 50, 1);
    expect(a).toEqual(evaluationSubset(1000, 50, 1));
    expect(a).not.toEqual(evaluationSubset(1000, 50, 2));
    expect(new Set(a).size).toBe(50);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(evaluationSubset(5, 10, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(() => evaluationSubset(5, 0, 1)).toThrow(RangeError);
  });
});

afterEach(closeChannelWorkers);

/**
 * The worker's API served on a MessageChannel, and a client over it. `sent` lists the calls that
 * reached the worker; `workers` the fake workers started (a new one after a crash).
 */
function inProcess(loadCorpus = async () => corpus) {
  const sent: CallKind[] = [];
  const workers: ChannelWorker[] = [];
  const connect = () => {
    const api = createNgramApi({ loadCorpus, unkCutoff: 1, yieldNow: async () => {} });
    const counted = Object.fromEntries(
      Object.entries(api).map(([kind, fn]: [string, (...a: unknown[]) => unknown]) => [
        kind,
        (...args: unknown[]) => {
          sent.push(kind as CallKind);
          return fn(...args);
        },
      ]),
    ) as unknown as NgramWorkerApi;
    const worker = channelWorker(counted);
    workers.push(worker);
    return worker.endpoint;
  };
  return { client: createNgramClient(connect, 'http://x/'), sent, workers };
}

describe('the worker API and the client', () => {
  test('queries before load fail clearly; errors reject with the message', async () => {
    const api = createNgramApi({ loadCorpus: async () => corpus, unkCutoff: 1 });
    await expect(api.counts({ order: 2, context: 'the' })).rejects.toThrow(/ready\(\)/);
    await api.load('/');
    await expect(api.perplexity({ order: 9, method: 'mle' })).rejects.toThrow(/order/);
    // Over the RPC, the message (and the class) reach the page.
    const { client } = inProcess();
    const err = await client.perplexity({ order: 9, method: 'mle' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toMatch(/order/);
  });

  test('perplexity table: 20 cells with progress, the current parameters', async () => {
    const { client } = inProcess();
    const progress: number[] = [];
    const cells = await client.perplexityTable(
      { lidstone: 0.5, kneserNey: 0.5 },
      { onProgress: (p) => progress.push(p.done) },
    );
    expect(cells).toHaveLength(20);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(cells.filter((c) => c.method === 'kneser-ney').every((c) => c.param === 0.5)).toBe(true);
    expect(cells.some((c) => Number.isNaN(c.perplexity))).toBe(false);
    expect(
      cells.filter((c) => c.method !== 'mle').every((c) => Number.isFinite(c.perplexity)),
    ).toBe(true);
  });

  test('a newer superseding call replaces the waiting one', async () => {
    const { client, sent } = inProcess();
    await client.ready();
    const a = client.distribution({ order: 2, method: 'mle', context: 'the' }, { supersede: true });
    const b = client.distribution(
      { order: 2, method: 'mle', context: 'the cat' },
      { supersede: true },
    );
    const c = client.distribution(
      { order: 2, method: 'mle', context: 'the dog' },
      { supersede: true },
    );
    const [ra, rb, rc] = await Promise.allSettled([a, b, c]);
    // a was in flight when c arrived: stale, superseded; b never reached the worker.
    expect(ra.status === 'rejected' && isSuperseded(ra.reason)).toBe(true);
    expect(rb.status === 'rejected' && isSuperseded(rb.reason)).toBe(true);
    expect(rc.status === 'fulfilled' && rc.value.context.used).toEqual(['dog']);
    expect(sent.filter((kind) => kind === 'distribution')).toHaveLength(2);
    // Without `supersede`, every call is answered.
    const all = await Promise.all([
      client.perplexity({ order: 2, method: 'laplace' }),
      client.perplexity({ order: 2, method: 'kneser-ney' }),
    ]);
    expect(all.map((r) => r.method)).toEqual(['laplace', 'kneser-ney']);
  });

  test('a failed load rejects with the reason and ready() tries again', async () => {
    let fail = true;
    const { client } = inProcess(async () => {
      if (fail) throw new Error('Could not load the Moby Dick text (HTTP 404)');
      return corpus;
    });
    await expect(client.ready()).rejects.toThrow(/HTTP 404/);
    fail = false;
    await expect(client.ready()).resolves.toMatchObject({ trainTokens: 9 });
  });

  test('dispose rejects pending calls and refuses new ones', async () => {
    const { client } = inProcess();
    const p = client.ready();
    client.dispose();
    await expect(p).rejects.toThrow(/disposed/);
    await expect(client.ready()).rejects.toThrow(/disposed/);
  });

  test('ready() reports loading and counting before it answers', async () => {
    const { client } = inProcess();
    const phases: string[] = [];
    await client.ready({ onProgress: (p) => phases.push(p.phase) });
    expect(phases[0]).toBe('tokenize');
    expect(phases.at(-1)).toBe('count');
    expect(new Set(phases)).toEqual(new Set(['tokenize', 'count']));
  });

  test('a crashed worker rejects open calls with the reason; the next call starts afresh', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { client, workers } = inProcess(async () => {
      await gate;
      return corpus;
    });
    const loading = client.ready();
    await new Promise((r) => setTimeout(r, 5)); // the load reaches the worker
    workers[0].crash('out of memory');
    await expect(loading).rejects.toThrow('The n-gram worker stopped: out of memory');
    expect(workers[0].terminated).toBe(true);
    expect(client.running).toBe(false);
    release();
    await expect(client.ready()).resolves.toMatchObject({ trainTokens: 9 });
    expect(workers).toHaveLength(2);
    expect(workers[1].terminated).toBe(false);
  });
});
