import { useMemo } from 'react';
import { LineChart, MetricReadout, type Metric } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import type { EncodedCorpus } from './encode';

/** Props of {@link TrainingCharts}. */
export interface TrainingChartsProps {
  state: RunnerState | null;
  encoded: EncodedCorpus | null;
  /** Embedding dimension of the run (for the parameter count). */
  dim: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const fixed = (d: number) => (v: number) => v.toFixed(d);

/**
 * Live numbers and the loss and accuracy curves: per-batch training values (smoothed with an
 * exponential moving average, alpha 0.1) and validation values from each evaluation.
 */
export function TrainingCharts({ state, encoded, dim }: TrainingChartsProps) {
  const history = state?.history;
  const evals = state?.evalHistory;
  const trainLoss = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const trainAcc = useMemo(() => smoothSeries(history?.accuracy ?? []), [history]);
  const epochs = history?.epoch ?? [];
  const evalEpochs = evals?.epoch ?? [];
  const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

  const metrics: Metric[] = [
    { key: 'loss', label: 'train loss', value: state?.latest.loss ?? null, format: fixed(4) },
    { key: 'val_loss', label: 'validation loss', value: last(evals?.val_loss), format: fixed(4) },
    { key: 'accuracy', label: 'train accuracy', value: last(trainAcc), format: pct },
    {
      key: 'val_accuracy',
      label: 'validation accuracy',
      value: last(evals?.val_accuracy),
      format: pct,
    },
    {
      key: 'oov_rate',
      label: 'validation OOV rate',
      value: encoded?.valOovRate ?? null,
      format: pct,
      hint: 'Share of validation tokens not in the vocabulary fitted on the training split.',
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
      value: encoded ? encoded.vocabSize * dim + dim + 1 : null,
      format: (v) => v.toLocaleString('en'),
      hint: 'num_words × dim (embedding) + dim (dense weights) + 1 (bias)',
    },
  ];

  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <LineChart
          title="Loss (binary cross-entropy)"
          xLabel="epoch"
          yLabel="loss"
          series={[
            { name: 'train (smoothed)', x: epochs, y: trainLoss },
            { name: 'validation', x: evalEpochs, y: evals?.val_loss ?? [], dashed: true },
          ]}
        />
        <LineChart
          title="Accuracy"
          xLabel="epoch"
          yLabel="accuracy"
          yDomain={[0.4, 1]}
          logToggle={false}
          references={[{ y: 0.5, label: 'chance' }]}
          series={[
            { name: 'train (smoothed)', x: epochs, y: trainAcc },
            { name: 'validation', x: evalEpochs, y: evals?.val_accuracy ?? [], dashed: true },
          ]}
        />
      </div>
    </div>
  );
}
