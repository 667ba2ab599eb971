/**
 * The `transformer-lm` task kind of the character Transformer's worker
 * (./transformerLm.worker.ts): builds `createTransformerLmTask` from a structured-cloneable config
 * (`toConfig` in ./schema.ts) and exposes the probes the widget calls by name (`WorkerTask.call`,
 * queued by `controller.probe` in ./probes.ts): `sample` and `attentionMaps`. Typed arrays go back
 * transferred, not copied. Runs in the worker only.
 */
import { createTransformerLmTask } from '../../models/transformer/lm';
import type { TransformerLmConfig } from '../../models/transformer/lmConfig';
import type {
  TransformerAttentionMaps,
  TransformerLmSampleOptions,
  TransformerLmTask,
} from '../../models/transformer/lmTypes';
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';

/**
 * The config as it crosses to the worker: a {@link TransformerLmConfig} with pre-encoded ids and
 * the vocabulary as its character list (a `CharVocab` has a method, which cannot be cloned).
 */
export type TransformerLmWorkerConfig = Omit<
  TransformerLmConfig,
  'vocab' | 'trainText' | 'heldoutText' | 'trainIds' | 'heldoutIds'
> & {
  trainIds: Int32Array;
  heldoutIds: Int32Array;
  vocab: readonly string[];
};

/** What `init` reports besides the common facts. */
export interface TransformerLmWorkerInfo {
  parameterCount: number;
  charsPerStep: number;
  vocabSize: number;
}

/** The character Transformer as a worker task kind. */
export const transformerLmKind: TaskKind<TransformerLmWorkerConfig, TransformerLmTask> = {
  create: (config) => createTransformerLmTask(config),
  describe: (task): Record<string, unknown> & TransformerLmWorkerInfo => ({
    parameterCount: task.parameterCount,
    charsPerStep: task.charsPerStep,
    vocabSize: task.config.vocabSize,
  }),
  calls: {
    /** Generated text: `numChars` characters after `options.prime`. */
    sample: (task, numChars: number, options: TransformerLmSampleOptions) =>
      task.sample(numChars, options),
    /** Every layer's and head's attention over `text`, each `[T, T]` array transferred. */
    attentionMaps: async (task, text: string): Promise<TransformerAttentionMaps> => {
      // The task slices every map off the backend's data (its own buffers): safe to transfer.
      const maps = await task.attentionMaps(text);
      const buffers = maps.layers.flatMap((heads) => heads.map((m) => m.buffer));
      return transfer(maps, buffers as Transferable[]);
    },
  },
};
