/**
 * The digamma function ψ(x) = d/dx ln Γ(x) and ln Γ(x), which tfjs 4.22 lacks, as tensor ops
 * (so variational LDA runs on any backend) and as float64 scalars, plus a seeded Gamma sampler.
 *
 * Both functions use the same method (Abramowitz & Stegun 6.3.6 / 6.3.18 and 6.1.40-41;
 * e.g. Bernardo 1976, Algorithm AS 103): for x < 6, the recurrences ψ(x) = ψ(x + 6) −
 * Σ_{i=0..5} 1/(x + i) and ln Γ(x) = ln Γ(x + 6) − Σ ln(x + i) shift the argument to y >= 6,
 * where the asymptotic (Stirling) series, truncated as below, are accurate to about 1e-11:
 *   ψ(y) ≈ ln y − 1/(2y) − 1/(12y²) + 1/(120y⁴) − 1/(252y⁶) + 1/(240y⁸) − 1/(132y¹⁰),
 *   ln Γ(y) ≈ (y − ½) ln y − y + ½ ln 2π + 1/(12y) − 1/(360y³) + 1/(1260y⁵) − 1/(1680y⁷).
 * Defined for x > 0 only (all LDA needs); the tensor versions return NaN or ±Inf elsewhere.
 * In float32 (tfjs) the error is a few float32 ulps of the result: within 1e-6 · max(1, |f(x)|)
 * over [1e-4, 1e4] (tested against scipy.special.psi / gammaln).
 */
import * as tf from '@tensorflow/tfjs';

export { digammaScalar, lgammaScalar } from '../../nlp/topics/special';

const SHIFT = 6;
/** The digamma tensor op's recurrence shift: ψ(x) = ψ(x + 4) − Σ_{i<4} 1/(x + i). */
export const TENSOR_SHIFT = 4;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Elementwise ψ(x) of a float32 tensor (x > 0), any shape. Runs inside a `tf.tidy`: the caller
 * owns only the result. The E-step calls it twice per iteration on small tensors, where each
 * kernel launch costs more than its arithmetic, so it takes ~20 ops: every x is shifted by
 * {@link TENSOR_SHIFT} (no branch), where the series' truncation error is below 2e-9.
 */
export function digamma<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => {
    let corr: tf.Tensor = tf.reciprocal(x);
    for (let i = 1; i < TENSOR_SHIFT; i++) corr = tf.add(corr, tf.reciprocal(tf.add(x, i)));
    const y = tf.add(x, TENSOR_SHIFT);
    const inv = tf.reciprocal(y);
    const inv2 = tf.square(inv);
    let poly = tf.sub(1 / 240, tf.div(inv2, 132));
    poly = tf.sub(1 / 252, tf.mul(inv2, poly));
    poly = tf.sub(1 / 120, tf.mul(inv2, poly));
    poly = tf.sub(1 / 12, tf.mul(inv2, poly));
    const series = tf.sub(tf.sub(tf.log(y), tf.mul(inv, 0.5)), tf.mul(inv2, poly));
    return tf.sub(series, corr) as T;
  });
}

/** Elementwise ln Γ(x) of a float32 tensor (x > 0), any shape, inside a `tf.tidy`. */
export function lgamma<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => {
    const small = tf.cast(tf.less(x, SHIFT), 'float32');
    // Σ ln(x + i) = ln Π (x + i), taken only where x < 6 (the product stays below 6^6 · 12^6
    // there; elsewhere it is multiplied by 0 after being clamped to avoid Inf · 0).
    let prod: tf.Tensor = tf.onesLike(x);
    const xs = tf.minimum(x, SHIFT);
    for (let i = 0; i < SHIFT; i++) prod = tf.mul(prod, tf.add(xs, i));
    const corr = tf.mul(small, tf.log(prod));
    const y = tf.add(x, tf.mul(small, SHIFT));
    const inv = tf.reciprocal(y);
    const inv2 = tf.square(inv);
    let poly = tf.sub(1 / 1260, tf.div(inv2, 1680));
    poly = tf.sub(1 / 360, tf.mul(inv2, poly));
    poly = tf.sub(1 / 12, tf.mul(inv2, poly));
    const series = tf.add(
      tf.sub(tf.mul(tf.sub(y, 0.5), tf.log(y)), y),
      tf.add(HALF_LOG_2PI, tf.mul(inv, poly)),
    );
    return tf.sub(series, corr) as T;
  });
}

/**
 * E[log θ] of Dirichlet rows: ψ(x[i, j]) − ψ(Σ_j x[i, j]) for a `[rows, K]` tensor of positive
 * parameters (scikit-learn's `_dirichlet_expectation_2d`; Blei et al. 2003, eq. 8).
 */
export function dirichletExpectation(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sub(digamma(x), digamma(tf.sum(x, 1, true))));
}

/**
 * A seeded uniform [0, 1) generator (mulberry32, as src/nlp/ngram/random.ts, with its state kept
 * here so it can be saved: {@link Rng.getState}) with standard normal and Gamma draws.
 */
export class Rng {
  /** mulberry32's state, a uint32. */
  private a: number;
  private spare: number | null = null;
  /** The state before the two draws that made `spare` (to rebuild it from a saved state). */
  private spareFrom = 0;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  private next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * The generator's state as 5 integers below 2^16 (exact in float32): the uint32 state's high
   * and low halves, 1 if a normal draw is kept for the next call (else 0), and the halves of the
   * state it was drawn from. {@link Rng.setState} continues the same sequence.
   */
  getState(): number[] {
    const half = (x: number) => [Math.floor(x / 65536), x % 65536];
    return [...half(this.a), this.spare === null ? 0 : 1, ...half(this.spareFrom)];
  }

  /**
   * Restores a {@link Rng.getState} state.
   * @throws RangeError unless it is 5 integers in [0, 65535] with the third 0 or 1 (nothing changes).
   */
  setState(state: ArrayLike<number>): void {
    const v = Array.from(state);
    if (v.length !== 5 || v.some((x) => !Number.isInteger(x) || x < 0 || x > 65535) || v[2] > 1) {
      throw new RangeError(
        `Rng.setState: expected 5 integers in [0, 65535], got [${v.join(', ')}]`,
      );
    }
    this.spare = null;
    this.spareFrom = v[3] * 65536 + v[4];
    if (v[2] === 1) {
      this.a = this.spareFrom;
      this.normal();
    }
    this.a = v[0] * 65536 + v[1];
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Standard normal (Box-Muller, the second value kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    this.spareFrom = this.a;
    const rad = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spare = rad * Math.sin(angle);
    return rad * Math.cos(angle);
  }

  /**
   * Gamma(shape, scale) for shape >= 1 (Marsaglia & Tsang 2000), numpy's
   * `gamma(shape, scale)` parametrisation (mean shape · scale).
   *
   * @throws RangeError for shape < 1 or scale <= 0.
   */
  gamma(shape: number, scale: number): number {
    if (!(shape >= 1) || !(scale > 0)) {
      throw new RangeError(`Rng.gamma: needs shape >= 1 and scale > 0, got ${shape}, ${scale}.`);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = 1 - this.next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  }

  /** `n` Gamma(shape, scale) draws as float32. */
  gammaArray(n: number, shape: number, scale: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.gamma(shape, scale);
    return out;
  }
}
