/**
 * How the kit runs the TF-IDF classifier: the data of a run is a vectorization made in the
 * widget's one worker (./workers.ts; redone only when the task or a vectorizer setting changed),
 * the model trains in that same worker (task kind `tfidf`), and the widget's probes read the
 * model there: {@link refreshInspection} (weight bars, confusion matrix) and {@link explainText}
 * (the "type a text" box). See src/widgets/kit.
 */
import { proxy } from '../../train/worker/rpc';
import type { TrainingController, TrainingSpec } from '../kit';
import {
  termsOnly,
  unpackExplanation,
  unpackInspection,
  type Inspection,
  type TextVerdict,
} from './probes';
import type { PackedExplanation, PackedInspection } from './protocol';
import { fitRequest, toConfig, type TfidfData, type TfidfSettings } from './schema';
import { fitKey } from './vectorizeService';
import type { TfidfWorker } from './workers';

/** The widget's own state in the controller. */
export interface TfidfExtra {
  /** True while the worker loads the corpus and fits the vectorizer. */
  vectorizing: boolean;
  /** The latest weight bars and confusion matrix of the current run, or null. */
  inspection: Inspection | null;
  /** Why the latest probe failed, or null. */
  probeError: string | null;
}

/** The classifier's controller (one per mounted widget). */
export type TfidfController = TrainingController<TfidfSettings, TfidfData, TfidfExtra>;

/**
 * The classifier as the kit runs it, on `worker` (one per mounted widget).
 * @param onVectorizing - told when a vectorization starts (the widget shows it).
 */
export function tfidfSpec(
  worker: TfidfWorker,
  onVectorizing: () => void = () => undefined,
): TrainingSpec<TfidfSettings, TfidfData, TfidfExtra> {
  return {
    id: 'tfidf-classifier',
    what: 'the classifier',
    taskKind: 'tfidf',
    spawnWorker: () => worker.forTraining(),
    async prepare(settings, { previous, onProgress, baseUrl }) {
      const request = fitRequest(settings, baseUrl);
      if (previous && fitKey(previous.request) === fitKey(request)) return previous;
      onVectorizing();
      // Progress comes back on a port of its own: one that arrives after the result is dropped.
      let done = false;
      const progress = proxy((fraction: number | null) => {
        if (!done) onProgress(fraction);
      });
      try {
        return { request, facts: await worker.vectorizer().fit(request, progress) };
      } finally {
        done = true;
      }
    },
    taskConfig: (data, settings) => toConfig(settings, data),
    initialExtra: { vectorizing: false, inspection: null, probeError: null },
    runnerOptions: { evalEvery: 25 },
  };
}

/**
 * Reads the largest weights per class (`k` each) and the latest confusion matrix from the
 * worker into the controller's `inspection` (a probe: skipped while no model exists).
 */
export function refreshInspection(controller: TfidfController, k: number): Promise<void> {
  return controller.probe(
    'inspect',
    async (task, isCurrent) => {
      const packed = await task.call<PackedInspection>('inspect', k);
      const classes = controller.getState().data?.facts.classNames.length ?? 0;
      if (isCurrent()) {
        controller.update({ inspection: unpackInspection(packed, classes), probeError: null });
      }
    },
    (message) => controller.update({ probeError: `The weights could not be read: ${message}` }),
  );
}

/**
 * The reader's text through the run's vectorizer and, once a model exists, the model (both in
 * the worker).
 * @returns null before the data is prepared; `explanation` null when no model exists yet.
 * @throws (rejects) the worker's error, e.g. when it stopped.
 */
export async function explainText(
  controller: TfidfController,
  worker: TfidfWorker,
  text: string,
): Promise<TextVerdict | null> {
  const { data, runner, vectorizing } = controller.getState();
  if (!data || vectorizing) return null;
  const status = runner?.getState().status;
  const task = controller.currentTask;
  if (task && status && !['idle', 'initializing', 'error'].includes(status)) {
    return unpackExplanation(await task.call<PackedExplanation>('explain', text));
  }
  return termsOnly(await worker.vectorizer().transform(data.request, text));
}
