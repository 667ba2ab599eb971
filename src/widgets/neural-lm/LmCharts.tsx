import { useMemo } from 'react';
import { LineChart, MetricReadout, type Metric, type ReferenceLine } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import type { Baselines, DataInfo } from './baselines';

/** Props of {@link LmCharts}. */
export interface LmChartsProps {
  state: RunnerState | null;
  info: DataInfo | null;
  baselines: Baselines | null;
  parameterCount: number | null;
  /** Examples (predicted words) per step of the run. */
  batch: number;
}

const fixed = (d: number) => (v: number) => v.toFixed(d);
const int = (v: number) => Math.round(v).toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/**
 * Reference lines of the n-gram baselines (finite ones only: MLE's Infinity cannot be drawn).
 * Pure; exported for tests.
 */
export function baselineLines(b: Baselines | null): ReferenceLine[] {
  if (!b) return [];
  const out: ReferenceLine[] = [];
  if (b.kneserNey != null && Number.isFinite(b.kneserNey)) {
    out.push({ y: b.kneserNey, label: `${b.order}-gram Kneser-Ney ${b.kneserNey.toFixed(0)}` });
  }
  if (b.laplace != null && Number.isFinite(b.laplace)) {
    out.push({ y: b.laplace, label: `${b.order}-gram Laplace ${b.laplace.toFixed(0)}` });
  }
  if (b.mle != null && Number.isFinite(b.mle)) {
    out.push({ y: b.mle, label: `${b.order}-gram MLE ${b.mle.toFixed(0)}` });
  }
  return out;
}

/**
 * Live numbers, the held-out perplexity curve against the n-gram baselines of the same order
 * (horizontal lines), and the training loss (per batch, smoothed).
 */
export function LmCharts({ state, info, baselines, parameterCount, batch }: LmChartsProps) {
  const history = state?.history;
  const evals = state?.evalHistory;
  const trainLoss = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const steps = history?.step ?? [];
  const evalSteps = evals?.step ?? [];
  const references = useMemo(() => baselineLines(baselines), [baselines]);
  const sps = state?.stepsPerSecond || null;
  const kn = baselines?.kneserNey ?? null;
  const ppl = last(evals?.val_perplexity);

  const metrics: Metric[] = [
    {
      key: 'val_perplexity',
      label: 'held-out perplexity',
      value: ppl,
      format: fixed(1),
      hint: 'exp(mean negative log-likelihood) over the held-out targets.',
    },
    {
      key: 'kn_perplexity',
      label: `${baselines?.order ?? '…'}-gram Kneser-Ney`,
      value: kn,
      format: fixed(1),
      hint: 'Interpolated Kneser-Ney (discount 0.75) on the same targets and vocabulary.',
    },
    {
      key: 'loss',
      label: 'train loss (nats)',
      value: state?.latest.loss ?? null,
      format: fixed(3),
    },
    { key: 'steps_per_second', label: 'steps / s', value: sps, format: fixed(1) },
    {
      key: 'tokens_per_second',
      label: 'words / s',
      value: sps == null ? null : sps * batch,
      format: int,
      hint: 'Training words predicted per second (batch size × steps / s).',
    },
    {
      key: 'params',
      label: 'parameters',
      value: parameterCount,
      format: int,
      hint: 'V·d (embeddings) + (n−1)·d·dₕ + dₕ (hidden) + dₕ·V + V (output softmax).',
    },
  ];

  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <LineChart
          title="Held-out perplexity (lower is better)"
          xLabel="step"
          yLabel="perplexity"
          defaultLogY
          references={references}
          series={[{ name: 'neural LM', x: evalSteps, y: evals?.val_perplexity ?? [] }]}
        />
        <LineChart
          title="Training loss (cross-entropy, nats)"
          xLabel="step"
          yLabel="loss"
          series={[{ name: 'train (smoothed)', x: steps, y: trainLoss }]}
        />
      </div>
      <BaselineNote baselines={baselines} info={info} />
    </div>
  );
}

function BaselineNote({ baselines, info }: { baselines: Baselines | null; info: DataInfo | null }) {
  if (!info) return null;
  const scored = info.subset
    ? `a fixed random subset of ${info.evalTargets.toLocaleString('en')} of the ${info.totalHeldout.toLocaleString('en')} held-out targets`
    : `all ${info.evalTargets.toLocaleString('en')} held-out targets`;
  let mle = '';
  if (baselines?.mle === Infinity) {
    mle = ` The ${baselines.order}-gram MLE model's perplexity is infinite (∞): it gives probability 0 to held-out n-grams it never saw, so it is not drawn.`;
  } else if (baselines?.mle != null) {
    mle = ` ${baselines.order}-gram MLE: ${baselines.mle.toFixed(1)}.`;
  }
  return (
    <p className="w-hint" data-baseline-note>
      Perplexity over {scored} (chapters 10, 20, …, 130; every word plus one end-of-sentence
      symbol), the same targets and {info.vocabSize.toLocaleString('en')}-word vocabulary (rare
      words → &lt;UNK&gt;) for the neural model and the dashed n-gram lines.
      {baselines &&
        baselines.kneserNey == null &&
        !baselines.error &&
        ' Computing the n-gram baselines…'}
      {mle}
    </p>
  );
}
