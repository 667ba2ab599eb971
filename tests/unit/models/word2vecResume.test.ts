/**
 * Exact resume of word2vec: a task restored from `getTrainingState` (syn0, syn1neg and the step,
 * from which the batch stream is replayed: subsampling, windows, noise words and the words read
 * that set the learning rate) continues with the losses the uninterrupted run has; a state that
 * does not fit is refused and changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createWord2VecTask,
  prepareCorpus,
  type Word2VecConfig,
  type Word2VecTask,
} from '../../../src/models/word2vec';
import { createRng } from '../../../src/train/random';

/** Per step: the loss and the learning rate, as plain numbers. */
async function run(task: Word2VecTask, n: number): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const { loss, metrics } = task.step();
    out.push([(await loss.data())[0], (await metrics!.learning_rate.data())[0]]);
    tf.dispose([loss, ...Object.values(metrics!)]);
  }
  return out;
}

function sentences(n: number): string[][] {
  const rng = createRng(3);
  const words = ['the', 'a', 'cat', 'dog', 'car', 'bus', 'runs', 'stops', 'fast', 'hay'];
  return Array.from({ length: n }, () =>
    Array.from({ length: 3 + rng.int(4) }, () => words[rng.int(words.length)]),
  );
}

function make(config: Word2VecConfig): Word2VecTask {
  const task = createWord2VecTask(config);
  task.init();
  return task;
}

describe('word2vec: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  // ~225 words an epoch: skip-gram takes about 5 steps an epoch, CBOW about 2.3.
  const base: Word2VecConfig = {
    corpus: prepareCorpus(sentences(50), 1),
    dim: 8,
    window: 2,
    negative: 3,
    batchSize: 96,
    epochs: 6,
    sample: 0.05,
    alpha: 0.05,
    seed: 7,
  };

  it.each([
    ['skipgram', 0],
    ['skipgram', 3],
    ['skipgram', 8],
    ['cbow', 5],
  ] as const)(
    '%s resumed after %i steps: the next losses equal the uninterrupted run',
    async (architecture, k) => {
      const config = { ...base, architecture };
      const a = make(config);
      await run(a, k);
      const state = await a.getTrainingState!();
      expect(state.step).toBe(k);
      expect(state.optimizer).toBeNull();
      const words = [a.rawWords, a.effectiveWords];
      const epoch = a.progress().epoch;
      const expected = await run(a, 6);
      const b = make(config);
      const before = tf.memory().numTensors;
      await b.setTrainingState!(state);
      expect(tf.memory().numTensors).toBe(before);
      expect(b.progress().step).toBe(k);
      expect([b.rawWords, b.effectiveWords]).toEqual(words);
      // Same weights, same batches, same learning rates: the same float operations.
      expect(await run(b, 6)).toEqual(expected);
      // Every case crosses an epoch boundary (a new subsampling draw) in the compared steps.
      expect(Math.floor(a.progress().epoch)).toBeGreaterThan(Math.floor(epoch));
      a.dispose();
      b.dispose();
    },
  );

  it('weights alone (a stream from the start) give a different run (the test can fail)', async () => {
    const a = make(base);
    await run(a, 8);
    const state = await a.getTrainingState!();
    const expected = await run(a, 3);
    const b = make(base);
    b.setWeights(state.weights);
    const got = await run(b, 3);
    expect(got[0][1]).toBeGreaterThan(expected[0][1]);
    expect(Math.abs(got[0][0] - expected[0][0])).toBeGreaterThan(1e-6);
    a.dispose();
    b.dispose();
  });

  it('refuses a state that does not fit and keeps its own weights and position', async () => {
    const other = make({ ...base, dim: 6 });
    await run(other, 2);
    const wrong = await other.getTrainingState!();
    const b = make(base);
    await run(b, 2);
    const mine = await b.getTrainingState!();
    const tensors = tf.memory().numTensors;
    await expect(b.setTrainingState!(wrong)).rejects.toThrow(/"syn0" has shape \[\d+, 6\]/);
    await expect(b.setTrainingState!({ ...mine, step: 1.5 })).rejects.toThrow(/step/);
    await expect(b.setTrainingState!({ ...mine, step: 100000 })).rejects.toThrow(/past the end/);
    const slots = { 'slot/0': { shape: [1], values: new Float32Array(1) } };
    await expect(b.setTrainingState!({ ...mine, optimizer: slots })).rejects.toThrow(/SGD/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await b.getTrainingState!()).toEqual(mine);
    expect(b.progress().step).toBe(2);
    other.dispose();
    b.dispose();
  });
});
