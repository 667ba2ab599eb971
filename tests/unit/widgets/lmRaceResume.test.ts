/**
 * Resume of chapter 15's race (src/widgets/lm-race/raceTask.ts): both models' training states
 * (weights, optimiser slots, steps, the LSTM's carried state), the clocks, curves and the race's
 * step come back, so the next step goes to the same model with the same loss, and each model then
 * continues as its uninterrupted self. A state either model refuses changes neither.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildCharVocab, encodeChars } from '../../../src/models/rnn/charData';
import type { TrainingTask } from '../../../src/train/types';
import { defaults } from '../../../src/ui';
import type { EncodedCharCorpus } from '../../../src/widgets/common/charCorpus';
import { createLmRaceTask, type LmRaceConfig } from '../../../src/widgets/lm-race/raceTask';
import { raceSchema, toConfig } from '../../../src/widgets/lm-race/schema';
import { stepLosses } from '../models/resumeChecks';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const train = 'the whale and the ship and the sea, call me ishmael. '.repeat(60);
const heldout = 'the sea and the whale and the ship. '.repeat(12);
const vocab = buildCharVocab(train);
const corpus: EncodedCharCorpus = {
  name: 'moby-dick',
  title: 'test',
  trainChars: train.length,
  heldoutChars: heldout.length,
  vocab,
  trainIds: encodeChars(vocab, train),
  heldoutIds: encodeChars(vocab, heldout),
  heldoutText: heldout,
};

const config = (dModel = 16): LmRaceConfig => {
  const s = { ...defaults(raceSchema), layers: 1, heads: 2, dModel, dFf: 32, context: 8 };
  const c = toConfig(s, corpus);
  return { ...c, transformer: { ...c.transformer, warmupSteps: 2 }, budgetSeconds: 60 };
};

async function make(c = config()) {
  const task = createLmRaceTask(c);
  await task.init();
  return task;
}

describe('LM race: training state', () => {
  test('restored after both models stepped, the race and each model continue exactly', async () => {
    const a = await make();
    await stepLosses(a, 6);
    await a.evaluate();
    const curves = a.curves();
    expect(curves.lstm.steps).toBeGreaterThan(0);
    expect(curves.transformer.steps).toBeGreaterThan(0);
    const state = await a.getTrainingState!();
    expect(state.step).toBe(6);
    const [next] = await stepLosses(a, 1);
    const sub = (t: TrainingTask) => stepLosses(t, 3);
    const expected = [await sub(a.racers.transformer), await sub(a.racers.lstm)];

    const b = await make();
    await b.setTrainingState!(state);
    expect(b.progress().step).toBe(6);
    const back = b.curves();
    for (const name of ['transformer', 'lstm'] as const) {
      expect(back[name].steps).toBe(curves[name].steps);
      expect(back[name].bpc).toEqual(Array.from(Float32Array.from(curves[name].bpc)));
      expect(back[name].clockSeconds).toBeCloseTo(curves[name].clockSeconds, 4);
    }
    // Same clocks: the same model goes next, from the same weights, batch and carried state.
    expect((await stepLosses(b, 1))[0]).toBe(next);
    const got = [await sub(b.racers.transformer), await sub(b.racers.lstm)];
    got.forEach((losses, m) => losses.forEach((l, i) => expect(l).toBeCloseTo(expected[m][i], 5)));

    // Without the optimiser states the models' later steps differ (so this test can fail).
    const c = await make();
    await c.setTrainingState!({ ...state, optimizer: null });
    await stepLosses(c, 1);
    const fresh = await sub(c.racers.transformer);
    expect(Math.abs(fresh[2] - expected[0][2])).toBeGreaterThan(1e-6);
    [a, b, c].forEach((t) => t.dispose());
  });

  test('refuses a state of another shape and keeps both models, clocks and curves', async () => {
    const other = await make(config(24));
    await stepLosses(other, 5);
    const theirs = await other.getTrainingState!();
    const b = await make();
    await stepLosses(b, 5);
    const early = await b.getTrainingState!();
    await stepLosses(b.racers.transformer, 2);
    const mine = await b.getTrainingState!();
    const tensors = tf.memory().numTensors;
    await expect(b.setTrainingState!(theirs)).rejects.toThrow(/optimiser slot|shape/);
    await expect(b.setTrainingState!({ ...theirs, optimizer: null })).rejects.toThrow(/shape/);
    // The earlier Transformer fits and is loaded first, the other LSTM does not: it is put back.
    const bad = { ...early, weights: { ...early.weights, ...pick(theirs.weights, 'lstm/') } };
    await expect(b.setTrainingState!(bad)).rejects.toThrow(/^char LM: /);
    await expect(b.setTrainingState!({ ...mine, step: -1 })).rejects.toThrow(/step/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await b.getTrainingState!()).toEqual(mine);
    other.dispose();
    b.dispose();
  });
});

function pick(s: Record<string, { shape: number[]; values: Float32Array }>, prefix: string) {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith(prefix)));
}
