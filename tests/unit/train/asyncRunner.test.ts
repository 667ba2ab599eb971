/**
 * The runner with asynchronous steps that hand back plain numbers (how a task in a Web Worker
 * answers): order, pause / reset while a step is in flight, errors, divergence on a numeric NaN,
 * a ContextLostError, and the task's own backend in the state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { TrainingRunner } from '../../../src/train/runner';
import { Scheduler } from '../../../src/train/scheduler';
import type { BackendInfo, StepOutput, WeightSnapshot } from '../../../src/train/types';
import { ContextLostError } from '../../../src/train/worker/errors';
import { ToyRegression, toyFactory, type ToyOptions } from './toy-task';

beforeAll(async () => {
  await selectBackend('cpu');
});

const WORKER_BACKEND: BackendInfo = {
  name: 'wasm',
  software: false,
  renderer: null,
  forced: false,
  reason: 'chosen in the worker',
};

/** ToyRegression behind a promise, like a proxy of a task in a worker. */
class AsyncToy {
  readonly inner: ToyRegression;
  readonly name = 'async toy';
  readonly divergenceHint = { knob: 'lr', advice: 'Lower the learning rate.' };
  /** Set to hold the next step until `release()` is called. */
  hold = false;
  inFlight = false;
  stepCalls = 0;
  disposedWhileInFlight = false;
  /** Answer this step (1-based) with NaN, or reject with these errors. */
  nanAt?: number;
  failAt?: { step: number; error: Error };
  private releaseFn: (() => void) | null = null;

  constructor(options: ToyOptions) {
    this.inner = new ToyRegression(options);
  }

  init(): Promise<void> {
    return Promise.resolve(this.inner.init());
  }

  ownBackend(): BackendInfo | null {
    return WORKER_BACKEND;
  }

  release(): void {
    this.releaseFn?.();
  }

  async step(): Promise<StepOutput<number>> {
    this.stepCalls++;
    const n = this.stepCalls;
    if (this.inFlight) throw new Error('step called while another step was in flight');
    this.inFlight = true;
    try {
      if (this.hold) await new Promise<void>((resolve) => (this.releaseFn = resolve));
      else await new Promise((resolve) => setTimeout(resolve, 1));
      if (this.failAt?.step === n) throw this.failAt.error;
      const out = this.inner.step();
      const loss = (await out.loss.data())[0];
      const mae = (await out.metrics!.mae.data())[0];
      out.loss.dispose();
      out.metrics!.mae.dispose();
      return { loss: this.nanAt === n ? NaN : loss, metrics: { mae } };
    } finally {
      this.inFlight = false;
    }
  }

  evaluate() {
    return this.inner.evaluate();
  }
  progress() {
    return this.inner.progress();
  }
  getWeights(): Promise<WeightSnapshot> {
    return this.inner.getWeights();
  }
  setWeights(s: WeightSnapshot): void {
    this.inner.setWeights(s);
  }
  dispose(): void {
    if (this.inFlight) this.disposedWhileInFlight = true;
    this.inner.dispose();
  }
}

function asyncRunner(options: ToyOptions, setup: (t: AsyncToy) => void = () => undefined) {
  const made: AsyncToy[] = [];
  const runner = new TrainingRunner(
    () => {
      const t = new AsyncToy(options);
      setup(t);
      made.push(t);
      return t;
    },
    { scheduler: new Scheduler(), checkpointEveryMs: 0 },
  );
  return { runner, made };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(cond()).toBe(true);
};

describe('TrainingRunner with asynchronous steps', () => {
  it('records the same losses, in order, as the same task stepping synchronously', async () => {
    const opts = { seed: 3, epochs: 3, lr: 0.05 };
    const sync = new TrainingRunner(toyFactory(opts).factory, { scheduler: new Scheduler() });
    await sync.play();
    const { runner } = asyncRunner(opts);
    await runner.play();
    const a = runner.getState();
    const s = sync.getState();
    expect(a.status).toBe('done');
    expect(a.history.step).toEqual(s.history.step);
    expect(a.history.loss).toEqual(s.history.loss);
    expect(a.history.mae).toEqual(s.history.mae);
    expect(a.evalHistory).toEqual(s.evalHistory);
    // The task's own backend (the worker's) is shown, not the page's cpu.
    expect(a.backend).toEqual(WORKER_BACKEND);
    await runner.dispose();
    await sync.dispose();
  });

  it('pauses after the step in flight and never overlaps steps', async () => {
    const { runner, made } = asyncRunner({ epochs: 100 });
    await runner.stepOnce();
    const task = made[0];
    task.hold = true;
    const playing = runner.play();
    await until(() => task.inFlight);
    runner.pause();
    expect(runner.getState().status).toBe('paused');
    // Paused at once, but the step in flight has not landed: busy says so.
    expect(runner.getState().busy).toBe(true);
    const calls = task.stepCalls;
    const stepWhilePausing = runner.getState().step;
    task.hold = false;
    task.release();
    await playing;
    expect(runner.getState().busy).toBe(false);
    expect(runner.getState().step).toBe(stepWhilePausing + 1);
    // The step in flight is recorded; no step after it.
    expect(task.stepCalls).toBe(calls);
    expect(runner.getState().step).toBe(calls);
    expect(runner.getState().history.step.at(-1)).toBe(calls);
    await runner.dispose();
  });

  it('drops a step in flight on reset and disposes only after it settled', async () => {
    const { runner, made } = asyncRunner({ epochs: 100 });
    await runner.stepOnce();
    const task = made[0];
    task.hold = true;
    const playing = runner.play();
    await until(() => task.inFlight);
    const resetting = runner.reset();
    expect(runner.getState().status).toBe('idle');
    task.release();
    await resetting;
    await playing;
    expect(task.disposedWhileInFlight).toBe(false);
    expect(runner.getState().step).toBe(0);
    expect(runner.getState().history.loss).toEqual([]);
    await runner.dispose();
  });

  it('reports a rejected step as failed, with the step and the message', async () => {
    const { runner } = asyncRunner({ epochs: 100 }, (t) => {
      t.failAt = { step: 4, error: new Error('worker said no') };
    });
    await runner.play();
    const state = runner.getState();
    expect(state.status).toBe('error');
    expect(state.error?.kind).toBe('failed');
    expect(state.error?.message).toContain('async toy failed at step 4: worker said no');
    expect(state.step).toBe(3);
    await runner.dispose();
  });

  it('stops with a diverged error when a numeric loss is NaN', async () => {
    const { runner } = asyncRunner({ epochs: 100 }, (t) => {
      t.nanAt = 5;
    });
    await runner.play();
    const state = runner.getState();
    expect(state.status).toBe('error');
    expect(state.error?.kind).toBe('diverged');
    expect(state.error?.knob).toBe('lr');
    expect(state.error?.message).toMatch(/The loss became NaN at step 5/);
    expect(state.history.loss.length).toBe(4);
    await runner.dispose();
  });

  it('treats a ContextLostError as a lost context: rebuilds from the checkpoint', async () => {
    const { runner, made } = asyncRunner({ epochs: 100, optimizer: 'sgd' }, (t) => {
      if (made.length === 0) t.failAt = { step: 6, error: new ContextLostError('gone') };
    });
    for (let i = 0; i < 5; i++) await runner.stepOnce();
    const before = runner.getState();
    expect(before.checkpointStep).toBe(5);
    const predictions = await made[0].inner.predictVal();
    await runner.play();
    await until(() => runner.getState().error?.message.includes('restored') ?? false);
    const after = runner.getState();
    expect(after.status).toBe('paused');
    expect(after.error?.kind).toBe('context-lost');
    expect(after.error?.message).toContain('(gone)');
    expect(after.error?.message).toContain('checkpoint at step 5');
    expect(after.step).toBe(5);
    expect(after.backend).toEqual(WORKER_BACKEND);
    expect(made.length).toBe(2);
    expect(await made[1].inner.predictVal()).toEqual(predictions);
    await runner.stepOnce();
    expect(runner.getState().step).toBe(6);
    expect(runner.getState().error).toBe(null);
    await runner.dispose();
  });
});
