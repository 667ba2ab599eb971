/**
 * Optimiser helpers that avoid tfjs pitfalls (TFJS_NOTES.md pitfall 2). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Adam's epsilon for every optimiser in the book. tfjs's default is `backend.epsilon()`, which
 * is 1e-4 on WebGL (it reports 16-bit float precision), so small gradients barely move there
 * (TFJS_NOTES pitfall 2). 1e-7 is the Keras default.
 */
export const DEFAULT_ADAM_EPSILON = 1e-7;

/**
 * `tf.train.adam` with epsilon always passed explicitly (Kingma & Ba 2015, "Adam: A Method for
 * Stochastic Optimization"; defaults as in Keras).
 *
 * @param learningRate - step size, finite and > 0.
 * @param options - `beta1` (default 0.9), `beta2` (0.999), `epsilon` ({@link DEFAULT_ADAM_EPSILON}).
 * @throws RangeError for a learning rate or beta outside its range.
 * Remember to `dispose()` the optimiser (model.dispose() does not; pitfall 6).
 */
export function adam(
  learningRate: number,
  options: { beta1?: number; beta2?: number; epsilon?: number } = {},
): tf.AdamOptimizer {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = DEFAULT_ADAM_EPSILON } = options;
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new RangeError(`adam: the learning rate must be a positive number, got ${learningRate}`);
  }
  for (const [label, beta] of [
    ['beta1', beta1],
    ['beta2', beta2],
  ] as const) {
    if (!(beta >= 0 && beta < 1))
      throw new RangeError(`adam: ${label} must be in [0, 1), got ${beta}`);
  }
  if (!(epsilon > 0)) throw new RangeError(`adam: epsilon must be > 0, got ${epsilon}`);
  return tf.train.adam(learningRate, beta1, beta2, epsilon);
}
