/**
 * Exact resume of the chapter 13/14 encoder-decoder, on an addition config (chapter 13's widget)
 * and a date config with attention (chapter 14's): weights, Adam's moments and iteration count,
 * and the step, from which the current epoch's seeded batch order is redrawn (see
 * resumeChecks.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect } from 'vitest';
import { createSeq2SeqTask, type Seq2SeqConfig } from '../../../src/models';
import { itResumesExactly } from './resumeChecks';

// 256 pairs in batches of 64: 4 steps an epoch, so 5 steps cross an epoch boundary.
const SMALL: Seq2SeqConfig = {
  trainSize: 256,
  validationSize: 16,
  testSize: 16,
  embeddingSize: 6,
  encoderSize: 8,
  decoderSize: 10,
  attentionUnits: 6,
  batchSize: 64,
  learningRate: 0.01,
  seed: 5,
};

const CONFIGS: Array<[string, Seq2SeqConfig]> = [
  [
    'addition (no attention, reversed source)',
    { task: 'addition', maxDigits: 2, attention: 'none', reverseSource: true },
  ],
  ['dates (additive attention)', { task: 'dates', attention: 'additive' }],
];

function make(c: Seq2SeqConfig) {
  const task = createSeq2SeqTask(c);
  task.init();
  return task;
}

describe.each(CONFIGS)('seq2seq %s: training state', (_, extra) => {
  const config = { ...SMALL, ...extra };
  // Adam keeps two moments per variable; counted from the model's own weight list.
  let variables = 0;
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    const t = make(config);
    variables = Object.keys(await t.getWeights()).length;
    t.dispose();
    expect(variables).toBeGreaterThan(10);
  });
  itResumesExactly({
    make: () => make(config),
    makeOther: () => make({ ...config, embeddingSize: 7 }),
    saveAt: [0, 1, 4, 5],
    get slotTensors() {
      return 2 * variables;
    },
    weightError: /"srcEmbedding" has shape \[\d+, 7\]/,
  });
});
