/** The learning-rate schedules: the paper's formula, shape (rise, peak, decay), bounds, errors. */
import { describe, expect, it } from 'vitest';
import { inverseSqrtSchedule, warmupCosineSchedule } from '../../../../src/models';

describe('inverseSqrtSchedule (Vaswani et al. 2017, eq. 3)', () => {
  const opts = { dModel: 512, warmupSteps: 4000 };
  it('rises linearly, peaks at the end of the warm-up, then falls as 1/sqrt(step)', () => {
    expect(inverseSqrtSchedule(1000, opts)).toBeCloseTo(1000 * 512 ** -0.5 * 4000 ** -1.5, 12);
    expect(inverseSqrtSchedule(2000, opts) / inverseSqrtSchedule(1000, opts)).toBeCloseTo(2, 10);
    // The paper's peak for the base model: (512 · 4000)^-0.5 ≈ 7.0e-4.
    expect(inverseSqrtSchedule(4000, opts)).toBeCloseTo((512 * 4000) ** -0.5, 12);
    expect(inverseSqrtSchedule(4000, opts)).toBeGreaterThan(inverseSqrtSchedule(3999, opts));
    expect(inverseSqrtSchedule(4000, opts)).toBeGreaterThan(inverseSqrtSchedule(4001, opts));
    expect(inverseSqrtSchedule(16000, opts) / inverseSqrtSchedule(64000, opts)).toBeCloseTo(2, 10);
  });
  it('scales, reads step 0 as step 1, and rejects bad values', () => {
    expect(inverseSqrtSchedule(10, { ...opts, scale: 2 })).toBeCloseTo(
      2 * inverseSqrtSchedule(10, opts),
      15,
    );
    expect(inverseSqrtSchedule(0, opts)).toBe(inverseSqrtSchedule(1, opts));
    expect(inverseSqrtSchedule(0, opts)).toBeGreaterThan(0);
    expect(() => inverseSqrtSchedule(-1, opts)).toThrow(/step must be an integer >= 0/);
    expect(() => inverseSqrtSchedule(1.5, opts)).toThrow(/step/);
    expect(() => inverseSqrtSchedule(1, { ...opts, warmupSteps: 0 })).toThrow(/warmupSteps/);
    expect(() => inverseSqrtSchedule(1, { ...opts, dModel: NaN })).toThrow(/dModel/);
  });
});

describe('warmupCosineSchedule', () => {
  const opts = { maxLearningRate: 1e-3, warmupSteps: 100, totalSteps: 1100, minLearningRate: 1e-4 };
  it('warms up linearly to the peak, decays along a half cosine to the floor, then stays', () => {
    expect(warmupCosineSchedule(0, opts)).toBeCloseTo(1e-5, 15);
    expect(warmupCosineSchedule(49, opts)).toBeCloseTo(5e-4, 15);
    expect(warmupCosineSchedule(100, opts)).toBeCloseTo(1e-3, 15);
    expect(warmupCosineSchedule(600, opts)).toBeCloseTo(5.5e-4, 15); // halfway: the midpoint
    expect(warmupCosineSchedule(1100, opts)).toBeCloseTo(1e-4, 15);
    expect(warmupCosineSchedule(5000, opts)).toBe(1e-4);
    let previous = Infinity;
    for (let s = 100; s <= 1100; s += 50) {
      const lr = warmupCosineSchedule(s, opts);
      expect(lr).toBeLessThan(previous);
      previous = lr;
    }
  });
  it('defaults the floor to a tenth of the peak, allows no warm-up, rejects bad values', () => {
    const { minLearningRate: _, ...rest } = opts;
    expect(warmupCosineSchedule(1100, rest)).toBeCloseTo(1e-4, 15);
    expect(warmupCosineSchedule(0, { ...opts, warmupSteps: 0 })).toBeCloseTo(1e-3, 15);
    expect(() => warmupCosineSchedule(0, { ...opts, totalSteps: 100 })).toThrow(/totalSteps/);
    expect(() => warmupCosineSchedule(0, { ...opts, minLearningRate: 2e-3 })).toThrow(
      /above maxLearningRate/,
    );
    expect(() => warmupCosineSchedule(0, { ...opts, maxLearningRate: 0 })).toThrow(
      /maxLearningRate/,
    );
  });
});
