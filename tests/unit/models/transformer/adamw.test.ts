/** AdamW against the update of torch.optim.AdamW written out by hand (two steps, decay on / off). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdamW } from '../../../../src/models';

/** PyTorch's AdamW for one scalar parameter: decay first, then the bias-corrected Adam step. */
function reference(p0: number, grads: number[], lrs: number[], wd: number) {
  let [p, m, v] = [p0, 0, 0];
  grads.forEach((g, i) => {
    const t = i + 1;
    p *= 1 - lrs[i] * wd;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    p -= (lrs[i] * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
  });
  return p;
}

describe('AdamW', () => {
  it('matches the decoupled-decay update, decaying only the flagged variables', () => {
    const w = tf.variable(tf.tensor2d([[0.5, -2]]));
    const b = tf.variable(tf.tensor1d([0.3]));
    const opt = new AdamW([w, b], [true, false], { weightDecay: 0.1 });
    const grads = [
      [0.2, -1, 0.7],
      [0.05, 3, -0.4],
    ];
    const lrs = [0.01, 0.03];
    for (let s = 0; s < 2; s++) {
      tf.tidy(() =>
        opt.apply([tf.tensor2d([[grads[s][0], grads[s][1]]]), tf.tensor1d([grads[s][2]])], lrs[s]),
      );
    }
    const got = [...w.dataSync(), ...b.dataSync()];
    const want = [
      reference(0.5, [0.2, 0.05], lrs, 0.1),
      reference(-2, [-1, 3], lrs, 0.1),
      reference(0.3, [0.7, -0.4], lrs, 0),
    ];
    want.forEach((x, i) => expect(Math.abs(got[i] - x)).toBeLessThan(1e-6));
    expect(reference(0.3, [0.7, -0.4], lrs, 0)).not.toBeCloseTo(
      reference(0.3, [0.7, -0.4], lrs, 0.1),
      6,
    );
    expect(opt.iterations).toBe(2);
    const n = tf.memory().numTensors;
    opt.dispose();
    expect(tf.memory().numTensors).toBe(n - 4);
    expect(() => opt.apply([w], 0.1)).toThrow(/1 gradients for 2 variables/);
    expect(() => new AdamW([w], [true], { beta1: 1 })).toThrow(/beta1/);
    tf.dispose([w, b]);
  });
});
