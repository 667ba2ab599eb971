import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LDA_DEFAULTS, LDA_LIMITS } from '../../../src/models/lda';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';
import { selectBackend } from '../../../src/train/backend';
import type { LdaCorpus } from '../../../src/widgets/lda-trainer/corpus';
import { LdaTrainerTask, type LdaTrainerConfig } from '../../../src/widgets/lda-trainer/ldaTask';
import { ldaSchema, priorOf, toConfig } from '../../../src/widgets/lda-trainer/schema';
import { peakDecades } from '../../../src/widgets/lda-trainer/TopicList';
import {
  everyNth,
  prevalenceByDecade,
  rowSubset,
  rowSums,
  termFrequencies,
  topicShares,
} from '../../../src/widgets/lda-trainer/views';

beforeAll(async () => {
  await selectBackend('cpu');
});

/**
 * 120 documents of 30 tokens from three planted topics over 12 words (words 4t..4t+3 belong to
 * topic t); document d uses topic d % 3 and is dated in decade 1790 + 10 t.
 */
function plantedCorpus(): LdaCorpus {
  let s = 7;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const rows: number[][] = [];
  const years: number[] = [];
  for (let d = 0; d < 120; d++) {
    const t = d % 3;
    const row = new Array(12).fill(0);
    for (let i = 0; i < 30; i++) row[4 * t + Math.floor(rand() * 4)]++;
    rows.push(row);
    years.push(1790 + 10 * t + (d % 10));
  }
  const X = CsrMatrix.fromDense(rows);
  const view = everyNth(X.rows, 2);
  const viewX = rowSubset(X, view);
  return {
    X,
    vocabulary: Array.from({ length: 12 }, (_, w) => `w${w}`),
    pw: termFrequencies(X),
    evalX: rowSubset(X, everyNth(X.rows, 3)),
    viewX,
    viewYears: Int32Array.from(view, (r) => years[r]),
    viewTokens: rowSums(viewX),
    firstYear: 1790,
    lastYear: 1819,
    vectorizeMs: 0,
  };
}

const config = (over: Partial<LdaTrainerConfig['lda']> = {}): LdaTrainerConfig => ({
  baseUrl: '/',
  vectorizer: { minDf: 1, maxDf: 1, maxFeatures: 12, every: 1 },
  lda: { nComponents: 3, maxIter: 8, randomState: 0, ...over },
  topN: 4,
});

describe('views', () => {
  it('rowSubset copies the chosen rows', () => {
    const M = CsrMatrix.fromDense([
      [1, 0, 2],
      [0, 0, 0],
      [0, 3, 0],
    ]);
    expect(rowSubset(M, [2, 0]).toDense()).toEqual([
      [0, 3, 0],
      [1, 0, 2],
    ]);
    expect(() => rowSubset(M, [3])).toThrow(/outside/);
  });
  it('prevalenceByDecade averages the mixtures of each decade', () => {
    const theta = [1, 0, 0, 1, 0.5, 0.5];
    const p = prevalenceByDecade(theta, 2, [1799, 1791, 1801]);
    expect(p.decades).toEqual([1790, 1800]);
    expect(Array.from(p.shares)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(p.counts).toEqual([2, 1]);
    expect(() => prevalenceByDecade(theta, 2, [1800])).toThrow(/not 1 x 2/);
  });
  it('peakDecades names the decade of each topic’s largest share', () => {
    const prevalence = Float32Array.of(0.9, 0.1, 0.2, 0.8, 0.6, 0.4);
    expect(peakDecades({ K: 2, decades: [1790, 1800, 1810], prevalence })).toEqual([1790, 1800]);
  });
  it('termFrequencies and topicShares weight by tokens', () => {
    const M = CsrMatrix.fromDense([
      [3, 1],
      [0, 4],
    ]);
    expect(Array.from(termFrequencies(M))).toEqual([3 / 8, 5 / 8]);
    const shares = topicShares([1, 0, 0.5, 0.5], 2, rowSums(M));
    expect(shares[0]).toBeCloseTo((4 * 1 + 4 * 0.5) / 8, 12);
  });
});

describe('schema', () => {
  it('takes its defaults and bounds from the model config', () => {
    expect(ldaSchema.k.default).toBe(LDA_DEFAULTS.nComponents);
    expect(ldaSchema.k.max).toBe(LDA_LIMITS.nComponents[1]);
    expect(ldaSchema.decay.default).toBe(LDA_DEFAULTS.learningDecay);
    expect(ldaSchema.iterations.default).toBe(LDA_DEFAULTS.maxIter);
  });
  it('maps a 0 prior to scikit-learn’s None (1 / K)', () => {
    expect(priorOf(0, 0.001)).toBeNull();
    expect(priorOf(0.0001, 0.001)).toBe(0.001);
    const c = toConfig({ ...defaults(), alpha: 0.5 }, '/base/');
    expect(c.lda.docTopicPrior).toBe(0.5);
    expect(c.lda.topicWordPrior).toBeNull();
    expect(c.baseUrl).toBe('/base/');
    expect(toConfig({ ...defaults(), passages: 'quarter' }, '/').vectorizer.every).toBe(4);
  });
});

function defaults() {
  return Object.fromEntries(
    Object.entries(ldaSchema).map(([k, v]) => [k, v.default]),
  ) as never as Parameters<typeof toConfig>[0];
}

describe('LdaTrainerTask', () => {
  it('perplexity falls, a step leaks no tensor, and the view is consistent', async () => {
    const baseline = tf.memory().numTensors;
    const corpus = plantedCorpus();
    const task = new LdaTrainerTask(config(), async () => corpus);
    await task.init();
    const perps: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const out = task.step();
      perps.push((await out.loss.data())[0]);
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
      counts.push(tf.memory().numTensors);
    }
    expect(perps[7]).toBeLessThan(perps[0]);
    expect(new Set(counts.slice(1)).size).toBe(1);
    const v = task.view();
    expect(v.step).toBe(8);
    expect(tf.memory().numTensors).toBe(counts[7]);
    // The view's top words are φ's largest entries, in decreasing order.
    for (let k = 0; k < 3; k++) {
      const row = v.phi.subarray(12 * k, 12 * k + 12);
      const top = Array.from(v.top.subarray(4 * k, 4 * k + 4));
      for (let i = 1; i < 4; i++) expect(row[top[i - 1]]).toBeGreaterThanOrEqual(row[top[i]]);
      expect(Math.min(...top.map((w) => row[w]))).toBeGreaterThanOrEqual(
        Math.max(...Array.from(row).filter((_, w) => !top.includes(w))),
      );
    }
    // Decades of the sample: 1790s, 1800s, 1810s, each row a mixture summing to 1.
    expect(v.decades).toEqual([1790, 1800, 1810]);
    for (let i = 0; i < 3; i++) {
      expect(v.prevalence.subarray(3 * i, 3 * i + 3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(v.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(v.coords.length).toBe(6);
    const { umass, npmi } = task.coherence();
    expect(umass).toBeLessThanOrEqual(0);
    expect(npmi).toBeGreaterThanOrEqual(-1);
    expect(npmi).toBeLessThanOrEqual(1);
    expect(task.progress()).toMatchObject({ step: 8, totalSteps: 8 });
    task.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('resumes from its weights after setWeights', async () => {
    const corpus = plantedCorpus();
    const task = new LdaTrainerTask(
      config({ learningMethod: 'online', batchSize: 32 }),
      async () => corpus,
    );
    await task.init();
    tf.dispose(task.step().loss);
    const snap = await task.getWeights();
    task.setWeights(snap);
    const again = await task.getWeights();
    expect(Array.from(again.components.values)).toEqual(Array.from(snap.components.values));
    expect(task.progress().step).toBe(1);
    task.dispose();
  });
});
