/**
 * Pure helpers for the charts: extents (linear and log), downsampling for fast redraws,
 * tick formatting and accessible summaries. No React, no DOM.
 */
import { ticks as d3ticks } from 'd3';
import { formatNumber } from './validate';

/** One line of a {@link LineChart}: parallel arrays of x and y (NaN / Infinity mark gaps). */
export interface SeriesData {
  /** Legend text; also used in the accessible summary. */
  name: string;
  x: readonly number[];
  y: readonly number[];
  /** CSS colour, e.g. `var(--series-3)`. Defaults to the next `--series-N`. */
  color?: string;
  /** Draw the line dashed (e.g. validation curves). */
  dashed?: boolean;
}

/** The six chart colours of the theme contract, as CSS values. */
export const SERIES_COLORS = [1, 2, 3, 4, 5, 6].map((i) => `var(--series-${i})`);

/** The colour of the i-th series: its own, or the theme's `--series-(i mod 6 + 1)`. */
export function seriesColor(i: number, color?: string): string {
  return color ?? SERIES_COLORS[i % SERIES_COLORS.length];
}

/**
 * [min, max] over all finite values (only values > 0 when `positiveOnly`, for log axes), or
 * null when there is none. `extra` values (e.g. reference lines) are included.
 */
export function extent(
  arrays: readonly (readonly number[])[],
  positiveOnly = false,
  extra: readonly number[] = [],
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const visit = (v: number) => {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const a of arrays) for (let i = 0; i < a.length; i++) visit(a[i]);
  for (const v of extra) visit(v);
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The y domain of a chart. A fixed `domain` wins (on a log axis its non-positive lower end is
 * replaced by the data's smallest positive value). Otherwise the data extent, padded when
 * flat (a constant series gets ±|v|·10 %, or ±1 around 0; a log axis gets a factor of 10) and
 * a default of [0, 1] (log: [0.1, 1]) when there is no data.
 */
export function yDomain(
  series: readonly SeriesData[],
  log: boolean,
  domain?: readonly [number, number],
  extra: readonly number[] = [],
): [number, number] {
  const data = extent(
    series.map((s) => s.y),
    log,
    extra,
  );
  if (domain) {
    let [lo, hi] = domain;
    if (log && lo <= 0) lo = data ? Math.min(data[0], hi / 10) : hi / 1000;
    if (log && hi <= lo) hi = lo * 10;
    return [lo, hi];
  }
  if (!data) return log ? [0.1, 1] : [0, 1];
  const [lo, hi] = data;
  if (lo < hi) return [lo, hi];
  if (log) return [lo / Math.sqrt(10), hi * Math.sqrt(10)];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

/**
 * The drawn points that a line cannot show: those whose neighbours in `indices` (the drawn
 * order) are missing or not `defined`. A line through one point has no length, so a series with
 * a single evaluation (or a point between two gaps) would be invisible; the chart marks these
 * with a dot instead. Returns a subset of `indices`, in order.
 */
export function isolatedIndices(
  indices: readonly number[],
  defined: (i: number) => boolean,
): number[] {
  const out: number[] = [];
  for (let k = 0; k < indices.length; k++) {
    if (!defined(indices[k])) continue;
    const before = k > 0 && defined(indices[k - 1]);
    const after = k + 1 < indices.length && defined(indices[k + 1]);
    if (!before && !after) out.push(indices[k]);
  }
  return out;
}

/**
 * Indices of the points to draw so that a series of n points keeps its shape with at most
 * about `maxPoints` points: the x range is cut into buckets of equal index count and each
 * bucket keeps its first, minimum, maximum and last point (min-max decimation, as used by
 * plotting libraries such as uPlot and Plotly's "scattergl" decimation). Gaps (non-finite y)
 * are kept so the line still breaks. Returns all indices when n <= maxPoints.
 */
export function downsampleIndices(y: readonly number[], maxPoints: number): number[] {
  const n = y.length;
  const all = () => Array.from({ length: n }, (_, i) => i);
  if (n <= maxPoints || maxPoints < 8) return all();
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = n / buckets;
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    if (end <= start) continue;
    let iMin = -1;
    let iMax = -1;
    const picked = new Set<number>([start, end - 1]);
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (!Number.isFinite(v)) {
        picked.add(i); // keep gaps visible
        continue;
      }
      if (iMin < 0 || v < y[iMin]) iMin = i;
      if (iMax < 0 || v > y[iMax]) iMax = i;
    }
    if (iMin >= 0) picked.add(iMin);
    if (iMax >= 0) picked.add(iMax);
    out.push(...[...picked].sort((a, b2) => a - b2));
  }
  return out;
}

/** The last finite y of a series with its x, or null. */
export function lastFinite(s: SeriesData): { x: number; y: number } | null {
  for (let i = Math.min(s.x.length, s.y.length) - 1; i >= 0; i--) {
    if (Number.isFinite(s.y[i])) return { x: s.x[i], y: s.y[i] };
  }
  return null;
}

/**
 * Text alternative of a line chart for screen readers, e.g.
 * "loss: 0.412 at step 120; val_loss: 0.5 at step 100." or "No data yet.".
 */
export function describeSeries(series: readonly SeriesData[], xLabel: string): string {
  const parts = series.map((s) => {
    const last = lastFinite(s);
    return last
      ? `${s.name}: ${formatNumber(last.y)} at ${xLabel} ${formatNumber(last.x)}`
      : `${s.name}: no data yet`;
  });
  return parts.length ? `${parts.join('; ')}.` : 'No data yet.';
}

/**
 * Tick label: compact numbers (`1.5k`, `2M`), scientific for tiny values (`1e-4`), and up to
 * 3 significant digits otherwise.
 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6) return `${roundTo(v / 1e6)}M`;
  if (a >= 1e4) return `${roundTo(v / 1e3)}k`;
  if (a < 1e-3) return formatNumber(v);
  return String(Number(v.toPrecision(3)));
}

function roundTo(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/**
 * Ticks for a log axis: the powers of ten inside the domain; for spans of at most two decades
 * also 2× and 5×; when that gives fewer than 3 ticks, every 1..9 multiple for spans of at most
 * two decades, 1-2-5 multiples for wider ones; within a single narrow band (e.g. 0.43 to 0.87), plain linear ticks. Powers of ten
 * over more than `maxTicks` decades are thinned to every 2nd, 3rd, ... power (so 20 decades of
 * gradient norms get about 7 labels, not 21). Empty only for an invalid domain.
 */
export function logTicks(lo: number, hi: number, maxTicks = 8): number[] {
  if (!(lo > 0) || !(hi > lo)) return lo > 0 ? [lo] : [];
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const pick = (mult: readonly number[]) => {
    const out: number[] = [];
    for (let e = e0; e <= e1; e++) {
      for (const m of mult) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  };
  const span = e1 - e0;
  let out = pick(span <= 2 ? [1, 2, 5] : [1]);
  // Every 1..9 multiple only where the domain is about a decade wide: over three or more
  // decades it would label ~9 ticks per decade, and the labels overlap.
  if (out.length < 3) out = pick(span <= 2 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [1, 2, 5]);
  if (out.length < 3 && span <= 1) out = d3ticks(lo, hi, 4).filter((v) => v > 0);
  if (out.length > maxTicks && span > 2) {
    const every = Math.ceil(out.length / maxTicks);
    out = out.filter((v) => Math.round(Math.log10(v)) % every === 0);
  }
  return out.length ? out : [lo, hi];
}

/** How matrix values map to colour: one hue from low to high, or two hues around a midpoint. */
export type ColorScheme = 'sequential' | 'diverging';

/**
 * Position of `v` on a colour scale in [-1, 1] (diverging: sign = side of the midpoint) or
 * [0, 1] (sequential). The diverging midpoint is 0 when the domain contains 0, else its centre.
 * Non-finite values give NaN.
 */
export function colorPosition(
  v: number,
  domain: readonly [number, number],
  scheme: ColorScheme,
): number {
  if (!Number.isFinite(v)) return NaN;
  const [lo, hi] = domain;
  if (scheme === 'sequential') {
    if (!(hi > lo)) return 0.5;
    return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  }
  const mid = lo <= 0 && hi >= 0 ? 0 : (lo + hi) / 2;
  if (v >= mid) return hi > mid ? Math.min(1, (v - mid) / (hi - mid)) : 0;
  return lo < mid ? -Math.min(1, (mid - v) / (mid - lo)) : 0;
}

/**
 * CSS colour for a colour-scale position (from {@link colorPosition}), built from theme
 * variables with `color-mix`, so it follows the light/dark theme: `--series-1` for high /
 * positive values, `--series-2` for negative ones, mixed into `--color-surface`. NaN gives the
 * table-stripe colour `--color-surface-2`.
 */
export function heatColor(t: number): string {
  if (Number.isNaN(t)) return 'var(--color-surface-2)';
  const pct = Math.round(Math.abs(t) * 100);
  const hue = t < 0 ? 'var(--series-2)' : 'var(--series-1)';
  return `color-mix(in oklab, ${hue} ${pct}%, var(--color-surface))`;
}
