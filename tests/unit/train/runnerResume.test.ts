/**
 * TrainingRunner.capture / resume with a task that saves its whole training state (the Chapter 1
 * classifier on cpu): a run captured at step N and resumed in a fresh runner shows step N, the
 * same histories and readouts, and its next step records the loss the uninterrupted run had.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSentimentTask, type SentimentConfig } from '../../../src/models';
import { selectBackend } from '../../../src/train/backend';
import { TrainingRunner } from '../../../src/train/runner';
import { Scheduler } from '../../../src/train/scheduler';
import { synthetic } from '../models/fixtures';
import { toyFactory } from './toy-task';

beforeAll(async () => {
  await selectBackend('cpu');
});

const config: SentimentConfig = { ...synthetic(70, 10), embeddingDim: 5, batchSize: 32, epochs: 6 };
const make = () =>
  new TrainingRunner(() => createSentimentTask(config), {
    scheduler: new Scheduler(),
    evalEvery: 2,
  });

async function steps(runner: TrainingRunner, n: number) {
  for (let i = 0; i < n; i++) await runner.stepOnce();
}

describe('TrainingRunner capture and resume', () => {
  it('resumes at the same step with the same history; the next loss equals the uninterrupted run', async () => {
    const a = make();
    await steps(a, 5);
    const run = await a.capture();
    expect(run).not.toBeNull();
    expect(run!.step).toBe(5);
    const before = a.getState();
    await steps(a, 1);
    const next = a.getState().latest.loss;

    const b = make();
    await b.resume(run!);
    const resumed = b.getState();
    expect(resumed.status).toBe('paused');
    expect(resumed.step).toBe(5);
    expect(resumed.history).toEqual(before.history);
    expect(resumed.evalHistory).toEqual(before.evalHistory);
    expect(resumed.latest).toEqual(before.latest);
    await steps(b, 1);
    expect(b.getState().step).toBe(6);
    expect(b.getState().latest.loss).toBe(next);
    expect(b.getState().history.step.slice(-2)).toEqual([5, 6]);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('captures while playing (after the step in flight) and gives null after a reset', async () => {
    const a = make();
    const playing = a.play();
    await new Promise((r) => setTimeout(r, 30));
    const run = await a.capture();
    expect(run?.state.step).toBe(run?.step);
    a.pause();
    await playing;
    await a.reset();
    expect(await a.capture()).toBeNull();
    await a.dispose();
  });

  it('refuses a run of another shape and stays idle; refuses unless idle', async () => {
    const other = new TrainingRunner(() => createSentimentTask({ ...config, embeddingDim: 7 }), {
      scheduler: new Scheduler(),
    });
    await steps(other, 2);
    const run = (await other.capture())!;
    const b = make();
    await expect(b.resume(run)).rejects.toThrow(/shape/);
    expect(b.getState().status).toBe('idle');
    await steps(b, 1);
    await expect(b.resume(run)).rejects.toThrow(/reset the runner first/);
    await Promise.all([other.dispose(), b.dispose()]);
  });

  it('loads weights only into a task without a training state, and captures none of it', async () => {
    const { factory, made } = toyFactory({});
    const a = new TrainingRunner(factory, { scheduler: new Scheduler() });
    await steps(a, 3);
    expect(await a.capture()).toBeNull();
    const weights = await made[0].getWeights();
    const empty = { columns: { step: [], epoch: [], loss: [] }, stride: 1, offered: 0 };
    const run = { step: 0, epoch: 0, latest: {}, history: empty, evalHistory: empty };
    const b = new TrainingRunner(factory, { scheduler: new Scheduler() });
    await expect(
      b.resume({ ...run, state: { weights, optimizer: weights, step: 0 } }),
    ).rejects.toThrow(/can load weights only/);
    await b.resume({ ...run, state: { weights, optimizer: null, step: 0 } });
    expect(b.getState().status).toBe('paused');
    expect(await made[made.length - 1].getWeights()).toEqual(weights);
    await Promise.all([a.dispose(), b.dispose()]);
  });
});
