/**
 * How the kit runs chapter 14's date converter: no download (the worker generates the dates from
 * the seed), the model's Web Worker and task kind, the runner's cadence, and the widget's own
 * state (probe results). See src/widgets/kit; the probes are in ./probes.ts.
 */
import type { TrainingController, TrainingSpec } from '../kit';
import { DATE_EVAL_EVERY, toConfig, type DateSettings } from './schema';
import type { AttendResult, ByLengthResult } from './views';

/** The data of a run: nothing to load (the dates are generated in the worker from the seed). */
export type DateData = Record<string, never>;

/** The widget's own state in the controller's store (reset on every apply). */
export interface DateExtra {
  /** The reader's date through the current model, with its attention. */
  attend: AttendResult | null;
  /** Exact match by input length at the latest evaluation. */
  byLength: ByLengthResult | null;
  probeError: string | null;
}

/** The date converter's controller (one per mounted widget). */
export type DateController = TrainingController<DateSettings, DateData, DateExtra>;

/** The runner publishes progress at most this often, in ms. */
export const PUBLISH_EVERY_MS = 250;

/** The date converter as the kit runs it (task kind `date-seq2seq` in ./dateAttention.worker.ts). */
export function createDateSpec(): TrainingSpec<DateSettings, DateData, DateExtra> {
  return {
    id: 'date-attention',
    what: 'the date converter',
    taskKind: 'date-seq2seq',
    spawnWorker: () =>
      new Worker(new URL('./dateAttention.worker.ts', import.meta.url), {
        type: 'module',
        name: 'date-attention',
      }),
    prepare: async () => ({}),
    taskConfig: (_data, settings) => toConfig(settings),
    initialExtra: { attend: null, byLength: null, probeError: null },
    runnerOptions: {
      evalEvery: DATE_EVAL_EVERY,
      maxStepsPerFrame: 4,
      publishEveryMs: PUBLISH_EVERY_MS,
    },
  };
}
