import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { batchMatMul, csrBatch, densify, resolveMatmul, sparseMatMul } from '../../../src/models';
import { csrFromDense, denseFromCsr } from './linearFixtures';

/** A random sparse [n, v] matrix (about 30% non-zeros, one empty row, one duplicate-free row). */
function randomCsr(seed: string, n: number, v: number) {
  const rng = seedrandom(seed);
  const rows = Array.from({ length: n }, (_, r) =>
    Array.from({ length: v }, () => (r !== 2 && rng() < 0.3 ? rng() * 2 - 1 : 0)),
  );
  return csrFromDense(rows, v);
}

/** f(W) = sum(XW ⊙ dY) and its gradient, by `matmul`. */
function valueAndGrad(
  matmul: (w: tf.Tensor2D) => tf.Tensor2D,
  w0: Float32Array,
  dy: Float32Array,
  v: number,
  k: number,
  n: number,
) {
  return tf.tidy(() => {
    const w = tf.tensor2d(w0, [v, k]);
    const dY = tf.tensor2d(dy, [n, k]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(matmul(t as tf.Tensor2D), dY));
    const g = tf.grads(f)([w])[0];
    return { value: f(w).dataSync()[0], grad: Array.from(g.dataSync()) };
  });
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`sparse X·W on ${backend}`, () => {
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it('forward and gradient equal the dense reference (tf.matMul, tf.grads)', async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      const n = 6;
      const v = 11;
      const k = 3;
      const x = randomCsr(`x-${backend}`, n, v);
      const rng = seedrandom('w');
      const w0 = Float32Array.from({ length: v * k }, () => rng() * 2 - 1);
      const dy = Float32Array.from({ length: (n + 1) * k }, () => rng() * 2 - 1);
      // A batch of rows in a shuffled order, one row twice: rows are renumbered 0..B-1.
      const rows = [4, 0, 2, 5, 1, 3, 0];
      const batch = csrBatch(x, rows);
      const denseX = denseFromCsr(x);
      const xb = tf.tensor2d(rows.map((r) => denseX[r]));
      const dyB = pad(dy, rows.length * k);
      const ref = valueAndGrad((w) => tf.matMul(xb, w), w0, dyB, v, k, rows.length);
      const sparse = valueAndGrad((w) => sparseMatMul(w, batch), w0, dyB, v, k, rows.length);
      const dense = valueAndGrad((w) => batchMatMul(w, batch, 'dense'), w0, dyB, v, k, rows.length);
      xb.dispose();
      expect(sparse.value).toBeCloseTo(ref.value, 4);
      expect(dense.value).toBeCloseTo(ref.value, 4);
      ref.grad.forEach((g, i) => {
        expect(sparse.grad[i]).toBeCloseTo(g, 5);
        expect(dense.grad[i]).toBeCloseTo(g, 5);
      });
      // The gradient is not trivially zero: the rows touch most features.
      expect(ref.grad.filter((g) => Math.abs(g) > 1e-6).length).toBeGreaterThan(v);
    });
  });
}

/** dy cycled to `length` entries. */
function pad(dy: Float32Array, length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => dy[i % dy.length]);
}

describe('csrBatch / densify', () => {
  it('turns CSR rows into (row, col, value) triples and back', () => {
    const x = csrFromDense([
      [0, 2, 0],
      [0, 0, 0],
      [3, 0, 4],
    ]);
    const b = csrBatch(x, [2, 0]);
    expect(Array.from(b.rowIds)).toEqual([0, 0, 1]);
    expect(Array.from(b.colIds)).toEqual([0, 2, 1]);
    expect(Array.from(b.values)).toEqual([3, 4, 2]);
    expect(Array.from(densify(b))).toEqual([3, 0, 4, 0, 2, 0]);
    // A batch of empty documents gets one explicit zero, never an empty tensor.
    const empty = csrBatch(x, [1]);
    expect(empty.values.length).toBe(1);
    expect(Array.from(densify(empty))).toEqual([0, 0, 0]);
  });

  it('auto chooses dense on webgl and sparse elsewhere', () => {
    expect(resolveMatmul('auto', 'webgl')).toBe('dense');
    expect(resolveMatmul('auto', 'wasm')).toBe('sparse');
    expect(resolveMatmul('auto', 'cpu')).toBe('sparse');
    expect(resolveMatmul('dense', 'cpu')).toBe('dense');
  });
});
