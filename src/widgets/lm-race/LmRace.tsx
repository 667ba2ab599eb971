import { memo, useEffect, useMemo, useState } from 'react';
import { TRANSFORMER_LM_DEFAULTS } from '../../models/transformer/lmConfig';
import { LineChart, MetricReadout, useHyperparams, WidgetMessage, type Metric } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import type { RaceCurve } from './raceTask';
import {
  RACE_BATCH,
  RACE_EVAL_CHARS,
  RACE_PREFIX,
  racePresets,
  raceSchema,
  raceSettingsProblem,
} from './schema';
import { createLmRaceSpec, refreshCurves, type LmRaceController } from './spec';

/** Milliseconds between reads of the curves while training. */
const CURVES_EVERY_MS = 1000;
const Chart = memo(LineChart);
const int = (v: number) => Math.round(v).toLocaleString('en');
const fixed = (d: number) => (v: number) => v.toFixed(d);
const lastOf = (c: RaceCurve | undefined) => (c?.bpc.length ? c.bpc[c.bpc.length - 1] : null);

/**
 * Chapter 15's same-budget comparison: the character Transformer (the widget above's model) and
 * chapter 9's one-layer character LSTM, its hidden size chosen so that the two parameter counts
 * are as close as they can be (./match.ts), trained in turns in one Web Worker on the same text,
 * with the same batches of characters, for the same seconds of training each; the chart shows each
 * model's held-out bits per character against seconds of its own training (./raceTask.ts says how
 * the clocks are kept). Settings live in the URL with the prefix `race.`.
 */
export function LmRace() {
  const hp = useHyperparams(raceSchema, { prefix: RACE_PREFIX, presets: racePresets });
  const [controller] = useState<LmRaceController>(
    () => new TrainingController(createLmRaceSpec(), import.meta.env.BASE_URL),
  );
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, running, applied } = tw;
  const status = rs?.status ?? 'idle';
  const step = rs?.step ?? 0;

  // The curves: every second while training, and once whenever training stops or steps.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refreshCurves(controller), CURVES_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, controller]);
  useEffect(() => {
    if (status === 'paused' || status === 'done') void refreshCurves(controller);
  }, [status, step, controller]);

  const { match, curves } = cs;
  const t = curves?.transformer;
  const l = curves?.lstm;
  const lstmName = `LSTM (d_h = ${match?.hiddenSize ?? '…'})`;
  const series = useMemo(
    () => [
      { name: 'Transformer', x: t?.seconds ?? [], y: t?.bpc ?? [] },
      { name: lstmName, x: l?.seconds ?? [], y: l?.bpc ?? [] },
    ],
    [t, l, lstmName],
  );
  const metrics: Metric[] = [
    {
      key: 'transformer_bpc',
      label: 'Transformer held-out bits/char',
      value: lastOf(t),
      format: fixed(3),
    },
    { key: 'lstm_bpc', label: 'LSTM held-out bits/char', value: lastOf(l), format: fixed(3) },
    {
      key: 'transformer_seconds',
      label: 'Transformer seconds',
      value: t?.clockSeconds ?? null,
      format: fixed(1),
    },
    {
      key: 'lstm_seconds',
      label: 'LSTM seconds',
      value: l?.clockSeconds ?? null,
      format: fixed(1),
    },
    { key: 'transformer_steps', label: 'Transformer steps', value: t?.steps ?? null, format: int },
    { key: 'lstm_steps', label: 'LSTM steps', value: l?.steps ?? null, format: int },
  ];
  const problem = raceSettingsProblem(hp.values);
  const text = cs.corpusTitle ?? (applied.corpus === 'sonnets' ? 'the sonnets' : 'Moby Dick');
  return (
    <TrainingShell
      schema={raceSchema}
      hp={hp}
      tw={tw}
      title="Transformer against LSTM, same size, same seconds"
      subtitle="The character Transformer and chapter 9's character LSTM with as many parameters, taking turns in one worker"
      presets={racePresets}
      loading={`TensorFlow.js and ${text}`}
      canTrain={problem === null}
      data={{
        'transformer-params': match?.transformerParams,
        'lstm-params': match?.lstmParams,
        'lstm-hidden': match?.hiddenSize,
      }}
      credit={
        <>
          Data: Herman Melville, <i>Moby-Dick</i> (1851), or William Shakespeare, <i>Sonnets</i>{' '}
          (1609), public domain, held out as in the widget above.
        </>
      }
      messages={
        <>
          {problem && <WidgetMessage tone="warning">{problem}</WidgetMessage>}
          {cs.curvesError && <WidgetMessage tone="warning">{cs.curvesError}</WidgetMessage>}
        </>
      }
    >
      {match && (
        <p className="w-hint" data-race-match>
          <strong>
            LSTM d_h = {match.hiddenSize}: {int(match.lstmParams)} parameters vs{' '}
            {int(match.transformerParams)}
          </strong>{' '}
          (one layer on one-hot characters; the Transformer has {applied.layers} block
          {applied.layers === 1 ? '' : 's'}, d_model {applied.dModel}, d_ff {applied.dFf})
          {match.clamped && ': chapter 9’s LSTM stops at d_h = 512, so it is the smaller model'}.
        </p>
      )}
      <p className="w-hint" data-race-fair>
        Kept fair: the same text ({text}) and the same {int(RACE_EVAL_CHARS)} held-out characters
        (the Transformer reads them in windows of its context, the LSTM in 16 running streams); the
        same batch ({RACE_BATCH} × {applied.context} characters a step, the LSTM’s BPTT length being
        the context); the same seconds of training, each model’s clock counting only its own steps
        (not the first, which builds its kernels), the one behind always going next. Each keeps its
        own chapter’s optimiser (AdamW with a {TRANSFORMER_LM_DEFAULTS.warmupSteps}-step warm-up;
        Adam with clipping).
      </p>
      <div
        className="w-charts"
        data-race-points-transformer={t?.bpc.length ?? 0}
        data-race-points-lstm={l?.bpc.length ?? 0}
      >
        <MetricReadout metrics={metrics} label="Race" />
        <Chart
          title="Held-out bits per character against seconds of training (lower is better)"
          xLabel="seconds of training"
          yLabel="bits / char"
          series={series}
        />
      </div>
    </TrainingShell>
  );
}
