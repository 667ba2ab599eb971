import { describe, expect, it } from 'vitest';
import { MAX_HISTORY_POINTS, SeriesRecorder } from '../../../src/train/history';

describe('SeriesRecorder', () => {
  it('keeps columns aligned, filling missing metrics with NaN', () => {
    const r = new SeriesRecorder(8, ['loss']);
    expect(r.snapshot()).toEqual({ step: [], epoch: [], loss: [] });
    r.add(1, 0.5, { loss: 2 });
    r.add(2, 1, { loss: 1, acc: 0.5 });
    r.add(3, 1.5, { acc: 0.75 });
    expect(r.snapshot()).toEqual({
      step: [1, 2, 3],
      epoch: [0.5, 1, 1.5],
      loss: [2, 1, NaN],
      acc: [NaN, 0.5, 0.75],
    });
  });

  it('stays bounded and evenly spaced over a long run', () => {
    const r = new SeriesRecorder();
    for (let s = 1; s <= 10000; s++) r.add(s, s / 100, { loss: 1 / s });
    const snap = r.snapshot();
    expect(snap.step.length).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
    expect(snap.step.length).toBeGreaterThan(MAX_HISTORY_POINTS / 2);
    const gaps = new Set(snap.step.slice(1).map((s, i) => s - snap.step[i]));
    expect(gaps.size).toBe(1);
    expect(snap.step[0]).toBe(1);
    expect(snap.step[snap.step.length - 1]).toBeGreaterThan(10000 - [...gaps][0] - 1);
    expect(snap.loss.every((l, i) => l === 1 / snap.step[i])).toBe(true);
  });

  it('truncates after a step and hands out copies', () => {
    const r = new SeriesRecorder(100, ['loss']);
    for (let s = 1; s <= 10; s++) r.add(s, s, { loss: s });
    const copy = r.snapshot();
    r.truncateAfter(4);
    expect(r.snapshot().loss).toEqual([1, 2, 3, 4]);
    expect(copy.loss.length).toBe(10);
    expect(() => new SeriesRecorder(3)).toThrow(/even/);
  });
});
