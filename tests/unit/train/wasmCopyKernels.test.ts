/**
 * The wasm backend's in-place Slice, SplitV and Transpose (src/train/wasmCopyKernels.ts) against
 * the cpu backend's: the same values for every rank 1-5, contiguous and strided boxes, empty
 * parts, every permutation, int32 and bool, through tf.slice, tf.split, tf.transpose and the
 * gradient of tf.concat; strings and other permutations still work; no leak.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { createRng } from '../../../src/train/random';
import {
  copyBox,
  originalWasmCopyKernels,
  transposeAsSwap,
} from '../../../src/train/wasmCopyKernels';

/** Values of `f` on the cpu backend and on wasm (the same input data). */
async function both<T>(f: () => T): Promise<{ cpu: T; wasm: T }> {
  await tf.setBackend('cpu');
  const cpu = f();
  await tf.setBackend('wasm');
  const wasm = f();
  return { cpu, wasm };
}

beforeAll(async () => {
  expect((await selectBackend('wasm')).name).toBe('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('copyBox', () => {
  it('copies the box of a row-major array, merging the whole trailing axes', () => {
    const x = Int32Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const out = new Int32Array(2 * 2 * 2);
    copyBox(x, [2, 3, 4], [0, 1, 1], [2, 2, 2], out);
    expect(Array.from(out)).toEqual([5, 6, 9, 10, 17, 18, 21, 22]);
    const rows = new Int32Array(8);
    copyBox(x, [2, 3, 4], [1, 1, 0], [1, 2, 4], rows); // one contiguous run
    expect(Array.from(rows)).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
  });
});

describe('transposeAsSwap', () => {
  it('finds the two groups of axes a permutation swaps, with the items that stay last', () => {
    expect(transposeAsSwap([3, 4], [1, 0])).toEqual({ R: 3, C: 4, w: 1 });
    expect(transposeAsSwap([2, 3, 4], [2, 0, 1])).toEqual({ R: 6, C: 4, w: 1 });
    expect(transposeAsSwap([2, 3, 4], [1, 2, 0])).toEqual({ R: 2, C: 12, w: 1 });
    expect(transposeAsSwap([2, 3, 4], [1, 0, 2])).toEqual({ R: 2, C: 3, w: 4 });
    expect(transposeAsSwap([2, 3, 4, 5], [2, 0, 1, 3])).toEqual({ R: 6, C: 4, w: 5 });
    expect(transposeAsSwap([2, 3, 4], [0, 1, 2])).toBeNull(); // identity
    expect(transposeAsSwap([2, 3, 4], [0, 2, 1])).toBeNull(); // the first axis stays first
    expect(transposeAsSwap([2, 3, 4, 5], [3, 1, 2, 0])).toBeNull();
  });
});

describe('the wasm backend in-place Slice, SplitV and Transpose', () => {
  it('are registered in place of tfjs-wasm 4.22 own kernels', () => {
    const original = originalWasmCopyKernels();
    expect(original).not.toBeNull();
    for (const [name, config] of [
      ['Slice', original!.slice],
      ['SplitV', original!.splitV],
      ['Transpose', original!.transpose],
    ] as const) {
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
      expect(tf.getKernel(name, 'wasm')?.kernelFunc).not.toBe(config.kernelFunc);
    }
  });

  it('tf.transpose equals the cpu backend for every permutation of ranks 1-5 (float32, int32, bool)', async () => {
    const perms = (n: number): number[][] =>
      n === 0
        ? [[]]
        : perms(n - 1).flatMap((p) =>
            Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
          );
    for (let rank = 1; rank <= 5; rank++) {
      const shape = [3, 2, 4, 1, 5].slice(0, rank);
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: n }, (_, i) => i - 3);
      for (const perm of perms(rank)) {
        for (const dtype of ['float32', 'int32', 'bool'] as const) {
          const v = dtype === 'bool' ? values.map((q) => (q % 3 === 0 ? 1 : 0)) : values;
          const { cpu, wasm } = await both(() => {
            const x = tf.tensor(v, shape, dtype);
            const t = tf.transpose(x, perm);
            const out = { shape: t.shape, data: Array.from(t.dataSync()) };
            tf.dispose([x, t]);
            return out;
          });
          expect(wasm, `${dtype} ${shape} perm ${perm}`).toEqual(cpu);
        }
      }
    }
    // Larger than one 16 x 16 tile, with ragged edges, and rows of items.
    const { cpu, wasm } = await both(() => {
      const x = tf.tensor3d(
        Array.from({ length: 37 * 21 * 3 }, (_, i) => Math.cos(i)),
        [37, 21, 3],
      );
      const out = [tf.transpose(x, [1, 0, 2]), tf.transpose(x, [2, 0, 1])].map((t) =>
        Array.from(t.dataSync()),
      );
      x.dispose();
      return out;
    });
    expect(wasm).toEqual(cpu);
  });

  it('tf.slice equals the cpu backend for random boxes of rank 1-5 (float32, int32, bool)', async () => {
    const rng = createRng('slices');
    const int = (n: number) => Math.floor(rng.next() * n);
    for (let trial = 0; trial < 60; trial++) {
      const rank = 1 + (trial % 5);
      const shape = Array.from({ length: rank }, () => 1 + int(5));
      const begin = shape.map((d) => int(d));
      // Some boxes keep whole trailing axes (contiguous runs), some are empty.
      const size = shape.map((d, a) =>
        trial % 7 === 0 && a === rank - 1 ? 0 : rng.next() < 0.3 ? -1 : 1 + int(d - begin[a]),
      );
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: n }, (_, i) => i * 1.5 - 7);
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const v = dtype === 'bool' ? values.map((q) => (q > 0 ? 1 : 0)) : values;
        const { cpu, wasm } = await both(() => {
          const x = tf.tensor(v, shape, dtype);
          const s = tf.slice(x, begin, size);
          const out = { shape: s.shape, data: Array.from(s.dataSync()) };
          tf.dispose([x, s]);
          return out;
        });
        expect(wasm, `${dtype} ${shape} ${begin} ${size}`).toEqual(cpu);
      }
    }
  });

  it('tf.split and the gradient of tf.concat equal the cpu backend on every axis', async () => {
    const shape = [3, 4, 5];
    const x0 = Array.from({ length: 60 }, (_, i) => Math.sin(i));
    for (let axis = 0; axis < 3; axis++) {
      const sizes = axis === 0 ? [1, 2] : axis === 1 ? [1, 0, 3] : [2, 3];
      const { cpu, wasm } = await both(() => {
        const x = tf.tensor3d(x0, shape as [number, number, number]);
        const parts = tf.split(x, sizes, axis);
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.concat([a, b], axis), tf.range(0, 60).reshape(shape))),
        )(tf.split(x, [1, shape[axis] - 1], axis));
        const out = {
          parts: parts.map((p) => ({ shape: p.shape, data: Array.from(p.dataSync()) })),
          grads: grads.map((g) => Array.from(g.dataSync())),
        };
        tf.dispose([x, ...parts, ...grads]);
        return out;
      });
      expect(wasm).toEqual(cpu);
    }
  });

  it('slices strings with tfjs own kernel, and leaks nothing', async () => {
    await tf.setBackend('wasm');
    const s = tf.tensor1d(['a', 'bb', 'ccc']);
    const part = tf.slice(s, [1], [2]);
    expect(part.dataSync()).toEqual(['bb', 'ccc']);
    tf.dispose([s, part]);
    const x = tf.ones([4, 6]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.split(x, [2, 4], 1);
      tf.slice(x, [1, 2], [2, 3]);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
