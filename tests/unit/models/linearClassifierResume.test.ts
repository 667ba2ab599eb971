/**
 * Exact resume of the Chapter 4 linear classifier: weights, the optimiser's state (Adam's moments
 * and iteration count; SGD has none) and the step, from which the seeded per-epoch shuffles are
 * replayed (see resumeChecks.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLinearClassifier, type LinearClassifierConfig } from '../../../src/models';
import { syntheticSparse } from './linearFixtures';
import { itResumesExactly, stepLosses } from './resumeChecks';

function make(config: LinearClassifierConfig) {
  const task = createLinearClassifier(config);
  task.init();
  return task;
}

/** 70 documents in batches of 32: 3 steps an epoch, so 4 and 7 steps cross epoch boundaries. */
function config(vocab: number, k: number, extra: Partial<LinearClassifierConfig> = {}) {
  const tr = syntheticSparse(70, vocab, k, 'resume-train');
  const va = syntheticSparse(20, vocab, k, 'resume-val');
  return {
    trainX: tr.x,
    trainY: tr.y,
    valX: va.x,
    valY: va.y,
    numClasses: k,
    batchSize: 32,
    learningRate: 0.1,
    l2: 1e-3,
    ...extra,
  };
}

describe('linear classifier: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  describe('softmax regression with Adam', () => {
    itResumesExactly({
      make: () => make(config(40, 3)),
      makeOther: () => make(config(41, 3)),
      saveAt: [0, 1, 3, 4, 7],
      slotTensors: 4,
      weightError: /"dense\/kernel" has shape \[41, 3\]/,
    });
  });

  it('logistic regression with SGD (no slots) resumes with the same losses', async () => {
    const c = config(40, 2, { optimizer: 'sgd', learningRate: 2 });
    const a = make(c);
    await stepLosses(a, 4);
    const state = await a.getTrainingState!();
    expect(Object.keys(state.optimizer!)).toEqual(['iterations']);
    const expected = await stepLosses(a, 4);
    const b = make(c);
    await b.setTrainingState!(state);
    expect(await stepLosses(b, 4)).toEqual(expected);
    a.dispose();
    b.dispose();
  });
});
