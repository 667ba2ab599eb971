/**
 * Exact resume of Chapter 9's character LM: a task restored from `getTrainingState` (weights,
 * optimiser slots and iteration count, the step, which fixes each stream's next chunk, and the
 * hidden state carried between truncated-BPTT chunks) continues with the losses the uninterrupted
 * run has; a state that does not fit is refused and changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  charLmWeightNames,
  createCharLmTask,
  type CharLmTask,
} from '../../../src/models/rnn/charLm';
import type { CharLmConfig } from '../../../src/models/rnn/charLmConfig';
import type { TrainingState } from '../../../src/train/types';

async function losses(task: CharLmTask, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const { loss, metrics } = task.step();
    out.push((await loss.data())[0]);
    tf.dispose([loss, ...Object.values(metrics ?? {})]);
  }
  return out;
}

function make(config: CharLmConfig): CharLmTask {
  const task = createCharLmTask(config);
  task.init();
  return task;
}

/** The state without the carried hidden state (weights and optimiser only). */
function withoutCarried(state: TrainingState): TrainingState {
  const weights = Object.fromEntries(
    Object.entries(state.weights).filter(([k]) => !k.startsWith('carried')),
  );
  return { ...state, weights };
}

describe('character LM: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  // 4 streams of 39 characters, 12 per chunk: 3 steps an epoch (the carried state is dropped at
  // steps 3, 6, ...), so resuming after 2 needs the carried state and 5 steps cross an epoch.
  const base: CharLmConfig = {
    trainText: 'the cat sat on the mat. '.repeat(7),
    heldoutText: 'the cat sat. the cat sat.',
    hiddenSize: 8,
    seqLen: 12,
    batchSize: 4,
    learningRate: 0.02,
    seed: 3,
  };

  it.each([
    ['lstm', 'adam', 0],
    ['lstm', 'adam', 2],
    ['lstm', 'adam', 4],
    ['gru', 'adam', 2],
    ['lstm', 'sgd', 2],
  ] as const)(
    '%s + %s resumed after %i steps: the next losses equal the run',
    async (cell, opt, k) => {
      const config: CharLmConfig = { ...base, cell, optimizer: opt, layers: 2 };
      const a = make(config);
      await losses(a, k);
      const state = await a.getTrainingState!();
      expect(state.step).toBe(k);
      const carried = Object.keys(state.weights).filter((n) => n.startsWith('carried'));
      expect(carried.length).toBe(k % 3 === 0 ? 0 : cell === 'lstm' ? 4 : 2);
      const expected = await losses(a, 5);
      const b = make(config);
      const before = tf.memory().numTensors;
      await b.setTrainingState!(state);
      expect(b.progress().step).toBe(k);
      const slots = opt === 'adam' && k > 0 ? 2 * charLmWeightNames(2).length : 0;
      expect(tf.memory().numTensors).toBe(before + slots + carried.length);
      const got = await losses(b, 5);
      // The next loss depends only on the weights, the chunk and the carried state: exactly equal.
      // Later ones go through Adam's restored bias correction (pow, not products): float-close.
      expect(got[0]).toBe(expected[0]);
      got.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 5));
      a.dispose();
      b.dispose();
    },
  );

  it('without the optimiser state or the carried state the run differs (the test can fail)', async () => {
    const a = make(base);
    await losses(a, 2);
    const state = await a.getTrainingState!();
    const expected = await losses(a, 3);
    const noOptimizer = make(base);
    await noOptimizer.setTrainingState!({ ...state, optimizer: null });
    const got = await losses(noOptimizer, 3);
    expect(got[0]).toBe(expected[0]);
    expect(Math.abs(got[2] - expected[2])).toBeGreaterThan(1e-6);
    const noCarried = make(base);
    await noCarried.setTrainingState!(withoutCarried(state));
    expect(Math.abs((await losses(noCarried, 1))[0] - expected[0])).toBeGreaterThan(1e-6);
    [a, noOptimizer, noCarried].forEach((t) => t.dispose());
  });

  it('refuses a state that does not fit and keeps its weights, optimiser and carried state', async () => {
    const other = make({ ...base, hiddenSize: 6 });
    await losses(other, 2);
    const wrong = await other.getTrainingState!();
    const b = make(base);
    await losses(b, 2);
    const mine = await b.getTrainingState!();
    const tensors = tf.memory().numTensors;
    await expect(b.setTrainingState!(wrong)).rejects.toThrow(/carried state/);
    await expect(b.setTrainingState!(withoutCarried(wrong))).rejects.toThrow(/optimiser slot 0/);
    await expect(
      b.setTrainingState!({ ...withoutCarried(wrong), optimizer: null }),
    ).rejects.toThrow(/"rnn0.wIh" has shape \[24, \d+\]/);
    const { 'carried0.c': _c, ...partial } = mine.weights;
    await expect(b.setTrainingState!({ ...mine, weights: partial })).rejects.toThrow(/carried/);
    await expect(b.setTrainingState!({ ...mine, step: -1 })).rejects.toThrow(/step/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await b.getTrainingState!()).toEqual(mine);
    other.dispose();
    b.dispose();
  });
});
