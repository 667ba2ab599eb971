import { useCallback, useEffect, useState } from 'react';
import { useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import {
  SENTIMENT_KNOBS,
  WATCH_STEPS_PER_SECOND,
  sentimentPresets,
  sentimentSchema,
} from './schema';
import { predictSentence, sentimentSpec, type SentimentController } from './spec';
import { TrainingCharts } from './TrainingCharts';
import { TryYourOwn } from './TryYourOwn';

/**
 * Chapter 1's live classifier: Embedding → GlobalAveragePooling1D → Dense(1, sigmoid), trained
 * with Adam on the UCI Sentiment Labelled Sentences (Kotzias et al., 2015; CC BY 4.0). The
 * tokenizer is fitted on the training split only; the widget shows train and validation loss
 * and accuracy, the validation OOV rate, and predictions for the reader's own sentence.
 *
 * The model trains in a Web Worker; TensorFlow.js and the data are downloaded only when the
 * widget comes near the screen. Settings live in the URL under their bare names
 * (`?lr=0.05&num_words=500`).
 */
export function SentimentClassifier() {
  const hp = useHyperparams(sentimentSchema, { presets: sentimentPresets });
  const { values } = hp;
  const [controller] = useState<SentimentController>(
    () => new TrainingController(sentimentSpec, import.meta.env.BASE_URL),
  );
  const tw = useTrainingWidget(controller, hp);
  const { cs, runner, rs, applied } = tw;
  const encoded = cs.data?.encoded ?? null;
  const predict = useCallback((text: string) => predictSentence(controller, text), [controller]);

  // Speed is live: it changes the pace of the current run.
  useEffect(() => {
    runner?.setPace(values.speed === 'watch' ? WATCH_STEPS_PER_SECOND : null);
  }, [runner, values.speed]);

  return (
    <TrainingShell
      schema={sentimentSchema}
      hp={hp}
      tw={tw}
      title="Sentiment classifier, trained live"
      subtitle="Embedding → GlobalAveragePooling1D → Dense(1, sigmoid) on 2,400 review sentences"
      presets={sentimentPresets}
      loading="TensorFlow.js and the review sentences"
      totalEpochs={applied.epochs}
      knobs={SENTIMENT_KNOBS}
      credit={
        <>
          Data: UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas and Smyth, 2015), 1,000
          sentences each from IMDB, Yelp and Amazon; CC BY 4.0. Split 80/10/10; the test split is
          not used here.
        </>
      }
    >
      <TrainingCharts state={rs} encoded={encoded} dim={applied.dim} />
      {encoded && (
        <p className="w-hint">
          Vocabulary fitted on the training split: {encoded.typesInTraining.toLocaleString('en')}{' '}
          word types, of which the {Math.min(applied.num_words - 2, encoded.typesInTraining)} most
          frequent get their own id (num_words = {applied.num_words}; index 0 is padding, 1 is{' '}
          <code>&lt;OOV&gt;</code>).{' '}
          {`${(encoded.valTruncatedRate * 100).toFixed(1)}% of validation sentences are longer than maxlen = ${applied.maxlen} and lose words (truncating = '${applied.truncating}').`}
        </p>
      )}
      {cs.phase === 'ready' && (
        <TryYourOwn predict={predict} version={`${rs?.step ?? 0}:${rs?.checkpointStep ?? -1}`} />
      )}
    </TrainingShell>
  );
}
