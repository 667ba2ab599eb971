import { useMemo } from 'react';
import { LineChart, MetricReadout, type Metric, type ReferenceLine } from '../../ui';
import type { SeriesData } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import type { Forecast, SineData } from './spec';

const fixed = (d: number) => (v: number) => v.toFixed(d);
const int = (v: number) => Math.round(v).toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/**
 * The y range of the forecast chart for noise σ: the sine's ±1 plus room for the noisy values
 * (about 2.5 σ), so that the axis does not jump while the prediction moves. Pure; exported for
 * tests.
 */
export function curveDomain(noise: number): [number, number] {
  const r = Math.round((1.2 + 2.5 * noise) * 10) / 10;
  return [-r, r];
}

/**
 * A copy of `values` with every value outside `[lo, hi]` moved to the nearer bound (a wild early
 * prediction is drawn along the edge of the chart instead of across its labels). Pure.
 */
export function clampSeries(
  values: readonly number[],
  [lo, hi]: readonly [number, number],
): number[] {
  return values.map((v) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : v));
}

/**
 * Reference lines of the loss chart: the noise floor σ² (no forecaster can do better against
 * noisy targets on average) and the MSE of always predicting 0, E[x²] = 1/2 + σ² (the variance of
 * a sine sampled over whole periods plus the noise). The floor is labelled in the legend: the
 * held-out MSE converges onto that line and the MSE against the true sine runs below it, so a
 * label on the plot would sit under the curves at either end. Pure; exported for tests.
 */
export function lossReferences(noise: number): ReferenceLine[] {
  const out: ReferenceLine[] = [
    { y: 0.5 + noise * noise, label: `always 0: ${(0.5 + noise * noise).toFixed(2)}` },
  ];
  if (noise > 0) {
    const floor = noise * noise;
    out.push({ y: floor, label: `noise floor σ² = ${floor.toPrecision(2)}`, labelIn: 'legend' });
  }
  return out;
}

/**
 * The fixed top of the loss chart: the power of ten at or above both the MSE of always
 * predicting 0 and every finite value drawn (so a loss that blows up stays on the chart). With
 * a lower end of 0, the log axis starts at the smallest value drawn, and its labels stay
 * decades (0.01, 0.1, 1) instead of every tick in between. Pure; exported for tests.
 */
export function lossTop(noise: number, ...series: readonly (readonly number[])[]): number {
  let hi = 0.5 + noise * noise;
  for (const s of series) for (const v of s) if (Number.isFinite(v) && v > hi) hi = v;
  return 10 ** Math.ceil(Math.log10(hi));
}

/** Props of {@link ForecastChart}. */
export interface ForecastChartProps {
  data: SineData | null;
  prediction: Forecast | null;
  freeRun: Forecast | null;
  noise: number;
}

/**
 * The evaluation stretch (after the training stretch): the clean sine, the noisy values, the
 * one-step-ahead prediction and, when on, the free-running forecast.
 */
export function ForecastChart({ data, prediction, freeRun, noise }: ForecastChartProps) {
  const domain = useMemo(() => curveDomain(noise), [noise]);
  const series = useMemo(() => {
    if (!data) return [];
    const out: SeriesData[] = [
      { name: 'noisy data', x: data.t, y: data.observed, color: 'var(--color-muted)' },
      { name: 'true sine', x: data.t, y: data.truth, color: 'var(--series-2)', dashed: true },
    ];
    if (prediction) {
      out.push({
        name: 'one-step-ahead prediction',
        x: data.t,
        y: clampSeries(prediction.values, domain),
        color: 'var(--series-1)',
      });
    }
    if (freeRun) {
      out.push({
        name: 'free-running forecast',
        x: data.t,
        y: clampSeries(freeRun.values, domain),
        color: 'var(--series-4)',
      });
    }
    return out;
  }, [data, prediction, freeRun, domain]);
  return (
    <LineChart
      title="Forecast over the held-out stretch"
      xLabel="time step t"
      yLabel="value"
      series={series}
      yDomain={domain}
      logToggle={false}
      legend
      legendValues={false}
      height={240}
    />
  );
}

/** Props of {@link SineCharts}. */
export interface SineChartsProps {
  state: RunnerState | null;
  noise: number;
  parameterCount: number;
}

/**
 * Live numbers and the loss chart: the training MSE per batch (smoothed), the validation MSE
 * against the noisy values and against the clean sine, with the noise floor and the MSE of
 * always predicting 0 as reference lines (log scale by default).
 */
export function SineCharts({ state, noise, parameterCount }: SineChartsProps) {
  const history = state?.history;
  const evals = state?.evalHistory;
  const trainLoss = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const references = useMemo(() => lossReferences(noise), [noise]);
  const evalSteps = evals?.step ?? [];
  const valLoss = evals?.val_loss;
  const valClean = evals?.val_mse_clean;
  const top = useMemo(
    () => lossTop(noise, trainLoss, valLoss ?? [], valClean ?? []),
    [noise, trainLoss, valLoss, valClean],
  );
  const domain = useMemo(() => [0, top] as const, [top]);
  const metrics: Metric[] = [
    {
      key: 'loss',
      label: 'train MSE',
      value: state?.latest.loss ?? null,
      format: fixed(4),
      hint: 'Mean squared error of the last batch of 32 windows.',
    },
    {
      key: 'val_loss',
      label: 'held-out MSE',
      value: last(valLoss),
      format: fixed(4),
      hint: 'Against the noisy values of the held-out stretch: cannot go below σ² on average.',
    },
    {
      key: 'val_mse_clean',
      label: 'MSE vs true sine',
      value: last(valClean),
      format: fixed(4),
      hint: 'The same predictions against the noise-free sine: below σ² means the noise is filtered out.',
    },
    {
      key: 'steps_per_second',
      label: 'steps / s',
      value: state?.stepsPerSecond || null,
      format: fixed(1),
    },
    {
      key: 'params',
      label: 'parameters',
      value: parameterCount,
      format: int,
      hint: 'H·1 + H·H + 2H (the SimpleRNN, PyTorch’s two biases) + H + 1 (the readout).',
    },
  ];
  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <LineChart
        title="Loss: mean squared error (lower is better)"
        xLabel="step"
        yLabel="MSE"
        defaultLogY
        yDomain={domain}
        references={references}
        series={[
          { name: 'train (smoothed)', x: history?.step ?? [], y: trainLoss },
          { name: 'held-out', x: evalSteps, y: valLoss ?? [], dashed: true },
          { name: 'vs true sine', x: evalSteps, y: valClean ?? [], dashed: true },
        ]}
      />
    </div>
  );
}
