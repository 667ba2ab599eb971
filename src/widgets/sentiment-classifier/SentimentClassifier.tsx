import { useEffect, useState } from 'react';
import { BackendBadge, Controls, TrainerBar, WidgetFrame, useHyperparams } from '../../ui';
import { TrainingMessages } from '../kit/TrainingMessages';
import { useTrainingWidget } from '../kit/useTrainingWidget';
import '../kit/widgets.css';
import { SentimentController } from './controller';
import { WATCH_STEPS_PER_SECOND, sentimentPresets, sentimentSchema } from './schema';
import { TrainingCharts } from './TrainingCharts';
import { TryYourOwn } from './TryYourOwn';

/**
 * Chapter 1's live classifier: Embedding → GlobalAveragePooling1D → Dense(1, sigmoid), trained
 * with Adam on the UCI Sentiment Labelled Sentences (Kotzias et al., 2015; CC BY 4.0). The
 * tokenizer is fitted on the training split only; the widget shows train and validation loss
 * and accuracy, the validation OOV rate, and predictions for the reader's own sentence.
 *
 * TensorFlow.js and the data are downloaded only when the widget comes near the screen.
 * Settings live in the URL under their bare names (`?lr=0.05&num_words=500`).
 */
export function SentimentClassifier() {
  const hp = useHyperparams(sentimentSchema, { presets: sentimentPresets });
  const { values } = hp;
  const [controller] = useState(() => new SentimentController(import.meta.env.BASE_URL));
  const tw = useTrainingWidget(controller, hp);
  const { cs, runner, rs, rootRef, ready, play, pause, step, reset, toggle } = tw;

  // Speed is live: it changes the pace of the current run.
  useEffect(() => {
    runner?.setPace(values.speed === 'watch' ? WATCH_STEPS_PER_SECOND : null);
  }, [runner, values.speed]);

  const status = rs?.status ?? 'idle';
  const applied = cs.applied ?? values;

  return (
    <div ref={rootRef} className="w-root">
      <WidgetFrame
        id="sentiment-classifier"
        title="Sentiment classifier, trained live"
        subtitle="Embedding → GlobalAveragePooling1D → Dense(1, sigmoid) on 2,400 review sentences"
        badge={<BackendBadge info={rs?.backend ?? null} />}
        data={{ status: tw.widgetStatus, step: rs?.step ?? 0, backend: rs?.backend?.name }}
        onTogglePlay={ready ? toggle : undefined}
        onStep={ready ? step : undefined}
        onReset={ready ? reset : undefined}
      >
        <TrainingMessages tw={tw} messages={hp.messages} onDismissMessages={hp.dismissMessages} />
        {cs.phase === 'loading' && (
          <p className="w-hint" role="status">
            Loading TensorFlow.js and the review sentences
            {cs.progress != null ? ` (${Math.round(cs.progress * 100)}%)` : ''}…
          </p>
        )}
        <TrainerBar
          status={status}
          step={rs?.step ?? 0}
          epoch={rs?.epoch ?? 0}
          totalEpochs={applied.epochs}
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
            schema={sentimentSchema}
            values={values}
            onChange={hp.setValue}
            presets={sentimentPresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
            restartPending={status === 'idle' ? [] : hp.restartNeeded}
          />
          <div className="w-main">
            <TrainingCharts state={rs} encoded={cs.encoded} dim={applied.dim} />
            {cs.encoded && (
              <p className="w-hint">
                Vocabulary fitted on the training split:{' '}
                {cs.encoded.typesInTraining.toLocaleString('en')} word types, of which the{' '}
                {Math.min(applied.num_words - 2, cs.encoded.typesInTraining)} most frequent get
                their own id (num_words = {applied.num_words}; index 0 is padding, 1 is{' '}
                <code>&lt;OOV&gt;</code>).{' '}
                {`${(cs.encoded.valTruncatedRate * 100).toFixed(1)}% of validation sentences are longer than maxlen = ${applied.maxlen} and lose words (truncating = '${applied.truncating}').`}
              </p>
            )}
            {cs.phase === 'ready' && <TryYourOwn controller={controller} version={rs?.step ?? 0} />}
          </div>
        </div>
        <p className="w-credit">
          Data: UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas and Smyth, 2015), 1,000
          sentences each from IMDB, Yelp and Amazon; CC BY 4.0. Split 80/10/10; the test split is
          not used here.
        </p>
      </WidgetFrame>
    </div>
  );
}
