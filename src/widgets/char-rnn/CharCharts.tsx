import { memo, useMemo } from 'react';
import { LineChart, MetricReadout, type Metric, type ReferenceLine } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import { useThrottled } from '../kit';
import { bitsPerChar } from './views';

/** Props of {@link CharCharts}. */
export interface CharChartsProps {
  state: RunnerState | null;
  parameterCount: number | null;
  /** The run's clipping threshold (0 = off), drawn on the gradient-norm chart. */
  clip: number;
  /** Characters per training step (batch × sequence length). */
  charsPerStep: number;
}

/**
 * The charts re-draw at most this often (ms) while the numbers follow every published state
 * (10 per second): a chart of the whole run redrawn ten times a second was most of the page's
 * main-thread paint work while the model trained in its worker.
 */
export const CHART_EVERY_MS = 1000;
/**
 * Most points drawn per line (the history keeps up to 2,000; a chart is a few hundred px wide):
 * LineChart's `maxPoints`, whose min-max thinning keeps the gradient-norm spikes visible.
 */
export const CHART_POINTS = 400;

/** Re-renders only when its props change (the metrics above it change ten times a second). */
const Chart = memo(LineChart);

const fixed = (d: number) => (v: number) => v.toFixed(d);
const int = (v: number) => Math.round(v).toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/**
 * Live numbers, the loss in bits per character (training, smoothed, and held-out), and the
 * global gradient norm before clipping per step (log scale, the clipping threshold dashed).
 */
export function CharCharts({ state, parameterCount, clip, charsPerStep }: CharChartsProps) {
  const charted = useThrottled(state, CHART_EVERY_MS);
  const history = charted?.history;
  const evals = state?.evalHistory;
  const bpcLine = useMemo(() => smoothSeries(history?.loss ?? []).map(bitsPerChar), [history]);
  const chartedEvals = charted?.evalHistory;
  const lossSeries = useMemo(
    () => [
      { name: 'train (smoothed)', x: history?.step ?? [], y: bpcLine },
      { name: 'held-out', x: chartedEvals?.step ?? [], y: chartedEvals?.val_bpc ?? [] },
    ],
    [history, bpcLine, chartedEvals],
  );
  const gradSeries = useMemo(
    () => [{ name: 'global norm', x: history?.step ?? [], y: history?.grad_norm ?? [] }],
    [history],
  );
  const references = useMemo<ReferenceLine[]>(
    () => (clip > 0 ? [{ y: clip, label: `clipped at ${clip}` }] : []),
    [clip],
  );
  const loss = state?.latest.loss ?? null;
  const valLoss = last(evals?.val_loss);
  const valPpl = last(evals?.val_perplexity);
  const valBpc = last(evals?.val_bpc);
  const sps = state?.stepsPerSecond || null;
  const cps = sps == null ? null : sps * charsPerStep;
  const g = state?.latest.grad_norm ?? null;

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
    {
      key: 'val_bpc',
      label: 'held-out bits/char',
      value: valBpc,
      format: fixed(3),
    },
    {
      key: 'chars_per_second',
      label: 'chars / s',
      value: cps,
      format: int,
      hint: 'Training characters per wall-clock second (steps / s × batch × sequence length), the page’s own work included.',
    },
    {
      key: 'grad_norm',
      label: 'gradient norm',
      value: g,
      format: (v) => (v >= 1000 || v < 0.01 ? v.toExponential(1) : v.toFixed(2)),
      hint: 'Global L2 norm of all gradients of the last step, before clipping.',
    },
    {
      key: 'params',
      label: 'parameters',
      value: parameterCount,
      format: int,
    },
  ];

  return (
    <div className="w-charts cr-charts">
      <MetricReadout metrics={metrics} label="Live metrics">
        {valLoss != null && (
          <span className="w-hint cr-note">
            held-out loss {valLoss.toFixed(3)} nats = {valBpc?.toFixed(3)} bits per character
          </span>
        )}
      </MetricReadout>
      <div className="w-chart-grid">
        <Chart
          title="Loss (bits per character, lower is better)"
          xLabel="step"
          yLabel="bits / char"
          series={lossSeries}
          maxPoints={CHART_POINTS}
        />
        <Chart
          title="Gradient norm before clipping"
          xLabel="step"
          yLabel="‖∇‖"
          defaultLogY
          references={references}
          series={gradSeries}
          maxPoints={CHART_POINTS}
        />
      </div>
    </div>
  );
}
