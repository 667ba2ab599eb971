/**
 * The `seq2seq-addition` task kind of the widget's worker (./seq2seqAddition.worker.ts): builds
 * `createSeq2SeqTask` from the config `toConfig` made (the worker generates the sums from the
 * seed) and exposes the probes the widget calls by name through `controller.probe`: `answer`
 * (greedy and beam search on the reader's question) and `evaluation` (the latest held-out
 * scores by answer length). Runs in the worker only.
 */
import {
  createSeq2SeqTask,
  type LengthBucket,
  type Seq2SeqConfig,
  type Seq2SeqTask,
  type TranslationCandidate,
} from '../../models/seq2seq';
import type { TaskKind } from '../../train/worker/host';

/** One decoding of the reader's question. */
export interface Decoding {
  output: string;
  /** log P(output + </s> | question), natural log. */
  logProb: number;
  /** The length-normalised score the beam ranks by. */
  score: number;
  finished: boolean;
  /** Beam search: its candidates, best score first (greedy: the one output). */
  candidates: TranslationCandidate[];
}

/** What `answer` returns: the question decoded by greedy search and by beam search. */
export interface AnswerResult {
  greedy: Decoding;
  beam: Decoding;
}

/** What `evaluation` returns: the held-out sums of the latest evaluation. */
export interface EvaluationView {
  /** Pairs scored. */
  count: number;
  exactMatch: number;
  /** Exact match by answer length in digits, ascending. */
  byAnswerLength: LengthBucket[];
  /** Up to 20 wrong answers: question (as typed), true sum, the model's greedy output. */
  mistakes: Array<{ source: string; target: string; output: string }>;
}

/** What `init` reports besides the common facts. */
export interface AdditionWorkerInfo {
  parameterCount: number;
  trainSize: number;
  validationSize: number;
  stepsPerEpoch: number;
}

const decoding = (t: TranslationCandidate & { candidates: TranslationCandidate[] }): Decoding => ({
  output: t.output,
  logProb: t.logProb,
  score: t.score,
  finished: t.finished,
  candidates: t.candidates.map((c) => ({ ...c })),
});

/** The addition encoder-decoder as a worker task kind. */
export const additionKind: TaskKind<Seq2SeqConfig, Seq2SeqTask> = {
  create: (config) => createSeq2SeqTask(config),
  describe: (task): Record<string, unknown> & AdditionWorkerInfo => ({
    parameterCount: task.parameterCount,
    trainSize: task.config.dataset.train.length,
    validationSize: task.config.dataset.validation.length,
    stepsPerEpoch: task.progress().stepsPerEpoch,
  }),
  calls: {
    /**
     * `question` (as typed, e.g. "123+45"; the task reverses it when the run does) decoded by
     * greedy search and by a beam of `beamWidth` ranked with length normalisation `alpha`.
     */
    answer: async (
      task,
      question: string,
      beamWidth: number,
      alpha: number,
    ): Promise<AnswerResult> => {
      const [greedy] = await task.translate([question], { strategy: 'greedy' });
      const [beam] = await task.translate([question], {
        strategy: 'beam',
        beamWidth,
        lengthPenalty: alpha,
      });
      return { greedy: decoding(greedy), beam: decoding(beam) };
    },
    /** The validation split of the latest `evaluate()`, or null before the first one. */
    evaluation: (task): EvaluationView | null => {
      const v = task.lastEvaluation?.validation;
      if (!v) return null;
      const reversed = task.config.reverseSource;
      const unreverse = (s: string) => (reversed ? Array.from(s).reverse().join('') : s);
      return {
        count: v.count,
        exactMatch: v.exactMatch,
        byAnswerLength: v.byTargetLength,
        mistakes: v.mistakes.map((m) => ({ ...m, source: unreverse(m.source) })),
      };
    },
  },
};
