/**
 * createTextCnnTask: the loss falls on a short seeded run on real data, no tensor leaks per step,
 * topNgrams / explain shapes, and a synthetic case where one word decides the label, which the
 * filters and the explanation must find. Also textCnnForward's dropout and input checks.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTextCnnTask,
  parseFilterWidths,
  resolveTextCnnConfig,
  textCnnForward,
  type TextCnnConfig,
  type TextCnnTask,
} from '../../../src/models';
import { createRng } from '../../../src/train/random';
import { encodeUci } from './fixtures';

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const scalar = async (t: tf.Scalar) => {
  const v = (await t.data())[0];
  t.dispose();
  return v;
};

/** Sentences of 8 random ids in [3, 30); label 1 exactly when id 2 ("great") occurs. */
function synthetic(rows: number, seed: string): { x: Int32Array; y: Uint8Array } {
  const rng = createRng(seed);
  const x = new Int32Array(rows * 8);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < 8; t++) x[r * 8 + t] = 3 + rng.int(27);
    if (rng.next() < 0.5) {
      x[r * 8 + rng.int(8)] = 2;
      y[r] = 1;
    }
  }
  return { x, y };
}

function syntheticConfig(extra: Partial<TextCnnConfig> = {}): TextCnnConfig {
  const train = synthetic(400, 'train');
  const val = synthetic(100, 'val');
  return {
    trainX: train.x,
    trainY: train.y,
    valX: val.x,
    valY: val.y,
    vocabSize: 30,
    maxlen: 8,
    vocabulary: Array.from({ length: 30 }, (_, i) => (i === 2 ? 'great' : `w${i}`)),
    filterWidths: '1,2',
    filtersPerWidth: 4,
    embeddingDim: 8,
    learningRate: 0.01,
    dropout: 0.2,
    ...extra,
  };
}

describe('createTextCnnTask', () => {
  it('the loss falls and validation accuracy beats chance on the UCI sentences (seeded)', async () => {
    const data = encodeUci(1000, 20);
    const task = createTextCnnTask({
      ...data,
      filterWidths: [2, 3, 4],
      filtersPerWidth: 8,
      embeddingDim: 16,
      epochs: 2,
    });
    task.init();
    const losses: number[] = [];
    const steps = task.progress().stepsPerEpoch * 2;
    for (let i = 0; i < steps; i++) losses.push(await scalar(task.step().loss));
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(0, 10))).toBeGreaterThan(0.65);
    const ev = await task.evaluate();
    // The batches' loss (with dropout) falls from ln 2; without dropout, on whole splits, the
    // model is well past chance.
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.07);
    expect(ev.train_loss).toBeLessThan(0.55);
    expect(ev.val_loss).toBeLessThan(0.62);
    expect(ev.val_accuracy).toBeGreaterThan(0.65);
    task.dispose();
  }, 120_000);

  it('holds no more tensors after a step than before it (after warm-up), and frees all on dispose', async () => {
    const before = tf.memory().numTensors;
    const task = createTextCnnTask(syntheticConfig());
    task.init();
    const run = () => {
      const out = task.step();
      tf.dispose([out.loss, ...Object.values(out.metrics!)]);
    };
    run();
    run();
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      run();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    await task.evaluate();
    await task.topNgrams(3);
    await task.explain(Int32Array.from([2, 5, 7]));
    await task.predict(syntheticConfig().valX);
    expect(tf.memory().numTensors).toBe(counts[0]);
    task.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('on a task where one word decides the label', () => {
    let task: TextCnnTask;
    beforeAll(async () => {
      task = createTextCnnTask(syntheticConfig());
      task.init();
      for (let i = 0; i < 150; i++) tf.dispose(task.step().loss);
    });
    afterAll(() => task.dispose());

    it('learns it', async () => {
      expect((await task.evaluate()).val_accuracy).toBeGreaterThan(0.95);
    });

    it('topNgrams: one entry per filter, at most k distinct windows of its width, strongest first', async () => {
      const top = await task.topNgrams(5);
      expect(top.map((t) => [t.filter, t.width])).toEqual([
        ...[0, 1, 2, 3].map((f) => [f, 1]),
        ...[4, 5, 6, 7].map((f) => [f, 2]),
      ]);
      for (const { ngrams, width } of top) {
        expect(ngrams.length).toBeLessThanOrEqual(5);
        expect(new Set(ngrams.map((n) => n.ids.join())).size).toBe(ngrams.length);
        ngrams.forEach((n, i) => {
          expect(n.ids).toHaveLength(width);
          expect(n.words).toEqual(n.ids.map((id) => (id === 2 ? 'great' : `w${id}`)));
          if (i > 0) expect(n.activation).toBeLessThanOrEqual(ngrams[i - 1].activation);
        });
      }
      // Some filter's strongest window is "great" (alone or in a bigram).
      expect(top.some((t) => t.ngrams[0]?.ids.includes(2))).toBe(true);
    });

    it('explain: the margin splits exactly into tokens + bias, and "great" carries a positive sentence', async () => {
      const ids = Int32Array.from([5, 9, 2, 11, 7, 4, 20, 13]);
      const ex = await task.explain(ids);
      expect(ex.predicted).toBe(1);
      expect(ex.probabilities[1]).toBeGreaterThan(0.9);
      expect(ex.margin).toBeCloseTo(Math.log(ex.probabilities[1] / ex.probabilities[0]), 4);
      const total = ex.contributions.reduce((s, c) => s + c, 0) + ex.bias;
      expect(total).toBeCloseTo(ex.margin, 4);
      const best = ex.contributions.indexOf(Math.max(...ex.contributions));
      expect(ex.words![best]).toBe('great');
      expect(ex.filters).toHaveLength(8);
      for (const f of ex.filters) {
        expect(f.position + f.width).toBeLessThanOrEqual(8);
        expect(f.value).toBeGreaterThanOrEqual(0);
      }
      // A short input is padded with id 0 to the widest filter.
      expect((await task.explain(Int32Array.from([2]))).ids).toEqual([2, 0]);
    });

    it('round-trips its weights under PyTorch names', async () => {
      const snap = await task.getWeights();
      expect(Object.keys(snap)).toEqual([
        'embedding.weight',
        'convs.0.weight',
        'convs.0.bias',
        'convs.1.weight',
        'convs.1.bias',
        'fc.weight',
        'fc.bias',
      ]);
      expect(snap['convs.1.weight'].shape).toEqual([4, 8, 2]);
      const p = await task.predict(syntheticConfig().valX);
      task.setWeights(snap);
      expect(Array.from(await task.predict(syntheticConfig().valX))).toEqual(Array.from(p));
    });
  });

  it('validates its config', () => {
    expect(parseFilterWidths(' 3, 4 ,5')).toEqual([3, 4, 5]);
    expect(() => parseFilterWidths('3,3')).toThrow(/repeated/);
    expect(() => parseFilterWidths('')).toThrow(/1 to 6 widths/);
    expect(() => parseFilterWidths('3,x')).toThrow(/filterWidths\[1\]/);
    expect(() => resolveTextCnnConfig(syntheticConfig({ filterWidths: [9] }))).toThrow(
      /maxlen = 8 is shorter/,
    );
    expect(() => resolveTextCnnConfig(syntheticConfig({ dropout: 1 }))).toThrow(/dropout/);
    expect(() =>
      resolveTextCnnConfig(syntheticConfig({ trainY: Uint8Array.from({ length: 400 }, () => 2) })),
    ).toThrow(/trainY\[0\] = 2/);
    expect(resolveTextCnnConfig(syntheticConfig({ filterWidths: undefined })).filterWidths).toEqual(
      [3, 4, 5],
    );
  });
});

describe('textCnnForward options and checks', () => {
  const weights = () => ({
    embedding: tf.randomNormal([10, 4], 0, 1, 'float32', 1),
    convs: [2, 3].map((k) => ({
      weight: tf.randomNormal([5, 4, k], 0, 1, 'float32', k),
      bias: tf.fill([5], 0.5),
    })),
    fc: { weight: tf.randomNormal([2, 10], 0, 1, 'float32', 7), bias: tf.zeros([2]) },
  });

  it('dropout in training zeroes about `rate` of the pooled features and rescales the rest', () => {
    tf.tidy(() => {
      const w = weights();
      const ids = tf.tensor2d(
        Int32Array.from({ length: 400 * 6 }, (_, i) => (i * 7) % 10),
        [400, 6],
        'int32',
      );
      const base = textCnnForward(ids, w).logits;
      // With fc = identity-like probing: compare logits of dropped features via a fc of ones.
      const probe = { ...w, fc: { weight: tf.eye(10), bias: tf.zeros([10]) } };
      const pooled = textCnnForward(ids, probe).pooled.arraySync();
      const dropped = textCnnForward(ids, probe, {
        training: true,
        dropout: 0.3,
        seed: 3,
      }).logits.arraySync();
      let zeros = 0;
      dropped.forEach((row, b) =>
        row.forEach((v, f) => {
          if (v === 0) zeros++;
          else expect(v).toBeCloseTo(pooled[b][f] / 0.7, 4);
        }),
      );
      expect(zeros / 4000).toBeGreaterThan(0.25);
      expect(zeros / 4000).toBeLessThan(0.35);
      expect(textCnnForward(ids, w, { training: false, dropout: 0.3 }).logits.arraySync()).toEqual(
        base.arraySync(),
      );
    });
  });

  it('rejects inputs shorter than the widest filter, wrong dtypes and mismatched weights', () => {
    tf.tidy(() => {
      const w = weights();
      expect(() => textCnnForward(tf.zeros([2, 2], 'int32'), w)).toThrow(
        /fewer than the widest filter \(3\)/,
      );
      expect(() => textCnnForward(tf.zeros([2, 5]), w)).toThrow(/int32/);
      const bad = { ...w, fc: { weight: tf.zeros([2, 9]), bias: tf.zeros([2]) } };
      expect(() => textCnnForward(tf.zeros([2, 5], 'int32'), bad)).toThrow(
        /fc.weight must be \[K, F = 10\]/,
      );
      expect(() => textCnnForward(tf.zeros([2, 5], 'int32'), w, { dropout: 1 })).toThrow(/dropout/);
    });
  });
});
