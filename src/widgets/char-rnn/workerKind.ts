/**
 * The `char-lm` task kind of the character model's worker (./charRnn.worker.ts): builds
 * `createCharLmTask` from a structured-cloneable config and exposes the probes the widget calls
 * by name (`WorkerTask.call`). Runs in the worker only.
 */
import { createCharLmTask, type CharLmTask } from '../../models/rnn/charLm';
import type { CharLmConfig } from '../../models/rnn/charLmConfig';
import type {
  CharLmGateActivations,
  CharLmGradNormOptions,
  CharLmSampleOptions,
} from '../../models/rnn/charLm';
import type { RnnCellType } from '../../models/rnn';
import type { TaskKind } from '../../train/worker/host';

/**
 * The config as it crosses to the worker: a {@link CharLmConfig} with pre-encoded ids and the
 * vocabulary as its character list (a `CharVocab` has a method, which cannot be cloned).
 */
export type CharLmWorkerConfig = Omit<CharLmConfig, 'vocab' | 'trainText' | 'heldoutText'> & {
  trainIds: Int32Array;
  heldoutIds: Int32Array;
  vocab: readonly string[];
};

/** What `init` reports besides the common facts. */
export interface CharLmWorkerInfo {
  parameterCount: number;
  charsPerStep: number;
  cell: RnnCellType;
}

/**
 * ||dL/dh_t|| per step over `passage` (loss at the last character) of a freshly initialised model
 * of `cell` with the live task's size, seed, scale and vocabulary (PyTorch's initialisation, W_hh
 * x the scale): the untrained baseline of the vanishing-gradient chart. Builds, measures and
 * disposes the model; leaves no tensors.
 */
async function freshGradNorms(
  task: CharLmTask,
  cell: RnnCellType,
  passage: string,
  length: number,
): Promise<Float32Array> {
  const c = task.config;
  const fresh = createCharLmTask({
    // The fresh model never trains: a short training stretch keeps the set-up cheap.
    trainIds: c.trainIds.slice(0, 4096),
    heldoutIds: c.evalIds.slice(0, 2),
    vocab: c.vocab.chars,
    corpus: c.corpus,
    cell,
    hiddenSize: c.hiddenSize,
    layers: c.layers,
    seqLen: 2,
    batchSize: 1,
    initScale: c.initScale,
    seed: c.seed,
    evalChars: 2,
  });
  try {
    fresh.init();
    return await fresh.gradNormsPerStep({ text: passage, length });
  } finally {
    fresh.dispose();
  }
}

/** The character LM as a worker task kind. */
export const charLmKind: TaskKind<CharLmWorkerConfig, CharLmTask> = {
  create: (config) => createCharLmTask(config),
  describe: (task): Record<string, unknown> & CharLmWorkerInfo => ({
    parameterCount: task.parameterCount,
    charsPerStep: task.charsPerStep,
    cell: task.config.cell,
  }),
  calls: {
    sample: (task, numChars: number, options: CharLmSampleOptions) =>
      task.sample(numChars, options),
    gateActivations: (task, text: string): Promise<CharLmGateActivations> =>
      task.gateActivations(text),
    gradNormsPerStep: (task, options: CharLmGradNormOptions) => task.gradNormsPerStep(options),
    freshGradNorms,
  },
};
