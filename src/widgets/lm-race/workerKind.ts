/**
 * The `lm-race` task kind of the race's worker (./lmRace.worker.ts): builds
 * {@link createLmRaceTask} from the page's config (`toConfig` in ./schema.ts) and exposes one
 * probe, `curves`: both models' held-out curves and clocks as plain arrays. Runs in the worker only.
 */
import type { TaskKind } from '../../train/worker/host';
import { createLmRaceTask, type LmRaceConfig, type LmRaceTask, type RaceCurves } from './raceTask';

/** What `init` reports: both parameter counts. */
export interface LmRaceWorkerInfo {
  transformerParams: number;
  lstmParams: number;
}

/** The race as a worker task kind. */
export const lmRaceKind: TaskKind<LmRaceConfig, LmRaceTask> = {
  create: (config) => createLmRaceTask(config),
  describe: (task): Record<string, unknown> & LmRaceWorkerInfo => ({
    transformerParams: task.racers.transformer.parameterCount,
    lstmParams: task.racers.lstm.parameterCount,
  }),
  calls: {
    /** Both curves (copies), their step counts and clocks. */
    curves: (task): RaceCurves => task.curves(),
  },
};
