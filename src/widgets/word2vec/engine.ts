/**
 * The heavy half of the word2vec widget, loaded with a dynamic `import()` only when the widget
 * comes near the screen: TensorFlow.js, the training runtime and the word2vec task.
 */
import { createWord2VecTask, type Word2VecTask } from '../../models/word2vec';
import { TrainingRunner, selectBackendFromLocation } from '../../train';
import type { PreparedCorpus } from './corpusClient';
import { effectiveAlpha, type Word2VecSettings } from './schema';

export { TrainingRunner, selectBackendFromLocation };
export type { Word2VecTask };

/**
 * Builds the task for a prepared corpus and the widget's settings. No evaluation set: the
 * controller evaluates on its own schedule (seconds of training, not steps) and keeps the full
 * result (per family) for the views.
 * @throws RangeError from `createWord2VecTask`'s validation (e.g. a model over its size limit).
 */
export function buildTask(prepared: PreparedCorpus, s: Word2VecSettings): Word2VecTask {
  return createWord2VecTask({
    corpus: prepared.corpus,
    architecture: s.arch,
    window: s.window,
    negative: s.negative,
    dim: s.dim,
    alpha: effectiveAlpha(s),
    sample: s.sample,
    epochs: s.epochs,
    batchSize: Math.max(s.batch, 2 * s.window),
    seed: s.seed,
  });
}
