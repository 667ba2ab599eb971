/**
 * Exact resume of the Chapter 3 neural LM: weights, Adam's moments and iteration count, and the
 * step, from which the seeded per-epoch shuffles are replayed (see resumeChecks.ts).
 */
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect } from 'vitest';
import { createNeuralLmTask } from '../../../src/models/neuralLm';
import type { NeuralLmConfig } from '../../../src/models/neuralLmConfig';
import { itResumesExactly } from './resumeChecks';

const WORDS = ['<UNK>', '<s>', '</s>', 'the', 'cat', 'sat', 'a', 'dog', 'ran', 'down'];

/** `n` random bigram examples (context size 1) whose target mostly follows from the context. */
function examples(n: number, seed: string) {
  const rng = seedrandom(seed);
  const contexts = Int32Array.from({ length: n }, () => 1 + Math.floor(rng() * 9));
  const targets = contexts.map((w) =>
    rng() < 0.8 ? 2 + ((w * 3) % 8) : 2 + Math.floor(rng() * 8),
  );
  return { contexts, targets };
}

// 21 examples in batches of 8: 3 steps an epoch, so 4 and 7 steps cross epoch boundaries.
const train = examples(21, 'train');
const held = examples(6, 'held');
const config: NeuralLmConfig = {
  words: WORDS,
  contextSize: 1,
  trainContexts: train.contexts,
  trainTargets: train.targets,
  evalContexts: held.contexts,
  evalTargets: held.targets,
  embeddingDim: 4,
  hiddenUnits: 8,
  batchSize: 8,
  learningRate: 0.03,
};

function make(c: NeuralLmConfig) {
  const task = createNeuralLmTask(c);
  task.init();
  return task;
}

describe('neural LM: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  itResumesExactly({
    make: () => make(config),
    makeOther: () => make({ ...config, embeddingDim: 5 }),
    saveAt: [0, 1, 3, 4, 7],
    slotTensors: 10,
    weightError: /"embedding\/embeddings" has shape \[10, 5\]/,
  });
});
