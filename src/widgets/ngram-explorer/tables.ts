/**
 * Pure helpers of the n-gram explorer: number formats, the perplexity grid and the bars of a
 * next-word distribution. No React.
 */
import type { Bar } from '../../ui';
import {
  MAX_ORDER,
  METHOD_LABELS,
  SMOOTHING_METHODS,
  type DistributionResult,
  type PerplexityResult,
  type SmoothingMethod,
} from '../common/ngram-service';

/** A perplexity for display: "∞" for Infinity, "–" for missing (or NaN), else 1 decimal. */
export function formatPerplexity(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (v === Infinity) return '∞';
  return v.toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** A probability for a bar label: 3 significant digits, "<0.001" below that. */
export function formatProbability(p: number): string {
  if (p > 0 && p < 0.001) return '<0.001';
  return Number(p.toPrecision(3)).toString();
}

/** One cell of the perplexity grid. */
export interface GridCell {
  order: number;
  method: SmoothingMethod;
  /** null while not computed yet. */
  result: PerplexityResult | null;
  /** The explorer's current setting. */
  current: boolean;
}

/** Rows of the perplexity grid: orders 1..5, each with one cell per method (table order). */
export interface PerplexityGrid {
  rows: { order: number; cells: GridCell[] }[];
  /** Cells computed so far, out of 20. */
  done: number;
  total: number;
  /** True if some computed cell is infinite (show the footnote). */
  anyInfinite: boolean;
  /** The best (lowest) finite perplexity, or null. */
  best: number | null;
}

/**
 * Assembles the 5 x 4 grid from the cells computed so far (in any order), marking the current
 * setting. Cells for other parameters than `params` are ignored.
 */
export function perplexityGrid(
  cells: readonly PerplexityResult[],
  current: { order: number; method: SmoothingMethod },
  params: { lidstone: number; kneserNey: number },
): PerplexityGrid {
  const find = (order: number, method: SmoothingMethod) =>
    cells.find(
      (c) =>
        c.order === order &&
        c.method === method &&
        (method === 'lidstone'
          ? c.param === params.lidstone
          : method === 'kneser-ney'
            ? c.param === params.kneserNey
            : true),
    ) ?? null;
  const rows = [];
  let done = 0;
  let anyInfinite = false;
  let best: number | null = null;
  for (let order = 1; order <= MAX_ORDER; order++) {
    const row: GridCell[] = SMOOTHING_METHODS.map((method) => {
      const result = find(order, method);
      if (result) {
        done++;
        if (result.perplexity === Infinity) anyInfinite = true;
        else if (Number.isFinite(result.perplexity))
          best = best === null ? result.perplexity : Math.min(best, result.perplexity);
      }
      return {
        order,
        method,
        result,
        current: order === current.order && method === current.method,
      };
    });
    rows.push({ order, cells: row });
  }
  return { rows, done, total: MAX_ORDER * SMOOTHING_METHODS.length, anyInfinite, best };
}

/** Column header of a method, with its parameter. */
export function methodHeader(
  method: SmoothingMethod,
  params: { lidstone: number; kneserNey: number },
): string {
  if (method === 'lidstone') return `${METHOD_LABELS.lidstone} α=${params.lidstone}`;
  if (method === 'kneser-ney') return `${METHOD_LABELS['kneser-ney']} D=${params.kneserNey}`;
  return METHOD_LABELS[method];
}

/** The bars of a distribution: the top words, then "(all other words)" with the rest's mass. */
export function distributionBars(d: DistributionResult): Bar[] {
  const bars: Bar[] = d.top.map((w) => ({
    label: w.word === '</s>' ? '</s> (end)' : w.word,
    value: w.p,
  }));
  if (d.rest > 0) {
    bars.push({
      label: `(other ${d.support - d.top.length} words)`,
      value: d.rest,
      color: 'var(--color-muted)',
    });
  }
  return bars;
}
