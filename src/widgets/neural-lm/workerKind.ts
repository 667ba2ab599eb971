/**
 * The `neural-lm` task kind of the model's worker (./neural-lm.worker.ts): builds the run from the
 * config `toConfig` made (tokenizing and encoding Moby Dick here, see ./lmTask.ts), reports its
 * data facts at `init`, and exposes `generate` (sampling) to the page. Runs in the worker only.
 */
import type { NeuralLmGenerateOptions } from '../../models';
import type { TaskKind } from '../../train/worker/host';
import { createLmRunTask, type LmRunConfig, type LmRunTask } from './lmTask';

/** The neural LM as a worker task kind. */
export const neuralLmKind: TaskKind<LmRunConfig, LmRunTask> = {
  create: (config) => createLmRunTask(config),
  describe: (task) => ({ ...task.facts() }),
  calls: {
    /** `numWords` sampled words (plain strings: small, cloned). */
    generate: (task, numWords: number, options: NeuralLmGenerateOptions) =>
      task.generate(numWords, options),
  },
};
