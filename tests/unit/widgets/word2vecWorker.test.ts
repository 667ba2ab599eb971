/**
 * The word2vec widget's worker side under Node: the real task host and corpus API on the far end
 * of a MessageChannel (what ./word2vec.worker.ts serves), a small corpus served by a stubbed
 * fetch, and the widget's controller. The corpus is prepared in the model's worker and the same
 * worker trains on it; the probes (vectors, neighbours, analogies, evaluation) answer from the
 * worker; out-of-vocabulary words keep their error class; no tensor is left per step; unmount
 * terminates the worker.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromEmbeddingProjector, toEmbeddingProjector } from '../../../src/nlp/embeddingProjector';
import { OutOfVocabularyError } from '../../../src/nlp/embeddings';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks } from '../../../src/train/worker/host';
import { exposeWorker, type WorkerLike } from '../../../src/train/worker/rpc';
import { CORPUS_PORT_MESSAGE, word2vecWorkerStats } from '../../../src/widgets/word2vec/corpusPort';
import { corpusApi } from '../../../src/widgets/word2vec/corpusHost';
import { word2vecSchema, type Word2VecSettings } from '../../../src/widgets/word2vec/schema';
import { createWord2VecController } from '../../../src/widgets/word2vec/spec';
import type { EvaluationProbe } from '../../../src/widgets/word2vec/types';
import { askWorker, readAllVectors } from '../../../src/widgets/word2vec/useLiveVectors';
import { word2vecKind } from '../../../src/widgets/word2vec/workerKind';

const SENTENCES = [
  'The whale swam in the sea. The boat followed the whale.',
  'Ahab saw the whale from the boat. The sea was calm and the night was dark.',
  'He said his harpoon was ready. She said her boat was ready.',
];
const MOBY = {
  name: 'Moby Dick (test)',
  sections: [
    { title: 'One', text: Array(30).fill(SENTENCES.join('\n\n')).join('\n\n'), split: 'train' },
    { title: 'Two', text: 'Held out.', split: 'heldout' },
  ],
};

let fetches = 0;
beforeAll(async () => {
  await selectBackend('cpu');
  vi.stubGlobal('fetch', async (url: string) => {
    fetches++;
    if (!String(url).endsWith('data/moby-dick.json')) return new Response('no', { status: 404 });
    return new Response(JSON.stringify(MOBY), { headers: { 'content-type': 'application/json' } });
  });
});

/** A "worker" running what word2vec.worker.ts runs, in this process. */
function fakeWorker(): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const stop = serveTasks(
    port2 as never,
    { word2vec: async () => word2vecKind as never },
    { selectBackend: async () => selectBackend('cpu') },
  );
  port2.addEventListener('message', (e: MessageEvent) => {
    if (e.data?.nlpbook === CORPUS_PORT_MESSAGE) exposeWorker(corpusApi, e.data.port);
  });
  return {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: ((type: string, fn: never) => {
      if (type === 'message') port1.addEventListener('message', fn);
    }) as WorkerLike['addEventListener'],
    removeEventListener: ((type: string, fn: never) => {
      if (type === 'message') port1.removeEventListener('message', fn);
    }) as WorkerLike['removeEventListener'],
    start: () => port1.start(),
    terminate: () => {
      stop();
      port1.close();
      port2.close();
    },
  } as WorkerLike;
}

const settings = {
  ...(Object.fromEntries(
    Object.entries(word2vecSchema).map(([k, s]) => [k, s.default]),
  ) as unknown as Word2VecSettings),
  corpus: 'moby',
  minCount: 2,
  dim: 8,
  batch: 64,
  epochs: 2,
} satisfies Word2VecSettings;

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

function setup() {
  let spawned = 0;
  const made = createWord2VecController('http://book.test/', {
    create: () => {
      spawned++;
      return fakeWorker();
    },
    runnerOptions: { scheduler: new Scheduler(), checkpointEveryMs: 0 },
  });
  open.push(async () => {
    made.workers.dispose();
    await made.controller.dispose();
  });
  return { ...made, spawned: () => spawned };
}

describe('word2vec worker', () => {
  it('prepares the corpus in the model worker, which then trains on it and answers probes', async () => {
    const before = word2vecWorkerStats();
    const { controller, spawned } = setup();
    await controller.load(() => settings);
    const s = controller.getState();
    expect(s.phase).toBe('ready');
    const facts = s.data!.facts;
    expect(facts.name).toBe('moby');
    expect(facts.words[0]).toBe('the');
    expect(s.data!.index.get('whale')).toBe(facts.words.indexOf('whale'));
    expect(facts.words).not.toContain('held'); // the held-out section is not trained on
    expect(spawned()).toBe(1);
    const fetched = fetches;

    const runner = s.runner!;
    await runner.stepOnce();
    const mem = (await controller.workerMemory())!.numTensors;
    await runner.stepOnce();
    await runner.stepOnce();
    expect((await controller.workerMemory())!.numTensors).toBe(mem);
    // The same worker trains: no second worker, no second download.
    expect(spawned()).toBe(1);
    expect(fetches).toBe(fetched);
    expect(runner.getState().latest.effective_words).toBeGreaterThan(0);

    const task = controller.currentTask!;
    const ids = Int32Array.from([0, 1, 2]);
    const v = await task.call<{ vectors: Float32Array; dim: number }>('vectors', ids);
    expect(v.dim).toBe(8);
    expect(v.vectors).toBeInstanceOf(Float32Array);
    expect(v.vectors.length).toBe(24);

    const V = facts.words.length;
    const near = await askWorker(controller, V, 'mostSimilar', 'whale', 3);
    expect(near.map((w) => w.word)).not.toContain('whale');
    expect(near).toHaveLength(3);
    // The whole table for the Embedding Projector: the vocabulary in id order, the same rows as
    // `vectors`, and neighbour cosines recomputed from the TSV files match the worker's.
    const all = await readAllVectors(controller);
    expect(all.words).toEqual(facts.words);
    expect(all.dim).toBe(8);
    expect(all.step).toBe(3);
    expect(all.vectors.length).toBe(V * 8);
    expect(Array.from(all.vectors.subarray(0, 24))).toEqual(Array.from(v.vectors));
    const files = toEmbeddingProjector(all.words, all.vectors, all.dim);
    const back = fromEmbeddingProjector(files.vectors, files.metadata);
    expect(back.words).toEqual(facts.words);
    expect(back.vectors).toEqual(all.vectors);
    const row = (w: string) => {
      const i = back.words.indexOf(w);
      return back.vectors.subarray(i * 8, i * 8 + 8);
    };
    const [a, b] = [row('whale'), row(near[0].word)];
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, xi, i) => s + xi * y[i], 0);
    const cos = dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    expect(Math.abs(cos - near[0].score)).toBeLessThan(1e-6);
    const analogy = await askWorker(controller, V, 'analogy', 'he', 'his', 'she', 2);
    expect(analogy.map((w) => w.word)).not.toContain('she');
    const oov = askWorker(controller, V, 'mostSimilar', 'xylophonez', 3);
    await expect(oov).rejects.toBeInstanceOf(OutOfVocabularyError);
    await expect(oov).rejects.toMatchObject({ words: ['xylophonez'] });

    const e = await task.call<EvaluationProbe>('evaluate');
    expect(e.step).toBe(3);
    expect(e.result.analogy.total).toBeGreaterThan(0);
    expect(word2vecWorkerStats().started - before.started).toBe(1);
  });

  it('a new minCount is prepared in the same worker; unmount terminates it', async () => {
    const before = word2vecWorkerStats();
    const { controller, workers } = setup();
    await controller.load(() => settings);
    const v2 = controller.getState().data!.facts.words.length;
    await controller.apply({ ...settings, minCount: 31 });
    const v20 = controller.getState().data!.facts.words.length;
    expect(v20).toBeLessThan(v2);
    expect(word2vecWorkerStats().running - before.running).toBe(1);
    workers.dispose();
    await controller.dispose();
    expect(word2vecWorkerStats().running).toBe(before.running);
  });

  it('a missing corpus file fails the load with the HTTP status', async () => {
    const { controller } = setup();
    await controller.load(() => ({ ...settings, corpus: 'sotu' }));
    expect(controller.getState().phase).toBe('failed');
    expect(controller.getState().loadError).toMatch(
      /The word2vec model could not start: .*HTTP 404/,
    );
  });

  it('askWorker says to train first when there is no run', async () => {
    const { controller } = setup();
    await controller.load(() => settings);
    await expect(askWorker(controller, 10, 'mostSimilar', 'whale', 3)).rejects.toThrow(
      /No vectors yet/,
    );
  });
});
