/**
 * The word2vec widget's own bookkeeping on top of the kit's runner: the training clock (paused
 * time excluded), words per second over a window of training time, and the evaluation of the
 * vectors every {@link EVAL_EVERY_SECONDS} of training and once when training stops, asked of the
 * worker as a probe (the scores come back; the tables stay in the worker). Each evaluation is
 * recorded in the controller's store and published to chapter 8's comparison table. No React.
 */
import { MOBY_DICK_EVALUATION_SET, SOTU_EVALUATION_SET } from '../../nlp/embeddings';
import type { RunnerState } from '../../train';
import { publishRouteResult } from '../common/embedding-views';
import { effectiveAlpha, type Word2VecSettings } from './schema';
import type { Word2VecController } from './spec';
import type { EvaluationProbe } from './types';

/** Seconds of training between evaluations (each answers every analogy question in the worker). */
export const EVAL_EVERY_SECONDS = 5;
/** Training seconds over which the words-per-second readout is measured. */
export const RATE_WINDOW_SECONDS = 5;

/** A short summary of the settings for the comparison table, e.g. "skip-gram, d = 100, …". */
export function settingsSummary(s: Word2VecSettings): string {
  const arch = s.arch === 'cbow' ? 'CBOW' : 'skip-gram';
  return (
    `${arch}, d = ${s.dim}, window ${s.window}, ${s.negative} negatives, ` +
    `η₀ ${effectiveAlpha(s)}, sample ${s.sample}, minCount ${s.minCount}, ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}`
  );
}

/**
 * Words per second over the last `windowSeconds` of training time: words done divided by time,
 * so it includes everything a reader waits for (probes, rendering), unlike an average of per-step
 * rates.
 */
export class RateMeter {
  private points: { s: number; words: number }[] = [];

  /** @param windowSeconds - the window, in seconds of training time. */
  constructor(private readonly windowSeconds = RATE_WINDOW_SECONDS) {}

  /**
   * Records `words` done after `seconds` of training.
   * @returns the rate, or null until the samples span at least one second.
   */
  sample(seconds: number, words: number): number | null {
    const p = this.points;
    p.push({ s: seconds, words });
    while (p.length > 2 && seconds - p[1].s >= this.windowSeconds) p.shift();
    const span = seconds - p[0].s;
    return span < 1 ? null : (words - p[0].words) / span;
  }

  /** Forgets every sample (a new run). */
  clear(): void {
    this.points = [];
  }
}

/** See the module comment. One per mounted widget; `attach` it to the runner. */
export class Word2VecSession {
  private run: unknown = null;
  private runningSince: number | null = null;
  private trainMs = 0;
  private lastEvalAt = 0;
  private lastEvalStep = -1;
  private evaluating = false;
  private readonly rate = new RateMeter();

  /**
   * @param controller - the widget's controller.
   * @param now - a clock in ms (tests pass their own).
   */
  constructor(
    private readonly controller: Word2VecController,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Seconds of training in this run so far (paused time excluded). */
  trainingSeconds(): number {
    const live = this.runningSince != null ? this.now() - this.runningSince : 0;
    return (this.trainMs + live) / 1000;
  }

  /** Starts the clock of a new run when the controller's task changed (Reset, apply). */
  private syncRun(): void {
    const task = this.controller.currentTask;
    if (task === this.run) return;
    this.run = task;
    this.trainMs = 0;
    this.runningSince = null;
    this.lastEvalAt = 0;
    this.lastEvalStep = -1;
    this.rate.clear();
  }

  /** Keeps the clock and the rate, and evaluates when due. Call with every runner state. */
  onRunner(s: RunnerState): void {
    this.syncRun();
    const t = this.now();
    if (s.status === 'running' && this.runningSince == null) this.runningSince = t;
    else if (s.status !== 'running' && this.runningSince != null) {
      this.trainMs += t - this.runningSince;
      this.runningSince = null;
    }
    const seconds = this.trainingSeconds();
    const state = this.controller.getState();
    if (Math.abs(seconds - state.trainSeconds) >= 0.5 || s.status !== 'running') {
      if (seconds !== state.trainSeconds) this.controller.update({ trainSeconds: seconds });
    }
    const words = s.latest.effective_words;
    if (s.status === 'running' && words != null) {
      const rate = this.rate.sample(seconds, words);
      if (rate != null && rate !== state.wordsPerSecond) {
        this.controller.update({ wordsPerSecond: rate });
      }
    }
    const stopped = s.status === 'paused' || s.status === 'done';
    const due =
      (s.status === 'running' && seconds - this.lastEvalAt >= EVAL_EVERY_SECONDS) ||
      (stopped && s.step > 0 && s.step !== this.lastEvalStep);
    if (due && !this.evaluating) this.evaluate(s.step, seconds);
  }

  /** Asks the worker for the scores of the current vectors; records and publishes them. */
  private evaluate(step: number, seconds: number): void {
    const applied = this.controller.getState().applied;
    if (!applied) return;
    this.lastEvalAt = seconds;
    this.lastEvalStep = step;
    this.evaluating = true;
    const done = () => {
      this.evaluating = false;
      // Training stopped while this evaluation ran: evaluate the final vectors too.
      const rs = this.controller.getState().runner?.getState();
      if (rs && rs.status !== 'running') this.onRunner(rs);
    };
    void this.controller
      .probe(
        'evaluate',
        async (task, isCurrent) => {
          const e = await task.call<EvaluationProbe>('evaluate');
          if (!isCurrent()) return;
          const set = applied.corpus === 'moby' ? MOBY_DICK_EVALUATION_SET : SOTU_EVALUATION_SET;
          const { result, epoch } = e;
          const h = this.controller.getState().evalHistory;
          this.controller.update({
            evaluation: { result, set, step: e.step, epoch, seconds },
            evalHistory: {
              epoch: [...h.epoch, epoch],
              accuracy: [...h.accuracy, result.analogy.accuracy],
              spearman: [...h.spearman, result.similarity.spearman],
            },
          });
          publishRouteResult({
            route: 'word2vec',
            corpus: applied.corpus,
            settings: `${settingsSummary(applied)}; after ${epoch.toFixed(2)} epochs`,
            seconds,
            analogyAccuracy: result.analogy.accuracy,
            coverage: result.analogy.coverage,
            spearman: result.similarity.spearman,
            analogyCorrect: result.analogy.correct,
            analogyAnswered: result.analogy.answered,
            final: e.finished,
          });
        },
        // A failed evaluation leaves the previous scores; the next one tries again.
        () => undefined,
      )
      .then(done, done);
  }
}
