/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization", algorithm 2) with the
 * learning rate given per step, as `torch.optim.AdamW`: tfjs 4.22 has no AdamW, and its Adam cannot
 * change the learning rate of a built optimiser. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { ITERATIONS_KEY } from '../../train/optimState';
import type { WeightSnapshot } from '../../train/types';

/** Options of {@link AdamW}. */
export interface AdamWOptions {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8 (PyTorch's); it is passed explicitly, never the backend's epsilon (TFJS_NOTES pitfall 2). */
  epsilon?: number;
  /** λ, the decoupled weight decay, >= 0. Default 0.01 (PyTorch's). */
  weightDecay?: number;
}

/**
 * For each variable p with gradient g, at step t (from 1) and learning rate η:
 * `p ← p − η λ p` (only for the variables marked `decay`), `m ← β1 m + (1 − β1) g`,
 * `v ← β2 v + (1 − β2) g²`, `p ← p − η (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε)`.
 * Moments are created lazily (zeros) and freed by {@link AdamW.dispose}.
 */
export class AdamW {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private moments: Array<{ m: tf.Variable; v: tf.Variable }> | null = null;
  private t = 0;

  /**
   * @param variables - the trained variables, in the order of the gradients given to `apply`.
   * @param decay - per variable, whether weight decay applies (usually matrices yes, biases, gains no).
   * @throws RangeError for a beta outside [0, 1), a negative epsilon or weight decay, or a decay
   *   list of another length.
   */
  constructor(
    private readonly variables: tf.Variable[],
    private readonly decay: boolean[],
    options: AdamWOptions = {},
  ) {
    const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0.01 } = options;
    for (const [n, b] of [
      ['beta1', beta1],
      ['beta2', beta2],
    ] as const) {
      if (!(b >= 0 && b < 1)) throw new RangeError(`AdamW: ${n} must be in [0, 1), got ${b}`);
    }
    if (!(epsilon > 0)) throw new RangeError(`AdamW: epsilon must be > 0, got ${epsilon}`);
    if (!(weightDecay >= 0))
      throw new RangeError(`AdamW: weightDecay must be >= 0, got ${weightDecay}`);
    if (decay.length !== variables.length) {
      throw new RangeError(`AdamW: ${decay.length} decay flags for ${variables.length} variables`);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
  }

  /** Steps taken. */
  get iterations(): number {
    return this.t;
  }

  /**
   * One update with learning rate `learningRate` (> 0). Gradients are not disposed.
   * @throws RangeError for a bad learning rate or a gradient count that does not match.
   */
  apply(grads: tf.Tensor[], learningRate: number): void {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new RangeError(
        `AdamW: the learning rate must be a positive number, got ${learningRate}`,
      );
    }
    if (grads.length !== this.variables.length) {
      throw new RangeError(
        `AdamW: ${grads.length} gradients for ${this.variables.length} variables`,
      );
    }
    this.moments ??= this.variables.map((p) => ({
      m: tf.variable(tf.zerosLike(p), false),
      v: tf.variable(tf.zerosLike(p), false),
    }));
    this.t++;
    const { beta1: b1, beta2: b2, t } = this;
    const c1 = 1 / (1 - b1 ** t);
    const c2 = 1 / (1 - b2 ** t);
    tf.tidy(() => {
      this.variables.forEach((p, i) => {
        const g = grads[i];
        const { m, v } = this.moments![i];
        const m1 = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
        const v1 = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2));
        m.assign(m1);
        v.assign(v1);
        const base =
          this.decay[i] && this.weightDecay > 0
            ? tf.mul(p, 1 - learningRate * this.weightDecay)
            : p;
        const update = tf.div(
          tf.mul(m1, learningRate * c1),
          tf.add(tf.sqrt(tf.mul(v1, c2)), this.epsilon),
        );
        p.assign(tf.sub(base, update));
      });
    });
  }

  /**
   * Copies the state off the device in the layout of src/train/optimState.ts: `iterations`
   * (shape `[]`, the step count t) and, once a step was taken, `slot/0` ... `slot/{n-1}` the first
   * moments m and `slot/n` ... `slot/{2n-1}` the second moments v, in the variables' order.
   */
  async snapshot(): Promise<WeightSnapshot> {
    const out: WeightSnapshot = {
      [ITERATIONS_KEY]: { shape: [], values: Float32Array.of(this.t) },
    };
    const slots = this.moments
      ? [...this.moments.map((x) => x.m), ...this.moments.map((x) => x.v)]
      : [];
    for (let j = 0; j < slots.length; j++) {
      const values = Float32Array.from(await slots[j].data());
      out[`slot/${j}`] = { shape: [...slots[j].shape], values };
    }
    return out;
  }

  /**
   * Loads a {@link AdamW.snapshot} into this optimiser, which must not have stepped yet. Everything
   * is checked before anything changes.
   * @param owner - the model's name for messages.
   * @throws Error if this optimiser has stepped; RangeError `<owner>: the optimiser state ...` for
   *   a missing or bad iteration count, a slot count other than 0 (before any step) or 2n, or
   *   `<owner>: optimiser slot j ...` for a slot whose shape differs from its variable's.
   */
  restore(owner: string, snapshot: WeightSnapshot): void {
    if (this.t > 0 || this.moments) throw new Error(`${owner}: AdamW can load a state only fresh`);
    const it = snapshot[ITERATIONS_KEY]?.values;
    const t = it?.[0] ?? -1;
    if (it?.length !== 1 || !Number.isInteger(t) || t < 0) {
      throw new RangeError(`${owner}: the optimiser state has no valid iteration count`);
    }
    const n = this.variables.length;
    const slots = Object.keys(snapshot).length - 1;
    if (slots !== (t > 0 ? 2 * n : 0)) {
      throw new RangeError(
        `${owner}: the optimiser state has ${slots} slots after ${t} steps for ${n} variables`,
      );
    }
    for (let j = 0; j < slots; j++) {
      const want = this.variables[j % n].shape;
      const got = snapshot[`slot/${j}`];
      if (
        !got ||
        got.shape.join() !== want.join() ||
        got.values.length !== tf.util.sizeFromShape(want)
      ) {
        throw new RangeError(
          `${owner}: optimiser slot ${j} does not fit a variable of shape [${want.join(', ')}]`,
        );
      }
    }
    const load = (j: number) =>
      tf.tidy(() =>
        tf.variable(
          tf.tensor(snapshot[`slot/${j}`].values, [...this.variables[j % n].shape]),
          false,
        ),
      );
    if (slots > 0) this.moments = this.variables.map((_, i) => ({ m: load(i), v: load(n + i) }));
    this.t = t;
  }

  /** Frees the moments (the variables are the caller's). */
  dispose(): void {
    this.moments?.forEach(({ m, v }) => tf.dispose([m, v]));
    this.moments = null;
  }
}
