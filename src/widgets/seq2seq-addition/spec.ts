/**
 * How the kit runs chapter 13's addition seq2seq: no download (the worker generates the sums
 * from the seed), the model's Web Worker and task kind, the runner's cadence, and the widget's
 * own state (probe results). See src/widgets/kit; the probes are in ./probes.ts.
 */
import type { TrainingController, TrainingSpec } from '../kit';
import type { AnswerResult, EvaluationView } from './workerKind';
import { ADDITION_EVAL_EVERY, toConfig, type AdditionSettings } from './schema';

/** The runner publishes its progress at most this often (ms). */
export const PUBLISH_EVERY_MS = 250;

/** The data of a run: nothing to load (the sums are generated in the worker). */
export type AdditionData = Record<string, never>;

/** The model's answers to one question. */
export interface AnswerView extends AnswerResult {
  /** The question as asked, e.g. "123+45". */
  question: string;
  /** The true sum. */
  answer: string;
  beamWidth: number;
  alpha: number;
  /** Training step of the model that answered. */
  step: number;
  ms: number;
}

/** The widget's own state in the controller's store (reset on every apply). */
export interface AdditionExtra {
  answer: AnswerView | null;
  evaluation: (EvaluationView & { step: number }) | null;
  probeError: string | null;
}

/** The addition widget's controller (one per mounted widget). */
export type AdditionController = TrainingController<AdditionSettings, AdditionData, AdditionExtra>;

const NO_DATA: AdditionData = {};

/** The addition seq2seq as the kit runs it (task kind `seq2seq-addition`). */
export const additionSpec: TrainingSpec<AdditionSettings, AdditionData, AdditionExtra> = {
  id: 'seq2seq-addition',
  what: 'the addition model',
  taskKind: 'seq2seq-addition',
  spawnWorker: () =>
    new Worker(new URL('./seq2seqAddition.worker.ts', import.meta.url), {
      type: 'module',
      name: 'seq2seq-addition',
    }),
  prepare: () => Promise.resolve(NO_DATA),
  taskConfig: (_data, settings) => toConfig(settings),
  initialExtra: { answer: null, evaluation: null, probeError: null },
  runnerOptions: {
    evalEvery: ADDITION_EVAL_EVERY,
    maxStepsPerFrame: 4,
    publishEveryMs: PUBLISH_EVERY_MS,
  },
};
