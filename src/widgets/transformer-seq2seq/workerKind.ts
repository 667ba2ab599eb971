/**
 * The `transformer-seq2seq` task kind of the encoder-decoder's worker (./transformerSeq2Seq.worker.ts):
 * builds `createTransformerSeq2SeqTask` from the plain config of `toConfig` (the worker generates
 * the sequences from the seed) and exposes the probe the widget calls by name (`WorkerTask.call`,
 * queued by `controller.probe` in ./probes.ts): `translate` (greedy output and the cross-attention
 * of every decoder layer and head for one input). Typed arrays go back transferred. Runs in the
 * worker only.
 */
import { createTransformerSeq2SeqTask } from '../../models/transformer/encoderDecoder';
import type { TransformerSeq2SeqConfig } from '../../models/transformer/encoderDecoderConfig';
import type {
  TransformerSeq2SeqTask,
  TransformerSeq2SeqTranslation,
} from '../../models/transformer/encoderDecoderTypes';
import { SPECIAL_TOKENS } from '../../models/seq2seq/vocab';
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';
import type { TsqTaskInfo } from './views';

/** The encoder-decoder Transformer as a worker task kind. */
export const transformerSeq2SeqKind: TaskKind<TransformerSeq2SeqConfig, TransformerSeq2SeqTask> = {
  create: (config) => createTransformerSeq2SeqTask(config),
  describe: (task): Record<string, unknown> & TsqTaskInfo => {
    const { config, dataset } = task;
    return {
      parameterCount: task.parameterCount,
      symbols: dataset.targetVocab.tokens.slice(SPECIAL_TOKENS.length).join(''),
      minLength: config.minLength,
      maxLength: config.maxLength,
      maxInputLength: config.maxInputLength,
      trainSize: dataset.train.length,
      heldOut: dataset.validation.length,
    };
  },
  calls: {
    /** Greedy output of `text` and its cross-attention, each `[Tout, Tin]` array transferred. */
    translate: async (task, text: string): Promise<TransformerSeq2SeqTranslation> => {
      // The maps are sliced off the backend's data (their own buffers): safe to transfer.
      const t = await task.translate(text);
      const buffers = t.crossAttention.flatMap((heads) => heads.map((m) => m.buffer));
      return transfer(t, buffers as Transferable[]);
    },
  },
};
