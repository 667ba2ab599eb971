/**
 * Dense matrix product with a gradient that is fast on every backend, for any model's dense layers.
 * No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * `tf.matMul(x, w)` (`[B, K] x [K, N] -> [B, N]`, float32) whose gradient transposes explicitly:
 * dx = dy · transpose(w) `[B, K]`, dw = transpose(x) · dy `[K, N]` (the matMul gradient of
 * TensorFlow / PyTorch, written with plain products). tfjs's own matMul gradient calls matMul with
 * `transposeA` / `transposeB`, which on the wasm backend (tfjs 4.22) ran 10-15x slower than a
 * `tf.transpose` followed by a plain matMul (Node, [128, 64] x [64, 9181]: 94-118 ms against
 * 7-10 ms) and dominated the neural language model's step (chapter 3). On webgl the transposed
 * forms are native, so there the stock `tf.matMul` (and its gradient) is used unchanged.
 *
 * Use it in place of `tf.matMul` for 2-D products inside `tf.variableGrads` / `tf.grads`; the
 * forward value is identical.
 *
 * With `tallX` the weight gradient is computed as transpose(transpose(dy) · x) instead: for a
 * tall `x` (B much larger than K and N, e.g. chapter 11's TextCNN with B = T·batch = 2,501,
 * K = 128, N = 1,200) that ran 1.1-1.4x faster on wasm (Node microbenchmarks, loaded machine).
 *
 * @param x - `[B, K]`.
 * @param w - `[K, N]`.
 * @param options - `tallX` (default false): the weight gradient's form, see above.
 * @returns `[B, N]`.
 * @throws Error from `tf.matMul` when the inner dimensions differ.
 */
export function denseMatMul(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  { tallX = false }: { tallX?: boolean } = {},
): tf.Tensor2D {
  if (tf.getBackend() === 'webgl') return tf.matMul(x, w);
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        const d = dy as tf.Tensor2D;
        const dw = tallX
          ? tf.transpose(tf.matMul(tf.transpose(d), sa))
          : tf.matMul(tf.transpose(sa), d);
        return [tf.matMul(d, tf.transpose(sb)), dw];
      },
    };
  });
  return op(x, w) as tf.Tensor2D;
}
