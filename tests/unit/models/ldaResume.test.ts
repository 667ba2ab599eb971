/**
 * Exact resume of Chapter 5's LDA trainer (online variational Bayes): a task restored from
 * `getTrainingState` (λ, the counters that set ρ_t = (τ0 + t)^-κ, the generator that draws each
 * E-step's starting γ) continues with the numbers the uninterrupted run has; a state that does not
 * fit is refused and changes nothing. Also the generator's own state (models/lda/special.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/models/lda';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';
import type { TrainingState } from '../../../src/train/types';
import type { LdaCorpus } from '../../../src/widgets/lda-trainer/corpus';
import { LdaTrainerTask, type LdaTrainerConfig } from '../../../src/widgets/lda-trainer/ldaTask';
import {
  everyNth,
  rowSubset,
  rowSums,
  termFrequencies,
} from '../../../src/widgets/lda-trainer/views';

/** 90 documents of 25 tokens from three planted topics over 12 words (topic t: words 4t..4t+3). */
function corpus(): LdaCorpus {
  const rng = new Rng(11);
  const rows: number[][] = [];
  for (let d = 0; d < 90; d++) {
    const row = new Array(12).fill(0);
    for (let i = 0; i < 25; i++) row[4 * (d % 3) + Math.floor(rng.uniform() * 4)]++;
    row[Math.floor(rng.uniform() * 12)]++;
    rows.push(row);
  }
  const X = CsrMatrix.fromDense(rows);
  const viewX = rowSubset(X, everyNth(X.rows, 2));
  return {
    X,
    vocabulary: Array.from({ length: 12 }, (_, w) => `w${w}`),
    pw: termFrequencies(X),
    evalX: rowSubset(X, everyNth(X.rows, 3)),
    viewX,
    viewYears: Int32Array.from({ length: viewX.rows }, () => 1800),
    viewTokens: rowSums(viewX),
    firstYear: 1800,
    lastYear: 1800,
    vectorizeMs: 0,
  };
}

const config = (nComponents = 3): LdaTrainerConfig => ({
  baseUrl: '/',
  vectorizer: { minDf: 1, maxDf: 1, maxFeatures: 12, every: 1 },
  // Online VB in mini-batches of 32: 3 λ updates per step; random starting γ in every E-step.
  lda: { nComponents, maxIter: 10, randomState: 4, learningMethod: 'online', batchSize: 32 },
  topN: 4,
});

async function make(nComponents = 3): Promise<LdaTrainerTask> {
  const task = new LdaTrainerTask(config(nComponents), async () => corpus());
  await task.init();
  return task;
}

/** Per step: the held-out perplexity (the loss), UMass and NPMI. */
async function run(task: LdaTrainerTask, n: number): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const { loss, metrics } = task.step();
    out.push([(await loss.data())[0], (await metrics!.umass.data())[0]]);
    tf.dispose([loss, ...Object.values(metrics!)]);
  }
  return out;
}

describe('LDA trainer: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('the generator continues the same sequence from a saved state, also mid normal pair', () => {
    const a = new Rng(9);
    a.gammaArray(7, 100, 0.01);
    // A Gamma draw takes a normal pair (keeping its second value), then uniforms.
    while (a.getState()[2] === 0) a.gamma(100, 0.01);
    const saved = a.getState();
    expect(saved[2]).toBe(1);
    const b = new Rng(1);
    b.setState(Float32Array.from(saved)); // as it travels in a snapshot
    expect([b.normal(), ...b.gammaArray(20, 100, 0.01)]).toEqual([
      a.normal(),
      ...a.gammaArray(20, 100, 0.01),
    ]);
    expect(() => b.setState([1, 2, 3, 4, 5])).toThrow(/setState/);
  });

  it.each([0, 1, 3])(
    'resumed after %i steps: the next steps equal the uninterrupted run',
    async (k) => {
      const a = await make();
      await run(a, k);
      const state = await a.getTrainingState();
      expect(state.step).toBe(k);
      const expected = await run(a, 3);
      const b = await make();
      const before = tf.memory().numTensors;
      await b.setTrainingState(state);
      expect(tf.memory().numTensors).toBe(before);
      expect(b.progress().step).toBe(k);
      expect(await run(b, 3)).toEqual(expected);
      expect(b.view().phi).toEqual(a.view().phi);
      a.dispose();
      b.dispose();
    },
  );

  it('without the generator or the update count the run differs (the test can fail)', async () => {
    const a = await make();
    await run(a, 2);
    const state = await a.getTrainingState();
    const [expected] = await run(a, 1);
    const fresh = await make();
    await fresh.setTrainingState({ ...state, optimizer: null });
    const [noRng] = await run(fresh, 1);
    expect(Math.abs(noRng[0] - expected[0])).toBeGreaterThan(1e-6);
    const counters = { shape: [2], values: Float32Array.of(1, 2) }; // ρ as at the first update
    await fresh.setTrainingState({ ...state, weights: { ...state.weights, counters } });
    const [noT] = await run(fresh, 1);
    expect(Math.abs(noT[0] - expected[0])).toBeGreaterThan(1e-6);
    a.dispose();
    fresh.dispose();
  });

  it('refuses a state that does not fit and keeps its own', async () => {
    const other = await make(4);
    await run(other, 1);
    const wrong = await other.getTrainingState();
    const b = await make();
    await run(b, 1);
    const mine = await b.getTrainingState();
    const tensors = tf.memory().numTensors;
    const bad = (s: Partial<TrainingState>) => b.setTrainingState({ ...mine, ...s });
    await expect(b.setTrainingState(wrong)).rejects.toThrow(/"components" \[3, 12\]/);
    await expect(bad({ step: -1 })).rejects.toThrow(/step/);
    await expect(bad({ optimizer: {} })).rejects.toThrow(/rng/);
    const rng = { shape: [5], values: Float32Array.of(0, 0, 2, 0, 0) };
    await expect(bad({ optimizer: { rng } })).rejects.toThrow(/setState/);
    const counters = { shape: [2], values: Float32Array.of(0, 1) };
    await expect(bad({ weights: { ...mine.weights, counters } })).rejects.toThrow(/counters/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await b.getTrainingState()).toEqual(mine);
    other.dispose();
    b.dispose();
  });
});
