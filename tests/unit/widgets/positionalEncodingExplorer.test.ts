/**
 * The numbers behind chapter 15's positional-encoding explorer (src/widgets/positional-encoding/
 * peExplorer.ts): the column orders, the dot-product curve and its peak, the pairs k apart, the
 * wavelengths, and the adjustments (odd d_model, positions past the table) with their messages.
 */
import { describe, expect, it } from 'vitest';
import { positionalEncodingTable } from '../../../src/models/transformer/positionalEncodingTable';
import {
  argmax,
  columnOrder,
  dotProducts,
  evenDModel,
  offsetPairs,
  tableRows,
  wavelength,
  withinTable,
} from '../../../src/widgets/positional-encoding/peExplorer';

describe('positional-encoding explorer', () => {
  it('orders the columns as the table does, or sines first', () => {
    expect(columnOrder(6, 'interleaved')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(columnOrder(6, 'split')).toEqual([0, 2, 4, 1, 3, 5]);
    const t = positionalEncodingTable(3, 4);
    const rows = tableRows(t, 3, 4, columnOrder(4, 'split'));
    // Row 1: sin 1, sin 0.01, cos 1, cos 0.01.
    expect(rows[1][0]).toBeCloseTo(Math.sin(1), 6);
    expect(rows[1][1]).toBeCloseTo(Math.sin(0.01), 6);
    expect(rows[1][2]).toBeCloseTo(Math.cos(1), 6);
    expect(rows[1][3]).toBeCloseTo(Math.cos(0.01), 6);
  });

  it('draws a curve that peaks at the chosen position with value d_model / 2', () => {
    const [T, d] = [50, 32];
    const t = positionalEncodingTable(T, d);
    for (const p of [0, 20, 49]) {
      const curve = dotProducts(t, T, d, p);
      expect(curve).toHaveLength(T);
      expect(argmax(curve)).toBe(p);
      expect(curve[p]).toBeCloseTo(d / 2, 4);
    }
    // The chapter's d_model = 4 example: p_20 · p_26 = cos 6 + cos 0.06 = 1.96, p_20 · p_21 = 1.54.
    const small = positionalEncodingTable(T, 4);
    const c4 = dotProducts(small, T, 4, 20);
    expect(c4[26]).toBeCloseTo(Math.cos(6) + Math.cos(0.06), 5);
    expect(c4[21]).toBeCloseTo(Math.cos(1) + Math.cos(0.01), 5);
    expect(argmax(c4)).toBe(20);
  });

  it('lists pairs k apart from different places, all with the same dot product', () => {
    const [T, d] = [50, 32];
    const t = positionalEncodingTable(T, d);
    const pairs = offsetPairs(t, T, d, 20, 5);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [20, 25],
      [15, 20],
      [0, 5],
      [44, 49],
    ]);
    let expected = 0;
    for (let i = 0; i < d / 2; i++) expected += Math.cos(5 * 10000 ** (-(2 * i) / d));
    for (const p of pairs) expect(p.value).toBeCloseTo(expected, 3);
    // Near the edges, pairs that would leave the table are skipped and repeats dropped.
    expect(offsetPairs(t, T, d, 0, 5).map((p) => p.a)).toEqual([0, 44]);
    expect(offsetPairs(t, 8, d, 7, 7).map((p) => [p.a, p.b])).toEqual([[0, 7]]);
  });

  it('gives the wavelengths of the first and last pairs', () => {
    expect(wavelength(0, 32)).toBeCloseTo(2 * Math.PI, 10);
    expect(wavelength(3, 32)).toBeCloseTo(35.33, 2);
    expect(wavelength(15, 32)).toBeCloseTo(2 * Math.PI * 10000 ** (30 / 32), 6);
  });

  it('adjusts an odd d_model and positions past the table, saying so', () => {
    expect(evenDModel(32, 128)).toEqual({ value: 32 });
    expect(evenDModel(7, 128)).toEqual({
      value: 8,
      message: expect.stringMatching(/must be even.*7 is drawn as 8/),
    });
    expect(evenDModel(129, 129).value).toBe(128);
    expect(withinTable(10, 49, 'Position')).toEqual({ value: 10 });
    const past = withinTable(80, 49, 'Position');
    expect(past.value).toBe(49);
    expect(past.message).toMatch(/Position 80 is past the last row of a table with 50 positions/);
  });
});
