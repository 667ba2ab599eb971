/**
 * The encoder-decoder Transformer task on the sequence tasks: the data, the config's errors, the
 * loss falling, reversal learned well above chance in a short run, no leak per step, cross-attention
 * rows summing to 1, weights round-tripping.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTransformerSeq2SeqTask,
  resolveTransformerSeq2SeqConfig,
  sequenceTaskDataset,
  sequenceTaskTarget,
} from '../../../../src/models/transformer';
import { selectBackend } from '../../../../src/train/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('sequence tasks', () => {
  it('reverses and sorts, within the length bounds, with disjoint splits, same for a seed', () => {
    expect(sequenceTaskTarget('reverse', '3185')).toBe('5813');
    expect(sequenceTaskTarget('sort', 'dbca')).toBe('abcd');
    const opts = { task: 'sort' as const, minLength: 3, maxLength: 6, trainSize: 2000, seed: 7 };
    const d = sequenceTaskDataset(opts);
    for (const ex of [...d.train, ...d.validation, ...d.test]) {
      expect(ex.source.length).toBeGreaterThanOrEqual(3);
      expect(ex.source.length).toBeLessThanOrEqual(6);
      expect(ex.target).toBe([...ex.source].sort().join(''));
    }
    const train = new Set(d.train.map((e) => e.source));
    expect(d.validation.some((e) => train.has(e.source))).toBe(false);
    expect(d.test.some((e) => train.has(e.source))).toBe(false);
    expect(sequenceTaskDataset(opts).train).toEqual(d.train);
    expect(sequenceTaskDataset({ ...opts, seed: 8 }).train).not.toEqual(d.train);
    const letters = sequenceTaskDataset({ alphabet: 'letters', trainSize: 100 });
    expect(letters.train.every((e) => /^[a-z]+$/.test(e.source))).toBe(true);
  });
});

describe('transformer seq2seq config', () => {
  it('throws clear errors naming the field', () => {
    expect(() => resolveTransformerSeq2SeqConfig({ layers: 0 })).toThrow(/layers must be/);
    expect(() => resolveTransformerSeq2SeqConfig({ numHeads: 3 })).toThrow(/numHeads \(3\)/);
    expect(() => resolveTransformerSeq2SeqConfig({ minLength: 8, maxLength: 5 })).toThrow(
      /maxLength \(5\) must be at least minLength/,
    );
    expect(() => resolveTransformerSeq2SeqConfig({ maxLength: 8, maxInputLength: 6 })).toThrow(
      /maxInputLength \(6\) must be at least maxLength \(8\)/,
    );
    expect(() => resolveTransformerSeq2SeqConfig({ maxInputLength: 33 })).toThrow(/maxInputLength/);
    expect(resolveTransformerSeq2SeqConfig({ maxLength: 7 }).maxInputLength).toBe(7);
    expect(() => resolveTransformerSeq2SeqConfig({ task: 'copy' as 'sort' })).toThrow(/task/);
    expect(() => resolveTransformerSeq2SeqConfig({ learningRate: 1 })).toThrow(/learningRate/);
    expect(() => resolveTransformerSeq2SeqConfig({ normFirst: 1 as unknown as boolean })).toThrow(
      /normFirst/,
    );
    expect(() => createTransformerSeq2SeqTask({ positions: 'none' as 'learned' })).toThrow(
      /positions/,
    );
  });
});

describe('createTransformerSeq2SeqTask', () => {
  const small = {
    trainSize: 2000,
    evalSize: 40,
    dModel: 32,
    dFf: 64,
    numHeads: 2,
    minLength: 3,
    maxLength: 6,
    batchSize: 32,
    seed: 3,
  };

  it('the loss falls on a small seeded run (post-LN, learned positions), no leak per step', async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    const task = createTransformerSeq2SeqTask({
      ...small,
      positions: 'learned',
      normFirst: false,
      maxInputLength: 9,
    });
    task.init();
    const losses: number[] = [];
    const run = () => {
      const out = task.step();
      losses.push(out.loss.dataSync()[0]);
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
    };
    run();
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 35; i++) run();
    expect(mean(losses.slice(-5))).toBeLessThan(0.8 * mean(losses.slice(0, 5)));
    const snap = await task.getWeights();
    const size = Object.values(snap).reduce((a, w) => a + w.values.length, 0);
    expect(size).toBe(task.parameterCount);
    task.setWeights(snap);
    expect((await task.getWeights()).embedding.values).toEqual(snap.embedding.values);
    // An input longer than any trained on (6) is decoded, up to its length + 1 tokens.
    const long = await task.translate('123456789');
    expect(long.sourceTokens).toHaveLength(9);
    expect(long.outputTokens.length).toBeLessThanOrEqual(10);
    expect(long.crossAttention[0][0]).toHaveLength(long.outputTokens.length * 9);
    await expect(task.translate('1234567890')).rejects.toThrow(/at most maxInputLength = 9/);
    task.dispose();
    task.dispose();
  }, 60_000);

  it('learns reversal well above chance on wasm, and its cross-attention rows sum to 1', async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    const task = createTransformerSeq2SeqTask({ ...small, trainSize: 5000, learningRate: 0.003 });
    task.init();
    const before0 = tf.memory().numTensors;
    for (let i = 0; i < 300; i++) {
      const out = task.step();
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
    }
    const metrics = await task.evaluate();
    // Chance of guessing a whole reversal of 3-6 digits is below 1e-3.
    expect(metrics.val_exact_match).toBeGreaterThan(0.3);
    expect(metrics.val_token_accuracy).toBeGreaterThan(0.8);
    const tr = await task.translate('12345');
    expect(tr.sourceTokens).toEqual(['1', '2', '3', '4', '5']);
    expect(tr.crossAttention).toHaveLength(task.config.layers);
    const Tout = tr.outputTokens.length;
    for (const layer of tr.crossAttention) {
      expect(layer).toHaveLength(task.config.numHeads);
      for (const head of layer) {
        expect(head).toHaveLength(Tout * 5);
        for (let i = 0; i < Tout; i++) {
          const sum = head.slice(i * 5, (i + 1) * 5).reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - 1)).toBeLessThan(1e-4);
        }
      }
    }
    // The alignment of a reversal: averaged over the last layer's heads, output symbol i reads
    // mostly input symbol 4 - i (within one position) for most of the five symbols.
    const last = tr.crossAttention[task.config.layers - 1];
    let aligned = 0;
    for (let i = 0; i < 5; i++) {
      const row = Array.from({ length: 5 }, (_, j) => mean(last.map((h) => h[i * 5 + j])));
      if (Math.abs(row.indexOf(Math.max(...row)) - (4 - i)) <= 1) aligned++;
    }
    expect(aligned).toBeGreaterThanOrEqual(4);
    await expect(task.translate('1234567')).rejects.toThrow(/at most maxInputLength = 6/);
    task.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before0);
  }, 300_000);
});
