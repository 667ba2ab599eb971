import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCharVocab } from '../../../src/models/rnn/charData';
import { createCharLmTask } from '../../../src/models/rnn/charLm';
import type { WeightSnapshot } from '../../../src/train/types';

/** Made by scripts/fixtures/rnn_tasks_char_lm_torch.py with PyTorch 1.13 (see its docstring). */
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'rnn_tasks_char_lm_torch.json'), 'utf8'),
) as {
  text: string;
  chars: string[];
  config: Record<string, number | string>;
  weights: Record<string, { shape: number[]; values: number[] }>;
  steps: Array<{ loss: number; gradNorm: number }>;
};

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('character LM task against PyTorch 1.13 (2-layer LSTM, Adam, clip_grad_norm_, TBPTT)', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`${backend}: the same weights give the same losses and gradient norms for 4 steps`, async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      const vocab = buildCharVocab(fixture.text);
      expect(vocab.chars).toEqual(fixture.chars);
      const task = createCharLmTask({
        ...(fixture.config as object),
        trainText: fixture.text,
        heldoutText: 'the cat',
        vocab,
      });
      task.init();
      const snapshot: WeightSnapshot = {};
      for (const [name, w] of Object.entries(fixture.weights)) {
        snapshot[name] = { shape: w.shape, values: Float32Array.from(w.values) };
      }
      task.setWeights(snapshot);
      for (const want of fixture.steps) {
        const out = task.step();
        const loss = (await out.loss.data())[0];
        const norm = (await out.metrics!.grad_norm.data())[0];
        tf.dispose([out.loss, ...Object.values(out.metrics!)]);
        expect(loss).toBeCloseTo(want.loss, 5);
        expect(norm).toBeCloseTo(want.gradNorm, 5);
      }
      task.dispose();
    });
  }
});
