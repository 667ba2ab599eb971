import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingLookup } from '../../../src/train/embedding';

/** Random table [vocab, dim] and ids [rows, cols] drawn with many duplicates. */
function randomCase(seed: string, vocab: number, dim: number, rows: number, cols: number) {
  const rng = seedrandom(seed);
  const table = Float32Array.from({ length: vocab * dim }, () => rng() * 2 - 1);
  const ids = Int32Array.from({ length: rows * cols }, () => Math.floor(rng() * vocab));
  const dy = Float32Array.from({ length: rows * cols * dim }, () => rng() * 2 - 1);
  return { table, ids, dy };
}

/** Gradient of sum(lookup(table, ids) * dy) with respect to the table, by `lookup`. */
function tableGrad(
  lookup: (t: tf.Tensor, i: tf.Tensor) => tf.Tensor,
  c: ReturnType<typeof randomCase>,
  shape: { vocab: number; dim: number; rows: number; cols: number },
): Float32Array {
  return tf.tidy(() => {
    const table = tf.tensor2d(c.table, [shape.vocab, shape.dim]);
    const ids = tf.tensor2d(c.ids, [shape.rows, shape.cols], 'int32');
    const dy = tf.tensor3d(c.dy, [shape.rows, shape.cols, shape.dim]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(lookup(t, ids), dy)))(table);
    return g.dataSync() as Float32Array;
  });
}

describe('embeddingLookup', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('forward equals tf.gather, with shape [...ids.shape, dim]', () => {
    const c = randomCase('fwd', 7, 3, 4, 5);
    tf.tidy(() => {
      const table = tf.tensor2d(c.table, [7, 3]);
      const ids = tf.tensor2d(c.ids, [4, 5], 'int32');
      const out = embeddingLookup(table, ids);
      expect(out.shape).toEqual([4, 5, 3]);
      expect(Array.from(out.dataSync())).toEqual(Array.from(tf.gather(table, ids).dataSync()));
    });
  });

  it("gradient equals tf.gather's gradient on cpu, duplicates accumulate", () => {
    for (const [seed, vocab, dim, rows, cols] of [
      ['a', 5, 4, 8, 6],
      ['b', 50, 16, 32, 20],
      ['c', 3, 2, 10, 10],
    ] as const) {
      const shape = { vocab, dim, rows, cols };
      const c = randomCase(seed, vocab, dim, rows, cols);
      // There are duplicates: more ids than vocabulary rows.
      expect(new Set(c.ids).size).toBeLessThan(c.ids.length);
      const reference = tableGrad((t, i) => tf.gather(t, i), c, shape);
      for (const backward of ['auto', 'scatter', 'onehot'] as const) {
        const ours = tableGrad((t, i) => embeddingLookup(t, i, backward), c, shape);
        expect(ours.length).toBe(vocab * dim);
        for (let k = 0; k < ours.length; k++) expect(ours[k]).toBeCloseTo(reference[k], 5);
      }
    }
  });

  it('a row used k times gets k times the gradient; unused rows get zero', () => {
    const g = tf.tidy(() => {
      const table = tf.zeros([4, 2]);
      const ids = tf.tensor1d([2, 2, 2, 0], 'int32');
      return tf
        .grad((t: tf.Tensor) => tf.sum(embeddingLookup(t, ids)))(table)
        .arraySync();
    });
    const viaOneHot = tf.tidy(() => {
      const ids = tf.tensor1d([2, 2, 2, 0], 'int32');
      return tf
        .grad((t: tf.Tensor) => tf.sum(embeddingLookup(t, ids, 'onehot')))(tf.zeros([4, 2]))
        .arraySync();
    });
    expect(viaOneHot).toEqual(g);
    expect(g).toEqual([
      [1, 1],
      [0, 0],
      [3, 3],
      [0, 0],
    ]);
  });

  it('rejects a non-int32 ids tensor and a table that is not rank 2', () => {
    tf.tidy(() => {
      expect(() => embeddingLookup(tf.zeros([3, 2]), tf.tensor1d([0, 1]))).toThrow(/int32/);
      expect(() => embeddingLookup(tf.zeros([3]), tf.tensor1d([0], 'int32'))).toThrow(/rank 2/);
    });
  });

  it('leaks no tensors through forward and backward', () => {
    const table = tf.variable(tf.randomUniform([10, 4], -1, 1, 'float32', 1));
    const ids = tf.tensor2d([1, 2, 2, 9, 0, 1], [2, 3], 'int32');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => tf.sum(tf.square(embeddingLookup(table, ids))),
          [table],
        );
        expect(grads[table.name].shape).toEqual([10, 4]);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    table.dispose();
    ids.dispose();
  });

  it('trains on the wasm backend (where tf.gather has no gradient) and matches cpu', async () => {
    const shape = { vocab: 20, dim: 8, rows: 6, cols: 9 };
    const c = randomCase('wasm', shape.vocab, shape.dim, shape.rows, shape.cols);
    const onCpu = tableGrad(embeddingLookup, c, shape);
    expect(await tf.setBackend('wasm')).toBe(true);
    try {
      // The stock path really is missing on wasm: this is why embeddingLookup exists.
      expect(() => tableGrad((t, i) => tf.gather(t, i), c, shape)).toThrow();
      const before = tf.memory().numTensors;
      const onWasm = tableGrad(embeddingLookup, c, shape);
      expect(tf.memory().numTensors).toBe(before);
      for (let k = 0; k < onCpu.length; k++) expect(onWasm[k]).toBeCloseTo(onCpu[k], 5);
    } finally {
      expect(await tf.setBackend('cpu')).toBe(true);
    }
  });
});
