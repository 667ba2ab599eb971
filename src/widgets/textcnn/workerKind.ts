/**
 * The `textcnn` task kind of the TextCNN widget's worker (./textcnn.worker.ts): builds
 * `createTextCnnTask` from the config `toConfig` made and exposes the panels' probes and the
 * baselines' training. Runs in the worker only.
 */
import { createTextCnnTask, type TextCnnConfig, type TextCnnTask } from '../../models';
import type { TaskKind } from '../../train/worker/host';
import { trainBaseline, type BaselineName, type SplitTexts } from './baselines';

/** The TextCNN as a worker task kind. */
export const textCnnKind: TaskKind<TextCnnConfig, TextCnnTask> = {
  create: (config) => createTextCnnTask(config),
  calls: {
    /** For each filter, its k strongest distinct validation n-grams. */
    topNgrams: (task, k: number) => task.topNgrams(k),
    /** Winning windows and per-token contributions on one padded row (int32 `[maxlen]`). */
    explain: (task, row: Int32Array) => task.explain(row),
    /**
     * Trains chapter 1's or chapter 4's model (see ./baselines.ts) on the task's own split and
     * returns its numbers; `texts` (the split's raw texts) for `tfidf` only.
     */
    baseline: (task, name: BaselineName, texts?: SplitTexts) =>
      trainBaseline(name, task.config, texts),
  },
};
