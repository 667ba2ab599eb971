/**
 * The page's side of the baselines table: asks the TextCNN's worker to train chapter 1's and
 * chapter 4's models on the run's split (the `baseline` call, one model per call so the table
 * fills row by row) and keeps their numbers in the controller's state. Finished numbers are
 * remembered per prepared data, so a Reset that keeps the corpus, num_words and maxlen keeps them.
 */
import {
  BASELINE_NAMES,
  type BaselineName,
  type BaselineResult,
  type SplitTexts,
} from './baselines';
import { splitOf } from './encode';
import type { TextCnnController, TextCnnData } from './spec';

/** What the table shows of the baselines. */
export interface BaselinesState {
  /** Results by model, as they arrive. */
  results: Partial<Record<BaselineName, BaselineResult>>;
  /** The model being trained now, or null. */
  running: BaselineName | null;
  error: string | null;
}

const finished = new WeakMap<TextCnnData, BaselinesState>();

/** The finished baselines of `data` (kept across Resets that keep the data), or null. */
export function savedBaselines(data: TextCnnData): BaselinesState | null {
  return finished.get(data) ?? null;
}

/** The raw texts of the run's split, in the order of its encoded rows. */
export function splitTextsOf(data: TextCnnData): SplitTexts {
  return { train: splitOf(data.corpus, 0).texts, val: splitOf(data.corpus, 1).texts };
}

/**
 * Trains the baselines one after the other in the widget's worker, beside the TextCNN (whose
 * task must exist: a step was taken). Does nothing without a task, or while a run is under way.
 * Results that arrive after the data changed are dropped; errors go to `baselines.error`.
 */
export async function runBaselines(c: TextCnnController): Promise<void> {
  const { data, baselines } = c.getState();
  if (!data || !c.currentTask || baselines?.running) return;
  const texts = splitTextsOf(data);
  const mine = () => c.getState().data === data;
  const results: BaselinesState['results'] = {};
  for (const name of BASELINE_NAMES) {
    c.update({ baselines: { results: { ...results }, running: name, error: null } });
    const task = c.currentTask;
    try {
      if (!task) throw new Error('the run was reset; press Play or Step, then try again');
      results[name] = await task.call<BaselineResult>(
        'baseline',
        name,
        name === 'tfidf' ? texts : undefined,
      );
    } catch (err) {
      const message = `The baselines could not be trained: ${(err as Error).message}`;
      if (mine())
        c.update({ baselines: { results: { ...results }, running: null, error: message } });
      return;
    }
    if (!mine()) return;
  }
  const done: BaselinesState = { results: { ...results }, running: null, error: null };
  finished.set(data, done);
  c.update({ baselines: done });
}
