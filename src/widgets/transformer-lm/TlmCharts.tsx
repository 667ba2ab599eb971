import { memo, useMemo } from 'react';
import { LineChart, MetricReadout, type Metric } from '../../ui';
import type { RunnerState } from '../../train';
import { useThrottled } from '../kit';
import { smoothSeries } from '../kit/useRunner';
import { bitsPerChar } from '../common/charLabels';

/** Props of {@link TlmCharts}. */
export interface TlmChartsProps {
  state: RunnerState | null;
  parameterCount: number | null;
  /** Characters per training step (batch × context length). */
  charsPerStep: number;
}

/** The charts re-draw at most this often (ms); the numbers follow every published state. */
export const CHART_EVERY_MS = 1000;
/** Most points drawn per line (LineChart's min-max thinning). */
export const CHART_POINTS = 400;

const Chart = memo(LineChart);
const fixed = (d: number) => (v: number) => v.toFixed(d);
const int = (v: number) => Math.round(v).toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/**
 * Live numbers (loss, bits per character, perplexity, learning rate, speed, parameters), the loss
 * in bits per character (training, smoothed, and held-out) and the perplexity (log scale).
 */
export function TlmCharts({ state, parameterCount, charsPerStep }: TlmChartsProps) {
  const charted = useThrottled(state, CHART_EVERY_MS);
  const history = charted?.history;
  const evals = charted?.evalHistory;
  const smoothed = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const bpcSeries = useMemo(
    () => [
      { name: 'train (smoothed)', x: history?.step ?? [], y: smoothed.map(bitsPerChar) },
      { name: 'held-out', x: evals?.step ?? [], y: evals?.val_bpc ?? [] },
    ],
    [history, smoothed, evals],
  );
  const pplSeries = useMemo(
    () => [
      { name: 'train (smoothed)', x: history?.step ?? [], y: smoothed.map(Math.exp) },
      { name: 'held-out', x: evals?.step ?? [], y: evals?.val_perplexity ?? [] },
    ],
    [history, smoothed, evals],
  );
  const loss = state?.latest.loss ?? null;
  const valBpc = last(state?.evalHistory.val_bpc);
  const valPpl = last(state?.evalHistory.val_perplexity);
  const sps = state?.stepsPerSecond || null;
  const lr = state?.latest.learning_rate ?? null;

  const metrics: Metric[] = [
    {
      key: 'loss',
      label: 'train loss (nats/char)',
      value: loss,
      format: fixed(3),
      tone: loss != null && !Number.isFinite(loss) ? 'danger' : undefined,
    },
    {
      key: 'bpc',
      label: 'train bits/char',
      value: loss == null ? null : bitsPerChar(loss),
      format: fixed(3),
      hint: 'Loss / ln 2.',
    },
    {
      key: 'val_perplexity',
      label: 'held-out perplexity',
      value: valPpl,
      format: fixed(2),
      hint: 'exp(mean cross-entropy per character) on held-out text.',
    },
    { key: 'val_bpc', label: 'held-out bits/char', value: valBpc, format: fixed(3) },
    {
      key: 'learning_rate',
      label: 'learning rate',
      value: lr,
      format: (v) => v.toExponential(2),
      hint: 'This step’s rate: linear warm-up, then a cosine decay to a tenth.',
    },
    {
      key: 'steps_per_second',
      label: 'steps / s',
      value: sps,
      format: fixed(2),
      hint: 'Training steps per wall-clock second in the worker.',
    },
    {
      key: 'chars_per_second',
      label: 'chars / s',
      value: sps == null ? null : sps * charsPerStep,
      format: int,
      hint: 'Characters predicted per second (steps / s × batch × context length).',
    },
    { key: 'params', label: 'parameters', value: parameterCount, format: int },
  ];

  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <Chart
          title="Loss (bits per character, lower is better)"
          xLabel="step"
          yLabel="bits / char"
          series={bpcSeries}
          maxPoints={CHART_POINTS}
        />
        <Chart
          title="Perplexity"
          xLabel="step"
          yLabel="perplexity"
          defaultLogY
          series={pplSeries}
          maxPoints={CHART_POINTS}
        />
      </div>
    </div>
  );
}
