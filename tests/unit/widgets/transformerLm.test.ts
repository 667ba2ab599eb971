import { describe, expect, test } from 'vitest';
import { createTransformerLmTask } from '../../../src/models/transformer/lm';
import {
  TRANSFORMER_LM_DEFAULTS,
  TRANSFORMER_LM_LIMITS,
} from '../../../src/models/transformer/lmConfig';
import { buildCharVocab, encodeChars } from '../../../src/models/rnn/charData';
import { defaults, parseParams } from '../../../src/ui';
import type { EncodedCharCorpus } from '../../../src/widgets/common/charCorpus';
import { bitsPerChar, displayChar } from '../../../src/widgets/common/charLabels';
import {
  settingsProblem,
  TLM_PREFIX,
  tlmPresets,
  tlmSchema,
  tlmTrainSchema,
  toConfig,
} from '../../../src/widgets/transformer-lm/schema';
import { describeRun } from '../../../src/widgets/transformer-lm/spec';
import { attentionRows, meanAttentionDistance } from '../../../src/widgets/transformer-lm/views';

/** A `[T, T]` causal map whose row t puts weight 1 on column `pick(t)`. */
const oneHotMap = (T: number, pick: (t: number) => number) => {
  const m = new Float32Array(T * T);
  for (let t = 0; t < T; t++) m[t * T + pick(t)] = 1;
  return m;
};

describe('transformer-lm views', () => {
  test('attentionRows cuts a row-major map into query rows', () => {
    const rows = attentionRows(Float32Array.from([1, 0, 0.25, 0.75]), 2);
    expect(rows).toEqual([
      [1, 0],
      [0.25, 0.75],
    ]);
    expect(() => attentionRows(new Float32Array(5), 2)).toThrow(RangeError);
  });

  test('meanAttentionDistance: self 0, previous character (T-1)/T, uniform (T-1)/4', () => {
    const T = 9;
    expect(
      meanAttentionDistance(
        oneHotMap(T, (t) => t),
        T,
      ),
    ).toBe(0);
    expect(
      meanAttentionDistance(
        oneHotMap(T, (t) => Math.max(0, t - 1)),
        T,
      ),
    ).toBeCloseTo((T - 1) / T, 6);
    expect(
      meanAttentionDistance(
        oneHotMap(T, () => 0),
        T,
      ),
    ).toBeCloseTo((T - 1) / 2, 6);
    const uniform = new Float32Array(T * T);
    for (let t = 0; t < T; t++) for (let j = 0; j <= t; j++) uniform[t * T + j] = 1 / (t + 1);
    expect(meanAttentionDistance(uniform, T)).toBeCloseTo((T - 1) / 4, 5);
    expect(() => meanAttentionDistance(new Float32Array(3), 2)).toThrow(/2×2/);
  });

  test('character labels and bits per character', () => {
    expect([' ', '\n', '\t', '\u0001', 'a'].map(displayChar)).toEqual(['␣', '↵', '⇥', '·', 'a']);
    expect(bitsPerChar(Math.LN2 * 3)).toBeCloseTo(3, 10);
  });
});

describe('transformer-lm schema', () => {
  test('the defaults are the model defaults; bounds lie inside its limits', () => {
    const d = defaults(tlmSchema);
    const D = TRANSFORMER_LM_DEFAULTS;
    expect([d.layers, d.heads, d.dModel, d.dFf, d.context, d.lr, d.warmup, d.seed]).toEqual([
      D.layers,
      D.numHeads,
      D.dModel,
      D.dFf,
      D.contextLength,
      D.learningRate,
      D.warmupSteps,
      D.seed,
    ]);
    const pairs = [
      ['layers', 'layers'],
      ['heads', 'numHeads'],
      ['dModel', 'dModel'],
      ['dFf', 'dFf'],
      ['context', 'contextLength'],
      ['lr', 'learningRate'],
      ['warmup', 'warmupSteps'],
      ['seed', 'seed'],
    ] as const;
    for (const [key, limit] of pairs) {
      const [min, max] = TRANSFORMER_LM_LIMITS[limit];
      expect(tlmTrainSchema[key].min, key).toBeGreaterThanOrEqual(min);
      expect(tlmTrainSchema[key].max, key).toBeLessThanOrEqual(max);
    }
  });

  test('heads must divide d_model', () => {
    expect(settingsProblem({ heads: 4, dModel: 128 })).toBeNull();
    expect(settingsProblem({ heads: 3, dModel: 128 })).toMatch(
      /3 heads do not divide d_model = 128/,
    );
  });

  test('bad URL values are clamped with a message naming the setting', () => {
    const parsed = parseParams(
      tlmSchema,
      new URLSearchParams(`${TLM_PREFIX}layers=40&${TLM_PREFIX}corpus=wiki`),
      TLM_PREFIX,
    );
    expect(parsed.values.layers).toBe(TRANSFORMER_LM_LIMITS.layers[1]);
    expect(parsed.values.corpus).toBe('moby-dick');
    expect(parsed.messages.join(' ')).toMatch(/Layers/);
  });

  test('every preset trains: heads divide d_model', () => {
    for (const p of tlmPresets) {
      const v = { ...defaults(tlmSchema), ...p.values };
      expect(settingsProblem(v), p.name).toBeNull();
    }
  });

  test('toConfig builds a config the model accepts; the page count is the task count', () => {
    const train = 'the whale and the ship and the sea. '.repeat(40);
    const heldout = 'the sea and the whale. '.repeat(10);
    const vocab = buildCharVocab(train);
    const corpus: EncodedCharCorpus = {
      name: 'moby-dick',
      title: 'test',
      trainChars: train.length,
      heldoutChars: heldout.length,
      vocab,
      trainIds: encodeChars(vocab, train),
      heldoutIds: encodeChars(vocab, heldout),
      heldoutText: heldout,
    };
    const s = { ...defaults(tlmSchema), layers: 1, heads: 2, dModel: 16, dFf: 24, context: 8 };
    const task = createTransformerLmTask(toConfig(s, corpus));
    try {
      expect(task.config.numHeads).toBe(2);
      expect(task.config.contextLength).toBe(8);
      expect(task.config.vocabSize).toBe(vocab.chars.length);
      expect(describeRun(corpus, s).parameterCount).toBe(task.parameterCount);
    } finally {
      task.dispose();
    }
    // The chapter's count: the default size with Moby Dick's 78 characters.
    const chars = Array.from({ length: 78 }, (_, i) =>
      i === 0 ? '\uFFFD' : String.fromCodePoint(32 + i),
    );
    const big = { ...corpus, vocab: { ...vocab, chars } };
    expect(describeRun(big, defaults(tlmSchema)).parameterCount).toBe(415_054);
  });
});
