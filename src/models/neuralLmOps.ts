/**
 * Tensor operations of the Chapter 3 neural language model (see neuralLm.ts) that tfjs 4.22 lacks
 * or runs slowly, and the sampler of `generate`. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Per-row cross-entropy of logits `z` `[B, V]` against integer targets `[B]` (int32 in [0, V)):
 * `nll[i] = logSumExp(z[i, :]) - z[i, targets[i]]` = -log softmax(z[i])[targets[i]], in nats, as
 * TensorFlow's `sparse_softmax_cross_entropy_with_logits` / PyTorch's `cross_entropy`. The
 * gradient is written out, `dz = (softmax(z) - onehot(targets)) * dnll[:, None]`, instead of
 * differentiating logSoftmax op by op: about half the passes over the `[B, V]` logits, which is
 * where a language model with a 9K-word softmax spends its time.
 */
export function sparseSoftmaxCrossEntropy(z: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const [rows, vocab] = z.shape;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [logits, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const lse = tf.logSumExp(logits, 1, true);
    const flatIndex = tf.add(
      tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(vocab, 'int32')),
      targets,
    );
    const picked = tf.gather(tf.reshape(logits, [rows * vocab]), flatIndex);
    save([logits, lse]);
    return {
      value: tf.sub(tf.reshape(lse, [rows]), picked),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sz, slse] = saved;
        const softmax = tf.exp(tf.sub(sz, slse));
        return tf.mul(tf.sub(softmax, tf.oneHot(targets, vocab)), tf.reshape(dy, [rows, 1]));
      },
    };
  });
  return op(z) as tf.Tensor1D;
}

/**
 * Draws an index from softmax(logits / T) with the uniform number `u` in [0, 1), never `banned`;
 * T below 1e-3 takes the argmax. Computed in float64 with the max subtracted (no overflow).
 */
export function sampleFromLogits(
  logits: ArrayLike<number>,
  temperature: number,
  banned: number,
  u: number,
): number {
  let best = banned === 0 ? 1 : 0;
  for (let i = 0; i < logits.length; i++) {
    if (i !== banned && logits[i] > logits[best]) best = i;
  }
  if (temperature < 1e-3) return best;
  const max = logits[best];
  let total = 0;
  const weights = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    if (i === banned) continue;
    weights[i] = Math.exp((logits[i] - max) / temperature);
    total += weights[i];
  }
  let r = u * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0 && weights[i] > 0) return i;
  }
  return best;
}
