/**
 * The TF-IDF classifier's one worker under Node (src/widgets/tfidf-classifier: workerMain.ts,
 * vectorizeService.ts, workerKind.ts, workers.ts, spec.ts, probes.ts): the worker is the real
 * task host plus the vectorizer on the far end of a MessageChannel, driven by the kit's
 * TrainingController with the widget's spec. The vectorization is made once, in the worker,
 * before any run; the model trains on it there; the probes read it; a Reset that changes no
 * vectorizer setting reuses it; a lost worker is replaced and the run continues there.
 */
import { channelEndpoint } from './channelWorker';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { TrainingController } from '../../../src/widgets/kit/controller';
import type { TaskCorpus } from '../../../src/widgets/tfidf-classifier/corpus';
import {
  packExplanation,
  packInspection,
  unpackExplanation,
  unpackInspection,
} from '../../../src/widgets/tfidf-classifier/probes';
import {
  tfidfClassifierSchema,
  type TfidfSettings,
} from '../../../src/widgets/tfidf-classifier/schema';
import {
  explainText,
  refreshInspection,
  tfidfSpec,
  type TfidfController,
} from '../../../src/widgets/tfidf-classifier/spec';
import { VectorizeService } from '../../../src/widgets/tfidf-classifier/vectorizeService';
import { serveTfidfWorker } from '../../../src/widgets/tfidf-classifier/workerMain';
import { TfidfWorker } from '../../../src/widgets/tfidf-classifier/workers';

beforeAll(async () => {
  await selectBackend('cpu');
});

const HAM = ['meeting', 'lunch', 'tomorrow', 'report', 'agenda', 'team', 'notes', 'project'];
const SPAM = ['free', 'prize', 'click', 'winner', 'money', 'offer', 'cash', 'claim'];

/** 80 short e-mails, half spam, words drawn in a fixed pattern; 64 train, 16 validation. */
function toyCorpus(): TaskCorpus {
  const texts: string[] = [];
  const labels: number[] = [];
  const splits: number[] = [];
  for (let i = 0; i < 80; i++) {
    const y = i % 2;
    const words = y ? SPAM : HAM;
    texts.push([0, 3, 5].map((o) => words[(i + o) % 8]).join(' '));
    labels.push(y);
    splits.push(i < 64 ? 0 : 1);
  }
  return { texts, labels, splits, classNames: ['ham', 'spam'] };
}

const defaults = Object.fromEntries(
  Object.entries(tfidfClassifierSchema).map(([k, p]) => [k, p.default]),
) as TfidfSettings;
const base: TfidfSettings = { ...defaults, min_df: 1, lr: 0.5, batch: 16 };

/** A worker endpoint running the widget's worker in this process. */
function fakeWorker(log: { spawned: number; loads: number; progress: number[] }) {
  const service = new VectorizeService(async (_task, _baseUrl, onProgress) => {
    log.loads++;
    onProgress?.(0.5);
    await new Promise((r) => setTimeout(r, 20));
    return toyCorpus();
  });
  log.spawned++;
  return channelEndpoint((port) =>
    serveTfidfWorker(port as never, service, {
      selectBackend: async () => ({ ...(await selectBackend('cpu')), reason: 'cpu in the test' }),
    }),
  ).endpoint;
}

const open: Array<() => void> = [];
afterEach(() => {
  while (open.length) open.pop()!();
});

function setup() {
  const log = { spawned: 0, loads: 0, progress: [] as number[] };
  const worker = new TfidfWorker(() => fakeWorker(log));
  let controller: TfidfController | null = null;
  const spec = tfidfSpec(worker, () => controller?.update({ vectorizing: true }));
  spec.runnerOptions = { scheduler: new Scheduler(), checkpointEveryMs: 0, evalEvery: 5 };
  controller = new TrainingController(spec, '/');
  controller.subscribe(() => {
    const p = controller!.getState().progress;
    if (p != null && p > 0 && p < 1) log.progress.push(p);
  });
  const c = controller;
  open.push(() => {
    void c.dispose().then(() => worker.dispose());
  });
  return { controller: c, worker, log };
}

async function steps(controller: TfidfController, n: number): Promise<number[]> {
  const runner = controller.getState().runner!;
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    await runner.stepOnce();
    losses.push(runner.getState().latest.loss!);
  }
  return losses;
}

describe('TF-IDF classifier worker', () => {
  it('vectorizes in the worker before any run, then trains there on the same matrices', async () => {
    const { controller, worker, log } = setup();
    await controller.load(() => base);
    const s = controller.getState();
    expect(s.phase).toBe('ready');
    expect(s.vectorizing).toBe(false);
    expect(log.progress).toContain(0.5); // the worker's download progress reached the page
    expect(s.data?.facts).toMatchObject({
      classNames: ['ham', 'spam'],
      nTrain: 64,
      nVal: 16,
      features: 16,
      valCounts: [8, 8],
    });
    expect(worker.started).toBe(1);
    // Before a model: the text's terms only.
    const before = await explainText(controller, worker, 'Claim your FREE prize, unknownword');
    expect(before).toEqual({
      terms: ['claim', 'your', 'free', 'prize', 'unknownword'],
      explanation: null,
    });

    const losses = await steps(controller, 24);
    expect(worker.started).toBe(1); // the kit trains in the worker that vectorized
    expect(log.loads).toBe(1); // and the corpus was loaded once
    expect(losses[0]).toBeCloseTo(Math.log(2), 4);
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.5);

    await refreshInspection(controller, 3);
    const inspection = controller.getState().inspection!;
    expect(inspection.top.map((t) => t.length)).toEqual([3, 3]);
    for (const t of inspection.top[1]) expect(SPAM).toContain(t.term);
    for (const t of inspection.top[0]) expect(HAM).toContain(t.term);
    const confusion = inspection.confusion!;
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(16);

    const verdict = (await explainText(controller, worker, 'free prize meeting'))!;
    const e = verdict.explanation!;
    expect(e.predicted).toBe(1);
    expect(e.probabilities[0] + e.probabilities[1]).toBeCloseTo(1, 6);
    const sum = e.contributions.reduce((a, c) => a + c.contribution[0], e.bias[0]);
    expect(sum).toBeCloseTo(e.logits[0], 6);
    expect(e.contributions.map((c) => c.term).sort()).toEqual(['free', 'meeting', 'prize']);
  });

  it('leaks no tensor per step in the worker (after a warm-up step)', async () => {
    const { controller } = setup();
    await controller.load(() => base);
    await steps(controller, 6);
    const warm = (await controller.workerMemory())!.numTensors;
    await steps(controller, 6);
    expect((await controller.workerMemory())!.numTensors).toBe(warm);
  });

  it('Reset reuses the vectorization unless a vectorizer setting changed', async () => {
    const { controller, worker } = setup();
    await controller.load(() => base);
    const data = controller.getState().data;
    await steps(controller, 3);
    await controller.apply({ ...base, lr: 0.1, l2: 0 });
    expect(controller.getState().data).toBe(data);
    await controller.apply({ ...base, ngram: '1-2' });
    const facts = controller.getState().data!.facts;
    expect(facts.features).toBeGreaterThan(16);
    // The next run trains on the new vectorization, in the same worker.
    await steps(controller, 2);
    expect(worker.started).toBe(1);
    // Word pairs of the corpus ("offer free click" is e-mail 5) are features now.
    const verdict = (await explainText(controller, worker, 'free click'))!;
    expect(verdict.explanation!.contributions.map((c) => c.term)).toContain('free click');
  });

  it('saves a run in the worker and a fresh widget resumes it with the same next loss', async () => {
    const { controller } = setup();
    await controller.load(() => base);
    await steps(controller, 5);
    const run = (await controller.captureRun())!;
    expect(run.state.optimizer?.iterations.values[0]).toBe(5);
    const [next] = await steps(controller, 1);
    const b = setup().controller; // the widget after a reload
    await b.resumeRun(run, base);
    expect(b.getState().runner!.getState().step).toBe(5);
    expect(await steps(b, 1)).toEqual([next]);
  });

  it('a lost worker is replaced: the task vectorizes again there and training goes on', async () => {
    const { controller, worker, log } = setup();
    await controller.load(() => base);
    await steps(controller, 5);
    expect(await controller.loseWorkerContext()).toBe(false); // cpu: marked lost
    const runner = controller.getState().runner!;
    await runner.stepOnce();
    await runner.stepOnce();
    expect(runner.getState().status).not.toBe('error');
    expect(worker.started).toBe(2);
    expect(log.loads).toBe(2); // the fresh worker loaded and vectorized again
    const verdict = await explainText(controller, worker, 'free');
    expect(verdict?.explanation?.predicted).toBe(1);
  });

  it('vectorizer errors reach the reader: min_df above every document count', async () => {
    const { controller } = setup();
    await controller.load(() => ({ ...base, min_df: 50 }));
    expect(controller.getState().phase).toBe('failed');
    expect(controller.getState().loadError).toMatch(
      /could not start: min_df = 50 removed every term/,
    );
  });
});

describe('probe packing', () => {
  it('round-trips the weights, the confusion matrix and an explanation', () => {
    const top = [
      [
        { feature: 3, term: 'lunch', weight: 1.5 },
        { feature: 1, term: 'team', weight: 0.5 },
      ],
      [
        { feature: 0, term: 'free', weight: 2 },
        { feature: 2, term: 'prize', weight: 1 },
      ],
    ];
    const packed = packInspection(top, {
      crossEntropy: 0,
      accuracy: 1,
      confusion: [
        [3, 1],
        [0, 4],
      ],
    });
    const back = unpackInspection(packed, 2);
    expect(back.top.map((l) => l.map((t) => [t.term, t.weight]))).toEqual(
      top.map((l) => l.map((t) => [t.term, t.weight])),
    );
    expect(back.confusion).toEqual([
      [3, 1],
      [0, 4],
    ]);
    expect(unpackInspection(packInspection(top, null), 2).confusion).toBeNull();
    expect(() => packInspection([top[0], top[1].slice(1)], null)).toThrow(RangeError);

    const e = {
      logits: [0.5, -1, 2],
      bias: [0.1, 0.2, 0.3],
      probabilities: [0.2, 0.1, 0.7],
      predicted: 2,
      contributions: [
        { feature: 4, term: 'food', value: 0.6, contribution: [0.1, -0.2, 0.9] },
        { feature: 9, term: 'plot', value: 0.8, contribution: [0.3, -1, 0.8] },
      ],
    };
    const v = unpackExplanation(packExplanation(['the', 'food', 'plot'], e));
    expect(v.terms).toEqual(['the', 'food', 'plot']);
    expect(v.explanation).toEqual({
      ...e,
      contributions: e.contributions.map((c) => ({ ...c, feature: -1 })),
    });
  });
});
