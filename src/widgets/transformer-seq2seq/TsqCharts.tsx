import { memo, useMemo } from 'react';
import type { RunnerState } from '../../train';
import { LineChart, MetricReadout, type Metric } from '../../ui';
import { smoothSeries } from '../kit/useRunner';
import { useThrottled } from '../kit';

/** Props of {@link TsqCharts}. */
export interface TsqChartsProps {
  state: RunnerState | null;
  parameterCount: number | null;
  /** Held-out sequences scored by each evaluation. */
  heldOut: number | null;
}

/** The charts re-draw at most this often (ms); the numbers follow every published state. */
const CHART_EVERY_MS = 1000;
/** Most points drawn per line. */
const CHART_POINTS = 400;
const EXACT_DOMAIN = [0, 1] as const;

const Chart = memo(LineChart);
const fixed = (d: number) => (v: number) => v.toFixed(d);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/**
 * Live numbers and two curves: the training loss (mean cross-entropy per output token, smoothed)
 * with the held-out loss, and held-out exact match (greedy decoding) per evaluation.
 */
export function TsqCharts({ state, parameterCount, heldOut }: TsqChartsProps) {
  const charted = useThrottled(state, CHART_EVERY_MS);
  const history = charted?.history;
  const evals = charted?.evalHistory;
  const smoothed = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const lossSeries = useMemo(
    () => [
      { name: 'train (smoothed)', x: history?.step ?? [], y: smoothed },
      { name: 'held-out', x: evals?.step ?? [], y: evals?.val_loss ?? [], dashed: true },
    ],
    [history, smoothed, evals],
  );
  const exactSeries = useMemo(
    () => [{ name: 'held-out sequences', x: evals?.step ?? [], y: evals?.val_exact_match ?? [] }],
    [evals],
  );
  const loss = state?.latest.loss ?? null;
  const sps = state?.stepsPerSecond || null;
  const metrics: Metric[] = [
    {
      key: 'loss',
      label: 'train loss (nats/token)',
      value: loss,
      format: fixed(3),
      tone: loss != null && !Number.isFinite(loss) ? 'danger' : undefined,
    },
    {
      key: 'token_accuracy',
      label: 'train token accuracy',
      value: state?.latest.token_accuracy ?? null,
      format: pct,
      hint: 'Output symbols (and </s>) predicted right in this batch, with teacher forcing.',
    },
    {
      key: 'val_loss',
      label: 'held-out loss',
      value: last(state?.evalHistory?.val_loss),
      format: fixed(3),
    },
    {
      key: 'val_exact_match',
      label: 'held-out exact match',
      value: last(state?.evalHistory?.val_exact_match),
      format: pct,
      hint: `Share of ${heldOut?.toLocaleString('en') ?? 'the'} held-out sequences whose greedy output is entirely right.`,
    },
    {
      key: 'steps_per_second',
      label: 'steps / s',
      value: sps,
      format: fixed(1),
      hint: 'Training steps per wall-clock second in the worker.',
    },
    { key: 'params', label: 'parameters', value: parameterCount, format: int },
  ];
  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <Chart
          title="Loss (nats per output token)"
          xLabel="step"
          yLabel="loss"
          series={lossSeries}
          maxPoints={CHART_POINTS}
        />
        <Chart
          title="Held-out exact match"
          xLabel="step"
          yLabel="exact match"
          yDomain={EXACT_DOMAIN}
          logToggle={false}
          series={exactSeries}
          maxPoints={CHART_POINTS}
        />
      </div>
    </div>
  );
}
