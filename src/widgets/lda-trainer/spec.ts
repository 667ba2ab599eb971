/**
 * How the kit runs the LDA trainer: the worker and task kind (the corpus is loaded and
 * vectorized in the worker, so the page prepares nothing but the base URL), and the `view`
 * probe that reads the topics, the prevalence by decade and the distance map. See src/widgets/kit.
 */
import type { TrainingController, TrainingSpec } from '../kit';
import type { LdaInfo, LdaView } from './ldaTask';
import { toConfig, type LdaSettings } from './schema';

/** The data of a run: only where the corpus is; the worker loads it. */
export interface LdaData {
  baseUrl: string;
}

/** The widget's own state in the controller's store. */
export interface LdaExtra {
  view: LdaView | null;
  probeError: string | null;
}

/** The LDA trainer as the kit runs it (task kind `lda` in ./lda.worker.ts). */
export const ldaSpec: TrainingSpec<LdaSettings, LdaData, LdaExtra> = {
  id: 'lda-trainer',
  what: 'the topic model',
  taskKind: 'lda',
  spawnWorker: () =>
    new Worker(new URL('./lda.worker.ts', import.meta.url), { type: 'module', name: 'lda' }),
  prepare: async (_settings, { baseUrl }) => ({ baseUrl }),
  taskConfig: (data, settings) => toConfig(settings, data.baseUrl),
  initialExtra: { view: null, probeError: null },
  // Every step is an iteration: evaluate() returns nothing, the curves come with the steps.
  runnerOptions: { evalEvery: 1_000_000, checkpointEveryMs: 60_000 },
};

/** The LDA trainer's controller (one per mounted widget). */
export type LdaController = TrainingController<LdaSettings, LdaData, LdaExtra>;

/** The corpus facts the worker reported at init, or null before. */
export function ldaInfo(c: LdaController): LdaInfo | null {
  const info = c.getState().taskInfo;
  return info && 'vocabulary' in info ? (info as unknown as LdaInfo) : null;
}

/** Reads the views' numbers into the store (between iterations). */
export function refreshView(c: LdaController): Promise<void> {
  return c.probe(
    'view',
    async (task, isCurrent) => {
      const view = await task.call<LdaView>('view');
      if (isCurrent()) c.update({ view, probeError: null });
    },
    (message) => c.update({ probeError: `Could not read the model: ${message}` }),
  );
}
