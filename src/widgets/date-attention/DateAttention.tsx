import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import { AttentionPanel } from './AttentionPanel';
import './date-attention.css';
import { DateCharts } from './DateCharts';
import { DateProbes } from './probes';
import { attentionOf, DATE_KNOBS, DATE_PREFIX, datePresets, dateSchema } from './schema';
import { createDateSpec, type DateController } from './spec';
import {
  archiveRun,
  attentionLabel,
  checkDateInput,
  comparisonRun,
  EMPTY_ARCHIVE,
  keepRun,
  type DateTaskInfo,
  type RunArchive,
} from './views';
import { SEQ2SEQ_DEFAULTS } from '../../models/seq2seq';

const MemoAttentionPanel = memo(AttentionPanel);
const MemoDateCharts = memo(DateCharts);

/** The date in the box at first (a training format). */
export const DEFAULT_DATE = '3rd of March 2021';
/** Milliseconds between two conversions of the reader's date while training. */
const ATTEND_EVERY_MS = 2500;
/** Milliseconds after the last keystroke before the typed date is converted. */
const TYPE_DELAY_MS = 250;

/**
 * Chapter 14's date converter (after the Keras/Coursera "neural machine translation with
 * attention" date exercise): human-written dates in sixteen formats → ISO 8601, by chapter 13's
 * encoder-decoder (bidirectional GRU encoder, GRU decoder) with Luong-style global attention
 * (additive, dot or general scores; Bahdanau et al. 2015, Luong et al. 2015), or without
 * attention. Shows the training loss and exact match on held-out dates and held-out formats,
 * exact match by input length, and the attention heatmap of a date the reader types, redrawn as
 * the model trains. The latest run of the other kind (with / without attention), kept when Reset
 * replaces it, is drawn dashed beside the current run's. The model and its
 * probes run in a Web Worker (./spec.ts, ./probes.ts). Settings live in the URL with the prefix
 * `date.` (`?date.attention=false`).
 */
export function DateAttention() {
  const hp = useHyperparams(dateSchema, { prefix: DATE_PREFIX, presets: datePresets });
  const [controller] = useState<DateController>(
    () => new TrainingController(createDateSpec(), import.meta.env.BASE_URL),
  );
  const [probes] = useState(() => new DateProbes(controller));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, running, hasModel, applied } = tw;
  const status = rs?.status ?? 'idle';
  const info = cs.taskInfo as DateTaskInfo | null;
  const attention = attentionOf(applied);

  const [text, setText] = useState(DEFAULT_DATE);
  const problem = checkDateInput(text, info?.sourceChars ?? null, info?.maxSourceLength);
  const textRef = useRef<string | null>(null);
  useEffect(() => {
    textRef.current = problem === null ? text : null;
  }, [text, problem]);
  const attend = useCallback(() => {
    if (textRef.current !== null) void probes.attend(textRef.current);
  }, [probes]);

  // While training: the reader's date every few seconds; on a stop, once.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(attend, ATTEND_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, attend]);
  const stepNow = rs?.step ?? 0;
  useEffect(() => {
    if (status === 'paused' || status === 'done') attend();
  }, [status, stepNow, attend]);
  // A typed date, a moment after the last keystroke.
  useEffect(() => {
    if (!hasModel || problem !== null) return;
    const timer = setTimeout(attend, TYPE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, problem, hasModel, attend]);
  // Exact match by length after every evaluation.
  const evaluations = rs?.evalHistory.step.length ?? 0;
  useEffect(() => {
    if (evaluations > 0) void probes.byLength();
  }, [evaluations, probes]);

  // The run being replaced by Reset (paused, finished or still running) is kept for the comparison.
  const [archive, setArchive] = useState<RunArchive>(EMPTY_ARCHIVE);
  const keep = useCallback(() => {
    const { runner, applied: a, byLength } = controller.getState();
    const state = runner?.getState();
    if (!state || !a) return;
    setArchive((old) => keepRun(old, archiveRun(state, attentionOf(a), a.seed, byLength)));
  }, [controller]);
  const other = comparisonRun(archive, attention);
  const { reset } = tw;
  const shellTw = useMemo(
    () => ({
      ...tw,
      reset: () => {
        keep();
        reset();
      },
    }),
    [tw, keep, reset],
  );

  return (
    <TrainingShell
      schema={dateSchema}
      hp={hp}
      tw={shellTw}
      title="Converting dates, with and without attention"
      subtitle={`Characters → bidirectional GRU encoder → GRU decoder${attention === 'none' ? ' (no attention)' : ` with ${attention} attention`} → YYYY-MM-DD, trained live`}
      presets={datePresets}
      loading="TensorFlow.js"
      totalEpochs={SEQ2SEQ_DEFAULTS.epochs}
      knobs={DATE_KNOBS}
      data={{ attention, comparison: other ? other.attention : undefined }}
      messages={cs.probeError && <WidgetMessage tone="warning">{cs.probeError}</WidgetMessage>}
      credit={
        <>
          Data: dates from 1970 to 2039 generated in your browser from the seed; one date in ten is
          held out, half of them written in three formats never used in training.
        </>
      }
    >
      <MemoAttentionPanel
        text={text}
        onText={setText}
        problem={problem}
        result={cs.attend}
        attention={attention !== 'none'}
        hasModel={hasModel}
        onRefresh={attend}
      />
      <MemoDateCharts
        state={rs}
        label={attentionLabel(attention)}
        parameterCount={info?.parameterCount ?? null}
        batchSize={SEQ2SEQ_DEFAULTS.batchSize}
        byLength={cs.byLength}
        other={other}
      />
      <p className="w-hint" data-comparison-note>
        {other
          ? `Dashed: the last run ${other.attention === 'none' ? 'without' : 'with'} attention (${other.label}, seed ${other.seed}), kept when Reset replaced it.`
          : `Switch attention ${attention === 'none' ? 'on' : 'off'} and press Reset: this run’s curves stay, dashed, beside the new one.`}
      </p>
    </TrainingShell>
  );
}
