/**
 * The addition widget's probes: the reader's question answered by greedy and beam search, and
 * the latest held-out evaluation by answer length. Each runs in the model's worker between
 * training steps through `controller.probe` (one at a time; a second request of the same kind
 * while one waits is dropped; the result of a task replaced by Reset is dropped) and lands in the
 * controller's store with `controller.update`. No React, no tfjs.
 */
import type { AdditionController } from './spec';
import type { AnswerResult, EvaluationView } from './workerKind';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Decodes the reader's question with both searches. */
export function askModel(
  c: AdditionController,
  question: { text: string; answer: string },
  beamWidth: number,
  alpha: number,
): Promise<void> {
  return c.probe(
    'answer',
    async (task, isCurrent) => {
      const step = task.progress().step;
      const t0 = now();
      const result = await task.call<AnswerResult>('answer', question.text, beamWidth, alpha);
      if (!isCurrent()) return;
      c.update({
        answer: {
          ...result,
          question: question.text,
          answer: question.answer,
          beamWidth,
          alpha,
          step,
          ms: now() - t0,
        },
        probeError: null,
      });
    },
    (message) => c.update({ probeError: `Could not ask the model: ${message}` }),
  );
}

/** Reads the latest evaluation's scores by answer length (no model work: it was kept). */
export function readEvaluation(c: AdditionController): Promise<void> {
  return c.probe(
    'evaluation',
    async (task, isCurrent) => {
      const step = task.progress().step;
      const view = await task.call<EvaluationView | null>('evaluation');
      if (!isCurrent() || !view) return;
      c.update({ evaluation: { ...view, step }, probeError: null });
    },
    (message) => c.update({ probeError: `Could not read the evaluation: ${message}` }),
  );
}
