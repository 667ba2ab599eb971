/**
 * Exact resume of the Chapter 1 classifier: a task restored from `getTrainingState` (weights,
 * Adam's moments and iteration count, the step and hence the batch order) continues with the
 * losses the uninterrupted run has; a state that does not fit is refused and changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSentimentTask, type SentimentConfig, type SentimentTask } from '../../../src/models';
import { synthetic } from './fixtures';

async function losses(task: SentimentTask, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const { loss, metrics } = task.step();
    out.push((await loss.data())[0]);
    tf.dispose([loss, metrics!.accuracy]);
  }
  return out;
}

function make(config: SentimentConfig): SentimentTask {
  const task = createSentimentTask(config);
  task.init();
  return task;
}

describe('sentiment classifier: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  // 70 rows in batches of 32: 3 steps an epoch, so 4 and 6 steps cross epoch boundaries.
  const config: SentimentConfig = {
    ...synthetic(70, 10),
    embeddingDim: 5,
    batchSize: 32,
    epochs: 6,
    learningRate: 0.05,
  };

  it.each([0, 1, 3, 4, 6])(
    'resumed after %i steps, the next losses equal the uninterrupted run',
    async (k) => {
      const a = make(config);
      await losses(a, k);
      const state = await a.getTrainingState!();
      expect(state.step).toBe(k);
      const expected = await losses(a, 5);
      const b = make(config);
      const before = tf.memory().numTensors;
      await b.setTrainingState!(state);
      expect(b.progress().step).toBe(k);
      expect(tf.memory().numTensors).toBe(before + (k > 0 ? 6 : 0));
      const got = await losses(b, 5);
      // The next loss depends only on the restored weights and batch: exactly equal. Later ones
      // go through Adam's restored bias correction (pow instead of repeated products): float-close.
      expect(got[0]).toBe(expected[0]);
      got.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 5));
      a.dispose();
      b.dispose();
    },
  );

  it('without the optimiser state the run differs (the test can fail)', async () => {
    const a = make(config);
    await losses(a, 4);
    const state = await a.getTrainingState!();
    const expected = await losses(a, 3);
    const b = make(config);
    await b.setTrainingState!({ ...state, optimizer: null });
    const got = await losses(b, 3);
    expect(got[0]).toBe(expected[0]);
    expect(Math.abs(got[2] - expected[2])).toBeGreaterThan(1e-6);
    a.dispose();
    b.dispose();
  });

  it('refuses a state of another shape and keeps its own weights and optimiser', async () => {
    const a = make({ ...config, embeddingDim: 6 });
    await losses(a, 2);
    const other = await a.getTrainingState!();
    const b = make(config);
    await losses(b, 2);
    const mine = await b.getTrainingState!();
    const tensors = tf.memory().numTensors;
    await expect(b.setTrainingState!(other)).rejects.toThrow(/optimiser slot 0|shape/);
    await expect(b.setTrainingState!({ ...other, optimizer: null })).rejects.toThrow(
      /"embedding\/embeddings" has shape \[20, 6\]/,
    );
    await expect(b.setTrainingState!({ ...mine, step: -1 })).rejects.toThrow(/step/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await b.getTrainingState!()).toEqual(mine);
    a.dispose();
    b.dispose();
  });
});
