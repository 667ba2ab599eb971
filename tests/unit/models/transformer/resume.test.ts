/**
 * Exact resume of chapter 15's Transformers (see ../resumeChecks.ts): weights, our AdamW's step
 * count and moments, and the step, from which the seeded batch draws and the warm-up + cosine
 * learning-rate schedule continue.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect } from 'vitest';
import { createTransformerSeq2SeqTask } from '../../../../src/models/transformer/encoderDecoder';
import type { TransformerSeq2SeqConfig } from '../../../../src/models/transformer/encoderDecoderConfig';
import { transformerSeq2SeqWeightNames } from '../../../../src/models/transformer/encoderDecoderNetwork';
import { createTransformerLmTask } from '../../../../src/models/transformer/lm';
import type { TransformerLmConfig } from '../../../../src/models/transformer/lmConfig';
import { transformerLmWeightNames } from '../../../../src/models/transformer/lmNetwork';
import { itResumesExactly } from '../resumeChecks';

const words = ['the whale', 'a ship', 'ahab said', 'call me ishmael'];
const text = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => words[(i * 7 + seed) % words.length]).join(' ');

// Warm-up then cosine decay over few steps, so a resume that lost the schedule's step would differ.
const lm: TransformerLmConfig = {
  trainText: text(60, 1),
  heldoutText: text(10, 2),
  layers: 1,
  numHeads: 2,
  dModel: 8,
  dFf: 16,
  contextLength: 8,
  batchSize: 4,
  positions: 'learned',
  learningRate: 0.01,
  warmupSteps: 2,
  schedule: 'cosine',
  epochs: 1,
};

const seq2seq: TransformerSeq2SeqConfig = {
  trainSize: 100,
  evalSize: 20,
  dModel: 8,
  dFf: 16,
  numHeads: 2,
  layers: 1,
  minLength: 2,
  maxLength: 4,
  batchSize: 8,
  learningRate: 0.01,
  warmupSteps: 2,
  schedule: 'cosine',
  seed: 5,
};

describe('Transformer LM and encoder-decoder: training state', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  describe('character Transformer LM', () => {
    const make = (c: TransformerLmConfig) => {
      const task = createTransformerLmTask(c);
      task.init();
      return task;
    };
    itResumesExactly({
      make: () => make(lm),
      makeOther: () => make({ ...lm, dModel: 12, dFf: 24 }),
      saveAt: [0, 1, 3, 6],
      slotTensors: 2 * transformerLmWeightNames(1, true).length,
      weightError: /"tokenEmbedding" has shape \[\d+, 12\]/,
    });
  });

  describe('encoder-decoder Transformer', () => {
    const make = (c: TransformerSeq2SeqConfig) => {
      const task = createTransformerSeq2SeqTask(c);
      task.init();
      return task;
    };
    itResumesExactly({
      make: () => make(seq2seq),
      makeOther: () => make({ ...seq2seq, dModel: 12, dFf: 24 }),
      saveAt: [0, 1, 4, 6],
      slotTensors: 2 * transformerSeq2SeqWeightNames(1, false).length,
      weightError: /"embedding" has shape \[\d+, 12\]/,
    });
  });
});
