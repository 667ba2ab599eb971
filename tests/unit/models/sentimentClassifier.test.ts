import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSentimentTask, type SentimentConfig, type SentimentTask } from '../../../src/models';
import { encodeUci, synthetic } from './fixtures';

/** Runs `n` steps and returns the losses and accuracies read back, disposing the scalars. */
async function train(task: SentimentTask, n: number) {
  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let i = 0; i < n; i++) {
    const out = task.step();
    losses.push((await out.loss.data())[0]);
    accuracies.push((await out.metrics!.accuracy.data())[0]);
    out.loss.dispose();
    out.metrics!.accuracy.dispose();
  }
  return { losses, accuracies };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function make(config: SentimentConfig): SentimentTask {
  const task = createSentimentTask(config);
  task.init();
  return task;
}

describe('sentiment classifier (cpu)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('builds the Keras shapes and reports its schedule', async () => {
    const data = synthetic(70, 10);
    const task = make({ ...data, embeddingDim: 5, batchSize: 32, epochs: 3 });
    const w = await task.getWeights();
    expect(w['embedding/embeddings'].shape).toEqual([20, 5]);
    expect(w['dense/kernel'].shape).toEqual([5, 1]);
    expect(w['dense/bias'].shape).toEqual([1]);
    expect(w['dense/bias'].values).toEqual(new Float32Array([0]));
    // Keras initialisers: uniform(-0.05, 0.05) and glorot_uniform limit sqrt(6 / (5 + 1)) = 1.
    expect(Math.max(...w['embedding/embeddings'].values.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...w['dense/kernel'].values.map(Math.abs))).toBeLessThanOrEqual(1);
    // 70 rows in batches of 32: 32, 32, 6 (the last batch is kept, smaller).
    expect(task.progress()).toEqual({ step: 0, epoch: 0, stepsPerEpoch: 3, totalSteps: 9 });
    const out = task.step();
    expect(out.loss.shape).toEqual([]);
    expect(out.metrics!.accuracy.shape).toEqual([]);
    tf.dispose([out.loss, out.metrics!.accuracy]);
    await train(task, 2);
    expect(task.progress()).toEqual({ step: 3, epoch: 1, stepsPerEpoch: 3, totalSteps: 9 });
    task.dispose();
  });

  it('lowers the loss on the real UCI training split within 50 steps', async () => {
    const task = make({ ...encodeUci(1000, 20) });
    const before = await task.evaluate();
    expect(before.val_loss).toBeCloseTo(Math.log(2), 1);
    const { losses } = await train(task, 50);
    const after = await task.evaluate();
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.01);
    expect(after.val_loss).toBeLessThan(before.val_loss - 0.03);
    expect(after.val_accuracy).toBeGreaterThan(0.55);
    task.dispose();
  });

  it('learns a separable synthetic task', async () => {
    const task = make({ ...synthetic(256, 64) });
    const { accuracies } = await train(task, 80);
    const val = await task.evaluate();
    expect(mean(accuracies.slice(-8))).toBeGreaterThan(0.85);
    expect(val.val_accuracy).toBeGreaterThan(0.85);
    expect(val.val_loss).toBeLessThan(0.4);
    task.dispose();
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const data = synthetic(100, 10);
    const run = async (seed: number) => {
      const task = make({ ...data, seed, batchSize: 16 });
      const { losses } = await train(task, 12); // crosses an epoch boundary (7 steps per epoch)
      task.dispose();
      return losses;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it('leaks no tensor per step, evaluate or predict, and dispose frees everything', async () => {
    const baseline = tf.memory().numTensors;
    const data = synthetic(64, 16);
    const task = make({ ...data, batchSize: 16 });
    await train(task, 1); // warm-up: Adam creates its moment slots
    const afterWarmup = tf.memory().numTensors;
    await train(task, 5);
    await task.evaluate();
    await task.predict(data.valX);
    await task.embeddingNorms();
    await task.wordScores();
    await task.getWeights();
    expect(tf.memory().numTensors).toBe(afterWarmup);
    task.dispose();
    task.dispose(); // safe twice
    expect(tf.memory().numTensors).toBe(baseline);
    expect(() => task.step()).toThrow(/disposed/);
  });

  it('predicts probabilities in [0, 1], one per row, and checks its input', async () => {
    const data = synthetic(32, 40, 'p', 6);
    const task = make({ ...data });
    await train(task, 3);
    const p = await task.predict(data.valX);
    expect(p).toBeInstanceOf(Float32Array);
    expect(p).toHaveLength(40);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(await task.predict(new Int32Array(0))).toHaveLength(0);
    await expect(task.predict(new Int32Array(7))).rejects.toThrow(/not a multiple of maxlen = 6/);
    await expect(task.predict(Int32Array.from([1, 2, 3, 20, 0, 0]))).rejects.toThrow(
      /predict input\[3\] = 20/,
    );
    task.dispose();
  });

  it('does not care about the padding side (the mean ignores order)', async () => {
    const data = synthetic(64, 4, 's', 6);
    const task = make({ ...data });
    await train(task, 5);
    const post = Int32Array.from([4, 11, 7, 0, 0, 0, 9, 3, 0, 0, 0, 0]);
    const pre = Int32Array.from([0, 0, 0, 4, 11, 7, 0, 0, 0, 0, 9, 3]);
    const [a, b] = [await task.predict(post), await task.predict(pre)];
    for (let i = 0; i < 2; i++) expect(a[i]).toBeCloseTo(b[i], 6);
    task.dispose();
  });

  it('round-trips weights: a restored task predicts identically; a bad snapshot changes nothing', async () => {
    const data = synthetic(64, 20);
    const a = make({ ...data, seed: 1 });
    await train(a, 6);
    const snapshot = await a.getWeights();
    const b = make({ ...data, seed: 2 });
    const fresh = await b.predict(data.valX);
    expect(Array.from(fresh)).not.toEqual(Array.from(await a.predict(data.valX)));
    const bad = { ...snapshot, 'dense/kernel': { shape: [3, 1], values: new Float32Array(3) } };
    expect(() => b.setWeights(bad)).toThrow(
      /"dense\/kernel" has shape \[3, 1\].*expected \[16, 1\]/,
    );
    expect(Array.from(await b.predict(data.valX))).toEqual(Array.from(fresh));
    b.setWeights(snapshot);
    expect(Array.from(await b.predict(data.valX))).toEqual(Array.from(await a.predict(data.valX)));
    // Training continues after a restore (with fresh Adam moments).
    await train(b, 2);
    a.dispose();
    b.dispose();
  });

  it('validates the config with clear messages', () => {
    const data = synthetic(10, 5, 'v', 4);
    const bad = (patch: Partial<SentimentConfig>) => () =>
      createSentimentTask({ ...data, ...patch });
    expect(bad({ trainX: Int32Array.from({ length: 40 }, (_, i) => (i === 13 ? 20 : 1)) })).toThrow(
      'trainX[13] = 20 (row 3, position 1) is not a valid token id: ids must be in [0, vocabSize) = [0, 20)',
    );
    expect(
      bad({ valX: Int32Array.from([1, 2, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }),
    ).toThrow(/valX\[2\] = -1/);
    expect(bad({ trainX: new Int32Array(41) })).toThrow(
      /trainX has 41 ids, which is not a multiple of maxlen = 4/,
    );
    expect(bad({ trainY: new Float32Array(9) })).toThrow(
      'trainX has 10 rows but trainY has 9 labels',
    );
    expect(bad({ valY: Float32Array.from([0, 1, 2, 0, 1]) })).toThrow(
      /valY\[2\] = 2 is not a label/,
    );
    expect(bad({ trainY: Float32Array.from({ length: 10 }, () => NaN) })).toThrow(
      /trainY\[0\] = NaN/,
    );
    expect(bad({ vocabSize: 1.5 })).toThrow(/vocabSize must be an integer/);
    expect(bad({ maxlen: 0 })).toThrow(/maxlen must be an integer in \[1/);
    expect(bad({ embeddingDim: 0 })).toThrow(/embeddingDim/);
    expect(bad({ batchSize: -1 })).toThrow(/batchSize/);
    expect(bad({ epochs: 0 })).toThrow(/epochs/);
    expect(bad({ seed: 0.5 })).toThrow(/seed/);
    expect(bad({ learningRate: 0 })).toThrow(/learningRate must be a number in \[0.0001, 10\]/);
    expect(bad({ learningRate: NaN })).toThrow(/learningRate/);
    expect(bad({ trainX: new Int32Array(0), trainY: new Float32Array(0) })).toThrow(
      /trainX is empty/,
    );
    expect(bad({ trainX: [1, 2, 3, 4] as unknown as Int32Array })).toThrow(TypeError);
    expect(bad({ vocabSize: 1_000_000, embeddingDim: 128 })).toThrow(/exceeds/);
    expect(() => createSentimentTask(data as SentimentConfig).step()).toThrow(/call init\(\)/);
  });
});

describe('sentiment classifier (wasm)', () => {
  it('trains on the wasm backend through the embedding gradient, without leaks', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    try {
      const task = make({ ...synthetic(128, 32) });
      await train(task, 1);
      const n = tf.memory().numTensors;
      const { losses } = await train(task, 30);
      expect(tf.memory().numTensors).toBe(n);
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));
      task.dispose();
    } finally {
      expect(await tf.setBackend('cpu')).toBe(true);
    }
  });
});
