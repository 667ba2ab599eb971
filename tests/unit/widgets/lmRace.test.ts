import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { charLmParameterCount, createCharLmTask } from '../../../src/models/rnn/charLm';
import { CHAR_LM_LIMITS } from '../../../src/models/rnn/charLmConfig';
import { buildCharVocab, encodeChars } from '../../../src/models/rnn/charData';
import { createTransformerLmTask } from '../../../src/models/transformer/lm';
import { transformerLmParameterCount } from '../../../src/models/transformer/lmConfig';
import { defaults } from '../../../src/ui';
import type { EncodedCharCorpus } from '../../../src/widgets/common/charCorpus';
import { lstmParameterCount, matchLstmHiddenSize } from '../../../src/widgets/lm-race/match';
import { createLmRaceTask } from '../../../src/widgets/lm-race/raceTask';
import {
  evalEverySeconds,
  racePresets,
  raceSchema,
  raceSettingsProblem,
  toConfig,
} from '../../../src/widgets/lm-race/schema';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const train = 'the whale and the ship and the sea, call me ishmael. '.repeat(60);
const heldout = 'the sea and the whale and the ship. '.repeat(12);
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
const V = vocab.chars.length;

/** Sum of the sizes of a task's weights: the count as the model holds it. */
async function heldParameters(task: {
  getWeights(): Promise<Record<string, { values: Float32Array }>>;
}) {
  const w = await task.getWeights();
  return Object.values(w).reduce((n, x) => n + x.values.length, 0);
}

describe('LSTM parameter matching', () => {
  test('lstmParameterCount is chapter 9’s count and the LSTM task’s actual weights', async () => {
    for (const [v, h] of [
      [78, 276],
      [V, 7],
      [1, 1],
      [120, 512],
    ]) {
      expect(lstmParameterCount(v, h)).toBe(charLmParameterCount('lstm', v, h, 1));
    }
    const task = createCharLmTask({
      trainIds: corpus.trainIds,
      heldoutIds: corpus.heldoutIds,
      vocab: vocab.chars,
      hiddenSize: 13,
      seqLen: 8,
      batchSize: 4,
    });
    task.init();
    try {
      expect(await heldParameters(task)).toBe(lstmParameterCount(V, 13));
      expect(task.parameterCount).toBe(lstmParameterCount(V, 13));
    } finally {
      task.dispose();
    }
    expect(() => lstmParameterCount(0, 4)).toThrow(RangeError);
    expect(() => lstmParameterCount(10, 2.5)).toThrow(RangeError);
  });

  test('the Transformer count is the task’s actual weights', async () => {
    const task = createTransformerLmTask({
      trainIds: corpus.trainIds,
      heldoutIds: corpus.heldoutIds,
      vocab: vocab.chars,
      layers: 2,
      numHeads: 2,
      dModel: 16,
      dFf: 40,
      contextLength: 8,
      batchSize: 4,
    });
    task.init();
    try {
      expect(await heldParameters(task)).toBe(
        transformerLmParameterCount(V, 16, 40, 2, 8, 'learned'),
      );
    } finally {
      task.dispose();
    }
  });

  test('the matched hidden size is the nearest: no other size is closer', () => {
    const sizes = [
      { vocabSize: 78, dModel: 128, dFf: 512, layers: 2, contextLength: 64 },
      { vocabSize: 80, dModel: 64, dFf: 256, layers: 1, contextLength: 32 },
      { vocabSize: 61, dModel: 8, dFf: 8, layers: 1, contextLength: 2 },
      { vocabSize: 80, dModel: 192, dFf: 768, layers: 2, contextLength: 128 },
    ];
    const [lo, hi] = CHAR_LM_LIMITS.hiddenSize;
    for (const t of sizes) {
      const m = matchLstmHiddenSize(t);
      const target = transformerLmParameterCount(
        t.vocabSize,
        t.dModel,
        t.dFf,
        t.layers,
        t.contextLength,
        'learned',
      );
      expect(m.transformerParams).toBe(target);
      expect(m.lstmParams).toBe(lstmParameterCount(t.vocabSize, m.hiddenSize));
      let bestGap = Infinity;
      for (let h = lo; h <= hi; h++) {
        bestGap = Math.min(bestGap, Math.abs(lstmParameterCount(t.vocabSize, h) - target));
      }
      expect(Math.abs(m.lstmParams - target), JSON.stringify(t)).toBe(bestGap);
      expect(m.clamped).toBe(false);
    }
    // The chapter's default: 415,054 parameters with Moby Dick's 78 characters.
    const chapter = matchLstmHiddenSize(sizes[0]);
    expect(chapter.transformerParams).toBe(415_054);
    expect(Math.abs(chapter.lstmParams - 415_054) / 415_054).toBeLessThan(0.005);
  });

  test('a Transformer too large for chapter 9’s bounds gets d_h = 512, flagged', () => {
    const m = matchLstmHiddenSize({
      vocabSize: 80,
      dModel: 512,
      dFf: 2048,
      layers: 6,
      contextLength: 256,
    });
    expect(m.hiddenSize).toBe(CHAR_LM_LIMITS.hiddenSize[1]);
    expect(m.clamped).toBe(true);
    expect(m.lstmParams).toBeLessThan(m.transformerParams);
    expect(() => matchLstmHiddenSize({ ...sizesBad() })).toThrow(RangeError);
  });
});

function sizesBad() {
  return { vocabSize: 80, dModel: 0, dFf: 8, layers: 1, contextLength: 8 };
}

describe('race settings', () => {
  test('every preset runs; toConfig pairs the models fairly', () => {
    for (const p of racePresets) {
      expect(raceSettingsProblem({ ...defaults(raceSchema), ...p.values }), p.name).toBeNull();
    }
    expect(raceSettingsProblem({ heads: 3, dModel: 128 })).toMatch(/divide/);
    const s = { ...defaults(raceSchema), layers: 1, heads: 2, dModel: 16, dFf: 32, context: 8 };
    const c = toConfig(s, corpus);
    expect(c.lstm.seqLen).toBe(c.transformer.contextLength);
    expect(c.lstm.batchSize).toBe(c.transformer.batchSize);
    expect(c.lstm.evalChars).toBe(c.transformer.evalChars);
    expect(c.lstm.seed).toBe(c.transformer.seed);
    expect(c.lstm.hiddenSize).toBe(
      matchLstmHiddenSize({ vocabSize: V, dModel: 16, dFf: 32, layers: 1, contextLength: 8 })
        .hiddenSize,
    );
    expect(evalEverySeconds(60)).toBe(2.5);
    expect(evalEverySeconds(10)).toBe(1);
  });
});

describe('the race task', () => {
  const small = () => {
    const s = { ...defaults(raceSchema), layers: 1, heads: 2, dModel: 16, dFf: 32, context: 8 };
    const c = toConfig(s, corpus);
    // A short warm-up, so that the Transformer's loss falls within a few steps.
    return {
      ...c,
      transformer: { ...c.transformer, warmupSteps: 2 },
      budgetSeconds: 1.5,
      evalEverySeconds: 0.3,
    };
  };

  test('the model behind goes next, both get evaluated, the run ends at the budget', async () => {
    const task = createLmRaceTask(small());
    await task.init();
    try {
      let lastStep = 0;
      for (let i = 0; i < 2000 && task.progress().totalSteps === null; i++) {
        const c = task.curves();
        const behind = c.lstm.clockSeconds < c.transformer.clockSeconds ? 'lstm' : 'transformer';
        const before = c[behind].steps;
        task.step().loss.dispose();
        expect(task.curves()[behind].steps, `step ${i} goes to the ${behind}`).toBe(before + 1);
        const m = await task.evaluate();
        expect(m.transformer_val_bpc).toBeGreaterThan(0);
        expect(m.lstm_val_bpc).toBeGreaterThan(0);
        lastStep = task.progress().step;
      }
      const c = task.curves();
      expect(task.progress().totalSteps).toBe(lastStep);
      for (const r of [c.transformer, c.lstm]) {
        expect(r.clockSeconds).toBeGreaterThanOrEqual(1.5);
        expect(r.bpc.length).toBeGreaterThanOrEqual(3);
        expect(r.seconds[0]).toBe(0);
        // Seconds increase from the untrained point at 0 s, and the loss fell.
        expect([...r.seconds].sort((a, b) => a - b)).toEqual(r.seconds);
        expect(r.bpc[r.bpc.length - 1]).toBeLessThan(r.bpc[0]);
      }
      expect(c.lstm.parameterCount).toBe(lstmParameterCount(V, task.racers.lstm.config.hiddenSize));
    } finally {
      task.dispose();
    }
  });

  test('no tensor leak per step; weights and curves survive a snapshot', async () => {
    const task = createLmRaceTask(small());
    await task.init();
    try {
      for (let i = 0; i < 4; i++) task.step().loss.dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 4; i++) task.step().loss.dispose();
      expect(tf.memory().numTensors).toBe(before);
      await task.evaluate();
      const snap = await task.getWeights();
      const curves = task.curves();
      const other = createLmRaceTask(small());
      await other.init();
      try {
        other.setWeights(snap);
        const back = other.curves();
        expect(back.transformer.bpc).toEqual(Array.from(Float32Array.from(curves.transformer.bpc)));
        expect(back.lstm.clockSeconds).toBeCloseTo(curves.lstm.clockSeconds, 3);
        const a = await task.evaluate();
        const b = await other.evaluate();
        expect(b.lstm_val_bpc).toBeCloseTo(a.lstm_val_bpc, 5);
      } finally {
        other.dispose();
      }
    } finally {
      task.dispose();
    }
    expect(() => createLmRaceTask({ ...small(), budgetSeconds: 0 })).toThrow(RangeError);
  });
});
