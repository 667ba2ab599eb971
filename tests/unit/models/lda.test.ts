import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LatentDirichletAllocation } from '../../../src/models/lda/lda';
import type { LdaOptions } from '../../../src/models/lda/ldaConfig';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';

interface Case {
  name: string;
  params: Record<string, number | string>;
  components: number[][];
  nBatchIter: number;
  nIter: number;
  transformTrain: number[][];
  transformHeld: number[][];
  perplexityTrain: number;
  perplexityHeld: number;
  scoreHeld: number;
  bound: number | null;
  gammaTrain?: number[][];
  approxBoundTrain?: number;
  approxBoundTrainSubSampled?: number;
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'lda_sklearn.json'), 'utf8'),
) as {
  versions: { sklearn: string };
  X: number[][];
  held: number[][];
  plantedTopics: number[][];
  initialComponents: number[][];
  cases: Case[];
};
const X = CsrMatrix.fromDense(fixture.X);
const K = fixture.initialComponents.length;

/** scikit-learn's snake_case parameters as our options. */
function optionsOf(params: Case['params']): LdaOptions {
  const camel = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );
  return {
    nComponents: K,
    initialComponents: fixture.initialComponents,
    docTopicInit: 'ones',
    chunkSize: 16, // several chunks per E-step (results must not depend on it)
    ...(camel as LdaOptions),
  };
}

function expectRel(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, abs = 0) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), abs || 1e-300);
    worst = Math.max(worst, err);
  }
  expect(worst).toBeLessThanOrEqual(rel);
}

const models: LatentDirichletAllocation[] = [];
function model(options: LdaOptions): LatentDirichletAllocation {
  const m = new LatentDirichletAllocation(options);
  models.push(m);
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  models.splice(0).forEach((m) => m.dispose());
});

describe.each(['tensor', 'typescript'] as const)(
  'LatentDirichletAllocation (eStep %s) vs scikit-learn ' + fixture.versions.sklearn,
  (eStep) => {
    for (const c of fixture.cases) {
      it(c.name, () => {
        const lda = model({ ...optionsOf(c.params), eStep });
        if (c.name.startsWith('given')) lda.initialize(X.cols);
        else if (c.name.startsWith('partial_fit')) {
          lda.partialFit(X);
          lda.partialFit(CsrMatrix.fromDense(fixture.X.slice(0, 30)));
        } else lda.fit(X);
        expect(lda.nBatchIter).toBe(c.nBatchIter);
        expect(lda.nIter).toBe(c.nIter);
        // λ (components): the M-step, batch and online.
        expectRel(lda.components.data, c.components.flat(), 1e-3, 1e-2);
        // transform: the E-step (normalised γ) on training and held-out documents, to 1e-4
        // absolute (float32, and a document may stop one E-step iteration apart from float64).
        expectRel(lda.transform(X).data, c.transformTrain.flat(), 1e-4, 1);
        expectRel(lda.transform(fixture.held).data, c.transformHeld.flat(), 1e-4, 1);
        // The bound and perplexity.
        expectRel([lda.perplexity(X)], [c.perplexityTrain], 1e-4);
        expectRel([lda.perplexity(fixture.held)], [c.perplexityHeld], 1e-4);
        expectRel([lda.score(fixture.held)], [c.scoreHeld], 1e-4);
        if (c.bound !== null) expectRel([lda.bound!], [c.bound], 1e-4);
        if (c.approxBoundTrain !== undefined) {
          expectRel([lda.score(X)], [c.approxBoundTrain], 1e-4);
          const words = fixture.X.flat().reduce((a, b) => a + b, 0);
          const sub = Math.exp(-c.approxBoundTrainSubSampled! / ((words * 1e6) / X.rows));
          expectRel([lda.perplexity(X, true)], [sub], 1e-4);
        }
      });
    }
  },
);

describe('LatentDirichletAllocation behaviour', () => {
  it('recovers the planted topics (random init, sklearn-like defaults)', () => {
    const lda = model({ nComponents: K, maxIter: 30, randomState: 3 });
    lda.fit(X);
    const beta = lda.topicWordDistribution();
    const V = beta.cols;
    // Each planted topic is matched by a distinct learned topic with cosine > 0.95.
    const used = new Set<number>();
    for (const planted of fixture.plantedTopics) {
      let best = -1;
      let bestCos = 0;
      for (let k = 0; k < K; k++) {
        const row = beta.data.subarray(k * V, (k + 1) * V);
        const dot = row.reduce((s, v, j) => s + v * planted[j], 0);
        const cos = dot / Math.hypot(...row) / Math.hypot(...planted);
        if (cos > bestCos) [best, bestCos] = [k, cos];
      }
      expect(bestCos).toBeGreaterThan(0.95);
      used.add(best);
    }
    expect(used.size).toBe(K);
    // transform rows are distributions.
    const theta = lda.transform(X);
    for (let d = 0; d < theta.rows; d++) {
      const row = theta.data.subarray(d * K, (d + 1) * K);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('results do not depend on chunkSize; the same seed gives the same model', () => {
    const a = model({ nComponents: K, maxIter: 2, chunkSize: 7, randomState: 5 }).fit(X);
    const b = model({ nComponents: K, maxIter: 2, chunkSize: 64, randomState: 5 }).fit(X);
    expectRel(a.components.data, b.components.data, 1e-5, 1e-3);
  });

  it("eStep 'auto' on the cpu backend gives the TypeScript E-step's model", () => {
    const a = model({ nComponents: K, maxIter: 2, eStep: 'auto' }).fit(X);
    const b = model({ nComponents: K, maxIter: 2, eStep: 'typescript' }).fit(X);
    expect(Array.from(a.components.data)).toEqual(Array.from(b.components.data));
  });

  it('leaks no tensors per fitEpoch, partialFit, transform or perplexity after warm-up', () => {
    for (const [learningMethod, eStep] of [
      ['batch', 'tensor'],
      ['online', 'tensor'],
      ['online', 'typescript'],
      ['batch', 'auto'],
    ] as const) {
      const lda = model({ nComponents: K, learningMethod, batchSize: 16, eStep });
      lda.fitEpoch(X);
      lda.transform(X);
      lda.perplexity(X);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        lda.fitEpoch(X);
        lda.partialFit(X);
        lda.transform(X);
        lda.perplexity(X);
        expect(tf.memory().numTensors).toBe(before);
      }
      lda.dispose();
      // λ and exp(E[log β]); with the TypeScript E-step ('auto' on the cpu backend too) the
      // latter lives on the host, so λ alone.
      expect(tf.memory().numTensors).toBe(before - (eStep === 'tensor' ? 2 : 1));
    }
  });

  it('throws clear errors on bad input', () => {
    expect(() => new LatentDirichletAllocation({ nComponents: 0 })).toThrow(/nComponents/);
    expect(() => new LatentDirichletAllocation({ learningDecay: 2 })).toThrow(/learningDecay/);
    expect(() => new LatentDirichletAllocation({ docTopicPrior: 0 })).toThrow(/docTopicPrior/);
    expect(() => new LatentDirichletAllocation({ eStep: 'gpu' as 'tensor' })).toThrow(/eStep/);
    expect(() => new LatentDirichletAllocation({ learningMethod: 'sgd' as 'batch' })).toThrow(
      /learningMethod/,
    );
    expect(
      () => new LatentDirichletAllocation({ nComponents: 2, initialComponents: [[1, 2]] }),
    ).toThrow(/initialComponents/);
    const lda = model({ nComponents: 2, maxIter: 1 });
    expect(() => lda.transform(X)).toThrow(/not fitted/);
    expect(() => lda.fit([[1, -1, 2]])).toThrow(/Negative/);
    lda.fit(X);
    expect(() => lda.transform([[1, 2, 3]])).toThrow(/3 features.*trained with 24/);
    expect(() => lda.partialFit([[1, 2, 3]])).toThrow(/3 features/);
  });
});
