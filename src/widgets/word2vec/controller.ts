/**
 * The word2vec widget's lifecycle outside React: the corpus worker (download, tokenize, encode
 * per corpus and minCount, cached), the lazy engine (tfjs, runtime, task), the runner, the
 * vectors the views read (a few rows for the projection, the whole table for neighbours and
 * analogies, never per frame), the training clock, the route result published for chapter 8's
 * comparison table, and disposal. The component subscribes with `useSyncExternalStore`.
 */
import { evaluate, type EvaluationResult, type EvaluationSet } from '../../nlp/embeddings/evaluate';
import { MOBY_DICK_EVALUATION_SET, SOTU_EVALUATION_SET } from '../../nlp/embeddings/evaluationSet';
import type { KeyedVectors } from '../../nlp/embeddings/keyedVectors';
import type { RunnerState, TrainingRunner } from '../../train';
import { publishRouteResult } from '../common/embedding-views';
import type { LoadPhase } from '../kit/useTrainingWidget';
import { CorpusClient, type PreparedCorpus, type PrepareProgress } from './corpusClient';
import type { Word2VecTask } from './engine';
import { effectiveAlpha, type Word2VecSettings } from './schema';

type Engine = typeof import('./engine');

/**
 * Seconds of training between evaluations (each reads the whole table and answers every analogy
 * question: ~0.1 s of main-thread work at SOTU's defaults, so not every step).
 */
export const EVAL_EVERY_SECONDS = 5;
/** Checkpoints (both tables copied off the device, ~10 MB at SOTU's defaults) at most this often. */
export const CHECKPOINT_EVERY_MS = 30_000;
/** A snapshot of the whole table for neighbours / analogies is reused for this long while training. */
export const SNAPSHOT_MAX_AGE_MS = 1500;

/** Facts about the corpus of the current run. */
export interface CorpusInfo {
  name: PreparedCorpus['name'];
  minCount: number;
  /** V, words with at least minCount occurrences. */
  vocabSize: number;
  /** Tokens before rare words are dropped. */
  totalTokens: number;
  /** Tokens the model trains on per epoch (before subsampling). */
  keptTokens: number;
  sentences: number;
  prepareMs: number;
  /** word → row, for resolving the projection's words. */
  index: ReadonlyMap<string, number>;
}

/** Snapshot of the controller (immutable; a new object per change). */
export interface ControllerState {
  phase: LoadPhase;
  /** What loading / re-preparing is doing now, in words, or null when idle. */
  activity: string | null;
  /** Fraction of the current download, or null. */
  progress: number | null;
  loadError: string | null;
  backendMessage: string | null;
  runner: TrainingRunner | null;
  /** The settings the current run is built from. */
  applied: Word2VecSettings | null;
  info: CorpusInfo | null;
  /** True while a new corpus / minCount is being prepared (the trainer waits). */
  preparing: boolean;
  /** Seconds spent training in this run (paused time excluded). */
  trainSeconds: number;
  /**
   * Centre words trained per second of training time (after subsampling, as word2vec.c counts
   * them) over the last {@link RATE_WINDOW_SECONDS} s: words done divided by time, so it includes
   * everything a reader waits for (rendering, evaluations), unlike an average of per-step rates.
   * Null until a window of at least a second exists.
   */
  wordsPerSecond: number | null;
  /** The latest evaluation of this run, or null before the first. */
  evaluation: EvaluationSnapshot | null;
  /** Every evaluation of this run, for the chart. */
  evalHistory: EvaluationHistoryData;
}

/** An evaluation of the vectors at some point of the run. */
export interface EvaluationSnapshot {
  result: EvaluationResult;
  set: EvaluationSet;
  step: number;
  epoch: number;
  seconds: number;
}

/** Scores over the run (parallel arrays). */
export interface EvaluationHistoryData {
  epoch: readonly number[];
  accuracy: readonly number[];
  spearman: readonly number[];
}

const NO_EVALS: EvaluationHistoryData = { epoch: [], accuracy: [], spearman: [] };
const CLEARED = {
  trainSeconds: 0,
  wordsPerSecond: null,
  evaluation: null,
  evalHistory: NO_EVALS,
} as const;

/** Training seconds over which the words-per-second readout is measured. */
export const RATE_WINDOW_SECONDS = 5;

/** The evaluation set of a corpus. */
export function evaluationSetOf(corpus: string): EvaluationSet {
  return corpus === 'moby' ? MOBY_DICK_EVALUATION_SET : SOTU_EVALUATION_SET;
}

const INITIAL: ControllerState = {
  phase: 'waiting',
  activity: null,
  progress: null,
  loadError: null,
  backendMessage: null,
  runner: null,
  applied: null,
  info: null,
  preparing: false,
  trainSeconds: 0,
  wordsPerSecond: null,
  evaluation: null,
  evalHistory: NO_EVALS,
};

/** Reader-facing words for a preparation step. */
export function activityText(corpus: string, p: PrepareProgress): string {
  const what = corpus === 'moby' ? 'Moby Dick' : 'the State of the Union addresses';
  if (p.phase === 'download') {
    return `Downloading ${what}${p.fraction != null ? ` (${Math.round(p.fraction * 100)}%)` : ''}`;
  }
  if (p.phase === 'tokenize') return `Tokenizing ${what}`;
  return `Building the vocabulary of ${what}`;
}

/** A short summary of the settings for the comparison table, e.g. "skip-gram, d = 100, …". */
export function settingsSummary(s: Word2VecSettings): string {
  const arch = s.arch === 'cbow' ? 'CBOW' : 'skip-gram';
  return (
    `${arch}, d = ${s.dim}, window ${s.window}, ${s.negative} negatives, ` +
    `α₀ ${effectiveAlpha(s)}, sample ${s.sample}, minCount ${s.minCount}, ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}`
  );
}

/** See the module comment. One controller per mounted widget. */
export class Word2VecController {
  private state: ControllerState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private engine: Engine | null = null;
  private prepared: PreparedCorpus | null = null;
  private task: Word2VecTask | null = null;
  private readonly client: CorpusClient;
  private applying = 0;
  private disposed = false;
  private unsubscribeRunner: () => void = () => undefined;
  /** When the current stretch of training began (ms), or null while not running. */
  private runningSince: number | null = null;
  private trainMs = 0;
  /** (training seconds, effective words) samples of the current task, for `wordsPerSecond`. */
  private rateSamples: { task: Word2VecTask | null; points: { s: number; words: number }[] } = {
    task: null,
    points: [],
  };
  /** Training seconds and step at the last evaluation (-1: none yet). */
  private lastEvalAt = 0;
  private lastEvalStep = -1;
  private evaluating = false;
  private snapshot: { task: Word2VecTask; step: number; at: number; kv: KeyedVectors } | null =
    null;
  private snapshotting: Promise<KeyedVectors> | null = null;

  /** @param baseUrl - the site's base URL (import.meta.env.BASE_URL), where data/ lives. */
  constructor(baseUrl: string) {
    const abs =
      typeof window !== 'undefined' ? new URL(baseUrl, window.location.href).href : baseUrl;
    this.client = new CorpusClient(abs);
  }

  getState = (): ControllerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ControllerState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /**
   * Starts the corpus worker and downloads the engine, prepares the corpus of
   * `currentSettings()` and builds the runner. Does nothing while loading or once loaded; after a
   * failure it tries again.
   */
  async load(currentSettings: () => Word2VecSettings): Promise<void> {
    if (this.disposed || this.state.phase === 'loading' || this.state.phase === 'ready') return;
    this.set({ phase: 'loading', progress: 0, loadError: null, activity: 'Loading' });
    try {
      const settings = currentSettings();
      const enginePromise = import('./engine').then(async (engine) => ({
        engine,
        backend: await engine.selectBackendFromLocation(),
      }));
      const [prepared, { engine, backend }] = await Promise.all([
        this.prepareCorpus(settings),
        enginePromise,
      ]);
      if (this.disposed) return;
      this.engine = engine;
      this.prepared = prepared;
      // The runner's own evaluation is a no-op (the task has no evaluation set): this
      // controller evaluates every EVAL_EVERY_SECONDS of training and when training stops.
      const runner = new engine.TrainingRunner(() => this.buildTask(), {
        checkpointEveryMs: CHECKPOINT_EVERY_MS,
      });
      this.unsubscribeRunner = runner.subscribe((s) => this.onRunner(s));
      this.set({
        phase: 'ready',
        activity: null,
        progress: 1,
        backendMessage: backend.message ?? null,
        runner,
        applied: settings,
        info: infoOf(prepared),
      });
    } catch (err) {
      if (this.disposed) return;
      this.set({
        phase: 'failed',
        activity: null,
        loadError: `word2vec could not start: ${(err as Error).message}`,
      });
    }
  }

  private prepareCorpus(s: Word2VecSettings): Promise<PreparedCorpus> {
    return this.client.prepare(s.corpus, s.minCount, (p) =>
      this.set({ activity: activityText(s.corpus, p), progress: p.fraction }),
    );
  }

  private buildTask(): Word2VecTask {
    const { applied } = this.state;
    if (!this.engine || !this.prepared || !applied) throw new Error('word2vec is not loaded yet.');
    this.task = this.engine.buildTask(this.prepared, applied);
    this.snapshot = null;
    return this.task;
  }

  /** Keeps the training clock and evaluates when due (running: every few seconds; stopped: once). */
  private onRunner(s: RunnerState): void {
    const t = performance.now();
    if (s.status === 'running' && this.runningSince == null) this.runningSince = t;
    else if (s.status !== 'running' && this.runningSince != null) {
      this.trainMs += t - this.runningSince;
      this.runningSince = null;
    }
    const seconds = this.trainingSeconds();
    if (Math.abs(seconds - this.state.trainSeconds) >= 0.5 || s.status !== 'running') {
      if (seconds !== this.state.trainSeconds) this.set({ trainSeconds: seconds });
    }
    if (s.status === 'running') this.sampleRate(seconds);
    const stopped = s.status === 'paused' || s.status === 'done';
    const due =
      (s.status === 'running' && seconds - this.lastEvalAt >= EVAL_EVERY_SECONDS) ||
      (stopped && s.step > 0 && s.step !== this.lastEvalStep);
    if (due && !this.evaluating) void this.evaluateNow();
  }

  /**
   * Evaluates the current vectors on the corpus's evaluation set (src/nlp/embeddings `evaluate`:
   * 3CosAdd top-1 accuracy, Spearman's rho), records it, and publishes it to the comparison table.
   */
  private async evaluateNow(): Promise<void> {
    const task = this.task;
    const applied = this.state.applied;
    if (!task || !applied || !this.hasVectors()) return;
    this.evaluating = true;
    const seconds = this.trainingSeconds();
    const { step, epoch } = task.progress();
    this.lastEvalAt = seconds;
    this.lastEvalStep = step;
    try {
      const kv = await this.keyedVectors();
      if (task !== this.task) return;
      const set = evaluationSetOf(applied.corpus);
      const result = evaluate(kv, set);
      const h = this.state.evalHistory;
      const evalHistory = {
        epoch: [...h.epoch, epoch],
        accuracy: [...h.accuracy, result.analogy.accuracy],
        spearman: [...h.spearman, result.similarity.spearman],
      };
      this.set({ evaluation: { result, set, step, epoch, seconds }, evalHistory });
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
        final: task.finished,
      });
    } catch {
      // The run was reset or disposed while reading: nothing to record.
    } finally {
      this.evaluating = false;
    }
    // Training stopped while this evaluation ran: evaluate the final vectors too.
    const rs = this.state.runner?.getState();
    if (rs && task === this.task) this.onRunner(rs);
  }

  /** Records the task's word count against the training clock and updates `wordsPerSecond`. */
  private sampleRate(seconds: number): void {
    const task = this.task;
    if (!task) return;
    const r = this.rateSamples;
    if (r.task !== task) {
      r.task = task;
      r.points = [];
    }
    r.points.push({ s: seconds, words: task.effectiveWords });
    while (r.points.length > 2 && seconds - r.points[1].s >= RATE_WINDOW_SECONDS) r.points.shift();
    const first = r.points[0];
    const span = seconds - first.s;
    if (span < 1) return;
    const rate = (task.effectiveWords - first.words) / span;
    if (rate !== this.state.wordsPerSecond) this.set({ wordsPerSecond: rate });
  }

  /** Seconds of training in this run so far (paused time excluded). */
  trainingSeconds(): number {
    const live = this.runningSince != null ? performance.now() - this.runningSince : 0;
    return (this.trainMs + live) / 1000;
  }

  /**
   * Makes `settings` the ones the next run is built from: resets the runner, and prepares the
   * corpus again when the corpus or minCount changed (in the worker; cached).
   */
  async apply(settings: Word2VecSettings): Promise<void> {
    if (this.state.phase !== 'ready') return;
    const ticket = ++this.applying;
    this.task = null;
    this.snapshot = null;
    this.trainMs = 0;
    this.runningSince = null;
    this.lastEvalAt = 0;
    this.lastEvalStep = -1;
    await this.state.runner?.reset();
    if (ticket !== this.applying || this.disposed) return;
    const p = this.prepared;
    if (!p || p.name !== settings.corpus || p.minCount !== settings.minCount) {
      this.set({ preparing: true, applied: settings, ...CLEARED });
      try {
        const next = await this.prepareCorpus(settings);
        if (ticket !== this.applying || this.disposed) return;
        this.prepared = next;
        this.set({ preparing: false, activity: null, info: infoOf(next), loadError: null });
      } catch (err) {
        if (ticket !== this.applying || this.disposed) return;
        this.set({
          preparing: false,
          activity: null,
          phase: 'failed',
          runner: this.state.runner,
          loadError: `The corpus could not be prepared: ${(err as Error).message}`,
        });
        return;
      }
    } else {
      this.set({ applied: settings, ...CLEARED });
    }
  }

  /** After a failed re-preparation: prepare the applied settings again ("Try again"). */
  async retry(currentSettings: () => Word2VecSettings): Promise<void> {
    if (this.state.runner && this.state.phase === 'failed') {
      this.set({ phase: 'ready', loadError: null });
      await this.apply(currentSettings());
    } else {
      await this.load(currentSettings);
    }
  }

  /** True once a run has vectors (the first step or Play built the task). */
  hasVectors(): boolean {
    const status = this.state.runner?.getState().status;
    return this.task != null && status != null && status !== 'idle' && status !== 'initializing';
  }

  /**
   * The input vectors of a few words (`[ids.length * d]`), read from the device with one gather;
   * null when there is no run yet.
   * @throws RangeError for ids outside the vocabulary (see Word2VecTask.getVectors).
   */
  async vectorsFor(ids: readonly number[]): Promise<{ vectors: Float32Array; dim: number } | null> {
    const task = this.task;
    if (!task || !this.hasVectors()) return null;
    try {
      return { vectors: await task.getVectors(ids), dim: task.config.dim };
    } catch (err) {
      if (task !== this.task) return null; // reset while reading: the task was disposed
      throw err;
    }
  }

  /**
   * The whole input table as KeyedVectors, for neighbours and analogies: a snapshot reused while
   * it is at most {@link SNAPSHOT_MAX_AGE_MS} old or no step has been taken since (one ~5 MB read
   * per query burst, never per frame).
   * @throws Error "No vectors yet …" before the first step.
   */
  async keyedVectors(): Promise<KeyedVectors> {
    const task = this.task;
    if (!task || !this.hasVectors()) {
      throw new Error('No vectors yet: press Play or Step to start training.');
    }
    const step = task.progress().step;
    const snap = this.snapshot;
    if (snap && snap.task === task) {
      if (snap.step === step || performance.now() - snap.at < SNAPSHOT_MAX_AGE_MS) return snap.kv;
    }
    if (this.snapshotting) return this.snapshotting;
    const pending = task.keyedVectors().then((kv) => {
      if (task === this.task) this.snapshot = { task, step, at: performance.now(), kv };
      return kv;
    });
    this.snapshotting = pending;
    try {
      return await pending;
    } finally {
      this.snapshotting = null;
    }
  }

  /**
   * Stops preparing, disposes the runner (and so every tensor of the run) and terminates the
   * corpus worker. Safe to call twice.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.applying++;
    this.client.dispose();
    this.unsubscribeRunner();
    const runner = this.state.runner;
    this.task = null;
    this.snapshot = null;
    this.listeners.clear();
    await runner?.dispose();
  }
}

function infoOf(p: PreparedCorpus): CorpusInfo {
  const v = p.corpus.vocab;
  return {
    name: p.name,
    minCount: p.minCount,
    vocabSize: v.words.length,
    totalTokens: p.totalTokens,
    keptTokens: v.keptTokens,
    sentences: p.sentences,
    prepareMs: p.prepareMs,
    index: v.index,
  };
}
