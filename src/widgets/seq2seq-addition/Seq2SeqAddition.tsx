import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import { AdditionCharts } from './AdditionCharts';
import { LengthBars } from './LengthBars';
import { askModel, readEvaluation } from './probes';
import { parseQuestion } from './question';
import { QuestionPanel } from './QuestionPanel';
import {
  ADDITION_EPOCHS,
  ADDITION_KNOBS,
  ADDITION_PREFIX,
  additionPresets,
  additionSchema,
  additionTrainSchema,
} from './schema';
import { additionSpec, type AdditionController } from './spec';
import './seq2seq-addition.css';

const MemoControls = memo(Controls) as typeof Controls;
const MemoLengthBars = memo(LengthBars);
/** The training knobs beside the charts (the decoding knobs sit by the question). */
const TRAIN_KEYS = Object.keys(additionTrainSchema) as (keyof typeof additionSchema & string)[];
const NONE: readonly string[] = [];

/** Milliseconds between automatic answers to the reader's question while training. */
const ASK_EVERY_MS = 3000;
/** Milliseconds of quiet typing before the question is asked. */
const TYPING_MS = 150;

/**
 * Chapter 13's sequence-to-sequence model trained live on addition written as text ("123+45" ->
 * "168"; Sutskever, Vinyals & Le 2014; Cho et al. 2014), without attention: character
 * embeddings -> a bidirectional GRU encoder -> a tanh bridge from [last forward; first backward]
 * to the first state of a GRU decoder -> softmax over the digits and </s>, teacher forcing,
 * Adam. Shows the training and held-out loss, held-out exact match (greedy decoding), exact
 * match by answer length, and the reader's question answered by greedy and beam search side by
 * side with the beam's candidates and their length-normalised scores. The model and its probes
 * run in a Web Worker (./spec.ts, ./probes.ts), between training steps.
 *
 * Settings live in the URL with the prefix `add.` (`?add.reverse=true&add.digits=4`).
 */
export function Seq2SeqAddition() {
  const hp = useHyperparams(additionSchema, { prefix: ADDITION_PREFIX, presets: additionPresets });
  const { values, setValue } = hp;
  const [controller] = useState<AdditionController>(
    () => new TrainingController(additionSpec, import.meta.env.BASE_URL),
  );
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, running, hasModel, applied } = tw;
  const status = rs?.status ?? 'idle';

  const [text, setText] = useState('57+68');
  const parsed = useMemo(() => parseQuestion(text, applied.digits), [text, applied.digits]);
  const { beam, alpha } = values;
  const ask = useCallback(() => {
    if (parsed.ok) void askModel(controller, parsed, beam, alpha);
  }, [controller, parsed, beam, alpha]);

  // A new question or decoding knob: asked once typing pauses (and the model exists).
  useEffect(() => {
    if (!hasModel) return;
    const timer = setTimeout(ask, TYPING_MS);
    return () => clearTimeout(timer);
  }, [ask, hasModel]);
  // While training: asked again every few seconds, between steps.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(ask, ASK_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, ask]);
  // When training stops (pause, a single step, the end): asked once more.
  const stepNow = rs?.step ?? 0;
  useEffect(() => {
    if (status === 'paused' || status === 'done') ask();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per stop and step
  }, [status, stepNow]);
  // After each evaluation: its scores by answer length.
  const evaluations = rs?.evalHistory?.step?.length ?? 0;
  useEffect(() => {
    if (evaluations > 0) void readEvaluation(controller);
  }, [controller, evaluations]);

  const { applyPreset, reset: resetValues, restartNeeded } = hp;
  const idle = status === 'idle';
  const controls = useMemo(
    () => (
      <MemoControls
        schema={additionSchema}
        keys={TRAIN_KEYS}
        values={values}
        onChange={setValue}
        presets={additionPresets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NONE : restartNeeded}
      />
    ),
    [values, setValue, applyPreset, resetValues, idle, restartNeeded],
  );

  const info = cs.taskInfo;
  const num = (k: string) => (typeof info?.[k] === 'number' ? (info[k] as number) : null);
  const trainSize = num('trainSize');
  return (
    <TrainingShell
      schema={additionSchema}
      hp={hp}
      tw={tw}
      title="A seq2seq model learns to add"
      subtitle={`Characters → bidirectional GRU (${applied.enc} per direction) → one context vector → GRU decoder (${applied.dec}) → digits, no attention`}
      loading="TensorFlow.js"
      totalEpochs={ADDITION_EPOCHS}
      knobs={ADDITION_KNOBS}
      controls={controls}
      messages={cs.probeError && <WidgetMessage tone="warning">{cs.probeError}</WidgetMessage>}
      footer={<MemoLengthBars evaluation={cs.evaluation} />}
    >
      <AdditionCharts
        state={rs}
        parameterCount={num('parameterCount')}
        heldOut={num('validationSize')}
      />
      {trainSize != null && (
        <p className="w-hint" data-data-info>
          {trainSize.toLocaleString('en')} training sums of numbers with 1 to {applied.digits}{' '}
          digits{applied.reverse ? ', fed to the encoder reversed' : ''}; a step reads{' '}
          {applied.batch} of them, a pass is {num('stepsPerEpoch')?.toLocaleString('en')} steps.
        </p>
      )}
      <QuestionPanel
        text={text}
        onText={setText}
        parsed={parsed}
        answer={cs.answer}
        hasModel={hasModel}
        maxDigits={applied.digits}
        reversed={applied.reverse}
        values={values}
        onChange={setValue}
      />
    </TrainingShell>
  );
}
