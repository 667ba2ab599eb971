import { useCallback, useEffect, useState } from 'react';
import { parseFilterWidths, textCnnParameterCount } from '../../models/textcnn/config';
import { useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import { BaselinePanel } from './BaselinePanel';
import { runBaselines } from './baselineRun';
import { Charts } from './Charts';
import { ExplainPanel } from './ExplainPanel';
import { NgramPanel } from './NgramPanel';
import {
  TEXTCNN_KNOBS,
  TEXTCNN_PREFIX,
  textCnnPresets,
  textCnnSchema,
  type TextCnnSettings,
} from './schema';
import { refreshExplanation, refreshNgrams, textCnnSpec, type TextCnnController } from './spec';
import './textcnn.css';

/** Milliseconds between n-gram reads while training. */
const NGRAMS_EVERY_MS = 4000;

function parameters(s: TextCnnSettings): number {
  try {
    return textCnnParameterCount(s.num_words, s.dim, parseFilterWidths(s.widths), s.filters, 2);
  } catch {
    return Number.NaN;
  }
}

/**
 * Chapter 11's live TextCNN (Kim 2014): embedding, filters of several widths, ReLU, max over
 * time, dropout and a linear layer, trained with Adam on the UCI review sentences or on spam vs
 * ham. Shows train and validation curves, each filter's strongest validation n-grams, and for the
 * reader's sentence each word's contribution and the windows that won the filters' max pools,
 * and a table beside chapter 1's and chapter 4's models trained on the same split.
 * The model trains in a Web Worker; settings live in the URL under their bare names.
 */
export function TextCnn() {
  const hp = useHyperparams(textCnnSchema, { prefix: TEXTCNN_PREFIX, presets: textCnnPresets });
  const [controller] = useState<TextCnnController>(
    () => new TrainingController(textCnnSpec, import.meta.env.BASE_URL),
  );
  const tw = useTrainingWidget(controller, hp);
  const { cs, rs, applied } = tw;
  const status = rs?.status;
  const running = status === 'running';
  const hasModel = status === 'running' || status === 'paused' || status === 'done';
  const explain = useCallback(
    (text: string) => void refreshExplanation(controller, text),
    [controller],
  );

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refreshNgrams(controller), NGRAMS_EVERY_MS);
    return () => clearInterval(timer);
  }, [running, controller]);
  const stepNow = rs?.step ?? 0;
  useEffect(() => {
    if (status === 'paused' || status === 'done') void refreshNgrams(controller);
  }, [status, stepNow, controller]);

  const data = cs.data;
  return (
    <TrainingShell
      schema={textCnnSchema}
      hp={hp}
      tw={tw}
      title="A TextCNN, trained live"
      subtitle="Embedding → Conv1d of several widths → ReLU → max over time → dropout → Linear"
      presets={textCnnPresets}
      loading="TensorFlow.js and the texts"
      totalEpochs={applied.epochs}
      knobs={TEXTCNN_KNOBS}
      // The n-gram table is wide and long: it spans the widget under the controls.
      footer={<NgramPanel ngrams={cs.ngrams} step={cs.ngramsStep} />}
      credit={
        <>
          Data: UCI Sentiment Labelled Sentences (Kotzias et al., 2015; CC BY 4.0) or the Apache
          SpamAssassin public corpus. Split 80/10/10; the test split is not used here. Model: Kim,
          “Convolutional Neural Networks for Sentence Classification” (EMNLP 2014).
        </>
      }
    >
      <Charts state={rs} parameters={parameters(applied)} />
      {data && (
        <p className="w-hint">
          {data.encoded.nTrain.toLocaleString('en')} training and{' '}
          {data.encoded.nVal.toLocaleString('en')} validation texts;{' '}
          {`${(data.encoded.valTruncatedRate * 100).toFixed(1)}% of validation texts are longer than maxlen = ${applied.maxlen} and lose their end.`}
        </p>
      )}
      {cs.probeError && <p className="w-hint">{cs.probeError}</p>}
      <BaselinePanel
        state={rs}
        parameters={parameters(applied)}
        baselines={cs.baselines}
        canRun={hasModel}
        onRun={() => void runBaselines(controller)}
      />
      {cs.phase === 'ready' && data && (
        <ExplainPanel
          explanation={cs.explanation}
          labelNames={data.labelNames}
          explain={explain}
          // While training, at most once per 20 steps; otherwise at every step (Step, pause).
          version={running ? -Math.floor(stepNow / 20) - 1 : stepNow}
        />
      )}
    </TrainingShell>
  );
}
