import { useMemo } from 'react';
import { LineChart, MetricReadout, type Metric, type ReferenceLine } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import { effectiveAlpha, type Word2VecSettings } from './schema';
import type { CorpusFacts } from './types';

/** Props of {@link Word2VecCharts}. */
export interface Word2VecChartsProps {
  state: RunnerState | null;
  /** Facts about the run's corpus, or null while it is prepared. */
  info: CorpusFacts | null;
  settings: Word2VecSettings;
  /** Seconds of training in this run (paused time excluded). */
  trainSeconds: number;
  /** Words per second of training time over the last few seconds (./session.ts), or null. */
  wordsPerSecond: number | null;
}

const fixed = (d: number) => (v: number) => v.toFixed(d);
const int = (v: number) => Math.round(v).toLocaleString('en');

/** The loss of an untrained model per row, (K + 1) ln 2 nats (every σ(·) = 1/2). */
export function initialLoss(negative: number): number {
  return (negative + 1) * Math.LN2;
}

/**
 * Live numbers (smoothed loss, words per second as word2vec.c counts them, learning rate, epochs,
 * training time, vocabulary) and the loss per step, smoothed, with the (K + 1) ln 2 of an
 * untrained model as a reference line.
 */
export function Word2VecCharts({
  state,
  info,
  settings,
  trainSeconds,
  wordsPerSecond,
}: Word2VecChartsProps) {
  const history = state?.history;
  const loss = useMemo(() => smoothSeries(history?.loss ?? [], 0.05), [history]);
  const references: ReferenceLine[] = [
    {
      y: initialLoss(settings.negative),
      label: `(k + 1) ln 2 = ${initialLoss(settings.negative).toFixed(2)}`,
    },
  ];
  const latest = state?.latest ?? {};
  const lossNow = loss.length ? loss[loss.length - 1] : null;
  const metrics: Metric[] = [
    {
      key: 'loss',
      label: 'loss (smoothed, nats / row)',
      value: lossNow,
      format: fixed(3),
      hint: 'Negative-sampling loss per row: −log σ(u·h) − Σ log σ(−u_k·h), averaged over the batch.',
      tone: lossNow != null && !Number.isFinite(lossNow) ? 'danger' : undefined,
    },
    {
      key: 'words_per_second',
      label: 'words / s',
      value: wordsPerSecond,
      format: int,
      hint: 'Centre words trained per second of training time over the last 5 s, after subsampling (word2vec.c and gensim count the same).',
    },
    {
      key: 'learning_rate',
      label: 'learning rate η',
      value: latest.learning_rate ?? effectiveAlpha(settings),
      format: (v) => v.toPrecision(3),
      hint: 'η (word2vec.c’s alpha) decays linearly from η₀ to η₀ · 10⁻⁴ over all words of all epochs.',
    },
    {
      key: 'epoch',
      label: `epochs (of ${settings.epochs})`,
      value: state?.epoch ?? 0,
      format: fixed(2),
    },
    {
      key: 'train_seconds',
      label: 'training time',
      value: trainSeconds,
      format: fixed(0),
      unit: 's',
    },
    {
      key: 'vocab',
      label: 'vocabulary',
      value: info?.words.length ?? null,
      format: int,
      hint: info
        ? `Words seen at least ${info.minCount} times in ${info.totalTokens.toLocaleString('en')} tokens; the model trains on ${info.keptTokens.toLocaleString('en')} per epoch before subsampling.`
        : undefined,
    },
  ];
  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <LineChart
        title="Training loss (negative sampling, smoothed)"
        xLabel="step"
        yLabel="loss"
        height={180}
        references={references}
        series={[{ name: 'loss', x: history?.step ?? [], y: loss }]}
      />
    </div>
  );
}
