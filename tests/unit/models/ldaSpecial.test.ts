import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  digamma,
  digammaScalar,
  dirichletExpectation,
  lgamma,
  lgammaScalar,
  Rng,
} from '../../../src/models/lda/special';

const { special } = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'lda_sklearn.json'), 'utf8'),
) as { special: { x: number[]; psi: number[]; gammaln: number[] } };

/** Largest |a - b| / max(1, |b|). */
function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < b.length; i++)
    w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return w;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('digamma and lgamma vs scipy.special.psi / gammaln', () => {
  it('has points from 1e-4 to 1e4', () => {
    expect(Math.min(...special.x)).toBeLessThanOrEqual(1e-4);
    expect(Math.max(...special.x)).toBeGreaterThanOrEqual(1e4);
  });

  it('float64 scalars agree to 1e-10', () => {
    expect(worst(special.x.map(digammaScalar), special.psi)).toBeLessThan(1e-10);
    expect(worst(special.x.map(lgammaScalar), special.gammaln)).toBeLessThan(1e-10);
  });

  it('float32 tensors agree to 1e-6 relative (abs below 1)', () => {
    const x = tf.tensor1d(special.x);
    const psi = digamma(x);
    const lg = lgamma(x);
    expect(worst(psi.dataSync(), special.psi)).toBeLessThan(1e-6);
    expect(worst(lg.dataSync(), special.gammaln)).toBeLessThan(1e-6);
    tf.dispose([x, psi, lg]);
  });

  it('dirichletExpectation is psi(x) - psi(row sum)', () => {
    const x = tf.tensor2d([
      [0.5, 2, 7],
      [1, 1, 1],
    ]);
    const e = dirichletExpectation(x).arraySync();
    expect(e[0][1]).toBeCloseTo(digammaScalar(2) - digammaScalar(9.5), 5);
    expect(e[1][0]).toBeCloseTo(digammaScalar(1) - digammaScalar(3), 5);
    x.dispose();
  });

  it('keeps no intermediate tensors', () => {
    const x = tf.tensor1d([0.1, 3, 40]);
    const before = tf.memory().numTensors;
    tf.dispose([digamma(x), lgamma(x)]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('Rng.gamma (Marsaglia-Tsang)', () => {
  it('Gamma(100, 0.01) has mean 1 and standard deviation 0.1; seeded', () => {
    const draws = new Rng(1).gammaArray(20000, 100, 0.01);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length);
    expect(mean).toBeCloseTo(1, 2);
    expect(sd).toBeCloseTo(0.1, 2);
    expect(Array.from(new Rng(1).gammaArray(5, 100, 0.01))).toEqual(Array.from(draws.slice(0, 5)));
    expect(() => new Rng(1).gamma(0.5, 1)).toThrow(/shape/);
  });
});
