import { describe, expect, it } from 'vitest';
import {
  convLayout,
  convOutputLength,
  padAmounts,
  pseudoEmbedding,
  tokenAt,
  windowSpan,
  type ConvPadding,
} from '../../../src/widgets/conv-arithmetic/convArithmetic';
import torch from './fixtures/conv_arithmetic_torch.json';

interface TorchCase {
  length: number;
  kernel: number;
  stride: number;
  padding: ConvPadding;
  dilation: number;
  outputLength?: number;
  tokenTaps?: number[][];
  error?: string;
}

const CASES = torch.cases as TorchCase[];

/** PyTorch's documented formula, written out independently of the module under test. */
function formula(T: number, k: number, s: number, p: number, r: number): number {
  return Math.floor((T + 2 * p - r * (k - 1) - 1) / s + 1);
}

describe('conv arithmetic against PyTorch 1.13 (torch.nn.Conv1d)', () => {
  it('fixtures come from PyTorch 1.13 and cover refusals', () => {
    expect(torch.torch).toMatch(/^1\.13/);
    expect(CASES.filter((c) => c.error).length).toBeGreaterThanOrEqual(2);
  });

  for (const c of CASES) {
    const name = `T=${c.length} k=${c.kernel} s=${c.stride} p=${c.padding} r=${c.dilation}`;
    const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation };
    if (c.error) {
      it(`refuses ${name} as PyTorch does`, () => {
        expect(() => convOutputLength(c.length, c.kernel, opts)).toThrow(RangeError);
      });
      continue;
    }
    it(`${name}: output length and the tokens each window reads`, () => {
      expect(convOutputLength(c.length, c.kernel, opts)).toBe(c.outputLength);
      const layout = convLayout(c.length, c.kernel, opts);
      expect(layout.outputLength).toBe(c.outputLength);
      // The taps that land on real tokens are exactly those PyTorch's gradient reaches.
      const taps = layout.windows.map((w) =>
        w.map((row) => tokenAt(layout, row)).filter((t): t is number => t !== null),
      );
      expect(taps).toEqual(c.tokenTaps);
    });
  }

  it('agrees with the formula floor((T + 2p - r(k-1) - 1)/s + 1) on a grid of settings', () => {
    let checked = 0;
    for (let T = 1; T <= 12; T++) {
      for (let k = 1; k <= 6; k++) {
        for (let s = 1; s <= 4; s++) {
          for (let p = 0; p <= 3; p++) {
            for (let r = 1; r <= 3; r++) {
              const want = formula(T, k, s, p, r);
              const opts = { stride: s, padding: p, dilation: r };
              if (want < 1) {
                expect(() => convOutputLength(T, k, opts)).toThrow(/no output position/);
              } else {
                expect(convOutputLength(T, k, opts)).toBe(want);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('padding, span and windows', () => {
  it("'same' keeps the length at stride 1 and puts the odd zero on the right", () => {
    for (let T = 1; T <= 10; T++) {
      for (let k = 1; k <= 6; k++) {
        for (let r = 1; r <= 3; r++) {
          expect(convOutputLength(T, k, { padding: 'same', dilation: r })).toBe(T);
        }
      }
    }
    expect(padAmounts(3, { padding: 'same' })).toEqual([1, 1]);
    expect(padAmounts(2, { padding: 'same' })).toEqual([0, 1]);
    expect(padAmounts(4, { padding: 'same', dilation: 1 })).toEqual([1, 2]);
    expect(padAmounts(3, { padding: 'same', dilation: 2 })).toEqual([2, 2]);
    expect(padAmounts(3, { padding: 'valid' })).toEqual([0, 0]);
    expect(padAmounts(3, { padding: 2 })).toEqual([2, 2]);
  });

  it('refuses bad settings with messages that name the setting', () => {
    expect(() => padAmounts(3, { padding: 'same', stride: 2 })).toThrow(/stride 1/);
    expect(() => padAmounts(0)).toThrow(/kernel width/);
    expect(() => padAmounts(3, { stride: 1.5 })).toThrow(/stride/);
    expect(() => padAmounts(3, { dilation: 0 })).toThrow(/dilation/);
    expect(() => padAmounts(3, { padding: -1 })).toThrow(/padding/);
    expect(() => convOutputLength(0, 1)).toThrow(/input length/);
    expect(() => convOutputLength(2, 3)).toThrow(/spans 3 positions/);
  });

  it('a window spans r(k-1)+1 rows with taps r apart, and windows start s apart', () => {
    expect(windowSpan(3, 1)).toBe(3);
    expect(windowSpan(3, 2)).toBe(5);
    expect(windowSpan(1, 4)).toBe(1);
    const layout = convLayout(10, 3, { stride: 2, padding: 1, dilation: 2 });
    expect(layout.paddedLength).toBe(12);
    expect(layout.windows[0]).toEqual([0, 2, 4]);
    expect(layout.windows[1]).toEqual([2, 4, 6]);
    for (const w of layout.windows) expect(w[w.length - 1] - w[0] + 1).toBe(layout.span);
    const last = layout.windows[layout.outputLength - 1];
    expect(last[last.length - 1]).toBeLessThan(layout.paddedLength);
    // Row 0 is padding, row 1 the first token.
    expect(tokenAt(layout, 0)).toBeNull();
    expect(tokenAt(layout, 1)).toBe(0);
    expect(tokenAt(layout, 11)).toBeNull();
  });

  it("the chapter's worked example: 5 tokens, width 2 gives 4 outputs, stride 2 gives 2", () => {
    expect(convLayout(5, 2).windows).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    // With stride 2 the bigram at positions 4-5 ("not good") is never read.
    expect(convLayout(5, 2, { stride: 2 }).windows).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

describe('pseudoEmbedding', () => {
  it('is deterministic, case-blind, in [-1, 1], and differs between words', () => {
    const a = pseudoEmbedding('Good', 6);
    expect(a).toHaveLength(6);
    expect(pseudoEmbedding('good', 6)).toEqual(a);
    for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(pseudoEmbedding('bad', 6)).not.toEqual(a);
  });
});
