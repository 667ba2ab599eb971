/**
 * The `sentiment` task kind of the classifier's worker (./sentiment.worker.ts): builds
 * `createSentimentTask` from the config `toConfig` made, and exposes `predict` (P(positive) of
 * padded rows) to the page. Runs in the worker only.
 */
import { createSentimentTask, type SentimentTask } from '../../models';
import type { SentimentConfig } from '../../models/sentimentConfig';
import type { TaskKind } from '../../train/worker/host';

/** The classifier as a worker task kind. */
export const sentimentKind: TaskKind<SentimentConfig, SentimentTask> = {
  create: (config) => createSentimentTask(config),
  calls: {
    /** P(positive) of each padded row: int32 `[n * maxlen]` -> `[n]`. */
    predict: (task, rows: Int32Array) => task.predict(rows),
  },
};
