import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import { CrossAttentionPanel } from './CrossAttentionPanel';
import { translateProbe } from './probes';
import {
  settingsProblem,
  TSQ_EVAL_EVERY,
  TSQ_EVAL_SIZE,
  TSQ_KNOBS,
  TSQ_MAX_INPUT,
  TSQ_PREFIX,
  tsqPresets,
  tsqSchema,
} from './schema';
import { createTransformerSeq2SeqSpec, type TransformerSeq2SeqController } from './spec';
import './transformer-seq2seq.css';
import { TsqCharts } from './TsqCharts';
import { checkSequenceInput, DEFAULT_SYMBOLS, readTaskInfo } from './views';
import { TRANSFORMER_SEQ2SEQ_DEFAULTS as D } from '../../models/transformer/encoderDecoderConfig';

const MemoControls = memo(Controls) as typeof Controls;
const MemoPanel = memo(CrossAttentionPanel);
const NONE: readonly string[] = [];

/** The sequence in the box at first (no repeated digit: its alignment is unambiguous). */
export const DEFAULT_SEQUENCE = '8302517';
/** Milliseconds between two readings of the reader's sequence while training. */
const READ_EVERY_MS = 2000;
/** Milliseconds after the last keystroke before the typed sequence is read. */
const TYPE_DELAY_MS = 200;

/**
 * Chapter 15's encoder-decoder Transformer (Vaswani et al. 2017: a pre-LN encoder and decoder of
 * N blocks each, the decoder's cross-attention reading the encoder's output, sinusoidal
 * positions, one tied embedding) trained live on reversing or sorting a sequence of digits, with
 * AdamW and a linear warm-up. Shows the training and held-out loss, held-out exact match (greedy
 * decoding), and, for a sequence the reader types (up to {@link TSQ_MAX_INPUT} digits, longer than
 * any trained on if they like), the greedy output and the cross-attention map of every decoder
 * layer and head, read again as the model trains. The model and its probe run in a Web Worker
 * (./spec.ts, ./probes.ts).
 *
 * Settings live in the URL with the prefix `tsq.` (`?tsq.task=sort&tsq.heads=1`).
 */
export function TransformerSeq2Seq() {
  const hp = useHyperparams(tsqSchema, { prefix: TSQ_PREFIX, presets: tsqPresets });
  const { values, setValue } = hp;
  const [controller] = useState<TransformerSeq2SeqController>(
    () => new TrainingController(createTransformerSeq2SeqSpec(), import.meta.env.BASE_URL),
  );
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, running, hasModel, applied } = tw;
  const status = rs?.status ?? 'idle';
  const info = useMemo(() => readTaskInfo(cs.taskInfo), [cs.taskInfo]);
  const maxInput = info?.maxInputLength ?? TSQ_MAX_INPUT;

  const [text, setText] = useState(DEFAULT_SEQUENCE);
  const problem = checkSequenceInput(text, info?.symbols ?? DEFAULT_SYMBOLS, maxInput);
  const textRef = useRef<string | null>(null);
  useEffect(() => {
    textRef.current = problem === null ? text : null;
  }, [text, problem]);
  const read = useCallback(
    () => void translateProbe(controller, () => textRef.current),
    [controller],
  );

  // While training: the reader's sequence every few seconds; on a stop or a step, once.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(read, READ_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, read]);
  const stepNow = rs?.step ?? 0;
  useEffect(() => {
    if (status === 'paused' || status === 'done') read();
  }, [status, stepNow, read]);
  // A typed sequence, a moment after the last keystroke.
  useEffect(() => {
    if (!hasModel || problem !== null) return;
    const timer = setTimeout(read, TYPE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, problem, hasModel, read]);

  const { applyPreset, reset: resetValues, restartNeeded } = hp;
  const idle = status === 'idle';
  const controls = useMemo(
    () => (
      <MemoControls
        schema={tsqSchema}
        values={values}
        onChange={setValue}
        presets={tsqPresets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NONE : restartNeeded}
      />
    ),
    [values, setValue, applyPreset, resetValues, idle, restartNeeded],
  );

  const settings = settingsProblem(values);
  const parameterCount = info?.parameterCount ?? cs.parameterCount;
  return (
    <TrainingShell
      schema={tsqSchema}
      hp={hp}
      tw={tw}
      title="An encoder-decoder Transformer learns to reverse and sort"
      subtitle={`Digits → ${applied.layers} encoder block${applied.layers === 1 ? '' : 's'} → ${applied.layers} decoder block${applied.layers === 1 ? '' : 's'} with ${applied.heads}-head cross-attention → the ${applied.task === 'sort' ? 'sorted' : 'reversed'} digits, trained live`}
      loading="TensorFlow.js"
      totalEpochs={applied.epochs}
      knobs={TSQ_KNOBS}
      controls={controls}
      canTrain={settings === null}
      data={{ task: applied.task, params: parameterCount ?? undefined }}
      messages={
        <>
          {settings && <WidgetMessage tone="warning">{settings}</WidgetMessage>}
          {cs.probeError && <WidgetMessage tone="warning">{cs.probeError}</WidgetMessage>}
        </>
      }
      footer={
        <MemoPanel
          text={text}
          onText={setText}
          problem={problem}
          result={cs.translation}
          task={applied.task}
          minLength={info?.minLength ?? D.minLength}
          maxLength={info?.maxLength ?? applied.maxLen}
          maxInput={maxInput}
          hasModel={hasModel}
          onRefresh={read}
        />
      }
      credit={
        <>
          Data: sequences of {D.minLength} to {applied.maxLen} random digits generated in your
          browser from the seed; one sequence in ten is held out.
        </>
      }
    >
      <TsqCharts state={rs} parameterCount={parameterCount} heldOut={info?.heldOut ?? null} />
      <p className="w-hint" data-data-info>
        {(info?.trainSize ?? D.trainSize).toLocaleString('en')} training pairs; a step reads{' '}
        {applied.batch} of them, teacher-forced; exact match is scored on{' '}
        {info?.heldOut ?? TSQ_EVAL_SIZE} held-out sequences every {TSQ_EVAL_EVERY} steps.
      </p>
    </TrainingShell>
  );
}
