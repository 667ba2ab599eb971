/**
 * Instruments for the vanishing / exploding gradient pictures of chapter 9: how strongly the loss
 * depends on each time step's hidden state. Gate activations come from `runRnn(...,
 * { recordGates: true })`. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { runRnnInternal } from './runRnn';
import type { RnnCellType, RnnOutput, RnnState, RnnWeights, RnnBackward } from './types';
import { checkInput, checkWeights } from './validate';

/** Options of {@link hiddenStateGradNorms}. */
export interface HiddenGradOptions {
  /** Initial state (default zeros). */
  state?: RnnState;
  /** Gradient implementation (default `fused`); both give the same norms. */
  backward?: RnnBackward;
}

/**
 * The L2 norm of dLoss/dh_t for every time step t: how much the loss would change per unit change
 * of the hidden state after step t, counting every path (the output at t and, through the
 * recurrence, every later step). Bengio, Simard & Frasconi (1994) and Pascanu, Mikolov & Bengio
 * (2013, section 2) analyse exactly this quantity: with a loss at the last step only, it shrinks
 * (vanishes) or grows (explodes) roughly geometrically going back in time, by the norm of the
 * step Jacobian dh_t/dh_{t-1}.
 *
 * Method: an additive probe. The layer runs with h_t replaced by h_t + p_t at every step (the sum
 * feeds both the output and step t+1), where p is a zero tensor `[time, batch, H]`; the values are
 * unchanged, and dLoss/dp_t = dLoss/dh_t, which `tf.grad` computes in one backward pass. The norm
 * at step t is over the whole `[batch, H]` gradient (Frobenius).
 *
 * Synchronous: reads the result back with `dataSync` (cheap on cpu and wasm; on webgl it waits for
 * the GPU, so call it every few seconds, not every step); {@link hiddenStateGradNormsAsync} is
 * the same without blocking. Leaves no tensors behind.
 *
 * @param cell - `rnn`, `lstm` or `gru`.
 * @param x - float32 `[batch, time, input]`, or int32 ids `[batch, time]` (see `runRnn`).
 * @param weights - one layer (see {@link RnnWeights}).
 * @param lossFn - maps the layer's result (`outputs` `[batch, time, H]`, `h`, `c`) to a scalar
 *   loss, e.g. `(o) => tf.sum(tf.mul(o.h, target))` for a many-to-one task.
 * @returns Float32Array `[time]`, entry t = ||dLoss/dh_t||.
 * @throws Error as `runRnn` for bad shapes; Error if `lossFn` does not return a scalar.
 */
export function hiddenStateGradNorms(
  cell: RnnCellType,
  x: tf.Tensor3D | tf.Tensor2D,
  weights: RnnWeights,
  lossFn: (out: RnnOutput) => tf.Scalar,
  options: HiddenGradOptions = {},
): Float32Array {
  const norms = gradNormsTensor('hiddenStateGradNorms', cell, x, weights, lossFn, options);
  try {
    return Float32Array.from(norms.dataSync());
  } finally {
    norms.dispose();
  }
}

/**
 * {@link hiddenStateGradNorms} without blocking on the result: the same computation, read back
 * with `await data()`, so on webgl the page stays responsive while the GPU finishes (on cpu and
 * wasm the work itself is synchronous either way). Same parameters, result and errors (thrown
 * synchronously for bad shapes, before the promise); leaves no tensors behind, also when the read
 * fails.
 *
 * @returns Promise of a Float32Array `[time]`, entry t = ||dLoss/dh_t||.
 */
export function hiddenStateGradNormsAsync(
  cell: RnnCellType,
  x: tf.Tensor3D | tf.Tensor2D,
  weights: RnnWeights,
  lossFn: (out: RnnOutput) => tf.Scalar,
  options: HiddenGradOptions = {},
): Promise<Float32Array> {
  const norms = gradNormsTensor('hiddenStateGradNormsAsync', cell, x, weights, lossFn, options);
  return norms.data().then(
    (values) => {
      norms.dispose();
      return Float32Array.from(values);
    },
    (err: unknown) => {
      norms.dispose();
      throw err;
    },
  );
}

/** The norms as a `[time]` tensor (see {@link hiddenStateGradNorms} for the method). */
function gradNormsTensor(
  who: string,
  cell: RnnCellType,
  x: tf.Tensor3D | tf.Tensor2D,
  weights: RnnWeights,
  lossFn: (out: RnnOutput) => tf.Scalar,
  options: HiddenGradOptions,
): tf.Tensor1D {
  const { input, hidden } = checkWeights(who, cell, weights);
  const [batch, time] = checkInput(who, x, input);
  return tf.tidy(() => {
    const probe = tf.zeros([time, batch, hidden]) as tf.Tensor3D;
    const grad = tf.grad((p: tf.Tensor) => {
      const res = runRnnInternal(who, cell, x, weights, options.state, options, p as tf.Tensor3D);
      const outputs = tf.transpose(res.hsTime, [1, 0, 2]) as tf.Tensor3D;
      const loss = lossFn(res.c ? { outputs, h: res.h, c: res.c } : { outputs, h: res.h });
      if (!(loss instanceof tf.Tensor) || loss.rank !== 0) {
        throw new Error(`${who}: lossFn must return a scalar tensor`);
      }
      return loss;
    })(probe);
    return tf.sqrt(tf.sum(tf.square(grad), [1, 2])) as tf.Tensor1D;
  });
}
