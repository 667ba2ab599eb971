/**
 * Small tensor helpers of the Transformer (chapter 15): the dense layer and a batched matrix
 * product with gradients that are fast on wasm (./kernels.ts), the additive causal mask (built once per length and backend), and
 * argument checks. Raw tfjs ops. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { denseMatMul } from '../../train/matmul';
import { depthwiseBatchMatMul, linearFused } from './kernels';

/**
 * Added to the score of a masked key before the softmax: exp(-1e9 - max) is exactly 0 in float32,
 * so masked keys get weight exactly 0 (and no gradient). Same value as chapter 14's `MASKED_SCORE`.
 */
export const MASK_VALUE = -1e9;

/** `[a, b, c]` for messages. */
export const shapeOf = (t: tf.Tensor): string => `[${t.shape.join(', ')}]`;

/** Throws unless `t` is a float32 tf.Tensor of the given rank; returns it. */
export function checkFloat(who: string, name: string, t: unknown, rank: number): tf.Tensor {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${who}: ${name} must be a tf.Tensor`);
  if (t.dtype !== 'float32') throw new TypeError(`${who}: ${name} must be float32, got ${t.dtype}`);
  if (t.rank !== rank) {
    throw new Error(`${who}: ${name} must have rank ${rank}, got shape ${shapeOf(t)}`);
  }
  return t;
}

/** Throws unless `t` is a float32 tensor of exactly `shape`. */
export function checkShape(who: string, name: string, t: unknown, shape: number[]): tf.Tensor {
  checkFloat(who, name, t, shape.length);
  const tt = t as tf.Tensor;
  if (tt.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`${who}: ${name} must be [${shape.join(', ')}], got ${shapeOf(tt)}`);
  }
  return tt;
}

/**
 * `tf.matMul(a, b, false, transposeB)` for rank-3 tensors (`[N, M, K] x [N, K, P]`, or
 * `[N, M, K] x [N, P, K]` with `transposeB`) with a hand-written gradient (dx = dy · y'^T,
 * dy' = x^T · dy for out = x · y'). On wasm every product, forward and backward, is a depthwise
 * convolution ({@link depthwiseBatchMatMul}, XNNPACK): tfjs-backend-wasm 4.22 runs every batched
 * matMul in a scalar loop, transposed ones much slower still. On the cpu backend: plain products
 * after explicit transposes (tfjs's own gradient calls matMul with `transposeA`). On webgl
 * transposed products are native and the stock op is used.
 */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeB = false): tf.Tensor3D {
  if (tf.getBackend() === 'webgl') return tf.matMul(a, b, false, transposeB);
  if (tf.getBackend() === 'wasm') {
    const mm = depthwiseBatchMatMul;
    const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [x, y, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
      save([x, y]);
      return {
        value: mm(x, y, false, transposeB),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [sx, sy] = saved as [tf.Tensor3D, tf.Tensor3D];
          const d = dy as tf.Tensor3D;
          // out = x · y' (y' = y or y^T): dx = dy · y'^T; dy' = x^T · dy, so dy^T = dy^T · x.
          const dx = mm(d, sy, false, !transposeB);
          return [dx, transposeB ? mm(d, sx, true, false) : mm(sx, d, true, false)];
        },
      };
    });
    return op(a, b) as tf.Tensor3D;
  }
  const t = (x: tf.Tensor) => tf.transpose(x, [0, 2, 1]) as tf.Tensor3D;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, y, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
    save([x, y]);
    return {
      value: tf.matMul(x, transposeB ? t(y) : y),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor3D, tf.Tensor3D];
        const d = dy as tf.Tensor3D;
        // out = x · y' with y' = y or y^T: dx = dy · y'^T; dy' = x^T · dy.
        const dx = tf.matMul(d, transposeB ? sy : t(sy));
        const dyPrime = tf.matMul(t(sx), d);
        return [dx, transposeB ? t(dyPrime) : dyPrime];
      },
    };
  });
  return op(a, b) as tf.Tensor3D;
}

const causalCache = new Map<string, tf.Tensor2D>();

/**
 * The additive causal (look-ahead) mask `[T, T]`: 0 where key j <= query i, {@link MASK_VALUE}
 * where j > i (PyTorch's `Transformer.generate_square_subsequent_mask`, with -1e9 for -inf).
 * Built once per length and backend and kept (not tracked by any `tf.tidy`); do not dispose it.
 * @throws RangeError for a length that is not a positive integer.
 */
export function causalMask(length: number): tf.Tensor2D {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`causalMask: the length must be a positive integer, got ${length}`);
  }
  const key = `${tf.getBackend()}:${length}`;
  const cached = causalCache.get(key);
  if (cached && !cached.isDisposed) return cached;
  const values = new Float32Array(length * length);
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j < length; j++) values[i * length + j] = MASK_VALUE;
  }
  const mask = tf.tidy(() => tf.keep(tf.tensor2d(values, [length, length])));
  causalCache.set(key, mask);
  return mask;
}

/**
 * `x [.., K] · W^T + b` for a PyTorch `nn.Linear` weight `[N, K]` and bias `[N]`: `[.., N]`.
 * On wasm and cpu, {@link linearFused} (plain 2-D products in the gradient, the bias gradient as
 * a product with ones); on webgl the stock ops.
 */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  const K = x.shape[x.rank - 1];
  const N = weight.shape[0];
  if (tf.getBackend() !== 'webgl') {
    const y = linearFused(tf.reshape(x, [x.size / K, K]) as tf.Tensor2D, weight, bias);
    return tf.reshape(y, [...x.shape.slice(0, -1), N]);
  }
  const y2 = denseMatMul(
    tf.reshape(x, [x.size / K, K]) as tf.Tensor2D,
    tf.transpose(weight) as tf.Tensor2D,
  );
  const y = bias ? tf.add(y2, bias) : y2;
  return tf.reshape(y, [...x.shape.slice(0, -1), N]);
}
