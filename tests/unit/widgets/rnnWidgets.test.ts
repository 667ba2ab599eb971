/**
 * Chapter 9's two training widgets on the kit, under Node: each widget's spec and worker task
 * kind, served by the real task host at the far end of a MessageChannel (the widget's "worker"),
 * driven by a TrainingController as the page drives it. The sine forecaster's forecasts
 * (./forecasts.ts) against the plain-TypeScript forward pass of the weights; the char model's
 * probes (./probes.ts): sample, gates, gradient norms with cached fresh baselines, errors.
 */
import { channelEndpoint } from './channelWorker';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCharVocab, encodeChars } from '../../../src/models/rnn/charData';
import { sineSeries } from '../../../src/models/rnn/sineConfig';
import { selectBackend } from '../../../src/train/backend';
import { Scheduler } from '../../../src/train/scheduler';
import { serveTasks, type TaskKind } from '../../../src/train/worker/host';
import type { WorkerLike } from '../../../src/train/worker/rpc';
import { runnerErrorText } from '../../../src/widgets/kit/TrainingMessages';
import { TrainingController, type TrainingSpec } from '../../../src/widgets/kit/controller';
import type { CharCorpus } from '../../../src/widgets/char-rnn/corpus';
import { CharRnnProbes, SAMPLE_CHARS } from '../../../src/widgets/char-rnn/probes';
import {
  CHAR_RNN_KNOBS,
  charRnnSchema,
  type CharRnnSettings,
} from '../../../src/widgets/char-rnn/schema';
import { createCharRnnSpec } from '../../../src/widgets/char-rnn/spec';
import { charLmKind } from '../../../src/widgets/char-rnn/workerKind';
import {
  forecastOne,
  freeRunForecast,
  sineWeightsFromSnapshot,
} from '../../../src/widgets/sine-forecast/forecast';
import { SineForecasts } from '../../../src/widgets/sine-forecast/forecasts';
import {
  SINE_EVAL_LENGTH,
  SINE_KNOBS,
  SINE_PERIOD,
  SINE_TRAIN_LENGTH,
  sineSchema,
  type SineSettings,
} from '../../../src/widgets/sine-forecast/schema';
import { sineRunData, sineSpec } from '../../../src/widgets/sine-forecast/spec';
import { sineKind } from '../../../src/widgets/sine-forecast/workerKind';

beforeAll(async () => {
  await selectBackend('cpu');
});

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

/** The task host serving `kind` as `name` on a MessageChannel: a worker in this process. */
function fakeWorker(name: string, kind: TaskKind<never, never>): WorkerLike {
  return channelEndpoint((port) =>
    serveTasks(
      port as never,
      { [name]: async () => kind },
      {
        selectBackend: () => selectBackend('cpu'),
      },
    ),
  ).endpoint;
}

/** The widget's spec with its worker in this process and a scheduler of its own. */
function inProcess<S, D, X extends object>(
  spec: TrainingSpec<S, D, X>,
  kind: TaskKind<never, never>,
  prepare?: TrainingSpec<S, D, X>['prepare'],
): TrainingController<S, D, X> {
  const controller = new TrainingController(
    {
      ...spec,
      spawnWorker: () => fakeWorker(spec.taskKind, kind),
      prepare: prepare ?? spec.prepare,
      runnerOptions: { ...spec.runnerOptions, scheduler: new Scheduler(), checkpointEveryMs: 0 },
    },
    '/',
  );
  open.push(() => controller.dispose());
  return controller;
}

const SINE: SineSettings = {
  window: 8,
  hidden: 6,
  lr: 0.01,
  noise: 0.1,
  seed: 7,
  speed: 'full',
  freerun: true,
};

describe('sine forecaster on the kit', () => {
  it('trains in the worker; the forecasts drawn are the model’s, and nothing leaks per step', async () => {
    const controller = inProcess(sineSpec, sineKind as never);
    await controller.load(() => SINE);
    expect(controller.getState().data).toEqual(sineRunData(SINE));
    const runner = controller.getState().runner!;
    const forecasts = new SineForecasts(controller);
    const unsubscribe = runner.subscribe((s) => forecasts.onRunner(s));
    forecasts.setFreeRun(true);
    await runner.stepOnce();
    await vi.waitFor(() => {
      const s = controller.getState();
      expect(s.prediction?.step).toBe(1);
      expect(s.freeRun?.step).toBe(1);
    });
    const s = controller.getState();
    expect(s.forecastError).toBeNull();
    // The worker's weights, run forward in plain TypeScript, give the same curves.
    const w = sineWeightsFromSnapshot(await controller.currentTask!.getWeights());
    const { noisy } = sineSeries(SINE_TRAIN_LENGTH, SINE_PERIOD, SINE.noise, SINE.seed);
    const seedWindow = noisy.slice(SINE_TRAIN_LENGTH - SINE.window);
    const series = Float32Array.from([...seedWindow, ...s.data!.observed]);
    expect(s.prediction!.values).toHaveLength(SINE_EVAL_LENGTH);
    for (let i = 0; i < SINE_EVAL_LENGTH; i += 17) {
      expect(s.prediction!.values[i]).toBeCloseTo(forecastOne(w, series, i, SINE.window), 5);
    }
    const free = (await freeRunForecast(w, seedWindow, SINE_EVAL_LENGTH))!;
    expect(s.freeRun!.values).toEqual(Array.from(free));

    // The worker's tensors after more steps (and their forecasts) equal those after the first.
    const before = (await controller.workerMemory())!.numTensors;
    for (let i = 0; i < 3; i++) await runner.stepOnce();
    await vi.waitFor(() => expect(controller.getState().prediction?.step).toBe(4));
    expect((await controller.workerMemory())!.numTensors).toBe(before);

    // Off: the free run goes; Reset: the forecasts of the old run go, the new run draws its own.
    forecasts.setFreeRun(false);
    expect(controller.getState().freeRun).toBeNull();
    await controller.apply({ ...SINE, lr: 0.02 });
    expect(controller.getState().prediction).toBeNull();
    await runner.stepOnce();
    await vi.waitFor(() => expect(controller.getState().prediction?.step).toBe(1));
    unsubscribe();
    forecasts.dispose();
  });

  it('names the learning rate’s control when the loss diverges', () => {
    const label = (k: string) =>
      sineSchema[SINE_KNOBS[k as keyof typeof SINE_KNOBS] ?? 'speed'].label;
    const text = runnerErrorText(
      {
        kind: 'diverged',
        message: 'diverged',
        knob: 'learningRate',
        cause: 'The loss is 5e+3',
        advice: 'Lower the learning rate (try 0.01 or 0.003).',
      } as never,
      label,
    );
    expect(text).toContain('Change “Learning rate”: lower the learning rate');
  });
});

const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(40);

function corpus(): CharCorpus {
  const vocab = buildCharVocab(TEXT);
  return {
    name: 'moby-dick',
    title: 'the fox',
    trainChars: TEXT.length,
    heldoutChars: 200,
    vocab,
    trainIds: encodeChars(vocab, TEXT),
    heldoutIds: encodeChars(vocab, TEXT.slice(0, 200)),
    passage: 'the lazy dog jumps',
  };
}

const CHAR: CharRnnSettings = {
  corpus: 'moby-dick',
  cell: 'gru',
  hidden: 8,
  layers: 1,
  seq: 8,
  lr: 0.01,
  clip: 5,
  opt: 'adam',
  init: 1,
  seed: 1,
  temperature: 0.8,
  prime: 'the ',
};

describe('character model on the kit', () => {
  it('samples, reads the gates and the gradient norms in the worker; fresh baselines once', async () => {
    let freshCalls = 0;
    const kind = {
      ...charLmKind,
      calls: {
        ...charLmKind.calls,
        freshGradNorms: (...args: never[]) => {
          freshCalls++;
          return (charLmKind.calls!.freshGradNorms as (...a: never[]) => unknown)(...args);
        },
      },
    };
    const c = corpus();
    const controller = inProcess(createCharRnnSpec(), kind as never, async () => ({ corpus: c }));
    await controller.load(() => CHAR);
    const probes = new CharRnnProbes(controller);
    // No model yet: probes do nothing.
    await probes.generate(0.8, 'the ', 1);
    expect(controller.getState().sample).toBeNull();
    const runner = controller.getState().runner!;
    await runner.stepOnce();
    expect(controller.getState().taskInfo?.parameterCount).toBe(
      controller.getState().parameterCount,
    );

    await probes.generate(0.8, 'the ', 1);
    const sample = controller.getState().sample!;
    expect(Array.from(sample.text)).toHaveLength(SAMPLE_CHARS);
    expect(sample.step).toBe(1);

    await probes.refreshGates('the lazy dog');
    const gates = controller.getState().gates!;
    expect(gates.cell).toBe('gru');
    expect(Object.keys(gates.acts.layers[0].gates)).toEqual(['r', 'z', 'n']);
    expect(gates.acts.layers[0].gates.z).toHaveLength(12 * 8);

    await probes.refreshGradNorms('the lazy dog');
    const grad = controller.getState().gradNorms!;
    expect(grad.series.map((s) => s.name)).toEqual([
      'this GRU (step 1)',
      'fresh RNN',
      'fresh LSTM',
      'fresh GRU',
    ]);
    expect(grad.series[0].norms).toHaveLength(11);
    expect(freshCalls).toBe(3);
    await runner.stepOnce();
    await probes.refreshGradNorms('the lazy dog');
    expect(controller.getState().gradNorms!.series[0].name).toBe('this GRU (step 2)');
    expect(freshCalls).toBe(3); // cached

    // A probe the model refuses: the message says so; the samples are not touched.
    await probes.refreshGates('');
    expect(controller.getState().probeError).toMatch(/^Could not read the model: .*passage/);
    expect(controller.getState().sample).toBe(sample);
  });

  it('names the clipping control when an unclipped run diverges', () => {
    const label = (k: string) =>
      charRnnSchema[CHAR_RNN_KNOBS[k as keyof typeof CHAR_RNN_KNOBS] ?? 'seed'].label;
    expect(label('clipNorm')).toBe('Clip gradient norm at');
    expect(label('learningRate')).toBe('Learning rate');
  });
});
