/** The explorer's pure display helpers: number formats, the perplexity grid, distribution bars. */
import { describe, expect, test } from 'vitest';
import type {
  DistributionResult,
  PerplexityResult,
} from '../../../src/widgets/common/ngram-service';
import {
  distributionBars,
  formatPerplexity,
  formatProbability,
  perplexityGrid,
} from '../../../src/widgets/ngram-explorer/tables';

const cell = (
  order: number,
  method: PerplexityResult['method'],
  perplexity: number,
  param: number | null = null,
): PerplexityResult => ({
  order,
  method,
  param,
  perplexity,
  targets: 100,
  zeroProbability: perplexity === Infinity ? 7 : 0,
});

describe('formats', () => {
  test('∞ for Infinity, a dash (never NaN) for missing values', () => {
    expect(formatPerplexity(Infinity)).toBe('∞');
    expect(formatPerplexity(NaN)).toBe('–');
    expect(formatPerplexity(null)).toBe('–');
    expect(formatPerplexity(1234.56)).toBe('1,234.6');
    expect(formatProbability(0.57234)).toBe('0.572');
    expect(formatProbability(0.0001)).toBe('<0.001');
    expect(formatProbability(0)).toBe('0');
  });
});

describe('perplexityGrid', () => {
  const params = { lidstone: 0.1, kneserNey: 0.75 };
  test('places cells by order and method, marks the current one, finds the best finite value', () => {
    const g = perplexityGrid(
      [
        cell(2, 'mle', Infinity),
        cell(2, 'kneser-ney', 208, 0.75),
        cell(1, 'laplace', 391),
        cell(3, 'kneser-ney', 150, 0.5),
      ],
      { order: 2, method: 'kneser-ney' },
      params,
    );
    expect(g.rows).toHaveLength(5);
    expect(g.rows[1].cells.map((c) => c.method)).toEqual([
      'mle',
      'laplace',
      'lidstone',
      'kneser-ney',
    ]);
    expect(g.rows[1].cells[3].result?.perplexity).toBe(208);
    expect(g.rows[1].cells[3].current).toBe(true);
    expect(g.rows.flatMap((r) => r.cells).filter((c) => c.current)).toHaveLength(1);
    // The d = 0.5 cell belongs to another discount: not shown.
    expect(g.rows[2].cells[3].result).toBeNull();
    expect(g.done).toBe(3);
    expect(g.total).toBe(20);
    expect(g.anyInfinite).toBe(true);
    expect(g.best).toBe(208);
  });
  test('an empty grid', () => {
    const g = perplexityGrid([], { order: 1, method: 'mle' }, params);
    expect([g.done, g.anyInfinite, g.best]).toEqual([0, false, null]);
  });
});

describe('distributionBars', () => {
  const base: DistributionResult = {
    spec: { order: 3, method: 'kneser-ney', param: 0.75 },
    context: {
      tokens: ['the', 'white'],
      used: ['the', 'white'],
      unknown: [null, null],
      newSentence: false,
    },
    top: [
      { word: 'whale', p: 0.6 },
      { word: '</s>', p: 0.1 },
    ],
    rest: 0.3,
    total: 1,
    support: 40,
  };
  test('top words, then the rest as one muted bar; bars sum to the total', () => {
    const bars = distributionBars(base);
    expect(bars.map((b) => b.label)).toEqual(['whale', '</s> (end)', '(other 38 words)']);
    expect(bars.reduce((a, b) => a + b.value, 0)).toBeCloseTo(1, 12);
    expect(bars[2].color).toBe('var(--color-muted)');
  });
  test('no rest bar when the top words hold all the mass', () => {
    expect(distributionBars({ ...base, rest: 0, support: 2 })).toHaveLength(2);
  });
});
