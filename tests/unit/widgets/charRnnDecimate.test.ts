import { describe, expect, test } from 'vitest';
import { decimateSeries } from '../../../src/widgets/char-rnn/views';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('decimateSeries (char-rnn charts)', () => {
  test('a series already short enough comes back as the same arrays', () => {
    const x = range(10);
    const y = x.map((v) => v * v);
    const out = decimateSeries(x, y, 10);
    expect(out.x).toBe(x);
    expect(out.y).toBe(y);
  });

  test('keeps at most maxPoints, the first and last point, x increasing, pairs intact', () => {
    const x = range(2000).map((i) => i * 3 + 1);
    const y = x.map((v) => Math.sin(v / 50));
    for (const mode of ['last', 'max'] as const) {
      const out = decimateSeries(x, y, 400, mode);
      expect(out.x.length).toBe(400);
      expect(out.y.length).toBe(400);
      expect(out.x[0]).toBe(1);
      expect(out.x[399]).toBe(x[1999]);
      for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
      out.x.forEach((v, i) => expect(out.y[i]).toBe(Math.sin(v / 50)));
    }
  });

  test("'max' keeps a one-point spike that 'last' may drop; NaN never wins over a number", () => {
    const x = range(1000);
    const y = x.map(() => 1);
    y[501] = 1e6;
    y[502] = NaN;
    const max = decimateSeries(x, y, 50, 'max');
    expect(max.y).toContain(1e6);
    expect(max.y.some((v) => Number.isNaN(v))).toBe(false);
    const last = decimateSeries(x, y, 50, 'last');
    expect(last.y).not.toContain(1e6);
  });

  test('bad arguments throw RangeError', () => {
    expect(() => decimateSeries([1, 2], [1], 10)).toThrow(RangeError);
    expect(() => decimateSeries([1, 2, 3], [1, 2, 3], 1)).toThrow(RangeError);
    expect(() => decimateSeries([1, 2, 3], [1, 2, 3], 2.5)).toThrow(RangeError);
  });
});
