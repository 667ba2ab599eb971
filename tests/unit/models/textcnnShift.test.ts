/**
 * The shift-and-add convolution of chapter 11's TextCNN (src/models/textcnn/shiftConv.ts) on
 * filter counts that differ per width (rows of gcd(C_i) columns) and widths out of order, against
 * a loop written from the definition, value and gradient, on cpu and wasm; and textCnnForward on
 * the same shapes against tfjs' own `tf.conv1d` per width (the PyTorch fixture has equal counts).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { textCnnForward } from '../../../src/models';
import { shiftAndAdd, tapColumns } from '../../../src/models/textcnn/shiftConv';

const widths = [4, 2, 3];
const counts = [4, 6, 2];
const [T, B, E] = [7, 3, 5];
const P = T - Math.min(...widths) + 1;
const F = counts.reduce((a, b) => a + b, 0);
const { offsets, total } = tapColumns(widths, counts);

/** A deterministic pseudo-random float in [-1, 1) per index. */
const noise = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 7919 + i * 104729) % 1);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'])('shiftAndAdd on %s', (backend) => {
  it('adds tap j of each width at token p + j, and sends the gradient back to those entries', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const before = tf.memory().numTensors;
    const yVals = noise((T * B + 1) * total, 1).fill(0, T * B * total); // last row zero
    const dzVals = noise(P * B * F, 2);
    const y = tf.tensor2d(yVals, [T * B + 1, total]);
    const dz = tf.tensor3d(dzVals, [P, B, F]);
    const [z, dy] = tf.tidy(() => [
      shiftAndAdd(y, T, B, widths, counts),
      tf.grad((t: tf.Tensor) =>
        tf.sum(tf.mul(shiftAndAdd(t as tf.Tensor2D, T, B, widths, counts), dz)),
      )(y),
    ]);
    const zExpected = new Float32Array(P * B * F);
    const dyExpected = new Float32Array((T * B + 1) * total);
    let f0 = 0;
    widths.forEach((k, i) => {
      for (let p = 0; p < P; p++) {
        for (let b = 0; b < B; b++) {
          for (let c = 0; c < counts[i]; c++) {
            const at = (p * B + b) * F + f0 + c;
            for (let j = 0; j < k && p + j < T; j++) {
              const from = ((p + j) * B + b) * total + offsets[i] + j * counts[i] + c;
              zExpected[at] += yVals[from];
              dyExpected[from] += dzVals[at];
            }
          }
        }
      }
      f0 += counts[i];
    });
    expect(z.shape).toEqual([P, B, F]);
    Array.from(z.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(zExpected[i], 5));
    expect(dy.shape).toEqual([T * B + 1, total]);
    Array.from(dy.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(dyExpected[i], 5));
    tf.dispose([y, dz, z, dy]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('textCnnForward equals tf.conv1d per width, ReLU, max over time and the linear layer', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const ids = tf.tensor2d(
      Int32Array.from({ length: B * T }, (_, i) => (i * 5 + 3) % 11),
      [B, T],
      'int32',
    );
    const weights = {
      embedding: tf.tensor2d(noise(11 * E, 3), [11, E]),
      convs: widths.map((k, i) => ({
        weight: tf.tensor3d(noise(counts[i] * E * k, 4 + i), [counts[i], E, k]),
        bias: tf.tensor1d(noise(counts[i], 8 + i)),
      })),
      fc: { weight: tf.tensor2d(noise(2 * F, 12), [2, F]), bias: tf.tensor1d([0.1, -0.2]) },
    };
    const [ours, reference] = tf.tidy(() => {
      const x = tf.gather(weights.embedding, ids) as unknown as tf.Tensor3D; // [B, T, E]
      const pooled = weights.convs.map(({ weight, bias }) => {
        const filter = tf.transpose(weight, [2, 1, 0]) as tf.Tensor3D; // [k, E, C]
        return tf.max(tf.relu(tf.add(tf.conv1d(x, filter, 1, 'valid'), bias)), 1);
      });
      const h = tf.concat(pooled, 1);
      const logits = tf.add(tf.matMul(h, weights.fc.weight, false, true), weights.fc.bias);
      return [textCnnForward(ids, weights).logits, logits];
    });
    const expected = reference.dataSync();
    Array.from(ours.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    tf.dispose([ids, weights, ours, reference]);
  });
});
