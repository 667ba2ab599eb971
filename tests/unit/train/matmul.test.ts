import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { denseMatMul } from '../../../src/train';

describe.each(['cpu', 'wasm'])('denseMatMul on %s', (backend) => {
  it.each([false, true])(
    'has the value and the gradient of tf.matMul (tallX %s)',
    async (tallX) => {
      expect(await tf.setBackend(backend)).toBe(true);
      const a = tf.tensor2d([
        [1, 2, 3],
        [4, -5, 6],
      ]);
      const w = tf.tensor2d([
        [0.5, -1],
        [2, 0],
        [1, 1],
      ]);
      // A loss that is not linear in the product, so dy differs per element.
      const f = (g: typeof tf.matMul) =>
        tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.square(g(x as tf.Tensor2D, y as tf.Tensor2D))),
        )([a, w]);
      const ours = f(((x: tf.Tensor2D, y: tf.Tensor2D) =>
        denseMatMul(x, y, { tallX })) as typeof tf.matMul);
      const ref = f(tf.matMul);
      expect(ours.value.dataSync()[0]).toBe(ref.value.dataSync()[0]);
      expect(ours.grads[0].shape).toEqual([2, 3]);
      expect(ours.grads[1].shape).toEqual([3, 2]);
      expect(Array.from(ours.grads[0].dataSync())).toEqual(Array.from(ref.grads[0].dataSync()));
      expect(Array.from(ours.grads[1].dataSync())).toEqual(Array.from(ref.grads[1].dataSync()));
      tf.dispose([a, w, ours.value, ref.value, ...ours.grads, ...ref.grads]);
    },
  );

  it('leaves no tensors behind', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const x = tf.randomNormal([4, 5]) as tf.Tensor2D;
    const w = tf.variable(tf.randomNormal([5, 3]));
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(denseMatMul(x, w as tf.Tensor2D)) as tf.Scalar,
      [w],
    );
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });
});
