/**
 * The `char-lm` task kind of the character model's worker (./charRnn.worker.ts): builds
 * `createCharLmTask` from a structured-cloneable config (`toConfig` in ./schema.ts) and exposes
 * the probes the widget calls by name (`WorkerTask.call`, queued by `controller.probe` in
 * ./probes.ts): `sample`, `gateActivations`, `gradNormsPerStep`, `freshGradNorms`. Typed arrays
 * go back transferred, not copied. Runs in the worker only.
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
import { transfer } from '../../train/worker/rpc';

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
    /** Generated text: `numChars` characters after `options.prime`. */
    sample: (task, numChars: number, options: CharLmSampleOptions) =>
      task.sample(numChars, options),
    /** Gate activations of every layer over `text`, each `[T, H]` array transferred. */
    gateActivations: async (task, text: string): Promise<CharLmGateActivations> => {
      // The task copies every array off the backend (its own buffers): safe to transfer.
      const acts = await task.gateActivations(text);
      const buffers = new Set<ArrayBufferLike>();
      for (const l of acts.layers) {
        buffers.add(l.hidden.buffer);
        for (const g of Object.values(l.gates)) buffers.add(g.buffer);
      }
      return transfer(acts, [...buffers] as Transferable[]);
    },
    /** ||dL/dh_t|| per step of the live model, `[length]`, transferred. */
    gradNormsPerStep: async (task, options: CharLmGradNormOptions) => {
      const norms = Float32Array.from(await task.gradNormsPerStep(options));
      return transfer(norms, [norms.buffer]);
    },
    /** ||dL/dh_t|| per step of a freshly initialised model of `cell`, `[length]`, transferred. */
    freshGradNorms: async (task, cell: RnnCellType, passage: string, length: number) => {
      const norms = Float32Array.from(await freshGradNorms(task, cell, passage, length));
      return transfer(norms, [norms.buffer]);
    },
  },
};
