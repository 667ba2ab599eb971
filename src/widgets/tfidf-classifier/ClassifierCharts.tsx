import { useMemo } from 'react';
import { BarChart, Heatmap, LineChart, MetricReadout, type Metric } from '../../ui';
import type { RunnerState } from '../../train';
import { smoothSeries } from '../kit/useRunner';
import type { Inspection } from './probes';
import type { VectorizerFacts } from './protocol';

/** Props of {@link ClassifierCharts}. */
export interface ClassifierChartsProps {
  state: RunnerState | null;
  /** Facts of the run's vectorization (class names, baselines), or null before one. */
  facts: VectorizerFacts | null;
  /** The latest weight bars and confusion matrix, or null. */
  inspection: Inspection | null;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const fixed = (d: number) => (v: number) => v.toFixed(d);

/**
 * Share of the most frequent class (the majority-class baseline) from the documents per class.
 * @returns 0 when there is no document.
 */
export function majorityRate(counts: readonly number[]): number {
  const total = counts.reduce((a, c) => a + c, 0);
  return total ? Math.max(...counts) / total : 0;
}

/**
 * Live numbers, loss and accuracy curves (training values smoothed, validation from each
 * evaluation), the naive Bayes baseline (a flat series) and the majority-class rate (a reference
 * line), the
 * validation confusion matrix and the largest weights per class.
 */
export function ClassifierCharts({ state, facts, inspection }: ClassifierChartsProps) {
  const history = state?.history;
  const evals = state?.evalHistory;
  const trainLoss = useMemo(() => smoothSeries(history?.loss ?? []), [history]);
  const trainAcc = useMemo(() => smoothSeries(history?.accuracy ?? []), [history]);
  const classNames = useMemo(() => facts?.classNames ?? [], [facts]);
  const k = classNames.length;
  const majority = facts ? majorityRate(facts.valCounts) : null;
  const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);
  const nb = facts?.nbAccuracy ?? null;

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
      key: 'nb_accuracy',
      label: 'naive Bayes (validation)',
      value: nb,
      format: pct,
      hint: "scikit-learn's MultinomialNB (alpha = 1) on the raw term counts of the same vocabulary (0/1 with binary tf), fitted on the training split in this page.",
    },
    {
      key: 'majority',
      label: 'majority class (validation)',
      value: majority,
      format: pct,
      hint: 'Accuracy of always predicting the most frequent class.',
    },
    {
      key: 'features',
      label: 'features (V)',
      value: facts?.features ?? null,
      format: (v) => v.toLocaleString('en'),
    },
    {
      key: 'steps_per_second',
      label: 'steps / s',
      value: state?.stepsPerSecond || null,
      format: fixed(1),
    },
  ];
  const lossTitle = k === 2 ? 'Loss (binary cross-entropy + L2)' : 'Loss (cross-entropy + L2)';
  const references = majority != null ? [{ y: majority, label: 'majority class' }] : [];
  // Naive Bayes sits near the curves' plateau, where a reference line's label would be drawn
  // over by them: it is a flat series instead, named (with its value) in the legend.
  const lastEpoch = history?.epoch.length ? history.epoch[history.epoch.length - 1] : 0;
  const nbSeries =
    nb != null
      ? [
          {
            name: 'naive Bayes (validation)',
            x: [0, Math.max(lastEpoch, 1)],
            y: [nb, nb],
            color: 'var(--series-3)',
            dashed: true,
          },
        ]
      : [];

  // The confusion matrix and the weight bars change only after an evaluation (every 25 steps),
  // while the curves change at every publication (10 a second): built once per inspection.
  const confusionChart = useMemo(
    () =>
      inspection?.confusion ? (
        <Heatmap
          matrix={inspection.confusion}
          label="Validation confusion matrix: rows are the true classes, columns the predicted ones"
          rowLabels={classNames}
          colLabels={classNames}
          rowTitle="true class"
          colTitle="predicted class"
          showValues
          format={(v) => String(v)}
        />
      ) : null,
    [inspection, classNames],
  );
  const weightCharts = useMemo(
    () =>
      inspection ? (
        <>
          <div className="w-chart-grid" data-part="top-terms">
            {inspection.top.map((terms, c) => (
              <BarChart
                key={classNames[c] ?? c}
                label={`Largest weights for “${classNames[c]}”`}
                valueLabel={k === 2 && c === 0 ? 'weight, negated' : 'weight'}
                bars={terms.map((t) => ({ label: t.term, value: t.weight }))}
                format={fixed(2)}
              />
            ))}
          </div>
          {k === 2 && (
            <p className="w-hint">
              With two classes there is one weight per term: “{classNames[0]}” words are those with
              the most negative weights, shown negated.
            </p>
          )}
        </>
      ) : null,
    [inspection, classNames, k],
  );

  return (
    <div className="w-charts">
      <MetricReadout metrics={metrics} label="Live metrics" />
      <div className="w-chart-grid">
        <LineChart
          title={lossTitle}
          xLabel="epoch"
          yLabel="loss"
          series={[
            { name: 'train (smoothed)', x: history?.epoch ?? [], y: trainLoss },
            { name: 'validation', x: evals?.epoch ?? [], y: evals?.val_loss ?? [], dashed: true },
          ]}
        />
        <LineChart
          title="Accuracy"
          xLabel="epoch"
          yLabel="accuracy"
          yDomain={[Math.min(0.3, majority ?? 0.3), 1]}
          logToggle={false}
          references={references}
          series={[
            { name: 'train (smoothed)', x: history?.epoch ?? [], y: trainAcc },
            {
              name: 'validation',
              x: evals?.epoch ?? [],
              y: evals?.val_accuracy ?? [],
              dashed: true,
            },
            ...nbSeries,
          ]}
        />
        {confusionChart}
      </div>
      {weightCharts}
    </div>
  );
}
