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

  it('a snapshot restored into a fresh AdamW takes the same next step; bad states are refused', async () => {
    const make = (): tf.Variable[] => [
      tf.variable(tf.tensor2d([[0.5, -2]])),
      tf.variable(tf.tensor1d([0.3])),
    ];
    const grads = (k: number) => [tf.tensor2d([[0.2 * k, -1]]), tf.tensor1d([0.7 - k])];
    const step = (opt: AdamW, k: number) => tf.tidy(() => opt.apply(grads(k), 0.01 * k));
    const [w, b] = make();
    const a = new AdamW([w, b], [true, false]);
    step(a, 1);
    step(a, 2);
    const snap = await a.snapshot();
    expect(snap.iterations.values[0]).toBe(2);
    expect(Object.keys(snap)).toEqual(['iterations', 'slot/0', 'slot/1', 'slot/2', 'slot/3']);
    const [w2, b2] = make();
    w2.assign(w);
    b2.assign(b);
    const r = new AdamW([w2, b2], [true, false]);
    const n = tf.memory().numTensors;
    r.restore('test', snap);
    expect(tf.memory().numTensors).toBe(n + 4);
    expect(r.iterations).toBe(2);
    step(a, 3);
    step(r, 3);
    expect(Array.from(w2.dataSync())).toEqual(Array.from(w.dataSync()));
    expect(Array.from(b2.dataSync())).toEqual(Array.from(b.dataSync()));
    const [w3, b3] = make();
    const f = new AdamW([w3, b3], [true, false]);
    expect(() => r.restore('test', snap)).toThrow(/only fresh/);
    const { 'slot/3': _, ...short } = snap;
    expect(() => f.restore('m', short)).toThrow(/m: the optimiser state has 3 slots/);
    expect(() =>
      f.restore('m', { ...snap, iterations: { shape: [], values: Float32Array.of(-1) } }),
    ).toThrow(/iteration count/);
    const wrong = { ...snap, 'slot/1': { shape: [2], values: new Float32Array(2) } };
    expect(() => f.restore('m', wrong)).toThrow(
      /m: optimiser slot 1 does not fit a variable of shape \[1\]/,
    );
    expect(f.iterations).toBe(0);
    [a, r, f].forEach((o) => o.dispose());
    tf.dispose([w, b, w2, b2, w3, b3]);
  });
});
