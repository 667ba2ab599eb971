/**
 * Products of the Transformer laid out for tfjs-backend-wasm 4.22, whose BatchMatMul runs XNNPACK
 * only for an unbatched product with neither operand transposed and a scalar loop otherwise: the
 * dense layer `x W^T + b` with a gradient of plain 2-D products, and the attention's batched
 * products as depthwise convolutions (XNNPACK). Same values as the stock ops to float32
 * rounding; measured in docs/performance.md (chapter 15). Used on wasm and cpu ({@link
 * linearFused}) or wasm only ({@link depthwiseBatchMatMul}); webgl keeps the stock ops (./ops.ts).
 * No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';

type Args = Array<tf.Tensor | tf.GradSaveFunc>;

/**
 * `x [M, K] · W^T + b` for a PyTorch `nn.Linear` weight W `[N, K]` and bias b `[N]`: `[M, N]`,
 * with the gradient (dy `[M, N]`) written as plain 2-D products, which XNNPACK runs on wasm:
 * `dx = dy W` `[M, K]` (no transpose at all); `dW = dy^T x` `[N, K]`, transposing whichever of
 * x and dy is smaller (then, for x, the small `[K, N]` result); `db = 1^T dy` as a product with
 * a row of ones. Measured on wasm (`[2048, 512]`): a transpose costs about as much as the sum
 * over the batch axis that tfjs' own bias gradient runs (which transposes first), about 7-8 ms,
 * and the product with ones 0.2 ms.
 */
export function linearFused(x: tf.Tensor2D, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  const forward = (a: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | undefined) =>
    tf.fused.matMul({ a, b: tf.transpose(w), bias: b });
  const backward = (dy: tf.Tensor2D, a: tf.Tensor2D, w: tf.Tensor2D, withBias: boolean) => {
    const [M, K] = a.shape;
    const N = w.shape[0];
    const dw =
      K <= N ? tf.transpose(tf.matMul(tf.transpose(a), dy)) : tf.matMul(tf.transpose(dy), a);
    const grads: tf.Tensor[] = [tf.matMul(dy, w), dw];
    if (withBias) grads.push(tf.reshape(tf.matMul(tf.ones([1, M]), dy), [N]));
    return grads;
  };
  if (bias) {
    const op = tf.customGrad((...args: Args) => {
      const [a, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
      save([a, w]);
      return {
        value: forward(a, w, b),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
          backward(dy as tf.Tensor2D, saved[0] as tf.Tensor2D, saved[1] as tf.Tensor2D, true),
      };
    });
    return op(x, weight, bias) as tf.Tensor2D;
  }
  const op = tf.customGrad((...args: Args) => {
    const [a, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, w]);
    return {
      value: forward(a, w, undefined),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        backward(dy as tf.Tensor2D, saved[0] as tf.Tensor2D, saved[1] as tf.Tensor2D, false),
    };
  });
  return op(x, weight) as tf.Tensor2D;
}

/**
 * The batched product `op(a) · op(b)` (`[N, M, K] x [N, K, P] -> [N, M, P]`; `op` transposes the
 * last two axes when asked: a stored `[N, K, M]`, b stored `[N, P, K]`) computed as one depthwise
 * convolution, which tfjs-backend-wasm runs in XNNPACK, where its BatchMatMul runs a scalar loop
 * for every batched product. The rows m are the convolution's batch, the inner axis k its height
 * (a K x 1 filter over an input of height K, "valid": one output position) and the N products
 * its channels, with a channel multiplier of P:
 * `out[m, 0, 0, n·P + p] = Σ_k in[m, k, 0, n] · filter[k, 0, n, p]`, `in[m, k, 0, n] = op(a)[n, m, k]`,
 * `filter[k, 0, n, p] = op(b)[n, k, p]`. Three transposes lay the operands out (any transpose of a
 * or b is folded into them). On wasm, for the attention's `[128, 64, 32] x [128, 32, 64]`:
 * 6 ms against 17 ms for tf.matMul (CPU time, docs/performance.md). No gradient: a forward helper.
 */
export function depthwiseBatchMatMul(
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  transposeA = false,
  transposeB = false,
): tf.Tensor3D {
  return tf.tidy(() => {
    const N = a.shape[0];
    const [M, K] = transposeA ? [a.shape[2], a.shape[1]] : [a.shape[1], a.shape[2]];
    const P = transposeB ? b.shape[1] : b.shape[2];
    const input = tf.reshape(tf.transpose(a, transposeA ? [2, 1, 0] : [1, 2, 0]), [M, K, 1, N]);
    const filter = tf.reshape(tf.transpose(b, transposeB ? [2, 0, 1] : [1, 0, 2]), [K, 1, N, P]);
    const out = tf.depthwiseConv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid');
    return tf.transpose(tf.reshape(out, [M, N, P]), [1, 0, 2]) as tf.Tensor3D;
  });
}
