/**
 * The numbers behind chapter 15's positional-encoding explorer, from a table made by
 * `positionalEncodingTable` (row-major [T, d_model]). Pure functions: no React, no tfjs.
 */
import { POSITIONAL_ENCODING_BASE } from '../../models/transformer/positionalEncodingTable';

/** A value the widget changed so that it can be drawn, with the reason. */
export interface Adjusted {
  value: number;
  /** Set when the value was changed. */
  message?: string;
}

/** An even d_model: odd values go up to the next even number (the table pairs sines and cosines). */
export function evenDModel(d: number, max: number): Adjusted {
  if (d % 2 === 0) return { value: d };
  const value = d + 1 <= max ? d + 1 : d - 1;
  return {
    value,
    message: `d_model must be even (one sine and one cosine per frequency): ${d} is drawn as ${value}.`,
  };
}

/** A position or offset kept inside the table: at most `last`. */
export function withinTable(v: number, last: number, what: string): Adjusted {
  if (v <= last) return { value: v };
  return {
    value: last,
    message: `${what} ${v} is past the last row of a table with ${last + 1} positions: ${last} is shown.`,
  };
}

/**
 * The dimensions in the order the heatmap draws them: `interleaved` is the table's own order
 * (0, 1, 2, ...: sin, cos, sin, ...), `split` puts the sines (even j) first, then the cosines.
 */
export function columnOrder(d: number, order: 'interleaved' | 'split'): number[] {
  const all = Array.from({ length: d }, (_, j) => j);
  if (order === 'interleaved') return all;
  return [...all.filter((j) => j % 2 === 0), ...all.filter((j) => j % 2 === 1)];
}

/** The table as `T` rows of the dimensions `columns` (see {@link columnOrder}), for the heatmap. */
export function tableRows(
  table: Float32Array,
  T: number,
  d: number,
  columns: readonly number[],
): number[][] {
  return Array.from({ length: T }, (_, p) => columns.map((j) => table[p * d + j]));
}

/** PE(a) · PE(b). */
export function peDot(table: Float32Array, d: number, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += table[a * d + j] * table[b * d + j];
  return s;
}

/** PE(p) · PE(q) for every q = 0 .. T − 1. */
export function dotProducts(table: Float32Array, T: number, d: number, p: number): number[] {
  return Array.from({ length: T }, (_, q) => peDot(table, d, p, q));
}

/** Index of the largest value (the first on ties). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Wavelength in positions of sine-cosine pair `i`: 2π · 10000^(2i / d_model). */
export function wavelength(i: number, d: number): number {
  return 2 * Math.PI * POSITIONAL_ENCODING_BASE ** ((2 * i) / d);
}

/** A pair of positions `k` apart and their dot product. */
export interface OffsetPair {
  a: number;
  b: number;
  value: number;
}

/**
 * Pairs `k` apart at different places in the table: (p, p + k), (p − k, p), (0, k) and
 * (T − 1 − k, T − 1), where they fit, without repeats. All have the same dot product
 * Σᵢ cos(ωᵢ k) up to float32 rounding.
 */
export function offsetPairs(
  table: Float32Array,
  T: number,
  d: number,
  p: number,
  k: number,
): OffsetPair[] {
  const starts = [p, p - k, 0, T - 1 - k];
  const seen = new Set<number>();
  const pairs: OffsetPair[] = [];
  for (const a of starts) {
    if (a < 0 || a + k > T - 1 || seen.has(a)) continue;
    seen.add(a);
    pairs.push({ a, b: a + k, value: peDot(table, d, a, a + k) });
  }
  return pairs;
}
