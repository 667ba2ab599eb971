/**
 * Exact resume of the Chapter 11 TextCNN: weights, Adam's moments and iteration count, and the
 * step, from which the seeded per-epoch shuffles and the per-step dropout seeds are replayed
 * (dropout 0.5 here, so a wrong mask would change the next loss). See resumeChecks.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect } from 'vitest';
import { createTextCnnTask, type TextCnnConfig } from '../../../src/models';
import { createRng } from '../../../src/train/random';
import { itResumesExactly } from './resumeChecks';

/** `rows` sentences of 8 random ids in [3, 30); label 1 when id 2 occurs. */
function sentences(rows: number, seed: string) {
  const rng = createRng(seed);
  const x = Int32Array.from({ length: rows * 8 }, () => 3 + rng.int(27));
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    if (rng.next() < 0.5) {
      x[r * 8 + rng.int(8)] = 2;
      y[r] = 1;
    }
  }
  return { x, y };
}

// 70 sentences in batches of 32: 3 steps an epoch, so 4 and 7 steps cross epoch boundaries.
const train = sentences(70, 'resume-train');
const val = sentences(20, 'resume-val');
const config: TextCnnConfig = {
  trainX: train.x,
  trainY: train.y,
  valX: val.x,
  valY: val.y,
  vocabSize: 30,
  maxlen: 8,
  vocabulary: Array.from({ length: 30 }, (_, i) => `w${i}`),
  filterWidths: '1,2',
  filtersPerWidth: 3,
  embeddingDim: 4,
  batchSize: 32,
  learningRate: 0.01,
  dropout: 0.5,
};

function make(c: TextCnnConfig) {
  const task = createTextCnnTask(c);
  task.init();
  return task;
}

describe('TextCNN: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  itResumesExactly({
    make: () => make(config),
    makeOther: () => make({ ...config, embeddingDim: 5 }),
    saveAt: [0, 1, 3, 4, 7],
    slotTensors: 14,
    weightError: /"embedding.weight" has shape \[30, 5\]/,
  });
});
