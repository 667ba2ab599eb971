/**
 * The heavy half of the TF-IDF classifier widget, loaded with a dynamic `import()` only when the
 * widget comes near the screen: TensorFlow.js, the training runtime, the model and the loaders.
 */
import { loadSpam, loadUciSentences, type LoadProgress } from '../../data';
import { createLinearClassifier, type LinearClassifierTask } from '../../models';
import { TrainingRunner, selectBackendFromLocation } from '../../train';
import type { CorpusForFit, Vectorized } from './protocol';

export { TrainingRunner, selectBackendFromLocation };
export type { LinearClassifierTask };

/** The two tasks of the widget. */
export type TaskName = 'spam' | 'source';

/** A corpus ready for the vectorizer, with the names of its classes. */
export interface TaskCorpus extends CorpusForFit {
  classNames: string[];
}

/**
 * Loads the corpus of a task: SpamAssassin (0 ham, 1 spam) or the UCI review sentences labelled
 * by their source site (0 imdb, 1 yelp, 2 amazon), with their stratified 80/10/10 splits.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadTaskCorpus(
  task: TaskName,
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<TaskCorpus> {
  if (task === 'spam') {
    const c = await loadSpam({ baseUrl, onProgress, signal });
    return { texts: c.texts, labels: c.labels, splits: c.splits, classNames: [...c.labelNames] };
  }
  const c = await loadUciSentences({ baseUrl, onProgress, signal });
  return { texts: c.texts, labels: c.sourceIds, splits: c.splits, classNames: [...c.sources] };
}

/** Training settings (the schema's names). */
export interface TrainSettings {
  lr: number;
  l2: number;
  batch: number;
  epochs: number;
  seed: number;
}

/** Builds the classifier for a vectorized corpus and one set of training settings. */
export function buildTask(
  v: Vectorized,
  numClasses: number,
  s: TrainSettings,
): LinearClassifierTask {
  return createLinearClassifier({
    trainX: v.trainX,
    trainY: v.trainY,
    valX: v.valX,
    valY: v.valY,
    numClasses,
    learningRate: s.lr,
    l2: s.l2,
    batchSize: s.batch,
    epochs: s.epochs,
    seed: s.seed,
  });
}
