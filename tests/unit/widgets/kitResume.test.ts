/**
 * Resume through the kit's controller and the worker RPC (the task host on a MessageChannel,
 * serving the Chapter 1 classifier's task kind): a run captured in one controller and resumed in
 * a fresh one (a reload) shows the same step, and its next step records the loss the
 * uninterrupted run had; the training state crosses the channel as transferred arrays.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { synthetic } from '../models/fixtures';
import type { SentimentConfig } from '../../../src/models/sentimentConfig';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks } from '../../../src/train/worker/host';
import { TrainingController, type TrainingSpec } from '../../../src/widgets/kit/controller';
import { sentimentKind } from '../../../src/widgets/sentiment-classifier/workerKind';
import { channelEndpoint, closeChannelWorkers } from './channelWorker';

beforeAll(async () => {
  await selectBackend('cpu');
});
afterEach(() => closeChannelWorkers());

interface Settings {
  dim: number;
}
const data = synthetic(70, 10);

function controller(): TrainingController<Settings, SentimentConfig> {
  const spec: TrainingSpec<Settings, SentimentConfig> = {
    id: 'sentiment-test',
    what: 'the classifier',
    taskKind: 'sentiment',
    spawnWorker: () =>
      channelEndpoint((port) =>
        serveTasks(
          port as never,
          { sentiment: async () => sentimentKind as never },
          { selectBackend: async () => ({ ...(await selectBackend('cpu')), reason: 'test' }) },
        ),
      ).endpoint,
    prepare: async (s) => ({ ...data, embeddingDim: s.dim, batchSize: 32, epochs: 5 }),
    taskConfig: (d) => d,
    initialExtra: {},
    runnerOptions: { scheduler: new Scheduler(), evalEvery: 3 },
  };
  return new TrainingController(spec, '/');
}

describe('kit controller: capture and resume through the worker', () => {
  it('a reloaded widget continues at the same step with the same next loss', async () => {
    const a = controller();
    await a.load(() => ({ dim: 4 }));
    const runner = a.getState().runner!;
    for (let i = 0; i < 4; i++) await runner.stepOnce();
    const run = await a.captureRun();
    expect(run?.step).toBe(4);
    expect(run?.state.optimizer?.iterations.values[0]).toBe(4);
    await runner.stepOnce();
    const next = runner.getState().latest.loss;

    const b = controller(); // the widget after a reload
    await b.resumeRun(run!, { dim: 4 });
    const rb = b.getState().runner!;
    expect(rb.getState()).toMatchObject({ status: 'paused', step: 4 });
    await rb.stepOnce();
    expect(rb.getState().step).toBe(5);
    expect(rb.getState().latest.loss).toBe(next);
    expect((await b.currentWeights())?.step).toBe(5);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('refuses a run whose shapes differ and leaves the widget idle', async () => {
    const a = controller();
    await a.load(() => ({ dim: 4 }));
    await a.getState().runner!.stepOnce();
    const run = (await a.captureRun())!;
    const b = controller();
    await expect(b.resumeRun(run, { dim: 6 })).rejects.toThrow(/shape/);
    expect(b.getState().runner!.getState().status).toBe('idle');
    await Promise.all([a.dispose(), b.dispose()]);
  });
});
