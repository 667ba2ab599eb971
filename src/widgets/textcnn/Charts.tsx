import { useMemo } from 'react';
import { LineChart, MetricReadout, type Metric } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const fixed = (d: number) => (v: number) => v.toFixed(d);
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

/**
 * Live numbers and the loss and accuracy curves: the batches' values (with dropout, smoothed with
 * an exponential moving average, alpha 0.1) and each evaluation's training and validation values
 * (whole splits, no dropout).
 */
export function Charts({ state, parameters }: { state: RunnerState | null; parameters: number }) {
  const history = state?.history;
  const evals = state?.evalHistory;
  const batchLoss = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const batchAcc = useMemo(() => smoothSeries(history?.accuracy ?? []), [history]);
  const epochs = history?.epoch ?? [];
  const evalEpochs = evals?.epoch ?? [];
  const metrics: Metric[] = [
    { key: 'loss', label: 'batch loss', value: state?.latest.loss ?? null, format: fixed(4) },
    { key: 'val_loss', label: 'validation loss', value: last(evals?.val_loss), format: fixed(4) },
    {
      key: 'train_accuracy',
      label: 'train accuracy',
      value: last(evals?.train_accuracy),
      format: pct,
    },
    {
      key: 'val_accuracy',
      label: 'validation accuracy',
      value: last(evals?.val_accuracy),
      format: pct,
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
      value: parameters,
      format: (v) => v.toLocaleString('en'),
      hint: 'V·E (embedding) + Σ C·(E·k + 1) (filters) + K·(C·n + 1) (linear layer)',
    },
  ];
  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <LineChart
          title="Loss (cross-entropy)"
          xLabel="epoch"
          yLabel="loss"
          series={[
            { name: 'batches (smoothed)', x: epochs, y: batchLoss },
            { name: 'train', x: evalEpochs, y: evals?.train_loss ?? [] },
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
            { name: 'batches (smoothed)', x: epochs, y: batchAcc },
            { name: 'train', x: evalEpochs, y: evals?.train_accuracy ?? [] },
            { name: 'validation', x: evalEpochs, y: evals?.val_accuracy ?? [], dashed: true },
          ]}
        />
      </div>
    </div>
  );
}
