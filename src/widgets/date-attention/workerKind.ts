/**
 * The `date-seq2seq` task kind of the date converter's worker (./dateAttention.worker.ts): builds
 * `createSeq2SeqTask` from the plain config of `toConfig` (the worker generates the dates from
 * the seed) and exposes the probes the widget calls by name (`WorkerTask.call`, queued by
 * `controller.probe` in ./probes.ts): `attend` (greedy output and attention matrix of one input)
 * and `byLength` (exact match by input length of the latest evaluation). Typed arrays go back
 * transferred. Runs in the worker only.
 */
import { createSeq2SeqTask, type Seq2SeqConfig, type Seq2SeqTask } from '../../models/seq2seq';
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';
import type { AttendResult, ByLengthResult, DateTaskInfo } from './views';

/** The date converter as a worker task kind. */
export const dateKind: TaskKind<Seq2SeqConfig, Seq2SeqTask> = {
  create: (config) => createSeq2SeqTask(config),
  describe: (task): Record<string, unknown> & DateTaskInfo => {
    const ds = task.config.dataset;
    return {
      parameterCount: task.parameterCount,
      attention: task.config.attention,
      // The characters the encoder knows (ids 4 on; 0-3 are the special tokens).
      sourceChars: ds.sourceVocab.tokens.slice(4).join(''),
      maxSourceLength: ds.maxSourceLength,
      trainSize: ds.train.length,
      validationLabel: ds.splitLabels.validation,
      testLabel: ds.splitLabels.test,
    };
  },
  calls: {
    /** Greedy output of `text` and its attention `[outLen, inLen]` (null without attention). */
    attend: async (task, text: string): Promise<AttendResult> => {
      const [t] = await task.translate([text], { strategy: 'greedy' });
      const result: AttendResult = {
        input: text,
        output: t.output,
        inputTokens: t.inputTokens,
        outputTokens: t.outputTokens,
        attention: t.attention,
        step: task.progress().step,
      };
      return t.attention ? transfer(result, [t.attention.buffer]) : result;
    },
    /** Exact match by input length on both held-out sets at the latest evaluation, or null. */
    byLength: (task): ByLengthResult | null => {
      const e = task.lastEvaluation;
      if (!e?.test) return null;
      return {
        validation: e.validation.byInputLength,
        test: e.test.byInputLength,
        validationExactMatch: e.validation.exactMatch,
        testExactMatch: e.test.exactMatch,
        step: task.progress().step,
      };
    },
  },
};
