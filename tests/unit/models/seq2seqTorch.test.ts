/**
 * The whole encoder-decoder against PyTorch 1.13 (float64 reference made by
 * scripts/fixtures/seq2seq_torch.py: nn.Embedding, a bidirectional nn.GRU / nn.LSTM over
 * pack_padded_sequence, the bridge, a GRU decoder, each attention score and none): from the same
 * weights, log P(target + </s> | source) of four pairs of different lengths, the first training
 * step's loss and gradient norm, and the log-probabilities after one Adam step with clipping (which
 * depend on the gradient of every weight).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSeq2SeqTask,
  createSeq2SeqVocab,
  type Seq2SeqAttention,
  type Seq2SeqDataset,
  type Seq2SeqEncoderCell,
} from '../../../src/models';
import type { WeightSnapshot } from '../../../src/train/types';

interface Case {
  cell: Seq2SeqEncoderCell;
  attention: Seq2SeqAttention;
  weights: Record<string, { shape: number[]; values: number[] }>;
  logProbs: number[];
  loss: number;
  gradNorm: number;
  logProbsAfterStep: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/seq2seq_torch.json', import.meta.url), 'utf8'),
) as {
  sizes: {
    embeddingSize: number;
    encoderSize: number;
    decoderSize: number;
    attentionUnits: number;
  };
  alphabets: { source: string; target: string };
  pairs: Array<{ source: string; target: string }>;
  cases: Case[];
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dataset = (): Seq2SeqDataset => ({
  name: 'fixture',
  train: fixture.pairs,
  validation: fixture.pairs,
  test: fixture.pairs,
  splitLabels: { validation: 'v', test: 't' },
  sourceVocab: createSeq2SeqVocab(fixture.alphabets.source),
  targetVocab: createSeq2SeqVocab(fixture.alphabets.target),
  maxSourceLength: 5,
  maxTargetLength: 3,
});

const expectAll = (actual: number[], expected: number[], tol: number) =>
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `entry ${i}`).toBeLessThan(tol));

describe('seq2seq matches PyTorch 1.13 from the same weights', () => {
  for (const c of fixture.cases) {
    it(`${c.cell} encoder, attention ${c.attention}: log-probabilities, loss, one Adam step`, async () => {
      const task = createSeq2SeqTask({
        ...fixture.sizes,
        dataset: dataset(),
        cell: c.cell,
        attention: c.attention,
        batchSize: fixture.pairs.length,
        learningRate: 0.01,
        clipNorm: 5,
      });
      task.init();
      const snap: WeightSnapshot = {};
      for (const [name, w] of Object.entries(c.weights)) {
        snap[name] = { shape: w.shape, values: Float32Array.from(w.values) };
      }
      expect(Object.keys(snap).sort()).toEqual(Object.keys(await task.getWeights()).sort());
      task.setWeights(snap);
      expectAll(await task.scoreTargets(fixture.pairs), c.logProbs, 1e-5);
      const out = task.step();
      expect((await out.loss.data())[0]).toBeCloseTo(c.loss, 5);
      expect((await out.metrics!.grad_norm.data())[0]).toBeCloseTo(c.gradNorm, 5);
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
      expectAll(await task.scoreTargets(fixture.pairs), c.logProbsAfterStep, 1e-4);
      task.dispose();
    });
  }
});
