/**
 * The encoder-decoder task: training lowers the loss on both generated tasks; beam search with a
 * width covering the whole search space returns the true best sequence of a small model (checked
 * against every sequence scored by teacher forcing); width 1 equals greedy; on-device greedy
 * (evaluate) equals the search's greedy (translate); no tensor leak; config errors name the field.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSeq2SeqTask,
  createSeq2SeqVocab,
  lengthNormalizedScore,
  type Seq2SeqConfig,
  type Seq2SeqDataset,
  type Seq2SeqTask,
} from '../../../src/models';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const SMALL: Seq2SeqConfig = {
  trainSize: 256,
  validationSize: 32,
  testSize: 32,
  embeddingSize: 8,
  encoderSize: 12,
  decoderSize: 16,
  attentionUnits: 8,
  batchSize: 32,
  learningRate: 0.01,
  seed: 3,
};

async function train(task: Seq2SeqTask, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const out = task.step();
    losses.push((await out.loss.data())[0]);
    tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
  }
  return losses;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('training', () => {
  for (const [task, extra] of [
    ['addition', { maxDigits: 2 }],
    ['dates', { attention: 'dot', decoderSize: 24 }],
  ] as const) {
    it(`lowers the loss on the ${task} task (seeded, deterministic)`, async () => {
      const make = () => createSeq2SeqTask({ ...SMALL, task, ...extra });
      const a = make();
      a.init();
      const losses = await train(a, 40);
      expect(mean(losses.slice(-5))).toBeLessThan(0.7 * losses[0]);
      const b = make();
      b.init();
      expect(await train(b, 3)).toEqual(losses.slice(0, 3));
      a.dispose();
      b.dispose();
    }, 60_000);
  }
});

/** A tiny task whose outputs use two characters: the search space is small enough to enumerate. */
function binaryDataset(): Seq2SeqDataset {
  const pairs = Array.from({ length: 64 }, (_, i) => ({
    source: i.toString(2).padStart(6, '0'),
    target: (i % 4).toString(2),
  }));
  return {
    name: 'binary',
    train: pairs,
    validation: pairs.slice(0, 8),
    test: pairs.slice(8, 16),
    splitLabels: { validation: 'v', test: 't' },
    sourceVocab: createSeq2SeqVocab('01'),
    targetVocab: createSeq2SeqVocab('01'),
    maxSourceLength: 6,
    maxTargetLength: 2,
  };
}

describe('search', () => {
  it('beam search as wide as the search space returns the true best sequence (brute force)', async () => {
    const task = createSeq2SeqTask({ ...SMALL, dataset: binaryDataset(), batchSize: 16 });
    task.init();
    await train(task, 5);
    const maxLength = 3;
    // Every output: 0-2 characters then END (7), or 3 characters cut by maxLength (8).
    const seqs: Array<{ text: string; finished: boolean }> = [];
    const grow = (s: string) => {
      if (s.length < maxLength) {
        seqs.push({ text: s, finished: true });
        grow(s + '0');
        grow(s + '1');
      } else seqs.push({ text: s, finished: false });
    };
    grow('');
    expect(seqs).toHaveLength(15);
    for (const source of ['010011', '111', '0']) {
      const ended = seqs.filter((s) => s.finished);
      const cut = seqs.filter((s) => !s.finished);
      const lpEnded = await task.scoreTargets(ended.map((s) => ({ source, target: s.text })));
      const lpCut = await task.scoreTargets(
        cut.map((s) => ({ source, target: s.text })),
        false,
      );
      const truth = [
        ...ended.map((s, i) => ({ ...s, logProb: lpEnded[i], length: s.text.length + 1 })),
        ...cut.map((s, i) => ({ ...s, logProb: lpCut[i], length: s.text.length })),
      ];
      for (const [alpha, form] of [
        [0, 'power'],
        [1, 'power'],
        [0.6, 'gnmt'],
      ] as const) {
        const best = truth
          .map((s) => ({ ...s, score: lengthNormalizedScore(s.logProb, s.length, alpha, form) }))
          .sort((a, b) => b.score - a.score);
        const [res] = await task.translate([source], {
          strategy: 'beam',
          beamWidth: 16,
          maxLength,
          lengthPenalty: alpha,
          lengthNormalization: form,
        });
        expect(res.candidates).toHaveLength(15);
        expect([res.output, res.finished]).toEqual([best[0].text, best[0].finished]);
        expect(res.score).toBeCloseTo(best[0].score, 4);
        res.candidates.forEach((c, i) => {
          const t = truth.find((s) => s.text === c.output && s.finished === c.finished)!;
          expect(c.logProb).toBeCloseTo(t.logProb, 4);
          if (i > 0) expect(c.score).toBeLessThanOrEqual(res.candidates[i - 1].score);
        });
      }
    }
    task.dispose();
  }, 60_000);

  it('beam width 1 equals greedy; sampling is seeded; greedy matches evaluate', async () => {
    const task = createSeq2SeqTask({ ...SMALL, task: 'dates', attention: 'additive' });
    task.init();
    await train(task, 30);
    const inputs = ['3rd of March 2021', '12/10/99', 'Mar 3 2021', '2021-3-3'];
    const greedy = await task.translate(inputs);
    const beam1 = await task.translate(inputs, { strategy: 'beam', beamWidth: 1 });
    beam1.forEach((b, i) => {
      expect(b.output).toBe(greedy[i].output);
      expect(b.logProb).toBeCloseTo(greedy[i].logProb, 5);
      expect(Array.from(b.attention!)).toEqual(Array.from(greedy[i].attention!));
    });
    for (const g of greedy) {
      const n = g.inputTokens.length;
      expect(g.attention).toHaveLength(g.outputTokens.length * n);
      for (let r = 0; r < g.outputTokens.length; r++) {
        expect(mean(Array.from(g.attention!.subarray(r * n, (r + 1) * n))) * n).toBeCloseTo(1, 5);
      }
    }
    const s1 = await task.translate(inputs, { strategy: 'sample', temperature: 1.5, seed: 9 });
    const s2 = await task.translate(inputs, { strategy: 'sample', temperature: 1.5, seed: 9 });
    expect(s1.map((s) => s.output)).toEqual(s2.map((s) => s.output));
    const cold = await task.translate(inputs, { strategy: 'sample', temperature: 0 });
    expect(cold.map((s) => s.output)).toEqual(greedy.map((s) => s.output));
    // The on-device greedy decoding of evaluate() agrees with translate's.
    const ev = await task.evaluateSplit('validation', 16);
    expect(ev.byFormat.reduce((n, f) => n + f.count, 0)).toBe(16);
    expect(ev.byInputLength.reduce((n, f) => n + f.correct, 0)).toBe(
      Math.round(ev.exactMatch * 16),
    );
    const pairs = task.config.dataset.validation.slice(0, 16);
    const tr = await task.translate(pairs.map((p) => p.source));
    const right = tr.filter((t, i) => t.output === pairs[i].target).length;
    expect(ev.exactMatch).toBe(right / 16);
    for (const m of ev.mistakes)
      expect(tr.find((t) => t.input === m.source)!.output).toBe(m.output);
    task.dispose();
  }, 60_000);
});

describe('memory, checkpoints and errors', () => {
  it('leaks no tensor per step, in evaluate or translate; dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    const task = createSeq2SeqTask({ ...SMALL, task: 'addition', attention: 'general' });
    task.init();
    await train(task, 2);
    const warm = tf.memory().numTensors;
    let n = 0;
    for (const v of Object.values(await task.getWeights())) n += v.values.length;
    expect(task.parameterCount).toBe(n);
    await train(task, 3);
    expect(tf.memory().numTensors).toBe(warm);
    // By default evaluate() scores both held-out splits.
    expect(Object.keys(await task.evaluate()).sort()).toEqual([
      'test_exact_match',
      'test_loss',
      'val_exact_match',
      'val_loss',
    ]);
    expect(task.lastEvaluation?.test?.count).toBe(task.config.dataset.test.length);
    for (const strategy of ['greedy', 'sample', 'beam'] as const) {
      await task.translate(['12+7', '99+1'], { strategy });
    }
    await task.scoreTargets([{ source: '1+1', target: '2' }]);
    expect(tf.memory().numTensors).toBe(warm);
    expect(task.lastEvaluation?.validation.byInputLength.length).toBeGreaterThan(0);
    const snap = await task.getWeights();
    const before = await task.translate(['12+7']);
    await train(task, 3);
    task.setWeights(snap);
    expect((await task.translate(['12+7']))[0].logProb).toBeCloseTo(before[0].logProb, 5);
    task.dispose();
    task.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => task.step()).toThrow('disposed');
  }, 60_000);

  it('rejects a translate or an evaluation that a dispose() overtakes, and frees everything', async () => {
    const start = tf.memory().numTensors;
    const task = createSeq2SeqTask({
      ...SMALL,
      task: 'addition',
      attention: 'additive',
      trainSize: 1200,
    });
    task.init();
    const translating = task.translate(['12+7', '99+1'], { strategy: 'beam', beamWidth: 3 });
    const evaluating = task.evaluateSplit('train', 1000); // two chunks of 500
    task.dispose();
    await expect(translating).rejects.toThrow('the task was disposed');
    await expect(evaluating).rejects.toThrow('the task was disposed');
    expect(tf.memory().numTensors).toBe(start);
  });

  it('reads the input reversed when the task was trained reversed', async () => {
    const task = createSeq2SeqTask({ ...SMALL, task: 'addition', reverseSource: true });
    expect(task.config.dataset.train[0].source).toMatch(/^\d+\+\d+$/);
    task.init();
    const [r] = await task.translate(['12+7']);
    expect(r.inputTokens).toEqual(['7', '+', '2', '1']);
    expect(r.input).toBe('12+7');
    task.dispose();
  });

  it('without attention returns no attention map', async () => {
    const task = createSeq2SeqTask({ ...SMALL, task: 'addition', attention: 'none' });
    task.init();
    const [r] = await task.translate(['1+2']);
    expect(r.attention).toBeNull();
    task.dispose();
  });

  it('refuses bad configs and options, naming the field', async () => {
    expect(() => createSeq2SeqTask({ learningRate: 2 })).toThrow(
      /learningRate must be a number in/,
    );
    expect(() => createSeq2SeqTask({ ...SMALL, attention: 'dot' })).toThrow(
      /decoderSize must be 2 x encoderSize = 24/,
    );
    expect(() => createSeq2SeqTask({ ...SMALL, attention: 'luong' as 'dot' })).toThrow(
      /attention must be one of/,
    );
    expect(() => createSeq2SeqTask({ ...SMALL, cell: 'rnn' as 'gru' })).toThrow(
      /cell must be "gru" or "lstm"/,
    );
    expect(() => createSeq2SeqTask({ ...SMALL, batchSize: 300 })).toThrow(/batchSize 300/);
    expect(() => createSeq2SeqTask({ ...SMALL, task: 'sums' as 'dates' })).toThrow(/task must be/);
    expect(() => createSeq2SeqTask({ ...SMALL, evaluateTest: 1 as unknown as boolean })).toThrow(
      /evaluateTest must be true or false/,
    );
    const task = createSeq2SeqTask({ ...SMALL, task: 'addition', cell: 'lstm' });
    expect(() => task.step()).toThrow(/init\(\)/);
    task.init();
    await expect(task.translate([''])).rejects.toThrow(/1 to 64 allowed/);
    await expect(task.translate(['1+1'], { beamWidth: 0 })).rejects.toThrow(
      /beamWidth must be an integer in \[1, 64\]/,
    );
    await expect(task.translate(['1+1'], { strategy: 'top-k' as 'beam' })).rejects.toThrow(
      /strategy/,
    );
    task.dispose();
  });
});
