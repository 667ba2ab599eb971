import { useMemo } from 'react';
import { LineChart, MetricReadout, type Metric, type ReferenceLine } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../shared/useRunner';
import type { CorpusInfo } from './controller';
import { effectiveAlpha, type Word2VecSettings } from './schema';

/** Props of {@link Word2VecCharts}. */
export interface Word2VecChartsProps {
  state: RunnerState | null;
  info: CorpusInfo | null;
  settings: Word2VecSettings;
  /** Seconds of training in this run (paused time excluded). */
  trainSeconds: number;
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
export function Word2VecCharts({ state, info, settings, trainSeconds }: Word2VecChartsProps) {
  const history = state?.history;
  const loss = useMemo(() => smoothSeries(history?.loss ?? [], 0.05), [history]);
  const wps = useMemo(() => {
    const y = history?.words_per_second ?? [];
    // The first step has no rate (0): leave it out of the average.
    return smoothSeries(
      y.filter((v, i) => i > 0 || v > 0),
      0.1,
    );
  }, [history]);
  const references: ReferenceLine[] = [
    {
      y: initialLoss(settings.negative),
      label: `(K + 1) ln 2 = ${initialLoss(settings.negative).toFixed(2)}`,
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
      value: wps.length ? wps[wps.length - 1] : null,
      format: int,
      hint: 'Centre words trained per second, after subsampling (word2vec.c and gensim count the same).',
    },
    {
      key: 'learning_rate',
      label: 'learning rate α',
      value: latest.learning_rate ?? effectiveAlpha(settings),
      format: (v) => v.toPrecision(3),
      hint: 'Decays linearly from α₀ to α₀ · 10⁻⁴ over all words of all epochs.',
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
      value: info?.vocabSize ?? null,
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
