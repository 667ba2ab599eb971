import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { TrainingRunner } from '../../../src/train/runner';
import type { RunnerOptions, RunnerState } from '../../../src/train/runner-types';
import { Scheduler } from '../../../src/train/scheduler';
import { toyFactory, type ToyOptions } from './toy-task';

beforeAll(async () => {
  await selectBackend('cpu');
});

function makeRunner(toy: ToyOptions = {}, options: RunnerOptions = {}) {
  const { factory, made } = toyFactory(toy);
  const runner = new TrainingRunner(factory, { scheduler: new Scheduler(), ...options });
  return { runner, made };
}

/** Plays until the runner leaves `running` (done, error or paused). */
async function runToEnd(runner: TrainingRunner): Promise<RunnerState> {
  await runner.play();
  return runner.getState();
}

describe('TrainingRunner', () => {
  it('trains to totalSteps, lowers the loss, evaluates once per epoch and at the end', async () => {
    const { runner, made } = makeRunner({ epochs: 4, lr: 0.05 });
    const state = await runToEnd(runner);
    expect(state.status).toBe('done');
    const spe = made[0].stepsPerEpoch;
    expect(state.step).toBe(4 * spe);
    expect(state.totalSteps).toBe(4 * spe);
    expect(state.epoch).toBeCloseTo(4);
    expect(state.history.step).toEqual(Array.from({ length: 4 * spe }, (_, i) => i + 1));
    expect(state.history.loss.length).toBe(4 * spe);
    expect(state.history.mae.length).toBe(4 * spe);
    const loss = state.history.loss;
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] / 5);
    expect(state.evalHistory.step).toEqual([spe, 2 * spe, 3 * spe, 4 * spe]);
    const val = state.evalHistory.val_loss;
    expect(val[3]).toBeLessThan(val[0]);
    expect(state.latest.loss).toBe(loss[loss.length - 1]);
    expect(state.backend?.name).toBe('cpu');
    expect(state.msPerStep).toBeGreaterThan(0);
    expect(state.stepsPerSecond).toBeGreaterThan(0);
    // play() when done does nothing.
    await runner.play();
    expect(runner.getState().step).toBe(4 * spe);
    await runner.dispose();
  });

  it('gives identical losses for the same seed and different ones for another seed', async () => {
    const losses = async (seed: number) => {
      const { runner } = makeRunner({ seed, epochs: 2 });
      const state = await runToEnd(runner);
      await runner.dispose();
      return state.history.loss;
    };
    const a = await losses(7);
    const b = await losses(7);
    const c = await losses(8);
    expect(a.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('stops with a diverged error naming the knob when the loss becomes non-finite', async () => {
    const { runner } = makeRunner({ lr: 50, epochs: 50 });
    const state = await runToEnd(runner);
    expect(state.status).toBe('error');
    expect(state.error?.kind).toBe('diverged');
    expect(state.error?.knob).toBe('lr');
    expect(state.error?.message).toMatch(/The loss became (NaN|Infinity|-Infinity) at step \d+/);
    // The runtime names no URL key: the knob (the task's config field) travels apart, and the
    // widget shows the label of its control (src/widgets/kit, runnerErrorText).
    expect(state.error?.advice).toBe('Lower the learning rate (try 0.01).');
    expect(state.error?.message).toBe(
      `${state.error?.cause}: training diverged. Lower the learning rate (try 0.01). Then press Reset.`,
    );
    expect(state.step).toBeLessThan(state.totalSteps ?? 0);
    // Every recorded loss is finite: the bad value is reported, not charted.
    expect(state.history.loss.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(state.latest.loss)).toBe(false);
    // Stuck until reset.
    await runner.play();
    await runner.stepOnce();
    expect(runner.getState().status).toBe('error');
    await runner.reset();
    expect(runner.getState().status).toBe('idle');
    await runner.dispose();
  });

  it('treats a finite loss above divergenceHint.maxLoss as divergence, before any NaN', async () => {
    const { runner } = makeRunner({ lr: 50, epochs: 50, maxLoss: 1e4 });
    const state = await runToEnd(runner);
    expect(state.status).toBe('error');
    expect(state.error?.kind).toBe('diverged');
    expect(state.error?.message).toMatch(
      /The loss reached \S+ at step \d+ .*far above where it started/,
    );
    expect(state.error?.knob).toBe('lr');
    expect(Number.isFinite(state.latest.loss)).toBe(true);
    expect(state.latest.loss).toBeGreaterThan(1e4);
    await runner.dispose();
    // A healthy run under the same threshold is not stopped.
    const healthy = makeRunner({ maxLoss: 1e4 }).runner;
    expect((await runToEnd(healthy)).status).toBe('done');
    await healthy.dispose();
  });

  it('caps the step rate with setPace, and lifts the cap with null', async () => {
    // An upper bound on steps for the time elapsed, with slack: not a speed target.
    const { runner } = makeRunner({ epochs: 1000, n: 8, batchSize: 8 });
    expect(() => runner.setPace(0)).toThrow(RangeError);
    runner.setPace(40);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const t0 = performance.now();
    const loop = runner.play(); // settles when the loop stops
    await sleep(500);
    runner.pause();
    await loop;
    const elapsed = performance.now() - t0;
    const paced = runner.getState().step;
    expect(paced).toBeGreaterThan(2);
    expect(paced).toBeLessThanOrEqual(Math.ceil((elapsed / 1000) * 40) + 3);
    runner.setPace(null);
    const loop2 = runner.play();
    await sleep(500);
    runner.pause();
    await loop2;
    const unpaced = runner.getState().step - paced;
    expect(unpaced).toBeGreaterThan(paced);
    await runner.dispose();
  });

  it('reports a task that throws as failed, with the step', async () => {
    const { runner } = makeRunner({ throwAtStep: 3 });
    const state = await runToEnd(runner);
    expect(state.status).toBe('error');
    expect(state.error?.kind).toBe('failed');
    expect(state.error?.message).toContain('failed at step 3: boom');
    expect(state.step).toBe(2);
    await runner.dispose();
  });

  it('reports a factory that throws as failed and loses nothing', async () => {
    const before = tf.memory().numTensors;
    const runner = new TrainingRunner(
      () => {
        throw new Error('bad hyperparameters');
      },
      { scheduler: new Scheduler() },
    );
    await runner.play();
    expect(runner.getState().status).toBe('error');
    expect(runner.getState().error?.message).toContain('bad hyperparameters');
    expect(tf.memory().numTensors).toBe(before);
    await runner.dispose();
  });

  it('leaks no tensor per step and frees everything on reset and dispose', async () => {
    const baseline = tf.memory().numTensors;
    const { runner, made } = makeRunner(
      { optimizer: 'adam', epochs: 100 },
      { checkpointEveryMs: 0 },
    );
    await runner.stepOnce(); // warm-up: variables, data, optimiser slots
    const afterWarmUp = tf.memory().numTensors;
    expect(afterWarmUp).toBeGreaterThan(baseline);
    for (let i = 0; i < 5; i++) await runner.stepOnce();
    expect(runner.getState().step).toBe(6);
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    // Through the loop too: play, let it run some frames, pause.
    const playing = runner.play();
    while (runner.getState().step < 30) await tf.nextFrame();
    runner.pause();
    await playing;
    expect(runner.getState().status).toBe('paused');
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    await runner.reset();
    expect(made[0].disposeCount).toBe(1);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(runner.getState().status).toBe('idle');
    expect(runner.getState().step).toBe(0);
    expect(runner.getState().history.loss).toEqual([]);
    // A fresh task after reset, then dispose frees it.
    await runner.stepOnce();
    expect(made.length).toBe(2);
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    await runner.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('moves through idle, initializing, paused and running in order', async () => {
    const { runner } = makeRunner({ epochs: 100 });
    const seen: string[] = [];
    const states: RunnerState[] = [];
    runner.subscribe((s) => {
      states.push(s);
      if (seen[seen.length - 1] !== s.status) seen.push(s.status);
    });
    expect(runner.getState().status).toBe('idle');
    await runner.stepOnce();
    // The first change is `busy` (the step is queued), still idle.
    expect(seen).toEqual(['idle', 'initializing', 'paused']);
    expect(states[0].busy).toBe(true);
    expect(runner.getState().busy).toBe(false);
    expect(runner.getState().step).toBe(1);
    expect(runner.getState().history.loss.length).toBe(1);
    await runner.stepOnce();
    expect(runner.getState().step).toBe(2);
    const playing = runner.play();
    expect(runner.getState().status).toBe('running');
    // stepOnce while running is ignored.
    await runner.stepOnce();
    while (runner.getState().step < 10) await tf.nextFrame();
    runner.pause();
    expect(runner.getState().status).toBe('paused');
    await playing;
    const paused = runner.getState();
    expect(seen).toEqual(['idle', 'initializing', 'paused', 'running', 'paused']);
    // No steps after the loop settled.
    await tf.nextFrame();
    expect(runner.getState()).toBe(paused);
    // Each change is a new object; steps never go backwards.
    expect(new Set(states).size).toBe(states.length);
    const steps = states.map((s) => s.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    // Resume, then reset.
    const again = runner.play();
    while (runner.getState().step < paused.step + 3) await tf.nextFrame();
    await runner.reset();
    await again;
    expect(seen.slice(5)).toEqual(['running', 'idle']);
    await runner.dispose();
  });

  it('lets one runner train at a time through the scheduler', async () => {
    const scheduler = new Scheduler();
    const a = new TrainingRunner(toyFactory({ epochs: 1000 }).factory, { scheduler });
    const b = new TrainingRunner(toyFactory({ epochs: 1000 }).factory, { scheduler });
    const playingA = a.play();
    while (a.getState().step < 3) await tf.nextFrame();
    expect(scheduler.current).toBe(a);
    const playingB = b.play();
    expect(a.getState().status).toBe('paused');
    expect(scheduler.current).toBe(b);
    await playingA;
    const stepA = a.getState().step;
    while (b.getState().step < 3) await tf.nextFrame();
    expect(a.getState().step).toBe(stepA);
    scheduler.pauseAll();
    await playingB;
    expect(b.getState().status).toBe('paused');
    expect(scheduler.current).toBe(null);
    await a.dispose();
    await b.dispose();
  });

  it('evaluates every evalEvery steps when asked', async () => {
    const { runner } = makeRunner({ epochs: 2, n: 32, batchSize: 8 }, { evalEvery: 3 });
    const state = await runToEnd(runner);
    expect(state.step).toBe(8);
    expect(state.evalHistory.step).toEqual([3, 6, 8]);
    await runner.dispose();
  });

  it('restores the last checkpoint after a (simulated) context loss', async () => {
    const baseline = tf.memory().numTensors;
    const { runner, made } = makeRunner(
      { epochs: 100, optimizer: 'sgd' },
      { checkpointEveryMs: 0 },
    );
    for (let i = 0; i < 5; i++) await runner.stepOnce();
    const before = runner.getState();
    expect(before.checkpointStep).toBe(5);
    const predictions = await made[0].predictVal();
    const tensorsBefore = tf.memory().numTensors;
    await runner.simulateContextLoss();
    const after = runner.getState();
    expect(made.length).toBe(2);
    expect(made[0].disposeCount).toBe(1);
    expect(after.status).toBe('paused');
    expect(after.error?.kind).toBe('context-lost');
    expect(after.error?.message).toContain('checkpoint at step 5');
    expect(after.step).toBe(5);
    expect(after.history.loss).toEqual(before.history.loss);
    expect(await made[1].predictVal()).toEqual(predictions);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    // Continues counting from the checkpoint.
    await runner.stepOnce();
    expect(runner.getState().step).toBe(6);
    expect(runner.getState().error).toBe(null);
    await runner.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('rejects bad options with a clear message', () => {
    const { factory } = toyFactory();
    expect(() => new TrainingRunner(factory, { evalEvery: 0 })).toThrow(/evalEvery/);
    expect(() => new TrainingRunner(factory, { maxStepsPerFrame: 1.5 })).toThrow(
      /maxStepsPerFrame/,
    );
  });
});
