import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LatentDirichletAllocation } from '../../../src/models/lda/lda';
import { selectBackend } from '../../../src/train/backend';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';

/** The wasm backend's own kernels (GatherNd, batched MatMul, Where with broadcasting) in Node. */
const fixture = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'lda_sklearn.json'), 'utf8'),
) as {
  X: number[][];
  initialComponents: number[][];
  cases: { name: string; components: number[][]; perplexityTrain: number }[];
};

beforeAll(async () => {
  const info = await selectBackend('wasm');
  expect(info.name).toBe('wasm');
});

describe('LatentDirichletAllocation on wasm', () => {
  it('matches scikit-learn (online, 3 passes) and leaks nothing per pass', () => {
    const c = fixture.cases.find((x) => x.name === 'online fit, max_iter 3')!;
    const X = CsrMatrix.fromDense(fixture.X);
    const lda = new LatentDirichletAllocation({
      nComponents: 3,
      learningMethod: 'online',
      batchSize: 16,
      maxIter: 3,
      initialComponents: fixture.initialComponents,
      docTopicInit: 'ones',
    });
    lda.fit(X);
    const got = lda.components.data;
    const want = c.components.flat();
    for (let i = 0; i < want.length; i++) {
      expect(Math.abs(got[i] - want[i]) / Math.max(want[i], 1e-2)).toBeLessThan(1e-3);
    }
    expect(Math.abs(lda.perplexity(X) / c.perplexityTrain - 1)).toBeLessThan(1e-4);
    const before = tf.memory().numTensors;
    lda.fitEpoch(X);
    lda.perplexity(X);
    expect(tf.memory().numTensors).toBe(before);
    lda.dispose();
  });
});
