/**
 * The neural LM widget on the kit under Node: its spec, worker task kind (the real task host on
 * the far end of a MessageChannel, on the cpu backend), the data prepared in the worker from a
 * small Moby-Dick-shaped corpus, sampling as a probe, and the facts shown before a run (from the
 * n-gram service's corpus facts) against the worker's own.
 */
import { channelEndpoint } from './channelWorker';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MobyDickCorpus } from '../../../src/data';
import { NEURAL_LM_DEFAULTS, NEURAL_LM_LIMITS } from '../../../src/models/neuralLmConfig';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks } from '../../../src/train/worker/host';
import type { WorkerLike } from '../../../src/train/worker/rpc';
import { defaults } from '../../../src/ui/schema';
import { NgramEngine, splitsOf } from '../../../src/widgets/common/ngram-service/engine';
import { TrainingController } from '../../../src/widgets/kit/controller';
import { dataInfo } from '../../../src/widgets/neural-lm/baselines';
import { neuralLmSchema, selectionOf, toConfig } from '../../../src/widgets/neural-lm/schema';
import {
  drawSample,
  neuralLmSpec,
  SAMPLE_WORDS,
  type NeuralLmController,
} from '../../../src/widgets/neural-lm/spec';
import { neuralLmKind } from '../../../src/widgets/neural-lm/workerKind';

beforeAll(async () => {
  await selectBackend('cpu');
});

const LINES = [
  'Call me Ishmael. The whale swam in the sea.',
  'The sea was grey and the whale was white.',
  'Ahab saw the whale. The sea rose.',
  'Call the men to the boats, said Ahab.',
];
/** Four training chapters and one held-out chapter (paragraphs separated by a blank line). */
const CORPUS: MobyDickCorpus = {
  name: 'tiny',
  sections: [
    ...[1, 2, 3, 4].map((i) => ({
      title: `CHAPTER ${i}.`,
      text: [...LINES.slice(i - 1), ...LINES.slice(0, i - 1)].join('\n\n'),
      split: 'train' as const,
    })),
    { title: 'CHAPTER 10.', text: 'The whale saw Ishmael.\n\nCall me Queequeg.', split: 'heldout' },
  ],
};

/** A worker endpoint running the task host with the neural LM kind in this process. */
function fakeWorker(log: { spawned: number; terminated: number }): WorkerLike {
  log.spawned++;
  return channelEndpoint((port) => {
    const stop = serveTasks(
      port as never,
      { 'neural-lm': async () => neuralLmKind as never },
      { selectBackend: async () => ({ ...(await selectBackend('cpu')), reason: 'test' }) },
    );
    return () => {
      log.terminated++;
      stop();
    };
  }).endpoint;
}

const SETTINGS = { ...defaults(neuralLmSchema), dim: 4, hidden: 8, batch: 8, lr: 0.05 };
let controller: NeuralLmController | null = null;

function setup() {
  const log = { spawned: 0, terminated: 0, prepares: 0 };
  controller = new TrainingController(
    {
      ...neuralLmSpec,
      spawnWorker: () => fakeWorker(log),
      prepare: async (_s, { previous }) => {
        log.prepares++;
        return previous ?? { corpus: CORPUS };
      },
      runnerOptions: { ...neuralLmSpec.runnerOptions, scheduler: new Scheduler() },
    },
    '/',
  );
  return { c: controller, log };
}

afterEach(async () => {
  await controller?.dispose();
  controller = null;
});

describe('neural LM schema', () => {
  it('takes its defaults and bounds from the model config', () => {
    const d = defaults(neuralLmSchema);
    expect([d.ctx, d.dim, d.hidden, d.lr, d.batch, d.seed]).toEqual([
      NEURAL_LM_DEFAULTS.contextSize,
      NEURAL_LM_DEFAULTS.embeddingDim,
      NEURAL_LM_DEFAULTS.hiddenUnits,
      NEURAL_LM_DEFAULTS.learningRate,
      NEURAL_LM_DEFAULTS.batchSize,
      NEURAL_LM_DEFAULTS.seed,
    ]);
    expect([neuralLmSchema.lr.min, neuralLmSchema.lr.max]).toEqual(NEURAL_LM_LIMITS.learningRate);
    expect([neuralLmSchema.ctx.min, neuralLmSchema.ctx.max]).toEqual(NEURAL_LM_LIMITS.contextSize);
  });

  it('toConfig maps each control to its model field', () => {
    const c = toConfig({ ...SETTINGS, ctx: 3, eval: 'all' }, { corpus: CORPUS });
    expect(c).toMatchObject({
      corpus: CORPUS,
      selection: { kind: 'all' },
      contextSize: 3,
      embeddingDim: 4,
      hiddenUnits: 8,
      batchSize: 8,
      learningRate: 0.05,
      seed: SETTINGS.seed,
    });
    expect(selectionOf({ eval: 'subset' })).toMatchObject({ kind: 'subset', size: 2000 });
  });
});

describe('neural LM in its worker (task host over a MessageChannel)', () => {
  it('prepares the data in the worker, trains without leaking, samples, and frees on Reset', async () => {
    const { c, log } = setup();
    await c.load(() => SETTINGS);
    expect(c.getState().phase).toBe('ready');
    const runner = c.getState().runner!;
    await runner.stepOnce();
    const info = c.getState().taskInfo!;
    // The worker tokenized and encoded the corpus: its facts, with the parameter count.
    expect(info.vocabSize).toBeGreaterThan(4);
    expect(info.trainExamples).toBeGreaterThan(info.trainTokens as number);
    expect(info.parameterCount).toBe(
      (info.vocabSize as number) * (4 + 8 + 1) + SETTINGS.ctx * 4 * 8 + 8,
    );
    const before = (await c.workerMemory())!.numTensors;
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) {
      await runner.stepOnce();
      losses.push(runner.getState().latest.loss);
    }
    expect((await c.workerMemory())!.numTensors).toBe(before);
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));

    await drawSample(c, 0.8, 7);
    const sample = c.getState().sample!;
    expect(sample.words).toHaveLength(SAMPLE_WORDS);
    expect(sample.step).toBe(31);
    expect(c.getState().sampleError).toBeNull();
    await drawSample(c, -1, 7);
    expect(c.getState().sampleError).toMatch(/^No sample: .*temperature/);

    await c.apply({ ...SETTINGS, ctx: 1 });
    expect(c.getState().sample).toBeNull();
    expect((await c.workerMemory())!.numTensors).toBe(0);
    expect(log.prepares).toBe(2);
    await runner.stepOnce();
    expect(c.getState().taskInfo!.parameterCount).toBe(
      (info.vocabSize as number) * (4 + 8 + 1) + 1 * 4 * 8 + 8,
    );
    expect(log.spawned).toBe(1);
  });

  it('shows before a run the same facts the worker finds (from the n-gram corpus facts)', async () => {
    const { c } = setup();
    await c.load(() => SETTINGS);
    await c.getState().runner!.stepOnce();
    const corpus = NgramEngine.fit(splitsOf(CORPUS), 3).info;
    const run = {
      contextSize: SETTINGS.ctx,
      embeddingDim: 4,
      hiddenUnits: 8,
      selection: selectionOf(SETTINGS),
    };
    const derived = dataInfo(null, corpus, run);
    expect(derived).toEqual(dataInfo(c.getState().taskInfo, null, run));
    expect(derived?.subset).toBe(true);
    expect(dataInfo(null, null, run)).toBeNull();
  });

  it('saves a run in the worker and a fresh widget resumes it with the same next loss', async () => {
    const a = setup().c;
    await a.load(() => SETTINGS);
    const runner = a.getState().runner!;
    for (let i = 0; i < 3; i++) await runner.stepOnce();
    const run = (await a.captureRun())!;
    expect(run.state.optimizer?.iterations.values[0]).toBe(3);
    await runner.stepOnce();
    const next = runner.getState().latest.loss;
    const b = setup().c; // the widget after a reload
    await b.resumeRun(run, SETTINGS);
    const rb = b.getState().runner!;
    expect(rb.getState().step).toBe(3);
    await rb.stepOnce();
    expect(rb.getState().latest.loss).toBe(next);
    await a.dispose();
  });
});
