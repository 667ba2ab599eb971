/**
 * Bounded metric histories for charts: plain arrays, never tensors. No React, no DOM.
 */

/** Most points a history keeps per series; see {@link SeriesRecorder} for how it thins out. */
export const MAX_HISTORY_POINTS = 2000;

/**
 * Columns of equal length: `step[i]`, `epoch[i]` and every metric's value at point `i`. A metric
 * that was missing at a point holds NaN there.
 */
export interface MetricSeries {
  step: number[];
  epoch: number[];
  [metric: string]: number[];
}

/** A {@link SeriesRecorder}'s whole state (columns and thinning), to save a run and resume it. */
export interface RecorderState {
  columns: MetricSeries;
  /** Only every `stride`-th offered point is kept. */
  stride: number;
  /** Points offered so far. */
  offered: number;
}

/** Training history: always has a `loss` column. */
export interface TrainingHistory extends MetricSeries {
  loss: number[];
}

/**
 * Records points into columns and keeps at most `maxPoints` of them, evenly spaced over the run:
 * when full, every second point is dropped and from then on only every `stride`-th offered
 * point is kept (the stride doubles each time). Memory stays O(maxPoints) and the chart still
 * covers the whole run; a point's exact step is always in the `step` column. The newest value
 * may therefore not be in the history: the runner also reports it as `latest`.
 */
export class SeriesRecorder {
  private columns = new Map<string, number[]>();
  private stride = 1;
  private offered = 0;
  private readonly maxPoints: number;
  private readonly required: readonly string[];

  /**
   * @param maxPoints - even number >= 2 (default {@link MAX_HISTORY_POINTS}).
   * @param required - metric columns that always exist, even when empty (e.g. `['loss']`).
   * @throws RangeError for a bad `maxPoints`.
   */
  constructor(maxPoints = MAX_HISTORY_POINTS, required: readonly string[] = []) {
    if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints % 2 !== 0) {
      throw new RangeError(
        `SeriesRecorder: maxPoints must be an even integer >= 2, got ${maxPoints}`,
      );
    }
    this.maxPoints = maxPoints;
    this.required = required;
    this.clear();
  }

  /** Number of points kept. */
  get length(): number {
    return this.col('step').length;
  }

  /**
   * Offers one point. Kept when its index is a multiple of the current stride, or when `force`
   * (e.g. evaluation results, which are few).
   */
  add(step: number, epoch: number, values: Record<string, number>, force = false): void {
    const index = this.offered++;
    if (!force && index % this.stride !== 0) return;
    const n = this.length;
    for (const key of Object.keys(values)) {
      if (!this.columns.has(key)) this.columns.set(key, new Array<number>(n).fill(NaN));
    }
    for (const [key, column] of this.columns) {
      if (key === 'step') column.push(step);
      else if (key === 'epoch') column.push(epoch);
      else column.push(key in values ? values[key] : NaN);
    }
    if (this.length > this.maxPoints) {
      for (const [key, column] of this.columns) {
        this.columns.set(
          key,
          column.filter((_, i) => i % 2 === 0),
        );
      }
      this.stride *= 2;
    }
  }

  /** Drops points with `step > maxStep` (used when resuming from an older checkpoint). */
  truncateAfter(maxStep: number): void {
    const steps = this.col('step');
    let keep = steps.length;
    while (keep > 0 && steps[keep - 1] > maxStep) keep--;
    for (const column of this.columns.values()) column.length = keep;
  }

  /** Empties every column (required ones stay, empty). */
  clear(): void {
    this.columns = new Map([
      ['step', []],
      ['epoch', []],
      ...this.required.map((k): [string, number[]] => [k, []]),
    ]);
    this.stride = 1;
    this.offered = 0;
  }

  /** Its whole state, copied (see {@link SeriesRecorder.restore}). */
  save(): RecorderState {
    return { columns: this.snapshot(), stride: this.stride, offered: this.offered };
  }

  /**
   * Replaces everything with a saved state (copied), so the resumed run records as the
   * uninterrupted one would.
   * @throws RangeError for columns of unequal length, more than maxPoints, or a bad stride.
   */
  restore(state: RecorderState): void {
    const { columns, stride, offered } = state;
    const n = columns.step?.length ?? -1;
    const bad = Object.values(columns).some((c) => !Array.isArray(c) || c.length !== n);
    if (bad || !Array.isArray(columns.epoch) || n > this.maxPoints) {
      throw new RangeError('SeriesRecorder.restore: the columns are missing or of unequal length');
    }
    if (!Number.isInteger(stride) || stride < 1 || !Number.isInteger(offered) || offered < n) {
      throw new RangeError(`SeriesRecorder.restore: bad stride ${stride} or count ${offered}`);
    }
    this.clear();
    for (const [key, column] of Object.entries(columns)) this.columns.set(key, column.slice());
    this.stride = stride;
    this.offered = offered;
  }

  /** A copy of the columns, safe to hand to React (the recorder keeps mutating its own). */
  snapshot(): MetricSeries {
    const out: MetricSeries = { step: [], epoch: [] };
    for (const [key, column] of this.columns) out[key] = column.slice();
    return out;
  }

  private col(key: string): number[] {
    return this.columns.get(key) ?? [];
  }
}
