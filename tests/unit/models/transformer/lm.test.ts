/**
 * The character Transformer task: the loss falls on a small seeded run, no tensor leak per step,
 * the parameter count formula, attention maps (causal, rows sum to 1), sampling, snapshots,
 * schedules and config errors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTransformerLmTask,
  resolveTransformerLmConfig,
  TRANSFORMER_LM_DEFAULTS,
  transformerLmParameterCount,
  type TransformerLmConfig,
} from '../../../../src/models';
import { selectBackend } from '../../../../src/train/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

// A small text with structure a 1-block model learns in a few dozen steps.
const words = ['the whale', 'the sea', 'a ship', 'ahab said', 'call me ishmael', 'the white whale'];
const text = (n: number, seed: number) => {
  let s = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += words[s % words.length] + (i % 5 === 4 ? '.\n' : ' ');
  }
  return out;
};
const small: TransformerLmConfig = {
  trainText: text(1500, 1),
  heldoutText: text(200, 2),
  layers: 1,
  numHeads: 2,
  dModel: 32,
  dFf: 64,
  contextLength: 16,
  batchSize: 16,
  learningRate: 0.01,
  warmupSteps: 5,
  schedule: 'constant',
  evalChars: 1000,
};

describe('character Transformer (wasm)', () => {
  const backend = 'wasm';
  it('the held-out loss falls on a small seeded run, with no tensor leak per step', async () => {
    expect((await selectBackend(backend)).name).toBe(backend);
    const task = createTransformerLmTask(small);
    task.init();
    const before = (await task.evaluate()).val_loss;
    expect(before).toBeGreaterThan(Math.log(task.config.vocabSize) - 0.5);
    let counts: number[] = [];
    for (let i = 0; i < 60; i++) {
      const out = task.step();
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
      if (i >= 2) counts.push(tf.memory().numTensors);
    }
    counts = [...new Set(counts)];
    expect(counts, 'tensors after each step').toHaveLength(1);
    const after = await task.evaluate();
    expect(after.val_loss).toBeLessThan(before - 1);
    expect(after.val_bpc).toBeCloseTo(after.val_loss / Math.LN2, 6);
    task.dispose();
  }, 120_000);

  it('does not leak tensors per step on the cpu backend either', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    const task = createTransformerLmTask({ ...small, batchSize: 4 });
    task.init();
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const out = task.step();
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
      if (i >= 2) counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    task.dispose();
  });
});

describe('character Transformer: inspection, sampling, snapshots', () => {
  it('counts its parameters as the formula says, for both kinds of positions', async () => {
    await selectBackend('cpu');
    for (const positions of ['learned', 'sinusoidal'] as const) {
      const task = createTransformerLmTask({ ...small, layers: 2, positions });
      task.init();
      const snap = await task.getWeights();
      const total = Object.values(snap).reduce((s, w) => s + w.values.length, 0);
      expect(total).toBe(task.parameterCount);
      expect(Object.keys(snap).includes('positionEmbedding')).toBe(positions === 'learned');
      task.dispose();
    }
    // The defaults with a 65-character vocabulary: 4E² + 2EF + ... per block, by hand.
    const { dModel: E, dFf: F, contextLength: C } = TRANSFORMER_LM_DEFAULTS;
    const block = 4 * E * E + 4 * E + 2 * E * F + F + E + 4 * E;
    expect(transformerLmParameterCount(65, E, F, 2, C, 'learned')).toBe(
      65 * E + C * E + 2 * block + 2 * E + 65,
    );
  });

  it('returns causal attention maps for every layer and head, and samples deterministically', async () => {
    await selectBackend('wasm');
    const task = createTransformerLmTask({ ...small, layers: 2 });
    task.init();
    for (let i = 0; i < 3; i++) {
      const o = task.step();
      tf.dispose([o.loss, ...Object.values(o.metrics ?? {})]);
    }
    const maps = await task.attentionMaps('call me ishmael');
    const T = maps.chars.length;
    expect(T).toBe(15);
    expect(maps.layers).toHaveLength(2);
    for (const layer of maps.layers) {
      expect(layer).toHaveLength(2);
      for (const head of layer) {
        expect(head.length).toBe(T * T);
        for (let t = 0; t < T; t++) {
          let sum = 0;
          for (let j = 0; j < T; j++) {
            if (j > t) expect(head[t * T + j]).toBe(0);
            sum += head[t * T + j];
          }
          expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
        }
      }
    }
    const long = await task.attentionMaps('x'.repeat(40));
    expect(long.chars).toHaveLength(small.contextLength!);
    await expect(task.attentionMaps('')).rejects.toThrow(/empty/);
    const a = await task.sample(30, { temperature: 0.8, seed: 7, prime: 'the ' });
    const b = await task.sample(30, { temperature: 0.8, seed: 7, prime: 'the ' });
    expect(a).toHaveLength(30);
    expect(a).toBe(b);
    expect(a).not.toContain('\uFFFD');
    await expect(task.sample(-1)).rejects.toThrow(/numChars/);
    // Snapshots round-trip.
    const snap = await task.getWeights();
    const o = task.step();
    tf.dispose([o.loss, ...Object.values(o.metrics ?? {})]);
    task.setWeights(snap);
    const again = await task.getWeights();
    expect(Array.from(again['block1.linear2.weight'].values)).toEqual(
      Array.from(snap['block1.linear2.weight'].values),
    );
    task.dispose();
    expect(() => task.step()).toThrow(/disposed/);
  });

  it('warms up, then follows its schedule', () => {
    const cos = createTransformerLmTask({
      ...small,
      schedule: 'cosine',
      warmupSteps: 10,
      learningRate: 0.001,
    });
    expect(cos.learningRateAt(0)).toBeCloseTo(1e-4, 12);
    expect(cos.learningRateAt(9)).toBeCloseTo(1e-3, 12);
    expect(cos.learningRateAt(cos.progress().totalSteps! + 5)).toBeCloseTo(1e-4, 12);
    const inv = createTransformerLmTask({
      ...small,
      schedule: 'inverse-sqrt',
      warmupSteps: 10,
      learningRate: 0.001,
    });
    expect(inv.learningRateAt(9)).toBeCloseTo(1e-3, 12);
    expect(inv.learningRateAt(39)).toBeCloseTo(5e-4, 12);
  });

  it('validates the config once, naming the field', () => {
    expect(() => resolveTransformerLmConfig({ ...small, numHeads: 3 })).toThrow(
      /numHeads \(3\) must divide dModel \(32\)/,
    );
    expect(() => resolveTransformerLmConfig({ ...small, layers: 7 })).toThrow(/layers/);
    expect(() =>
      resolveTransformerLmConfig({ ...small, positions: 'rotary' as 'learned' }),
    ).toThrow(/positions must be one of/);
    expect(() => resolveTransformerLmConfig({ ...small, trainText: 'short' })).toThrow(
      /contextLength 16 needs at least 18/,
    );
    expect(() =>
      resolveTransformerLmConfig({ trainText: 3 as unknown as string, heldoutText: '' }),
    ).toThrow(TypeError);
  });
});
