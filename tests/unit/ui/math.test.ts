import { describe, expect, it } from 'vitest';
import {
  colorPosition,
  describeSeries,
  downsampleIndices,
  formatTick,
  heatColor,
  isolatedIndices,
  logTicks,
  yDomain,
} from '../../../src/ui/chartMath';
import { fromSliderPosition, sliderRange, toSliderPosition } from '../../../src/ui/controlMath';
import type { NumberSpec } from '../../../src/ui/schema';

const logSpec: NumberSpec = {
  kind: 'number',
  label: 'Learning rate',
  default: 0.01,
  min: 1e-4,
  max: 1,
  scale: 'log',
  restart: false,
};
const intSpec: NumberSpec = {
  kind: 'number',
  label: 'Batch',
  default: 32,
  min: 1,
  max: 256,
  integer: true,
  restart: false,
};

describe('slider mapping', () => {
  it('moves a log slider in log10 space and gives round values', () => {
    expect(sliderRange(logSpec)).toMatchObject({ min: -4, max: 0 });
    expect(toSliderPosition(logSpec, 0.01)).toBeCloseTo(-2);
    expect(fromSliderPosition(logSpec, -2)).toBe(0.01);
    expect(fromSliderPosition(logSpec, -2.5)).toBe(0.0032);
    expect(fromSliderPosition(logSpec, 0.3)).toBe(1); // clamped
  });

  it('falls back to linear when a log spec has min <= 0', () => {
    const bad = { ...logSpec, min: 0 };
    expect(sliderRange(bad).min).toBe(0);
    expect(toSliderPosition(bad, 0.5)).toBe(0.5);
  });

  it('snaps linear sliders to the step and rounds integers', () => {
    expect(sliderRange(intSpec).step).toBe(1);
    expect(fromSliderPosition(intSpec, 31.6)).toBe(32);
    const dec: NumberSpec = { ...intSpec, integer: false, min: 0, max: 1, step: 0.1 };
    expect(fromSliderPosition(dec, 0.31)).toBe(0.3);
  });
});

describe('chart domains and ticks', () => {
  const s = (y: number[]) => ({ name: 'loss', x: y.map((_, i) => i), y });

  it('ignores non-finite values and pads flat series', () => {
    expect(yDomain([s([1, NaN, 3, Infinity])], false)).toEqual([1, 3]);
    expect(yDomain([s([2, 2])], false)).toEqual([1.8, 2.2]);
    expect(yDomain([s([0, 0])], false)).toEqual([-1, 1]);
    expect(yDomain([], false)).toEqual([0, 1]);
  });

  it('uses only positive values on a log axis and fixes a non-positive fixed domain', () => {
    expect(yDomain([s([0, -1, 0.01, 10])], true)).toEqual([0.01, 10]);
    expect(yDomain([s([0.05, 2])], true, [0, 5])).toEqual([0.05, 5]);
    expect(yDomain([s([0.05, 2])], false, [0, 5])).toEqual([0, 5]);
  });

  it('includes reference lines in the domain', () => {
    expect(yDomain([s([1, 2])], false, undefined, [0.693])).toEqual([0.693, 2]);
  });

  it('makes log ticks at powers of ten (and 1-2-5 for short ranges)', () => {
    expect(logTicks(1e-4, 1)).toEqual([1e-4, 1e-3, 1e-2, 0.1, 1]);
    expect(logTicks(0.15, 3)).toEqual([0.2, 0.5, 1, 2]);
    expect(logTicks(0.15, 0.9)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(logTicks(0.43, 0.87)).toEqual([0.5, 0.6, 0.7, 0.8]);
    expect(logTicks(0.52, 0.58)).toEqual([0.52, 0.54, 0.56, 0.58]);
    // Three decades with only two powers inside: 1, 2, 5 multiples, not every 1..9 (which overlap).
    expect(logTicks(0.2, 30)).toEqual([0.2, 0.5, 1, 2, 5, 10, 20]);
    // Twenty decades of gradient norms: thinned powers of ten, at most 8 labels.
    const many = logTicks(1e-18, 1);
    expect(many.length).toBeLessThanOrEqual(8);
    expect(many).toEqual([1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1]);
  });

  it('formats ticks compactly', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(15000)).toBe('15k');
    expect(formatTick(2e6)).toBe('2M');
    expect(formatTick(0.12345)).toBe('0.123');
    expect(formatTick(1e-5)).toBe('1e-5');
  });

  it('summarises the latest values for screen readers', () => {
    const text = describeSeries(
      [s([3, 2, 1.5]), { name: 'val', x: [0, 1], y: [NaN, NaN] }],
      'step',
    );
    expect(text).toBe('loss: 1.5 at step 2; val: no data yet.');
  });
});

describe('isolatedIndices', () => {
  const finite = (y: number[]) => (i: number) => Number.isFinite(y[i]);
  it('returns the points with no drawn neighbour', () => {
    expect(isolatedIndices([0], finite([5]))).toEqual([0]);
    expect(isolatedIndices([0, 1, 2], finite([1, 2, 3]))).toEqual([]);
    expect(isolatedIndices([0, 1, 2, 3, 4], finite([1, NaN, 3, NaN, 5]))).toEqual([0, 2, 4]);
    expect(isolatedIndices([0, 1, 2, 3], finite([NaN, 2, 3, NaN]))).toEqual([]);
    expect(isolatedIndices([], finite([]))).toEqual([]);
  });
  it('follows the drawn (decimated) order, not the raw indices', () => {
    // Indices 0 and 9 drawn, 1-8 dropped: each has no drawn neighbour that is defined.
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(isolatedIndices([0, 9], finite(y))).toEqual([]);
    expect(isolatedIndices([0, 5, 9], finite(y.map((v, i) => (i === 5 ? NaN : v))))).toEqual([
      0, 9,
    ]);
  });
});

describe('downsampleIndices', () => {
  it('keeps everything when small enough', () => {
    expect(downsampleIndices([1, 2, 3], 100)).toEqual([0, 1, 2]);
  });

  it('bounds the point count and keeps extremes and gaps', () => {
    const n = 5000;
    const y = Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    y[1234] = 100; // spike
    y[4321] = NaN; // gap
    const idx = downsampleIndices(y, 400);
    expect(idx.length).toBeLessThanOrEqual(400);
    expect(idx.length).toBeGreaterThan(100);
    expect(idx).toContain(1234);
    expect(idx).toContain(4321);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
});

describe('heatmap colours', () => {
  it('maps sequential values to [0, 1] and diverging around 0', () => {
    expect(colorPosition(5, [0, 10], 'sequential')).toBe(0.5);
    expect(colorPosition(20, [0, 10], 'sequential')).toBe(1);
    expect(colorPosition(-1, [-2, 4], 'diverging')).toBe(-0.5);
    expect(colorPosition(2, [-2, 4], 'diverging')).toBe(0.5);
    expect(colorPosition(3, [2, 4], 'diverging')).toBe(0); // midpoint when 0 is outside
    expect(colorPosition(NaN, [0, 1], 'sequential')).toBeNaN();
  });

  it('builds theme colours, never literal ones', () => {
    expect(heatColor(0.5)).toBe('color-mix(in oklab, var(--series-1) 50%, var(--color-surface))');
    expect(heatColor(-1)).toContain('var(--series-2) 100%');
    expect(heatColor(NaN)).toBe('var(--color-surface-2)');
  });
});
