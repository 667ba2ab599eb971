import { memo, useMemo } from 'react';
import { LineChart, MetricReadout, type Metric, type SeriesData } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import { DATE_EVAL_EVERY } from './schema';
import { useThrottled } from '../kit';
import type { ArchivedRun, ByLengthResult } from './views';

/** The charts re-draw at most this often (ms); the numbers follow every published state. */
const CHART_EVERY_MS = 1000;
/** Most points drawn per line. */
const CHART_POINTS = 400;
/** Re-renders only when its props change (the numbers above it change four times a second). */
const Chart = memo(LineChart);

/** This run's colours; the comparison run's are the next two, its lines dashed. */
const THIS = ['var(--series-1)', 'var(--series-2)'];
const OTHER = ['var(--series-3)', 'var(--series-4)'];

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/** `length:count:correct` per input length of the held-out dates (tests read it). */
const lengthsAttr = (b: ByLengthResult | null) =>
  b ? b.validation.map((r) => `${r.length}:${r.count}:${r.correct}`).join(' ') : '';

/** Props of {@link DateCharts}. */
export interface DateChartsProps {
  state: RunnerState | null;
  /** Legend name of this run, e.g. "additive attention". */
  label: string;
  parameterCount: number | null;
  /** Examples per training step (the batch). */
  batchSize: number;
  byLength: ByLengthResult | null;
  /** The kept run of the other kind (with / without attention), drawn dashed; or null. */
  other: ArchivedRun | null;
}

function byLengthSeries(name: string, b: ByLengthResult | null, color: string, dashed: boolean) {
  const rows = b?.validation ?? [];
  return {
    name,
    x: rows.map((r) => r.length),
    y: rows.map((r) => r.exactMatch),
    color,
    dashed,
  };
}

/**
 * Live numbers, the training loss, exact match on held-out dates and on held-out formats per
 * evaluation, and exact match by input length (held-out dates): this run's lines solid, the kept
 * run of the other kind (with or without attention) dashed, labelled with its step.
 */
export function DateCharts({
  state,
  label,
  parameterCount,
  batchSize,
  byLength,
  other,
}: DateChartsProps) {
  const charted = useThrottled(state, CHART_EVERY_MS);
  const history = charted?.history;
  const evals = charted?.evalHistory;
  const otherName = other ? `${other.label} (kept, step ${int(other.step)})` : '';
  const lossSeries = useMemo(() => {
    const s: SeriesData[] = [
      { name: label, x: history?.step ?? [], y: smoothSeries(history?.loss ?? []), color: THIS[0] },
    ];
    if (other) s.push({ name: otherName, ...other.loss, color: OTHER[0], dashed: true });
    return s;
  }, [history, label, other, otherName]);
  const emSeries = useMemo(() => {
    const s: SeriesData[] = [
      {
        name: `${label}: held-out dates`,
        x: evals?.step ?? [],
        y: evals?.val_exact_match ?? [],
        color: THIS[0],
      },
      {
        name: `${label}: held-out formats`,
        x: evals?.step ?? [],
        y: evals?.test_exact_match ?? [],
        color: THIS[1],
      },
    ];
    if (other) {
      s.push(
        {
          name: `${other.label}: held-out dates`,
          ...other.validation,
          color: OTHER[0],
          dashed: true,
        },
        { name: `${other.label}: held-out formats`, ...other.test, color: OTHER[1], dashed: true },
      );
    }
    return s;
  }, [evals, label, other]);
  const lengthSeries = useMemo(() => {
    const s: SeriesData[] = [byLengthSeries(label, byLength, THIS[0], false)];
    if (other?.byLength) s.push(byLengthSeries(otherName, other.byLength, OTHER[0], true));
    return s;
  }, [byLength, label, other, otherName]);

  const loss = state?.latest.loss ?? null;
  const e = state?.evalHistory;
  const eps = state?.stepsPerSecond ? state.stepsPerSecond * batchSize : null;
  const metrics: Metric[] = [
    {
      key: 'loss',
      label: 'train loss (nats/char)',
      value: loss,
      format: (v) => v.toFixed(3),
      tone: loss != null && !Number.isFinite(loss) ? 'danger' : undefined,
    },
    {
      key: 'val_exact_match',
      label: 'exact match, held-out dates',
      value: last(e?.val_exact_match),
      format: pct,
      hint: 'Greedy outputs equal to the answer, 1,000 dates never seen in training, in the training formats.',
    },
    {
      key: 'test_exact_match',
      label: 'exact match, held-out formats',
      value: last(e?.test_exact_match),
      format: pct,
      hint: '1,000 held-out dates written in three formats never seen in training.',
    },
    {
      key: 'examples_per_second',
      label: 'dates / s',
      value: eps,
      format: int,
      hint: 'Training examples per wall-clock second (steps / s × batch).',
    },
    { key: 'params', label: 'parameters', value: parameterCount, format: int },
  ];
  return (
    <div className="w-charts da-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <Chart
          title="Training loss (smoothed)"
          xLabel="step"
          yLabel="nats / char"
          series={lossSeries}
          maxPoints={CHART_POINTS}
          defaultLogY
        />
        <Chart
          title="Exact match (greedy output = answer)"
          xLabel="step"
          yLabel="exact match"
          yDomain={[0, 1]}
          logToggle={false}
          series={emSeries}
          maxPoints={CHART_POINTS}
        />
      </div>
      {!e?.step.length && (
        <p className="w-hint">
          Exact match is measured every {DATE_EVAL_EVERY} steps, on both held-out sets: the first
          points appear at step {DATE_EVAL_EVERY}.
        </p>
      )}
      <div
        data-by-length={lengthsAttr(byLength)}
        data-by-length-other={lengthsAttr(other?.byLength ?? null)}
      >
        <Chart
          title="Exact match by input length, held-out dates (latest evaluation)"
          xLabel="input length (characters)"
          yLabel="exact match"
          yDomain={[0, 1]}
          logToggle={false}
          legendValues={false}
          legend
          series={lengthSeries}
        />
      </div>
    </div>
  );
}
