/**
 * Exact resume of the Chapter 9 sine forecaster: weights, Adam's moments and iteration count,
 * and the step, from which the seeded per-epoch shuffles are replayed (no hidden state is carried
 * between steps: each window starts from h_0 = 0). See resumeChecks.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect } from 'vitest';
import { createSineForecastTask, type SineForecastConfig } from '../../../src/models/rnn/sineTask';
import { itResumesExactly } from './resumeChecks';

// 75 - 5 = 70 windows in batches of 32: 3 steps an epoch, so 4 and 7 steps cross epoch boundaries.
const config: SineForecastConfig = {
  window: 5,
  hiddenSize: 4,
  trainLength: 75,
  evalLength: 10,
  batchSize: 32,
  learningRate: 0.05,
  seed: 7,
};

function make(c: SineForecastConfig) {
  const task = createSineForecastTask(c);
  task.init();
  return task;
}

describe('sine forecaster: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  itResumesExactly({
    make: () => make(config),
    makeOther: () => make({ ...config, hiddenSize: 5 }),
    saveAt: [0, 1, 3, 4, 7],
    slotTensors: 12,
    weightError: /"rnn.weight_ih_l0" has shape \[5, 1\]/,
  });
});
