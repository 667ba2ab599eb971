/**
 * hiddenStateGradNorms: ||dLoss/dh_t|| per time step, the vanishing-gradient picture of chapter 9.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  disposeRnnWeights,
  hiddenStateGradNorms,
  hiddenStateGradNormsAsync,
  initRnnWeights,
  type RnnCellType,
  type RnnOutput,
  type RnnWeights,
} from '../../../src/models';

const B = 4;
const T = 20;
const I = 3;
const H = 16;

/** Small weights: uniform in [-scale, scale] (recurrent matrix norm well below 1 for the RNN). */
function smallWeights(cell: RnnCellType, scale: number): RnnWeights {
  const w = initRnnWeights(cell, I, H, { seed: 11, forgetBias: cell === 'lstm' ? 1 : undefined });
  const k = scale * Math.sqrt(H); // init range is 1/sqrt(H)
  tf.tidy(() => {
    w.wHh.assign(tf.mul(w.wHh, k));
    w.wIh.assign(tf.mul(w.wIh, k));
  });
  return w;
}

describe('hiddenStateGradNorms', () => {
  const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 2) as tf.Tensor3D;
  const r = tf.randomNormal([B, H], 0, 1, 'float32', 3) as tf.Tensor2D;
  /** Loss at the last step only: dLoss/dh_{T-1} = r, and earlier steps only through the recurrence. */
  const lastStepLoss = (o: RnnOutput) => tf.sum(tf.mul(o.h, r)) as tf.Scalar;
  const rNorm = Math.sqrt(r.square().sum().dataSync()[0]);

  it('vanilla RNN with small recurrent weights: norms decay geometrically going back in time', () => {
    const w = smallWeights('rnn', 0.1);
    const before = tf.memory().numTensors;
    const norms = hiddenStateGradNorms('rnn', x, w, lastStepLoss);
    expect(tf.memory().numTensors).toBe(before);
    expect(norms.length).toBe(T);
    expect(norms[T - 1]).toBeCloseTo(rNorm, 4);
    for (let t = 0; t < T - 1; t++) expect(norms[t] / norms[t + 1]).toBeLessThan(0.6);
    expect(norms[0] / norms[T - 1]).toBeLessThan(1e-6);
    // Both implementations compute the same probe gradient.
    const ref = hiddenStateGradNorms('rnn', x, w, lastStepLoss, { backward: 'autograd' });
    ref.forEach((v, t) => expect(Math.abs(v - norms[t]) / norms[t]).toBeLessThan(1e-4));
    disposeRnnWeights(w);
  });

  it('LSTM with forget bias 1 and equally small weights: the norms decay much less', () => {
    const rnnW = smallWeights('rnn', 0.1);
    const lstmW = smallWeights('lstm', 0.1);
    const rnn = hiddenStateGradNorms('rnn', x, rnnW, lastStepLoss);
    const lstm = hiddenStateGradNorms('lstm', x, lstmW, lastStepLoss);
    const ratio = (n: Float32Array) => n[0] / n[T - 1];
    // 20 steps back the LSTM keeps orders of magnitude more gradient: the cell state path
    // c_{t-1} -> c_t multiplies by f = sigmoid(~1) = 0.73 instead of tanh' * W_hh.
    expect(ratio(lstm)).toBeGreaterThan(2e-5); // measured 2.4e-4 (RNN: 2.7e-12)
    expect(ratio(lstm) / ratio(rnn)).toBeGreaterThan(1e5);
    disposeRnnWeights(rnnW);
    disposeRnnWeights(lstmW);
  });

  it('large recurrent weights make the RNN gradient grow going back (exploding), a many-to-many loss sums paths', () => {
    const w = initRnnWeights('gru', I, H, { seed: 5 });
    const all = hiddenStateGradNorms('gru', x, w, (o) => tf.sum(o.outputs) as tf.Scalar);
    // With a loss on every output, dLoss/dh_t includes the direct term of step t: never zero.
    all.forEach((v) => expect(v).toBeGreaterThan(0));
    const big = smallWeights('rnn', 1.5);
    const quiet = tf.mul(x, 0.01) as tf.Tensor3D;
    const rnn = hiddenStateGradNorms('rnn', quiet, big, lastStepLoss);
    quiet.dispose();
    expect(rnn[0]).toBeGreaterThan(rnn[T - 1]);
    expect(() => hiddenStateGradNorms('gru', x, w, (o) => o.h as unknown as tf.Scalar)).toThrow(
      /lossFn must return a scalar/,
    );
    disposeRnnWeights(w);
    disposeRnnWeights(big);
  });

  it('the async variant gives the same norms, for every cell and both implementations, leaving no tensors', async () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const w = initRnnWeights(cell, I, H, { seed: 9 });
      const loss = (o: RnnOutput) => tf.sum(tf.square(o.outputs)) as tf.Scalar;
      const before = tf.memory().numTensors;
      const sync = hiddenStateGradNorms(cell, x, w, loss);
      const viaAutograd = await hiddenStateGradNormsAsync(cell, x, w, loss, {
        backward: 'autograd',
      });
      const fused = await hiddenStateGradNormsAsync(cell, x, w, loss);
      expect(tf.memory().numTensors).toBe(before);
      expect(fused).toBeInstanceOf(Float32Array);
      expect(fused.length).toBe(T);
      for (let t = 0; t < T; t++) {
        expect(fused[t]).toBe(sync[t]);
        expect(Math.abs(fused[t] - viaAutograd[t])).toBeLessThanOrEqual(
          1e-5 * Math.max(1, sync[t]),
        );
      }
      expect(() =>
        hiddenStateGradNormsAsync(cell, x, w, (o) => o.h as unknown as tf.Scalar),
      ).toThrow(/lossFn must return a scalar/);
      disposeRnnWeights(w);
    }
  });
});
