import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applySparseUpdate,
  createWord2VecTask,
  gatherPlan,
  learningRateAt,
  negativeSamplingParts,
  negativeSamplingStep,
  prepareCorpus,
  resolveWord2VecConfig,
  sumGroups,
  BatchStream,
  segmentPlan,
  type SparseUpdate,
  type Word2VecConfig,
  type Word2VecTask,
} from '../../../src/models/word2vec';
import { createRng } from '../../../src/train/random';
import type { EvaluationSet } from '../../../src/nlp/embeddings';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/**
 * Planted structure: animals and vehicles are interchangeable within their own group only, each
 * group with its own context words.
 */
const ANIMALS = ['cat', 'dog', 'cow', 'horse'];
const VEHICLES = ['car', 'bus', 'truck', 'train'];
function plantedCorpus(n: number, seed = 5): string[][] {
  const rng = createRng(seed);
  const pick = (xs: string[]) => xs[rng.int(xs.length)];
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.5) {
      out.push([
        pick(['the', 'a']),
        pick(ANIMALS),
        pick(['eats', 'sleeps', 'runs']),
        pick(['grass', 'hay', 'outside']),
      ]);
    } else {
      out.push([
        pick(['the', 'a']),
        pick(VEHICLES),
        pick(['drives', 'stops', 'parks']),
        pick(['fast', 'downtown', 'today']),
      ]);
    }
  }
  return out;
}

function cosine(m: Float32Array, d: number, i: number, j: number): number {
  let dot = 0;
  let a = 0;
  let b = 0;
  for (let k = 0; k < d; k++) {
    dot += m[i * d + k] * m[j * d + k];
    a += m[i * d + k] ** 2;
    b += m[j * d + k] ** 2;
  }
  return dot / Math.sqrt(a * b);
}

/** Mean cosine within the groups minus mean cosine across them. */
function separation(task: Word2VecTask, m: Float32Array): number {
  const id = (w: string) => task.words.indexOf(w);
  const d = task.config.dim;
  let within = 0;
  let nw = 0;
  let across = 0;
  let na = 0;
  for (const g of [ANIMALS, VEHICLES]) {
    for (const a of g) {
      for (const b of g) {
        if (a >= b) continue;
        within += cosine(m, d, id(a), id(b));
        nw++;
      }
    }
  }
  for (const a of ANIMALS) {
    for (const b of VEHICLES) {
      across += cosine(m, d, id(a), id(b));
      na++;
    }
  }
  return within / nw - across / na;
}

const corpus = prepareCorpus(plantedCorpus(600), 1);
const base: Word2VecConfig = {
  corpus,
  dim: 16,
  window: 2,
  negative: 3,
  batchSize: 128,
  epochs: 8,
  sample: 0,
  seed: 3,
};

async function trainAll(task: Word2VecTask): Promise<number[]> {
  const losses: number[] = [];
  while (!task.finished) {
    const out = task.step();
    losses.push((await out.loss.data())[0]);
    tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
  }
  return losses;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('word2vec task', () => {
  for (const architecture of ['skipgram', 'cbow'] as const) {
    it(`${architecture}: loss falls and the planted groups separate`, async () => {
      const task = createWord2VecTask({ ...base, architecture });
      task.init();
      const before = separation(task, await task.getEmbeddings());
      const losses = await trainAll(task);
      const after = separation(task, await task.getEmbeddings());
      const k = Math.max(2, Math.floor(losses.length / 5));
      expect(mean(losses.slice(-k))).toBeLessThan(0.8 * mean(losses.slice(0, k)));
      expect(Math.abs(before)).toBeLessThan(0.3);
      expect(after).toBeGreaterThan(0.3);
      // every word's nearest neighbour among the eight is in its own group
      const kv = await task.keyedVectors();
      for (const group of [ANIMALS, VEHICLES]) {
        for (const w of group) {
          const near = kv
            .mostSimilar(w, task.words.length)
            .find((s) => ANIMALS.includes(s.word) || VEHICLES.includes(s.word))!;
          expect(group).toContain(near.word);
        }
      }
      expect(task.progress().totalSteps).toBe(task.progress().step);
      expect(() => task.step()).toThrow(/finished/);
      task.dispose();
    });
  }

  it('initialises input vectors in [-0.5/d, 0.5/d] and output vectors to 0', async () => {
    const task = createWord2VecTask(base);
    task.init();
    const w = await task.getWeights();
    const d = base.dim!;
    const syn0 = w.syn0.values;
    expect(Math.max(...syn0)).toBeLessThanOrEqual(0.5 / d);
    expect(Math.min(...syn0)).toBeGreaterThanOrEqual(-0.5 / d);
    expect(Math.max(...syn0)).toBeGreaterThan(0.4 / d); // spread over the range, not all 0
    expect(w.syn1neg.values.every((x) => x === 0)).toBe(true);
    task.dispose();
  });

  it('first-step loss is (K + 1) ln 2 per row (output vectors start at 0)', async () => {
    // 3,000 distinct words: a noise word almost never equals the positive (which is masked out)
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const wide = prepareCorpus([words, words.slice().reverse()], 1);
    const task = createWord2VecTask({ ...base, corpus: wide });
    task.init();
    const out = task.step();
    expect((await out.loss.data())[0]).toBeCloseTo(4 * Math.LN2, 3);
    tf.dispose([out.loss, ...Object.values(out.metrics!)]);
    task.dispose();
  });

  it('decays the learning rate linearly to alpha * 1e-4', () => {
    expect(learningRateAt(0.025, 0, 1000)).toBeCloseTo(0.025, 10);
    expect(learningRateAt(0.025, 500, 1000)).toBeCloseTo(0.025 * (1 - 500 / 1001), 10);
    expect(learningRateAt(0.025, 1000, 1000)).toBeCloseTo(0.025 / 1001, 10);
    expect(learningRateAt(0.025, 1001, 1000)).toBeCloseTo(0.025 * 1e-4, 10);
    expect(learningRateAt(0.025, 5000, 1000)).toBeCloseTo(0.025 * 1e-4, 10);
  });

  it('reports the learning rate it used, decreasing over training', async () => {
    const task = createWord2VecTask({ ...base, epochs: 1, alpha: 0.04 });
    task.init();
    const lrs: number[] = [];
    while (!task.finished) {
      const out = task.step();
      lrs.push((await out.metrics!.learning_rate.data())[0]);
      tf.dispose([out.loss, ...Object.values(out.metrics!)]);
    }
    expect(lrs[0]).toBeCloseTo(0.04, 6);
    for (let i = 1; i < lrs.length; i++) expect(lrs[i]).toBeLessThan(lrs[i - 1]);
    expect(task.effectiveWords).toBe(corpus.ids.length); // sample = 0: every word is a centre
    task.dispose();
  });

  it('leaks no tensor per step and frees everything on dispose', async () => {
    for (const sparseUpdate of ['segment', 'scatter', 'gather'] as const) {
      for (const architecture of ['skipgram', 'cbow'] as const) {
        const start = tf.memory().numTensors;
        const task = createWord2VecTask({ ...base, sparseUpdate, architecture });
        task.init();
        const one = async () => {
          const out = task.step();
          await out.loss.data();
          tf.dispose([out.loss, ...Object.values(out.metrics!)]);
        };
        await one();
        const after = tf.memory().numTensors;
        for (let i = 0; i < 3; i++) await one();
        expect(tf.memory().numTensors).toBe(after);
        task.dispose();
        task.dispose();
        expect(tf.memory().numTensors).toBe(start);
      }
    }
  });

  it('is reproducible for a seed on the cpu backend, whatever the update formulation', async () => {
    const run = async (seed: number, sparseUpdate: SparseUpdate) => {
      const task = createWord2VecTask({ ...base, seed, epochs: 1, sparseUpdate });
      task.init();
      for (let i = 0; i < 5; i++) {
        const out = task.step();
        tf.dispose([out.loss, ...Object.values(out.metrics!)]);
      }
      const m = await task.getEmbeddings();
      task.dispose();
      return m;
    };
    const a = await run(9, 'segment');
    expect(Array.from(await run(9, 'segment'))).toEqual(Array.from(a));
    const b = await run(9, 'gather');
    const c = await run(9, 'scatter');
    for (let i = 0; i < a.length; i++) {
      expect(b[i]).toBeCloseTo(a[i], 5);
      expect(c[i]).toBeCloseTo(a[i], 5);
    }
    expect(Array.from(await run(10, 'segment'))).not.toEqual(Array.from(a));
  });

  it('round-trips weights and rejects a snapshot of the wrong shape, changing nothing', async () => {
    const task = createWord2VecTask(base);
    task.init();
    const out = task.step();
    tf.dispose([out.loss, ...Object.values(out.metrics!)]);
    const snap = await task.getWeights();
    const other = createWord2VecTask({ ...base, seed: 99 });
    other.init();
    other.setWeights(snap);
    expect(Array.from(await other.getEmbeddings())).toEqual(Array.from(snap.syn0.values));
    const bad = { ...snap, syn1neg: { shape: [2, 2], values: new Float32Array(4) } };
    expect(() => other.setWeights(bad)).toThrow(/syn1neg.*expected/);
    expect(Array.from(await other.getEmbeddings())).toEqual(Array.from(snap.syn0.values));
    task.dispose();
    other.dispose();
    await expect(other.getEmbeddings()).rejects.toThrow(/disposed/);
  });

  it('getVectors returns the syn0 rows of the ids in order, validates ids and leaks nothing', async () => {
    const task = createWord2VecTask(base);
    await expect(task.getVectors([0])).rejects.toThrow(/init/);
    task.init();
    const out = task.step();
    tf.dispose([out.loss, ...Object.values(out.metrics!)]);
    const all = await task.getEmbeddings();
    const d = task.config.dim;
    const V = task.words.length;
    const ids = [V - 1, 0, 3, 3];
    const before = tf.memory().numTensors;
    const rows = await task.getVectors(ids);
    expect(tf.memory().numTensors).toBe(before);
    expect(rows.length).toBe(ids.length * d);
    ids.forEach((id, i) => {
      expect(Array.from(rows.subarray(i * d, (i + 1) * d))).toEqual(
        Array.from(all.subarray(id * d, (id + 1) * d)),
      );
    });
    expect((await task.getVectors([])).length).toBe(0);
    expect(Array.from(task.getVectorsSync(ids))).toEqual(Array.from(rows));
    expect(tf.memory().numTensors).toBe(before);
    for (const bad of [[-1], [V], [1.5], [Number.NaN], [0, V + 3]]) {
      await expect(task.getVectors(bad)).rejects.toThrow(RangeError);
      expect(() => task.getVectorsSync(bad)).toThrow(RangeError);
    }
    expect(tf.memory().numTensors).toBe(before);
    task.dispose();
    await expect(task.getVectors([0])).rejects.toThrow(/disposed/);
  });

  it('evaluates analogies and similarity with the src/nlp/embeddings helpers', async () => {
    const set: EvaluationSet = {
      name: 'toy',
      description: 'planted groups',
      analogies: [{ family: 'x', a: 'cat', b: 'dog', c: 'car', expected: 'bus' }],
      similarity: [
        { w1: 'cat', w2: 'dog', score: 9 },
        { w1: 'cat', w2: 'car', score: 1 },
        { w1: 'bus', w2: 'truck', score: 8 },
        { w1: 'cat', w2: 'unknownword', score: 3 },
      ],
    };
    const task = createWord2VecTask({ ...base, evaluationSet: set });
    task.init();
    await trainAll(task);
    const r = await task.evaluate();
    expect(r.analogy_coverage).toBe(1);
    expect(r.analogy_accuracy === 0 || r.analogy_accuracy === 1).toBe(true);
    expect(r.similarity_spearman).toBeGreaterThan(0);
    const kv = await task.keyedVectors();
    expect(ANIMALS).toContain(kv.mostSimilar('cat', 1)[0].word);
    task.dispose();
    const none = createWord2VecTask(base);
    none.init();
    expect(await none.evaluate()).toEqual({});
    none.dispose();
  });

  it('validates the configuration with messages naming the field', () => {
    expect(() => createWord2VecTask({ ...base, window: 11 })).toThrow(
      /window must be an integer in \[1, 10\]/,
    );
    expect(() => createWord2VecTask({ ...base, negative: 0 })).toThrow(/negative .*\[1, 20\]/);
    expect(() => createWord2VecTask({ ...base, dim: 301 })).toThrow(/dim .*\[2, 300\]/);
    expect(() => createWord2VecTask({ ...base, dim: 2.5 })).toThrow(/dim/);
    expect(() => createWord2VecTask({ ...base, alpha: 0 })).toThrow(
      /alpha must be a number in \(0, 1\]/,
    );
    expect(() => createWord2VecTask({ ...base, alpha: NaN })).toThrow(/alpha/);
    expect(() => createWord2VecTask({ ...base, sample: -1 })).toThrow(/sample/);
    expect(() => createWord2VecTask({ ...base, epochs: 0 })).toThrow(/epochs/);
    expect(() => createWord2VecTask({ ...base, batchSize: 10 })).toThrow(/batchSize/);
    expect(() => createWord2VecTask({ ...base, seed: -1 })).toThrow(/seed/);
    expect(() =>
      createWord2VecTask({ ...base, architecture: 'glove' as unknown as 'cbow' }),
    ).toThrow(/architecture must be 'skipgram' or 'cbow'/);
    expect(() =>
      createWord2VecTask({ ...base, corpus: {} as unknown as Word2VecConfig['corpus'] }),
    ).toThrow(/prepareCorpus/);
    expect(() => createWord2VecTask({ ...base, corpus: prepareCorpus([['a']], 1) })).toThrow(
      /at least 2/,
    );
  });

  it('a divergence blames its config field (alpha), not a widget control', () => {
    for (const architecture of ['skipgram', 'cbow'] as const) {
      const hint = createWord2VecTask({ ...base, architecture }).divergenceHint;
      expect(hint.knob).toBe('alpha');
      expect(Object.keys(resolveWord2VecConfig({ ...base, architecture }))).toContain(hint.knob);
      expect(hint.advice).toMatch(/learning rate η/);
    }
  });
});

describe('word2vec ops', () => {
  it('the SGD steps are -alpha times the gradient of the negative-sampling loss', () => {
    const rng = createRng(2);
    const B = 3;
    const K1 = 4;
    const d = 5;
    const rand = (n: number) => Float32Array.from({ length: n }, () => rng.next() - 0.5);
    const h = tf.tensor2d(rand(B * d), [B, d]);
    const u = tf.tensor3d(rand(B * K1 * d), [B, K1, d]);
    const mask = tf.tensor2d([1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0], [B, K1]);
    const labels = tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], [B, K1]);
    const lr = 0.1;
    const step = negativeSamplingStep({ hidden: h, outputs: u, mask, labels, lr: tf.scalar(lr) });
    const loss = (hh: tf.Tensor, uu: tf.Tensor) =>
      negativeSamplingStep({
        hidden: hh as tf.Tensor2D,
        outputs: uu as tf.Tensor3D,
        mask,
        labels,
        lr: tf.scalar(lr),
      }).lossSum;
    const [gh, gu] = tf.grads(loss)([h, u]);
    const near = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    expect(near(step.hiddenStep, tf.mul(gh, -lr))).toBeLessThan(1e-6);
    expect(near(step.outputStep, tf.reshape(tf.mul(gu, -lr), [B * K1, d]))).toBeLessThan(1e-6);
    // loss by hand for row 0: -log σ(s0) - log σ(-s1) (column 2 masked) - log σ(-s3)
    const s = tf.sum(tf.mul(u, tf.expandDims(h, 1)), 2).arraySync() as number[][];
    const ls = (x: number) => Math.log(1 / (1 + Math.exp(-x)));
    let want = 0;
    const m = mask.arraySync() as number[][];
    for (let r = 0; r < B; r++) {
      for (let k = 0; k < K1; k++) if (m[r][k]) want -= k === 0 ? ls(s[r][k]) : ls(-s[r][k]);
    }
    expect(step.lossSum.dataSync()[0]).toBeCloseTo(want, 5);
  });

  it('the hidden-step parts sum over k to the hidden step; sumGroups adds runs of k rows', () => {
    const rng = createRng(8);
    const [B, K1, d] = [5, 3, 4];
    const rand = (n: number) => Float32Array.from({ length: n }, () => rng.next() - 0.5);
    const x = {
      hidden: tf.tensor2d(rand(B * d), [B, d]),
      outputs: tf.tensor3d(rand(B * K1 * d), [B, K1, d]),
      mask: tf.tensor2d(
        Float32Array.from({ length: B * K1 }, (_, i) => (i % 4 === 3 ? 0 : 1)),
        [B, K1],
      ),
      labels: tf.tensor2d(
        Float32Array.from({ length: B * K1 }, (_, i) => (i % K1 === 0 ? 1 : 0)),
        [B, K1],
      ),
      lr: tf.scalar(0.3),
    };
    const parts = negativeSamplingParts(x);
    const step = negativeSamplingStep(x);
    const p = parts.hiddenParts.arraySync() as number[][];
    const h = step.hiddenStep.arraySync() as number[][];
    const u = x.outputs.arraySync() as number[][][];
    const g = tf
      .mul(
        tf.mul(
          tf.sub(x.labels, tf.sigmoid(tf.sum(tf.mul(x.outputs, tf.expandDims(x.hidden, 1)), 2))),
          x.mask,
        ),
        0.3,
      )
      .arraySync() as number[][];
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let k = 0; k < K1; k++) {
          expect(p[b * K1 + k][j]).toBeCloseTo(g[b][k] * u[b][k][j], 6);
          sum += p[b * K1 + k][j];
        }
        expect(h[b][j]).toBeCloseTo(sum, 6);
      }
    }
    expect(Array.from(parts.outputStep.dataSync())).toEqual(Array.from(step.outputStep.dataSync()));
    expect(parts.lossSum.dataSync()[0]).toBe(step.lossSum.dataSync()[0]);
    const grouped = sumGroups(parts.hiddenParts, K1).arraySync() as number[][];
    for (let b = 0; b < B; b++)
      for (let j = 0; j < d; j++) expect(grouped[b][j]).toBeCloseTo(h[b][j], 6);
    expect(() => sumGroups(tf.zeros([7, 2]) as tf.Tensor2D, 3)).toThrow(/groups of 3/);
  });

  it('one skip-gram step equals a plain-JS batched SGD step (word2vec.c maths), every formulation', async () => {
    // the reference: every row from the weights before the step, steps summed per table row
    for (const sparseUpdate of ['segment', 'scatter', 'gather'] as const) {
      const task = createWord2VecTask({ ...base, batchSize: 96, epochs: 1, sparseUpdate });
      const cfg = task.config;
      const K1 = cfg.negative + 1;
      const d = cfg.dim;
      task.init();
      // make syn1neg non-zero so that the input step is not trivially zero
      const w0 = await task.getWeights();
      const rng = createRng(6);
      const out0 = Float32Array.from(w0.syn1neg.values, () => (rng.next() - 0.5) * 0.5);
      task.setWeights({ ...w0, syn1neg: { ...w0.syn1neg, values: out0 } });
      const in0 = Float32Array.from(w0.syn0.values);
      const batch = new BatchStream(cfg.corpus, cfg).next();
      const lr = learningRateAt(cfg.alpha, 0, cfg.corpus.ids.length);
      const wantIn = Float32Array.from(in0);
      const wantOut = Float32Array.from(out0);
      for (let r = 0; r < batch.rows; r++) {
        const c = batch.inputIds[r];
        for (let k = 0; k < K1; k++) {
          if (!batch.outputMask[r * K1 + k]) continue;
          const o = batch.outputIds[r * K1 + k];
          let s = 0;
          for (let j = 0; j < d; j++) s += in0[c * d + j] * out0[o * d + j];
          const gk = lr * ((k === 0 ? 1 : 0) - 1 / (1 + Math.exp(-s)));
          for (let j = 0; j < d; j++) {
            wantIn[c * d + j] += gk * out0[o * d + j];
            wantOut[o * d + j] += gk * in0[c * d + j];
          }
        }
      }
      const out = task.step();
      tf.dispose([out.loss, ...Object.values(out.metrics!)]);
      const w1 = await task.getWeights();
      let maxErr = 0;
      for (let i = 0; i < wantIn.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(w1.syn0.values[i] - wantIn[i]));
        maxErr = Math.max(maxErr, Math.abs(w1.syn1neg.values[i] - wantOut[i]));
      }
      expect(maxErr).toBeLessThan(1e-5);
      // and the step did move the weights by more than that
      let moved = 0;
      for (let i = 0; i < in0.length; i++) moved = Math.max(moved, Math.abs(wantIn[i] - in0[i]));
      expect(moved).toBeGreaterThan(1e-3);
      task.dispose();
    }
  });

  it('sparse updates add every duplicate, in all three formulations (multi-level gather)', () => {
    const V = 7;
    const d = 3;
    const n = 150; // row 2 is hit 100 times: three levels of 8-row chunks
    const ids = Int32Array.from({ length: n }, (_, i) => (i < 100 ? 2 : i % V));
    const mask = Float32Array.from({ length: n }, (_, i) => (i % 13 === 0 ? 0 : 1));
    const grads = Float32Array.from({ length: n * d }, (_, i) => ((i * 7) % 11) - 5);
    const want = new Float32Array(V * d).fill(1);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      for (let k = 0; k < d; k++) want[ids[i] * d + k] += grads[i * d + k];
    }
    for (const mode of ['segment', 'scatter', 'gather'] as const) {
      const table = tf.variable(tf.ones([V, d]));
      const plan = segmentPlan(ids, mask, new Int32Array(V + 1));
      const g = tf.tidy(() =>
        tf.mul(tf.tensor2d(grads, [n, d]), tf.tensor2d(mask, [n, 1])),
      ) as tf.Tensor2D;
      const idT = tf.tensor1d(ids, 'int32');
      applySparseUpdate(table, g, mode, idT, plan, gatherPlan(plan, n, V));
      const got = table.dataSync();
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 4);
      if (mode === 'gather') expect(gatherPlan(plan, n, V).levels.length).toBe(3);
      tf.dispose([table, g, idT]);
    }
  });
});
