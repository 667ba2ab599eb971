import { describe, expect, it } from 'vitest';
import { backendDescription, backendLabel } from '../../../src/ui/BackendBadge';
import { barDomain } from '../../../src/ui/BarChart';
import { heatmapDomain, labelStride } from '../../../src/ui/Heatmap';
import { metricText } from '../../../src/ui/MetricReadout';
import { defineSchema } from '../../../src/ui/schema';
import { ownParams } from '../../../src/ui/urlParams';
import { visibleText } from '../../../src/ui/TokenView';
import { trainerProgress } from '../../../src/ui/TrainerBar';
import { urlSyncAction } from '../../../src/ui/useHyperparams';

describe('ownParams', () => {
  const schema = defineSchema({
    lr: { kind: 'number', label: 'LR', default: 0.1, min: 0, max: 1, restart: false },
    on: { kind: 'boolean', label: 'On', default: true, restart: false },
  });
  it('keeps only this schema keys, raw and in URL order', () => {
    const p = new URLSearchParams('x=1&w.on=maybe&w.lr=abc&lr=0.2');
    expect(ownParams(schema, p, 'w.')).toBe('w.on=maybe&w.lr=abc');
    expect(ownParams(schema, p)).toBe('lr=0.2');
  });
});

describe('trainerProgress', () => {
  it('prefers steps, falls back to epochs, clamps to [0, 1]', () => {
    expect(trainerProgress(50, 9, 200, 10)).toBe(0.25);
    expect(trainerProgress(50, 2.5, null, 10)).toBe(0.25);
    expect(trainerProgress(500, 0, 200)).toBe(1);
    expect(trainerProgress(5, 1)).toBeNull();
  });
});

describe('chart helpers', () => {
  it('bar domains always include 0', () => {
    expect(barDomain([2, 5])).toEqual([0, 5]);
    expect(barDomain([-3, 1, NaN])).toEqual([-3, 1]);
    expect(barDomain([])).toEqual([0, 1]);
  });

  it('heatmap domains are symmetric when diverging', () => {
    expect(heatmapDomain([[-1, 3]], 'diverging')).toEqual([-3, 3]);
    expect(heatmapDomain([[2, 2]], 'sequential')).toEqual([1, 3]);
    expect(heatmapDomain([[0.1, 0.9]], 'sequential')).toEqual([0.1, 0.9]);
  });

  it('thins heatmap labels on small cells only', () => {
    expect(labelStride(40, 16)).toBe(1);
    expect(labelStride(9, 16)).toBe(2);
    expect(labelStride(4, 16)).toBe(5);
  });
});

describe('text helpers', () => {
  it('formats metrics and missing values', () => {
    expect(metricText({ key: 'l', label: 'L', value: 0.123456 })).toBe('0.1235');
    expect(metricText({ key: 'a', label: 'A', value: 87.3, unit: '%' })).toBe('87.3%');
    expect(metricText({ key: 't', label: 'T', value: 12, unit: 'ms' })).toBe('12 ms');
    expect(metricText({ key: 'n', label: 'N', value: null })).toBe('—');
    expect(metricText({ key: 'n', label: 'N', value: NaN })).toBe('NaN');
  });

  it('makes whitespace tokens visible', () => {
    expect(visibleText(' a\tb\n')).toBe('␣a⇥b↵');
    expect(visibleText('')).toBe('∅');
  });

  it('names backends', () => {
    const base = { software: false, renderer: null, forced: false, reason: '' };
    expect(backendLabel({ ...base, name: 'webgl' })).toBe('WebGL · GPU');
    expect(backendLabel({ ...base, name: 'webgl', software: true })).toBe('WebGL · software');
    expect(backendLabel({ ...base, name: 'wasm' })).toBe('WASM');
    expect(backendLabel(null)).toBe('Backend…');
    expect(backendDescription({ ...base, name: 'cpu', forced: true, reason: 'asked for' })).toBe(
      'TensorFlow.js backend: CPU. Forced by the URL (?backend=). asked for.',
    );
  });
});

describe('urlSyncAction', () => {
  it('ignores unchanged URLs and our own writes, adopts foreign changes', () => {
    expect(urlSyncAction('lr=0.5', 'lr=0.5', 'lr=0.2', null)).toBe('none'); // pending write
    expect(urlSyncAction('lr=0.2', 'lr=0.5', 'lr=0.2', 'lr=0.2')).toBe('note'); // our write landed
    expect(urlSyncAction('lr=0.2', 'lr=0.5', 'lr=0.3', 'lr=0.2')).toBe('note'); // stale own write
    // The router renders an older URL than the window already has (its navigations are
    // transitions): wait for it, never adopt it (that would undo the reader's newer change).
    expect(
      urlSyncAction('epochs=1', '', 'batch=64&epochs=1', 'batch=64&epochs=1', 'batch=64&epochs=1'),
    ).toBe('none');
    // Once it has caught up, the write is noted; a link from elsewhere is still adopted.
    expect(
      urlSyncAction('batch=64&epochs=1', '', 'batch=64&epochs=1', null, 'batch=64&epochs=1'),
    ).toBe('note');
    expect(urlSyncAction('lr=0.9', 'lr=0.5', 'lr=0.5', null, 'lr=0.9')).toBe('adopt');
    expect(urlSyncAction('lr=0.9', 'lr=0.5', 'lr=0.5', null)).toBe('adopt'); // link elsewhere
  });
});
