/**
 * The `tfidf` task kind of the classifier's worker (./tfidf.worker.ts). The task vectorizes in
 * the worker (reusing the vectorization the page asked for before, see ./vectorizeService.ts)
 * and trains `createLinearClassifier` on those matrices, so they never cross to the page. Its
 * probes return packed typed arrays, transferred: `inspect(k)` (largest weights per class and
 * the validation confusion matrix) and `explain(text)` (the reader's text term by term).
 * Runs in the worker only.
 */
import {
  createLinearClassifier,
  LINEAR_DIVERGENCE_HINT,
  type LinearClassifierTask,
} from '../../models';
import type { TrainingTask } from '../../train/types';
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';
import { explanationBuffers, packExplanation, packInspection } from './probes';
import type { PackedExplanation, PackedInspection, TfidfTaskConfig } from './protocol';
import { VectorizeService, type Fitted } from './vectorizeService';
import { transformText } from './vectorizeCore';

/** The classifier task of one run: the linear model on its vectorization. */
export interface TfidfTask extends TrainingTask {
  /** The model and its vectorization; throws before `init()`. */
  parts(): { model: LinearClassifierTask; fitted: Fitted };
}

/**
 * Builds the task; `init()` gets the vectorization of `config.fit` from `service` (fitting it
 * when this worker has not yet) and builds the model on it.
 * @throws (from `init`) the vectorizer's and the model config's errors.
 */
export function createTfidfTask(config: TfidfTaskConfig, service: VectorizeService): TfidfTask {
  let model: LinearClassifierTask | null = null;
  let fitted: Fitted | null = null;
  let disposed = false;
  const need = () => {
    if (!model || !fitted) throw new Error('tf-idf classifier: call init() first');
    return model;
  };
  return {
    name: config.numClasses === 2 ? 'logistic regression' : 'softmax regression',
    divergenceHint: LINEAR_DIVERGENCE_HINT,
    async init() {
      if (model || disposed) return;
      const f = await service.fitted(config.fit);
      if (disposed) return;
      const { result } = f;
      const m = createLinearClassifier({
        trainX: result.trainX,
        trainY: result.trainY,
        valX: result.valX,
        valY: result.valY,
        numClasses: config.numClasses,
        learningRate: config.learningRate,
        l2: config.l2,
        batchSize: config.batchSize,
        epochs: config.epochs,
        seed: config.seed,
      });
      await m.init();
      model = m;
      fitted = f;
    },
    step: () => need().step(),
    evaluate: () => need().evaluate(),
    progress: () => need().progress(),
    getWeights: () => need().getWeights(),
    setWeights: (w) => need().setWeights(w),
    getTrainingState: async () => need().getTrainingState!(),
    setTrainingState: async (state) => need().setTrainingState!(state),
    parts() {
      return { model: need(), fitted: fitted! };
    },
    dispose() {
      disposed = true;
      model?.dispose();
      model = null;
      fitted = null;
    },
  };
}

/** The kind for `serveTasks`, on this worker's vectorizer `service`. */
export function tfidfKind(service: VectorizeService): TaskKind<TfidfTaskConfig, TfidfTask> {
  return {
    create: (config) => createTfidfTask(config, service),
    describe: (task) => ({ matmul: task.parts().model.matmul }),
    calls: {
      /** The `k` largest weights per class and the latest confusion matrix. */
      inspect: async (task, k: number): Promise<PackedInspection> => {
        const { model, fitted } = task.parts();
        const top = await model.topTerms(k, fitted.result.featureNames);
        const packed = packInspection(top, model.lastEvaluation);
        const buffers = [packed.weights.buffer, packed.confusion?.buffer];
        return transfer(packed, buffers.filter((b) => b != null) as ArrayBuffer[]);
      },
      /** The reader's text: its terms, each term's contribution, the probabilities. */
      explain: async (task, text: string): Promise<PackedExplanation> => {
        const { model, fitted } = task.parts();
        const t = transformText(fitted.vectorizer, text);
        const e = await model.explain(
          { indices: t.indices, values: t.values },
          fitted.result.featureNames,
        );
        const packed = packExplanation(t.terms, e);
        return transfer(packed, explanationBuffers(packed));
      },
    },
  };
}
