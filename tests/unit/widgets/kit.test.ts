/**
 * The training-widget kit's controller (src/widgets/kit/controller.ts) under Node: a fake "worker"
 * (the real task host on the far end of a MessageChannel, serving the toy regression) and a spec
 * whose data preparation the test controls. Loading, the runner through the worker, Reset with
 * data reuse, a superseded apply, failures and retry, probes, a lost worker, dispose.
 */
import { channelEndpoint } from './channelWorker';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks, type TaskKind } from '../../../src/train/worker/host';
import { TrainingController, type TrainingSpec } from '../../../src/widgets/kit/controller';
import { runnerErrorText } from '../../../src/widgets/kit/TrainingMessages';
import { ToyRegression, type ToyOptions } from '../train/toy-task';

beforeAll(async () => {
  await selectBackend('cpu');
});

const toyKind: TaskKind<ToyOptions, ToyRegression> = {
  create: (config) => new ToyRegression(config),
  describe: (task) => ({ stepsPerEpoch: task.stepsPerEpoch }),
  calls: {
    predictVal: (task) => task.predictVal(),
    fail: () => {
      throw new Error('probe broke');
    },
  },
};

interface Settings {
  lr: number;
  n: number;
  seed: number;
}
interface Data {
  n: number;
  /** How many times data was built (to see reuse). */
  builds: number;
}

/** A worker endpoint that runs the task host in this process; `crash` fires its error event. */
function fakeWorker(log: { spawned: number; terminated: number }) {
  log.spawned++;
  const worker = channelEndpoint((port) => {
    const stop = serveTasks(
      port as never,
      { toy: async () => toyKind as never },
      {
        selectBackend: async () => ({ ...(await selectBackend('cpu')), reason: 'cpu in the test' }),
      },
    );
    return () => {
      log.terminated++;
      stop();
    };
  });
  return Object.assign(worker.endpoint, { crash: worker.crash });
}

function setup(options: { failPrepare?: () => string | null; prepareDelayMs?: number } = {}) {
  const log = { spawned: 0, terminated: 0, prepares: [] as Array<Data | null> };
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const scheduler = new Scheduler();
  const spec: TrainingSpec<Settings, Data, { note: string | null; n: number | null }> = {
    id: 'toy-widget',
    what: 'the toy model',
    taskKind: 'toy',
    spawnWorker: () => {
      const w = fakeWorker(log);
      workers.push(w);
      return w;
    },
    async prepare(settings, { previous, onProgress, signal }) {
      log.prepares.push(previous);
      onProgress(0.5);
      if (options.prepareDelayMs) await new Promise((r) => setTimeout(r, options.prepareDelayMs));
      const fail = options.failPrepare?.();
      if (fail) throw new Error(fail);
      if (signal.aborted) throw new Error('aborted');
      if (previous && previous.n === settings.n) return previous;
      return { n: settings.n, builds: (previous?.builds ?? 0) + 1 };
    },
    taskConfig: (data, s) => ({ n: data.n, lr: s.lr, seed: s.seed, epochs: 50 }),
    initialExtra: { note: null, n: null },
    describe: (data) => ({ n: data.n }),
    runnerOptions: { scheduler, checkpointEveryMs: 0 },
  };
  const controller = new TrainingController(spec, '/');
  open.push(() => void controller.dispose());
  return { controller, log, workers };
}

const open: Array<() => void> = [];
afterEach(() => {
  while (open.length) open.pop()!();
});

const base: Settings = { lr: 0.05, n: 64, seed: 3 };

describe('TrainingController', () => {
  it('loads, then trains through a worker; the state says what was applied', async () => {
    const { controller, log } = setup();
    const phases: string[] = [];
    controller.subscribe(() => phases.push(controller.getState().phase));
    await controller.load(() => base);
    const s = controller.getState();
    expect(s.phase).toBe('ready');
    expect(s.progress).toBe(1);
    expect(s.applied).toEqual(base);
    expect(s.data).toEqual({ n: 64, builds: 1 });
    expect(s.n).toBe(64); // describe()
    expect(phases[0]).toBe('loading');
    expect(log.spawned).toBe(0); // the worker starts with the first run
    await s.runner!.stepOnce();
    await s.runner!.stepOnce();
    expect(log.spawned).toBe(1);
    expect(s.runner!.getState().step).toBe(2);
    expect(s.runner!.getState().backend?.reason).toBe('cpu in the test');
    expect(controller.getState().taskInfo).toEqual({ stepsPerEpoch: 8 });
    expect(await controller.workerMemory()).toMatchObject({ numTensors: expect.any(Number) });
    // A second load while ready does nothing.
    await controller.load(() => ({ ...base, n: 8 }));
    expect(controller.getState().applied).toEqual(base);
  });

  it('Reset keeps the worker and reuses unchanged data; changed data is rebuilt', async () => {
    const { controller, log } = setup();
    await controller.load(() => base);
    const runner = controller.getState().runner!;
    await runner.stepOnce();
    controller.update({ note: 'probe result' });
    await controller.apply({ ...base, lr: 0.01 });
    let s = controller.getState();
    expect(s.runner).toBe(runner);
    expect(s.data).toEqual({ n: 64, builds: 1 }); // reused
    expect(s.note).toBeNull(); // the widget's own state starts over
    expect(runner.getState().status).toBe('idle');
    await runner.stepOnce();
    expect(log.spawned).toBe(1);
    await controller.apply({ ...base, n: 32 });
    s = controller.getState();
    expect(s.data).toEqual({ n: 32, builds: 2 });
    expect(s.applied?.n).toBe(32);
  });

  it('a newer apply supersedes one still preparing', async () => {
    const { controller } = setup({ prepareDelayMs: 20 });
    await controller.load(() => base);
    const first = controller.apply({ ...base, n: 16 });
    const second = controller.apply({ ...base, n: 24 });
    await Promise.all([first, second]);
    expect(controller.getState().applied?.n).toBe(24);
    expect(controller.getState().data?.n).toBe(24);
  });

  it('a failed load says what could not start; Try again loads again', async () => {
    let failure: string | null = 'HTTP 404';
    const { controller } = setup({ failPrepare: () => failure });
    await controller.load(() => base);
    expect(controller.getState().phase).toBe('failed');
    expect(controller.getState().loadError).toBe('The toy model could not start: HTTP 404');
    failure = null;
    await controller.load(() => base);
    expect(controller.getState().phase).toBe('ready');
    expect(controller.getState().loadError).toBeNull();
  });

  it('dispose during a load leaves nothing behind; after training it terminates the worker', async () => {
    const a = setup({ prepareDelayMs: 30 });
    const loading = a.controller.load(() => base);
    await a.controller.dispose();
    await loading;
    expect(a.controller.getState().phase).toBe('waiting');
    expect(a.controller.getState().runner).toBeNull();

    const b = setup();
    await b.controller.load(() => base);
    await b.controller.getState().runner!.stepOnce();
    const hooks = (globalThis as { __nlpbookWorkers?: Record<string, unknown> }).__nlpbookWorkers;
    expect(hooks?.['toy-widget']).toBeDefined();
    await b.controller.dispose();
    expect(b.log.terminated).toBe(1);
    expect(b.controller.workerAlive).toBe(false);
    expect(hooks?.['toy-widget']).toBeUndefined();
    expect(b.controller.getState().phase).toBe('waiting');
  });

  it('probes run one at a time, drop a second of the same kind, and report errors', async () => {
    const { controller } = setup();
    await controller.load(() => base);
    const errors: string[] = [];
    // No model yet: the probe is dropped.
    let ran = 0;
    await controller.probe(
      'p',
      async () => void ran++,
      (m) => errors.push(m),
    );
    expect(ran).toBe(0);
    await controller.getState().runner!.stepOnce();
    const results: number[][] = [];
    const p1 = controller.probe(
      'predict',
      async (task, isCurrent) => {
        const r = await task.call<number[]>('predictVal');
        if (isCurrent()) results.push(r);
      },
      (m) => errors.push(m),
    );
    const p2 = controller.probe(
      'predict',
      async () => void ran++,
      (m) => errors.push(m),
    );
    const p3 = controller.probe(
      'broken',
      (task) => task.call('fail'),
      (m) => errors.push(m),
    );
    await Promise.all([p1, p2, p3]);
    expect(results).toHaveLength(1);
    expect(ran).toBe(0);
    expect(errors).toEqual(['probe broke']);
  });

  it('a crashed worker fails the run; Reset builds the next run in a fresh worker', async () => {
    const { controller, log, workers } = setup();
    await controller.load(() => base);
    const runner = controller.getState().runner!;
    await runner.stepOnce();
    workers[0].crash('out of memory');
    await runner.stepOnce();
    expect(runner.getState().status).toBe('error');
    expect(runner.getState().error?.message).toContain(
      'The training worker stopped: out of memory',
    );
    await controller.apply(base);
    await runner.stepOnce();
    expect(runner.getState().status).toBe('paused');
    expect(log.spawned).toBe(2);
  });
});

describe('runnerErrorText', () => {
  const diverged = {
    kind: 'diverged' as const,
    message:
      'The loss became NaN at step 12 (toy): training diverged. Lower the learning rate (try 0.01). Then press Reset.',
    knob: 'learningRate',
    advice: 'Lower the learning rate (try 0.01).',
    cause: 'The loss became NaN at step 12 (toy)',
  };
  it("names the control's label for the config field a divergence blames", () => {
    const label = (knob: string) => (knob === 'learningRate' ? 'Learning rate' : undefined);
    expect(runnerErrorText(diverged, label)).toBe(
      'The loss became NaN at step 12 (toy): training diverged. Change “Learning rate”: lower the learning rate (try 0.01). Then press Reset.',
    );
  });
  it('falls back to the runtime message without a known control; failures say Reset', () => {
    expect(runnerErrorText(diverged, () => undefined)).toBe(diverged.message);
    expect(runnerErrorText({ kind: 'failed', message: 'Boom.' })).toBe(
      'Boom. Press Reset to start again.',
    );
  });
});

describe('ProbeQueue', () => {
  it('queues one more probe of a kind while one runs, so the newest model state is read', async () => {
    const { ProbeQueue } = await import('../../../src/widgets/kit/probes');
    let model = 1;
    const q = new ProbeQueue<number>(
      () => model,
      (m) => m === model,
    );
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const first = q.run(
      'p',
      async (m) => {
        await new Promise<void>((r) => (release = r));
        seen.push(m);
      },
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 0)); // the first probe is running now
    model = 2;
    const second = q.run(
      'p',
      async (m) => void seen.push(m),
      () => undefined,
    );
    const third = q.run(
      'p',
      async (m) => void seen.push(m * 100),
      () => undefined,
    ); // dropped
    release();
    await Promise.all([first, second, third]);
    expect(seen).toEqual([1, 2]);
  });
});
