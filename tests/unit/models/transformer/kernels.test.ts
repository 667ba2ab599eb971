/**
 * The wasm-friendly products of ./kernels.ts against the stock tfjs ops they replace: the
 * depthwise-convolution batched product (every transpose combination) on wasm, and the dense
 * layer's value and gradients (x, W, b) on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { depthwiseBatchMatMul, linearFused } from '../../../../src/models/transformer/kernels';
import { selectBackend } from '../../../../src/train/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('depthwiseBatchMatMul (wasm)', () => {
  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('equals tf.matMul with transposeA %s, transposeB %s', async (ta, tb) => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    const [N, M, K, P] = [6, 5, 3, 4];
    const a = tf.randomNormal(ta ? [N, K, M] : [N, M, K], 0, 1, 'float32', 1) as tf.Tensor3D;
    const b = tf.randomNormal(tb ? [N, P, K] : [N, K, P], 0, 1, 'float32', 2) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const got = depthwiseBatchMatMul(a, b, ta, tb);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(got.shape).toEqual([N, M, P]);
    const want = tf.matMul(a, b, ta, tb);
    expect(maxDiff(got, want)).toBeLessThan(1e-5);
    tf.dispose([a, b, got, want]);
  });
});

describe.each(['cpu', 'wasm'] as const)('linearFused (%s)', (backend) => {
  it.each([
    ['K < N', 7, 3, 5],
    ['K > N', 7, 5, 3],
  ])('matches matMul(x, W^T) + b and its gradients, %s', async (_, M, K, N) => {
    expect((await selectBackend(backend)).name).toBe(backend);
    const x = tf.randomNormal([M, K], 0, 1, 'float32', 3) as tf.Tensor2D;
    const w = tf.randomNormal([N, K], 0, 1, 'float32', 4) as tf.Tensor2D;
    const b = tf.randomNormal([N], 0, 1, 'float32', 5) as tf.Tensor1D;
    const r = tf.randomNormal([M, N], 0, 1, 'float32', 6);
    const loss =
      (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) =>
      (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D), r));
    const stock = (xx: tf.Tensor2D, ww: tf.Tensor2D, bb: tf.Tensor1D) =>
      tf.add(tf.matMul(xx, ww, false, true), bb);
    const ours = tf.grads(loss(linearFused))([x, w, b]);
    const want = tf.grads(loss(stock))([x, w, b]);
    ours.forEach((g, i) => {
      expect(g.shape).toEqual(want[i].shape);
      expect(maxDiff(g, want[i])).toBeLessThan(1e-4);
    });
    const y = linearFused(x, w, b);
    const y0 = stock(x, w, b);
    expect(maxDiff(y, y0)).toBeLessThan(1e-5);
    const noBias = tf.grads((xx: tf.Tensor, ww: tf.Tensor) =>
      tf.sum(tf.mul(linearFused(xx as tf.Tensor2D, ww as tf.Tensor2D), r)),
    )([x, w]);
    expect(maxDiff(noBias[1], want[1])).toBeLessThan(1e-4);
    const before = tf.memory().numTensors;
    tf.dispose(tf.grads(loss(linearFused))([x, w, b]));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w, b, r, y, y0, ...ours, ...want, ...noBias]);
  });
});
