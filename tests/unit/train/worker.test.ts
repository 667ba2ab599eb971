/**
 * The task host (src/train/worker/host.ts) and its page-side proxy (client.ts), connected over a
 * Node MessageChannel (structured clone and transfer as between a page and a worker), driven by
 * the real TrainingRunner.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { TrainingRunner } from '../../../src/train/runner';
import { Scheduler } from '../../../src/train/scheduler';
import { TaskWorker, WorkerTask, type WorkerEndpoint } from '../../../src/train/worker/client';
import { serveTasks, type TaskKind, type TaskRegistry } from '../../../src/train/worker/host';
import { ToyRegression, toyFactory, type ToyOptions } from './toy-task';

beforeAll(async () => {
  await selectBackend('cpu');
});

const toyKind: TaskKind<ToyOptions, ToyRegression> = {
  create: (config) => new ToyRegression(config),
  describe: (task) => ({ stepsPerEpoch: task.stepsPerEpoch }),
  calls: {
    predictVal: (task) => task.predictVal(),
    echo: (_task, value: string) => `echo ${value}`,
    fail: () => {
      throw new RangeError('bad argument');
    },
  },
};
const registry: TaskRegistry = { toy: async () => toyKind as never };

const open: Array<() => void> = [];
afterEach(() => {
  while (open.length) open.pop()!();
});

/** A host on one end of a MessageChannel and a TaskWorker on the other. */
function connect(): { worker: TaskWorker; crash: (message: string) => void } {
  const { port1, port2 } = new MessageChannel();
  const errorListeners: Array<(e: Event) => void> = [];
  const endpoint: WorkerEndpoint = {
    postMessage: (m, t) => port1.postMessage(m, t ?? []),
    addEventListener: ((type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.addEventListener('message', fn as never);
      else if (type === 'error') errorListeners.push(fn as never);
    }) as WorkerEndpoint['addEventListener'],
    removeEventListener: ((type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.removeEventListener('message', fn as never);
    }) as WorkerEndpoint['removeEventListener'],
    terminate: () => {
      stopHost();
      port1.close();
    },
    start: () => port1.start(),
  };
  const stopHost = serveTasks(port2 as never, registry, {
    selectBackend: async () => ({ ...(await selectBackend('cpu')), reason: 'cpu in the test' }),
  });
  const worker = new TaskWorker(endpoint);
  open.push(() => {
    worker.terminate();
    port2.close();
  });
  const crash = (message: string) =>
    errorListeners.forEach((fn) => fn({ message } as unknown as Event));
  return { worker, crash };
}

function toyTask(worker: TaskWorker, config: ToyOptions, terminateOnDispose = false) {
  return new WorkerTask({ worker, kind: 'toy', config, name: 'toy', terminateOnDispose });
}

describe('WorkerTask + serveTasks', () => {
  it('trains through the runner with the same losses as the task on the page', async () => {
    const opts = { seed: 5, epochs: 2, optimizer: 'adam' as const };
    const sync = new TrainingRunner(toyFactory(opts).factory, { scheduler: new Scheduler() });
    await sync.play();
    const { worker } = connect();
    const runner = new TrainingRunner(() => toyTask(worker, opts), {
      scheduler: new Scheduler(),
      checkpointEveryMs: 0,
    });
    await runner.play();
    const s = runner.getState();
    expect(s.status).toBe('done');
    expect(s.history.loss).toEqual(sync.getState().history.loss);
    expect(s.history.mae).toEqual(sync.getState().history.mae);
    expect(s.evalHistory).toEqual(sync.getState().evalHistory);
    expect(s.backend?.reason).toBe('cpu in the test');
    await runner.dispose();
    await sync.dispose();
  });

  it('stepMany runs several steps per request and stops at the schedule end or a divergence', async () => {
    const { worker } = connect();
    const t = toyTask(worker, { seed: 3, epochs: 1 }); // 8 steps in all
    await t.init();
    const first = await t.stepMany(5);
    expect(first.map((r) => r.progress.step)).toEqual([1, 2, 3, 4, 5]);
    expect(first.every((r) => Number.isFinite(r.values.loss) && 'mae' in r.values)).toBe(true);
    expect(t.progress().step).toBe(5);
    const rest = await t.stepMany(20);
    expect(rest.map((r) => r.progress.step)).toEqual([6, 7, 8]); // ends at totalSteps
    await expect(t.stepMany(0)).rejects.toThrow(RangeError);
    await expect(t.stepMany(2.5)).rejects.toThrow('count must be a positive integer');

    const blow = toyTask(worker, { seed: 3, lr: 4, epochs: 100 });
    await blow.init();
    const diverging = await blow.stepMany(60);
    const last = diverging[diverging.length - 1].values.loss;
    expect(diverging.length).toBeLessThan(60);
    expect(Number.isFinite(last)).toBe(false);
    expect(diverging.slice(0, -1).every((r) => Number.isFinite(r.values.loss))).toBe(true);
    blow.dispose();
  });

  it('the runner batches quick worker steps and records, evaluates and diverges as step by step', async () => {
    const run = async (opts: Parameters<typeof toyTask>[1], batched: boolean) => {
      const { worker } = connect();
      const sizes: number[] = [];
      const runner = new TrainingRunner(
        () => {
          const task = toyTask(worker, opts);
          const many = task.stepMany.bind(task);
          if (batched) {
            task.stepMany = (count: number) => {
              sizes.push(count);
              return many(count);
            };
          } else {
            (task as { stepMany?: unknown }).stepMany = undefined;
          }
          return task;
        },
        { scheduler: new Scheduler(), evalEvery: 10 },
      );
      await runner.play();
      const s = runner.getState();
      await runner.dispose();
      return { s, sizes };
    };
    const opts = { seed: 6, epochs: 40, optimizer: 'adam' as const }; // 320 steps
    const one = await run(opts, false);
    const many = await run(opts, true);
    expect(many.s.status).toBe('done');
    expect(many.s.step).toBe(320);
    expect(many.sizes.some((n) => n > 1)).toBe(true);
    expect(many.sizes.length).toBeLessThan(320);
    expect(Math.max(...many.sizes)).toBeLessThanOrEqual(10); // never past an evaluation
    expect(many.s.history.loss).toEqual(one.s.history.loss);
    expect(many.s.evalHistory).toEqual(one.s.evalHistory);

    const bad = { seed: 3, lr: 4, epochs: 100 };
    const a = await run(bad, false);
    const b = await run(bad, true);
    expect(a.s.error?.kind).toBe('diverged');
    expect(b.s.error?.kind).toBe('diverged');
    expect(b.s.step).toBe(a.s.step);
    expect(b.s.error?.cause).toBe(a.s.error?.cause);
  });

  it('reports init facts, calls methods by name, re-throws errors with name and message', async () => {
    const { worker } = connect();
    const task = toyTask(worker, { seed: 1 });
    expect(task.name).toBe('toy');
    await task.init();
    expect(task.name).toBe('toy regression');
    expect(task.divergenceHint.knob).toBe('lr');
    expect(task.info).toEqual({ stepsPerEpoch: 8 });
    expect(task.progress()).toMatchObject({ step: 0, stepsPerEpoch: 8 });
    await task.step();
    expect(task.progress().step).toBe(1);
    expect(await task.call('echo', 'hi')).toBe('echo hi');
    const err = await task.call('fail').catch((e: Error) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toBe('bad argument');
    await expect(task.call('nope')).rejects.toThrow('toy regression has no method "nope"');
    const bad = new WorkerTask({ worker, kind: 'nope', config: {}, name: 'x' });
    await expect(bad.init()).rejects.toThrow('unknown task kind "nope" (known: toy)');
    task.dispose();
  });

  it('round-trips weights and leaks no tensor per step in the worker; dispose frees all', async () => {
    const { worker } = connect();
    const baseline = (await toyTask(worker, {}).memory()).numTensors;
    const a = toyTask(worker, { seed: 2, optimizer: 'adam' });
    await a.init();
    await a.step();
    const warm = (await a.memory()).numTensors;
    for (let i = 0; i < 4; i++) await a.step();
    expect((await a.memory()).numTensors).toBe(warm);
    const weights = await a.getWeights();
    expect(weights.w.values).toBeInstanceOf(Float32Array);
    const predictions = await a.call<number[]>('predictVal');
    // A second task (fresh weights, same data) replaces the first in the worker; loading the
    // weights gives the first one's predictions.
    const b = toyTask(worker, { seed: 2 });
    await b.init();
    expect(await b.call('predictVal')).not.toEqual(predictions);
    b.setWeights(weights);
    expect(await b.call('predictVal')).toEqual(predictions);
    await expect(a.step()).resolves.toBeDefined(); // a's messages now reach b: one task per worker
    b.dispose();
    await new Promise((r) => setTimeout(r, 10));
    expect((await a.memory()).numTensors).toBe(baseline);
    await expect(b.step()).rejects.toThrow('was disposed');
  });

  it('surfaces a bad snapshot at the next step', async () => {
    const { worker } = connect();
    const t = toyTask(worker, {});
    await t.init();
    t.setWeights({ w: { shape: [1], values: new Float32Array(1) } } as never);
    await expect(t.step()).rejects.toThrow();
  });

  it('a crashed worker fails the run through the runner', async () => {
    const { worker, crash } = connect();
    const runner = new TrainingRunner(() => toyTask(worker, { epochs: 1000 }), {
      scheduler: new Scheduler(),
    });
    await runner.stepOnce();
    const playing = runner.play();
    await new Promise((r) => setTimeout(r, 5));
    crash('out of memory');
    await playing;
    const s = runner.getState();
    expect(s.status).toBe('error');
    expect(s.error?.kind).toBe('failed');
    expect(s.error?.message).toContain('The training worker stopped: out of memory');
    expect(worker.alive).toBe(false);
    await runner.dispose();
  });

  it('a lost context in the worker restores the checkpoint in a fresh worker', async () => {
    const workers: TaskWorker[] = [];
    let current: WorkerTask | null = null;
    const runner = new TrainingRunner(
      () => {
        if (!workers.at(-1)?.alive) workers.push(connect().worker);
        current = toyTask(workers.at(-1)!, { epochs: 100, seed: 4 }, true);
        return current;
      },
      { scheduler: new Scheduler(), checkpointEveryMs: 0 },
    );
    for (let i = 0; i < 3; i++) await runner.stepOnce();
    const predictions = await current!.call('predictVal');
    expect(await current!.loseContext()).toBe(false); // cpu: marked lost, no real context
    await runner.stepOnce();
    expect(workers[0].lost).toBe('simulated for a test');
    expect(workers[0].alive).toBe(false);
    for (let i = 0; i < 200 && !runner.getState().error?.message.includes('restored'); i++)
      await new Promise((r) => setTimeout(r, 5));
    const s = runner.getState();
    expect(s.error?.kind).toBe('context-lost');
    expect(s.error?.message).toContain('in the training worker: simulated for a test');
    expect(s.error?.message).toContain('checkpoint at step 3');
    expect(s.step).toBe(3);
    expect(workers.length).toBe(2);
    expect(await current!.call('predictVal')).toEqual(predictions);
    await runner.stepOnce();
    expect(runner.getState().step).toBe(4);
    await runner.dispose();
    expect(workers[1].alive).toBe(false); // terminateOnDispose
  });
});

// Keep tfjs referenced for the backend set-up above (cpu in the page and in the "worker").
void tf;
