import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createNeuralLmTask,
  sampleFromLogits,
  sparseSoftmaxCrossEntropy,
  type NeuralLmTask,
} from '../../../src/models/neuralLm';
import {
  encodeNgrams,
  neuralLmParameterCount,
  type NeuralLmConfig,
} from '../../../src/models/neuralLmConfig';

/** A tiny corpus with strong regularities: "the cat sat" / "a dog ran" ... */
const SENTENCES = [
  ['the', 'cat', 'sat'],
  ['a', 'dog', 'ran'],
  ['the', 'cat', 'ran'],
  ['a', 'dog', 'sat'],
  ['the', 'cat', 'sat', 'down'],
];
const WORDS = ['<UNK>', '<s>', '</s>', 'the', 'cat', 'sat', 'a', 'dog', 'ran', 'down'];
const IDS = new Map(WORDS.map((w, i) => [w, i]));

/** evaluationNgrams as src/nlp defines it: order-1 '<s>' on the left, one '</s>' on the right. */
function ngramsOf(sentences: string[][], order: number): string[][] {
  const out: string[][] = [];
  for (const s of sentences) {
    const padded = [...new Array<string>(order - 1).fill('<s>'), ...s, '</s>'];
    for (let i = 0; i + order <= padded.length; i++) out.push(padded.slice(i, i + order));
  }
  return out;
}

function tinyConfig(contextSize = 2, extra: Partial<NeuralLmConfig> = {}): NeuralLmConfig {
  const train = encodeNgrams(ngramsOf(SENTENCES, contextSize + 1), IDS, contextSize);
  const held = encodeNgrams(ngramsOf(SENTENCES.slice(0, 2), contextSize + 1), IDS, contextSize);
  return {
    words: WORDS,
    contextSize,
    trainContexts: train.contexts,
    trainTargets: train.targets,
    evalContexts: held.contexts,
    evalTargets: held.targets,
    embeddingDim: 4,
    hiddenUnits: 8,
    batchSize: 8,
    learningRate: 0.03,
    ...extra,
  };
}

function make(config: NeuralLmConfig): NeuralLmTask {
  const task = createNeuralLmTask(config);
  task.init();
  return task;
}

async function train(task: NeuralLmTask, n: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const out = task.step();
    losses.push((await out.loss.data())[0]);
    out.loss.dispose();
  }
  return losses;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`neural LM (${backend})`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });

    it('builds Bengio shapes, counts its parameters, reports its schedule', async () => {
      const task = make(tinyConfig(3, { epochs: 2 }));
      const w = await task.getWeights();
      expect(w['embedding/embeddings'].shape).toEqual([10, 4]);
      expect(w['hidden/kernel'].shape).toEqual([12, 8]);
      expect(w['hidden/bias'].shape).toEqual([8]);
      expect(w['output/kernel'].shape).toEqual([8, 10]);
      expect(w['output/bias'].shape).toEqual([10]);
      const total = Object.values(w).reduce((s, x) => s + x.values.length, 0);
      expect(task.parameterCount).toBe(total);
      expect(neuralLmParameterCount(10, 3, 4, 8)).toBe(40 + 96 + 8 + 80 + 10);
      // 5 sentences, 3+3+3+3+4 words + 5 '</s>' = 21 targets, batches of 8: 3 steps per epoch.
      expect(task.progress()).toEqual({ step: 0, epoch: 0, stepsPerEpoch: 3, totalSteps: 6 });
      const out = task.step();
      expect(out.loss.shape).toEqual([]);
      out.loss.dispose();
      expect(task.progress().step).toBe(1);
      task.dispose();
    });

    it('starts near perplexity V and lowers the loss within a few dozen steps', async () => {
      const task = make(tinyConfig());
      const before = await task.evaluate();
      // Small random weights: every word has probability about 1/V.
      expect(before.val_perplexity).toBeGreaterThan(8);
      expect(before.val_perplexity).toBeLessThan(12);
      const losses = await train(task, 60);
      expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.5);
      const after = await task.evaluate();
      expect(after.val_perplexity).toBeLessThan(before.val_perplexity / 2);
      task.dispose();
    });

    it('evaluates perplexity as exp(mean NLL), checked by hand on set weights', async () => {
      // V = 10, c = 1, m = 2, h = 2.
      const task = make(tinyConfig(1, { embeddingDim: 2, hiddenUnits: 2, evalChunk: 3 }));
      const E = Float32Array.from({ length: 20 }, (_, i) => ((i % 7) - 3) / 4);
      const H = Float32Array.from([0.5, -1, 2, 0.25]); // [m=2, h=2]
      const d = Float32Array.from([0.1, -0.2]);
      const U = Float32Array.from({ length: 20 }, (_, i) => ((i * 5) % 9) / 3 - 1); // [2, 10]
      const b = Float32Array.from({ length: 10 }, (_, i) => i / 10);
      task.setWeights({
        'embedding/embeddings': { shape: [10, 2], values: E },
        'hidden/kernel': { shape: [2, 2], values: H },
        'hidden/bias': { shape: [2], values: d },
        'output/kernel': { shape: [2, 10], values: U },
        'output/bias': { shape: [10], values: b },
      });
      const { evalContexts, evalTargets } = task.config;
      let total = 0;
      for (let i = 0; i < evalTargets.length; i++) {
        const x = [E[evalContexts[i] * 2], E[evalContexts[i] * 2 + 1]];
        const a = [0, 1].map((j) => Math.tanh(x[0] * H[j] + x[1] * H[2 + j] + d[j]));
        const y = Array.from({ length: 10 }, (_, v) => a[0] * U[v] + a[1] * U[10 + v] + b[v]);
        const lse = Math.log(y.reduce((s, z) => s + Math.exp(z), 0));
        total += lse - y[evalTargets[i]];
      }
      const expected = total / evalTargets.length;
      const got = await task.evaluate();
      expect(got.val_loss).toBeCloseTo(expected, 5);
      expect(got.val_perplexity).toBeCloseTo(Math.exp(expected), 4);
      // The same number as the n-gram definition 2 ** (mean -log2 p).
      expect(got.val_perplexity).toBeCloseTo(2 ** (expected / Math.LN2), 4);
      const p = await task.distribution([IDS.get('the')!]);
      expect(p).toHaveLength(10);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      task.dispose();
    });

    it('is deterministic for a seed and differs across seeds', async () => {
      const run = async (seed: number) => {
        const task = make(tinyConfig(2, { seed }));
        const losses = await train(task, 7); // crosses an epoch boundary (3 steps per epoch)
        const text = await task.generate(12, { seed: 5 });
        task.dispose();
        return { losses, text };
      };
      const a = await run(7);
      expect(await run(7)).toEqual(a);
      expect((await run(8)).losses).not.toEqual(a.losses);
    });

    it('leaks no tensor per step, evaluate or generate, and dispose frees everything', async () => {
      const baseline = tf.memory().numTensors;
      const task = make(tinyConfig(2, { evalChunk: 4 }));
      await train(task, 1); // warm-up: Adam creates its moment slots
      const afterWarmup = tf.memory().numTensors;
      await train(task, 5);
      await task.evaluate();
      await task.generate(5, { seed: 1, textSeed: ['the'] });
      await task.distribution([1, 3]);
      await task.getWeights();
      expect(tf.memory().numTensors).toBe(afterWarmup);
      task.dispose();
      task.dispose(); // safe twice
      expect(tf.memory().numTensors).toBe(baseline);
      expect(() => task.step()).toThrow(/disposed/);
    });

    it('generates vocabulary words, continues a text seed, never draws <s>', async () => {
      const task = make(tinyConfig());
      await train(task, 80);
      const text = await task.generate(40, { seed: 3, temperature: 0.7 });
      expect(text).toHaveLength(40);
      expect(text.every((w) => WORDS.includes(w) && w !== '<s>')).toBe(true);
      // Greedy after "the": the corpus always continues with "cat".
      expect(await task.generate(1, { textSeed: ['the'], temperature: 1e-4 })).toEqual(['cat']);
      expect(await task.generate(0)).toEqual([]);
      await expect(task.generate(3, { temperature: 0 })).rejects.toThrow(/temperature/);
      await expect(task.generate(-1)).rejects.toThrow(/numWords/);
      task.dispose();
    });
  });
}

describe('neural LM pieces', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('sparseSoftmaxCrossEntropy matches logSoftmax, value and gradient', () => {
    const z = tf.tensor2d([
      [1, 2, 3, -1],
      [0.5, 0, -2, 4],
    ]);
    const t = tf.tensor1d([2, 0], 'int32');
    const loss = (f: (z: tf.Tensor2D) => tf.Tensor) =>
      tf.valueAndGrad((x: tf.Tensor) => f(x as tf.Tensor2D) as tf.Scalar)(z);
    const ours = loss((x) => tf.sum(tf.mul(sparseSoftmaxCrossEntropy(x, t), tf.tensor1d([1, 2]))));
    const ref = loss((x) =>
      tf.sum(
        tf.mul(tf.neg(tf.sum(tf.mul(tf.oneHot(t, 4), tf.logSoftmax(x)), 1)), tf.tensor1d([1, 2])),
      ),
    );
    expect(ours.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 5);
    const [g1, g2] = [ours.grad.dataSync(), ref.grad.dataSync()];
    g1.forEach((v, i) => expect(v).toBeCloseTo(g2[i], 5));
    tf.dispose([z, t, ours.value, ours.grad, ref.value, ref.grad]);
  });

  it('samples by temperature: greedy below 1e-3, never the banned index', () => {
    const logits = [0, 5, 1, 2];
    expect(sampleFromLogits(logits, 1e-4, 3, 0.99)).toBe(1);
    expect(sampleFromLogits(logits, 1e-4, 1, 0.5)).toBe(3);
    for (let k = 0; k < 50; k++) expect(sampleFromLogits(logits, 2, 1, k / 50)).not.toBe(1);
    // T = 1: P(1) = e^5 / (1 + e^5 + e + e^2) = 0.9454...; u just below that picks 1, above it 2.
    const p1 = Math.exp(5) / (1 + Math.exp(5) + Math.E + Math.exp(2));
    const p0 = 1 / (1 + Math.exp(5) + Math.E + Math.exp(2));
    expect(sampleFromLogits(logits, 1, -1, p0 + p1 - 1e-6)).toBe(1);
    expect(sampleFromLogits(logits, 1, -1, p0 + p1 + 1e-6)).toBe(2);
  });

  it('encodes n-grams and rejects bad configs with clear messages', () => {
    const enc = encodeNgrams([['<s>', 'the', 'cat']], IDS, 2);
    expect(Array.from(enc.contexts)).toEqual([1, 3]);
    expect(Array.from(enc.targets)).toEqual([4]);
    expect(() => encodeNgrams([['the', 'whale', 'cat']], IDS, 2)).toThrow(/"whale".*<UNK>/);
    expect(() => encodeNgrams([['the', 'cat']], IDS, 2)).toThrow(/expected contextSize \+ 1 = 3/);
    const ok = tinyConfig();
    expect(() => createNeuralLmTask({ ...ok, contextSize: 5 })).toThrow(
      /contextSize must be an integer in \[1, 4\], got 5/,
    );
    expect(() => createNeuralLmTask({ ...ok, learningRate: -1 })).toThrow(/learningRate/);
    expect(() => createNeuralLmTask({ ...ok, learningRate: 20 })).toThrow(
      /learningRate must be a number in \[0\.0001, 10\], got 20/,
    );
    expect(() => createNeuralLmTask({ ...ok, seed: 1e6 })).toThrow(/seed must be an integer/);
    // A divergence names the config field; the widget maps it to its control's label.
    expect(createNeuralLmTask(ok).divergenceHint.knob).toBe('learningRate');
    expect(() => createNeuralLmTask({ ...ok, hiddenUnits: 0.5 })).toThrow(/hiddenUnits/);
    expect(() => createNeuralLmTask({ ...ok, words: ['a', 'b', 'c'] })).toThrow(
      /'<s>' and '<\/s>'/,
    );
    expect(() => createNeuralLmTask({ ...ok, evalTargets: new Int32Array(0) })).toThrow(
      /evalTargets is empty/,
    );
    expect(() => createNeuralLmTask({ ...ok, trainTargets: Int32Array.from([99]) })).toThrow(
      /trainTargets\[0\] = 99 is not a word id/,
    );
    expect(() =>
      createNeuralLmTask({ ...ok, trainContexts: ok.trainContexts.subarray(1) }),
    ).toThrow(/trainContexts has \d+ ids, expected/);
    expect(() =>
      createNeuralLmTask({
        ...ok,
        embeddingDim: 512,
        hiddenUnits: 1024,
        words: [...WORDS, ...Array.from({ length: 20000 }, (_, i) => `w${i}`)],
      }),
    ).toThrow(/parameters exceed/);
  });

  it('rejects a snapshot of the wrong shape and changes nothing', async () => {
    const task = make(tinyConfig());
    const before = await task.getWeights();
    expect(() =>
      task.setWeights({ ...before, 'hidden/bias': { shape: [3], values: new Float32Array(3) } }),
    ).toThrow(/"hidden\/bias" has shape \[3\].*expected \[8\]/);
    expect(await task.getWeights()).toEqual(before);
    task.dispose();
  });
});
