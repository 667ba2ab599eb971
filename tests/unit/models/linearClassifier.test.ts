import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLinearClassifier,
  LINEAR_LIMITS,
  type LinearClassifierConfig,
  type LinearClassifierTask,
} from '../../../src/models';
import { csrFromDense, syntheticSparse } from './linearFixtures';

/** Runs `n` steps; returns every scalar read back, disposing them. */
async function train(task: LinearClassifierTask, n: number) {
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const out = task.step();
    const row: Record<string, number> = { loss: (await out.loss.data())[0] };
    for (const [k, s] of Object.entries(out.metrics ?? {})) row[k] = (await s.data())[0];
    tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
    rows.push(row);
  }
  return rows;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function make(config: LinearClassifierConfig): LinearClassifierTask {
  const task = createLinearClassifier(config);
  task.init();
  return task;
}

function task3(extra: Partial<LinearClassifierConfig> = {}) {
  const tr = syntheticSparse(240, 60, 3, 'train');
  const va = syntheticSparse(90, 60, 3, 'val');
  return make({ trainX: tr.x, trainY: tr.y, valX: va.x, valY: va.y, numClasses: 3, ...extra });
}

function task2(extra: Partial<LinearClassifierConfig> = {}) {
  const tr = syntheticSparse(240, 60, 2, 'train2');
  const va = syntheticSparse(90, 60, 2, 'val2');
  return make({ trainX: tr.x, trainY: tr.y, valX: va.x, valY: va.y, numClasses: 2, ...extra });
}

describe('linear classifier (cpu)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('starts at zero weights: loss ln 2 (logistic) and ln 3 (softmax), shapes [V, O]', async () => {
    const t2 = task2();
    const t3 = task3();
    expect((await t2.evaluate()).val_loss).toBeCloseTo(Math.log(2), 6);
    expect((await t3.evaluate()).val_loss).toBeCloseTo(Math.log(3), 6);
    const w2 = await t2.getWeights();
    const w3 = await t3.getWeights();
    expect(w2['dense/kernel'].shape).toEqual([60, 1]);
    expect(w3['dense/kernel'].shape).toEqual([60, 3]);
    expect(w3['dense/bias'].shape).toEqual([3]);
    // 240 rows in batches of 32: 8 steps per epoch (the last one has 16 rows).
    expect(t3.progress()).toEqual({ step: 0, epoch: 0, stepsPerEpoch: 8, totalSteps: 80 });
    t2.dispose();
    t3.dispose();
  });

  it('lowers the loss and beats chance on held-out data (softmax and logistic)', async () => {
    for (const task of [task3({ learningRate: 0.1 }), task2({ learningRate: 0.1 })]) {
      const k = task.config.numClasses;
      const rows = await train(task, 80);
      const losses = rows.map((r) => r.loss);
      expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)) * 0.7);
      const ev = await task.evaluate();
      expect(ev.val_cross_entropy).toBeLessThan(Math.log(k) * 0.7);
      expect(ev.val_accuracy).toBeGreaterThan(1 / k + 0.3);
      const c = task.lastEvaluation!.confusion;
      expect(c.length).toBe(k);
      const total = c.flat().reduce((a, b) => a + b, 0);
      const trace = c.reduce((a, row, i) => a + row[i], 0);
      expect(total).toBe(90);
      expect(trace / total).toBeCloseTo(ev.val_accuracy, 10);
      task.dispose();
    }
  });

  it('gives the closed-form probabilities of hand-set weights, in JS and in the training step', async () => {
    // One document with a single feature of value 1: logits are W[0, :] + b.
    const x = csrFromDense([[1, 0]]);
    const bin = make({ trainX: x, trainY: [1], valX: x, valY: [1], numClasses: 2, l2: 0 });
    bin.setWeights({
      'dense/kernel': { shape: [2, 1], values: Float32Array.from([Math.log(3), 5]) },
      'dense/bias': { shape: [1], values: Float32Array.from([0]) },
    });
    const [p] = await bin.predictProba(x);
    expect(p[1]).toBeCloseTo(0.75, 6); // sigmoid(ln 3) = 3 / 4
    expect(p[0]).toBeCloseTo(0.25, 6);
    const [row] = await train(bin, 1);
    expect(row.cross_entropy).toBeCloseTo(-Math.log(0.75), 5);
    expect(row.accuracy).toBe(1);
    bin.dispose();

    const soft = make({ trainX: x, trainY: [2], valX: x, valY: [0], numClasses: 3, l2: 0 });
    soft.setWeights({
      'dense/kernel': {
        shape: [2, 3],
        values: Float32Array.from([0, Math.log(2), Math.log(3), 9, 9, 9]),
      },
      'dense/bias': { shape: [3], values: Float32Array.from([1, 1, 1]) },
    });
    const [q] = await soft.predictProba(x);
    [1 / 6, 2 / 6, 3 / 6].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 6));
    const ev = await soft.evaluate(); // the validation label is class 0
    expect(ev.val_cross_entropy).toBeCloseTo(Math.log(6), 5);
    expect(soft.lastEvaluation!.confusion).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const [row3] = await train(soft, 1); // the training label is class 2
    expect(row3.cross_entropy).toBeCloseTo(-Math.log(0.5), 5);
    soft.dispose();
  });

  it('adds (lambda / 2) ||W||^2 and its gradient lambda W, and leaves the bias unpenalised', async () => {
    const rows = [
      [0.6, 0.8, 0],
      [0, 0.6, 0.8],
      [1, 0, 0],
    ];
    const x = csrFromDense(rows);
    const y = [1, 0, 1];
    const lr = 0.5;
    const l2 = 0.1;
    const task = make({
      trainX: x,
      trainY: y,
      valX: x,
      valY: y,
      numClasses: 2,
      l2,
      optimizer: 'sgd',
      learningRate: lr,
      batchSize: 3,
    });
    const W0 = [0.5, -1, 2];
    const b0 = 0.25;
    task.setWeights({
      'dense/kernel': { shape: [3, 1], values: Float32Array.from(W0) },
      'dense/bias': { shape: [1], values: Float32Array.from([b0]) },
    });
    const [out] = await train(task, 1);
    const sq = W0.reduce((a, w) => a + w * w, 0);
    expect(out.penalty).toBeCloseTo((l2 / 2) * sq, 5);
    expect(out.loss).toBeCloseTo(out.cross_entropy + out.penalty, 5);
    // One full-batch SGD step: dW_j = mean_i (p_i - y_i) x_ij + lambda W_j; db = mean_i (p_i - y_i).
    const p = rows.map((r) => 1 / (1 + Math.exp(-(b0 + r.reduce((a, v, j) => a + v * W0[j], 0)))));
    const dz = p.map((pi, i) => (pi - y[i]) / 3);
    const w = await task.getWeights();
    W0.forEach((wj, j) => {
      const g = dz.reduce((a, d, i) => a + d * rows[i][j], 0) + l2 * wj;
      expect(w['dense/kernel'].values[j]).toBeCloseTo(wj - lr * g, 5);
    });
    expect(w['dense/bias'].values[0]).toBeCloseTo(b0 - lr * mean(dz.map((d) => d * 3)), 5);
    task.dispose();
  });

  it('sparse and dense X·W give the same run', async () => {
    const a = task3({ matmul: 'sparse' });
    const b = task3({ matmul: 'dense' });
    expect(a.matmul).toBe('sparse');
    expect(b.matmul).toBe('dense');
    const ra = await train(a, 12);
    const rb = await train(b, 12);
    ra.forEach((r, i) => expect(r.loss).toBeCloseTo(rb[i].loss, 5));
    a.dispose();
    b.dispose();
  });

  it('leaks no tensor per step (after a warm-up step) and dispose frees everything', async () => {
    const before = tf.memory().numTensors;
    for (const matmul of ['sparse', 'dense'] as const) {
      const task = task3({ matmul });
      await train(task, 1);
      const warm = tf.memory().numTensors;
      await train(task, 5);
      await task.evaluate();
      await task.explain({ indices: [0, 3], values: [0.5, 0.5] });
      expect(tf.memory().numTensors).toBe(warm);
      task.dispose();
      task.dispose(); // safe twice
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reproduces a run from its seed; another seed orders the batches differently', async () => {
    const runs = [];
    for (const seed of [7, 7, 8]) {
      const task = task3({ seed });
      runs.push((await train(task, 10)).map((r) => r.loss));
      task.dispose();
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
  });

  it('explain(): contributions plus the bias sum to the logits; topTerms finds the class words', async () => {
    const task = task3({ learningRate: 0.1 });
    await train(task, 60);
    const names = Array.from({ length: 60 }, (_, j) => `w${j}`);
    const doc = { indices: [0, 7, 30], values: [0.3, 0.5, 0.8] };
    const e = await task.explain(doc, names);
    expect(e.contributions.map((c) => c.term)).toEqual(['w0', 'w7', 'w30']);
    for (let o = 0; o < 3; o++) {
      const sum = e.bias[o] + e.contributions.reduce((a, c) => a + c.contribution[o], 0);
      expect(sum).toBeCloseTo(e.logits[o], 10);
    }
    expect(e.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // Class c's indicative features are c*5 .. c*5+4 (linearFixtures): they top its list.
    const top = await task.topTerms(3, names);
    top.forEach((terms, c) => {
      for (const t of terms) expect(Math.floor(t.feature / 5)).toBe(c);
    });
    await expect(task.explain({ indices: [60], values: [1] })).rejects.toThrow(/feature 60/);
    task.dispose();
  });

  it('refuses bad input with messages that name the field', () => {
    const x = csrFromDense([[1, 0]]);
    const base = { trainX: x, trainY: [0], valX: x, valY: [0], numClasses: 2 };
    expect(() => createLinearClassifier({ ...base, trainY: [2] })).toThrow(/trainY\[0\] = 2/);
    expect(() => createLinearClassifier({ ...base, valX: csrFromDense([[1, 0, 0]]) })).toThrow(
      /valX has 3 features/,
    );
    expect(() => createLinearClassifier({ ...base, learningRate: -1 })).toThrow(/learningRate/);
    expect(() => createLinearClassifier({ ...base, l2: Number.NaN })).toThrow(/l2/);
    // The bounds are LINEAR_LIMITS (the widget's schema uses the same ones).
    const [, maxL2] = LINEAR_LIMITS.l2;
    expect(() => createLinearClassifier({ ...base, l2: maxL2 })).not.toThrow();
    expect(() => createLinearClassifier({ ...base, l2: maxL2 * 1.5 })).toThrow(
      `l2 must be a number in [0, ${maxL2}]`,
    );
    expect(() =>
      createLinearClassifier({ ...base, batchSize: LINEAR_LIMITS.batchSize[1] + 1 }),
    ).toThrow(/batchSize must be an integer/);
    expect(() =>
      createLinearClassifier({ ...base, learningRate: LINEAR_LIMITS.learningRate[1] * 2 }),
    ).toThrow(/learningRate must be a number/);
    // A divergence blames the config field, not a widget's URL key.
    expect(createLinearClassifier(base).divergenceHint.knob).toBe('learningRate');
    expect(() =>
      createLinearClassifier({
        ...base,
        trainX: { ...x, indices: Int32Array.from([5]) },
      }),
    ).toThrow(/trainX.indices\[0\] = 5/);
  });
});
