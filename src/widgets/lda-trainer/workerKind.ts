/**
 * The `lda` task kind of the LDA trainer's worker (./lda.worker.ts): builds the task from the
 * config `toConfig` made and exposes the `view` probe, its arrays transferred to the page.
 * Runs in the worker only.
 */
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';
import { describeLda, LdaTrainerTask, type LdaTrainerConfig } from './ldaTask';

/** The LDA trainer as a worker task kind. */
export const ldaKind: TaskKind<LdaTrainerConfig, LdaTrainerTask> = {
  create: (config) => new LdaTrainerTask(config),
  describe: (task) => ({ ...describeLda(task) }),
  calls: {
    /** Top words, φ, prevalence by decade, topic shares and the MDS map at the current step. */
    view: (task) => {
      const v = task.view();
      return transfer(v, [
        v.top.buffer,
        v.phi.buffer,
        v.prevalence.buffer,
        v.shares.buffer,
        v.distances.buffer,
        v.coords.buffer,
      ]);
    },
  },
};
