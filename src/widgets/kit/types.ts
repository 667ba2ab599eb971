/**
 * The types of the training-widget kit: what a widget supplies ({@link TrainingSpec}) and what
 * the controller's snapshot holds ({@link KitState} plus the widget's own state). No React.
 */
import type { RunnerOptions, TrainingRunner } from '../../train';
import type { WorkerLike } from '../../train/worker/rpc';

/** Where a widget's engine (runtime, data, worker) is: not asked for yet, loading, ready, or failed. */
export type LoadPhase = 'waiting' | 'loading' | 'ready' | 'failed';

/** What {@link TrainingSpec.prepare} is given. */
export interface PrepareContext<S, D> {
  /** Aborted when the widget unmounts or a newer apply supersedes this one. */
  signal: AbortSignal;
  /** Download progress, a fraction in [0, 1], or null when the size is unknown. */
  onProgress: (fraction: number | null) => void;
  /** The data of the previous run (reuse what did not change), or null. */
  previous: D | null;
  /** The settings of the previous run, or null. */
  previousSettings: S | null;
  /** The site's base URL (`import.meta.env.BASE_URL`), where data/ lives. */
  baseUrl: string;
}

/**
 * What a training widget supplies to the kit. `S` is its settings (`ParamValues` of its schema),
 * `D` the data a run is built from (a prepared corpus, encoded arrays), `X` its own state (probe
 * results, facts about the data) kept in the same store.
 */
export interface TrainingSpec<S, D, X extends object = object> {
  /** The widget's id (its `data-widget`); also the key of its worker's test hook. */
  id: string;
  /** What trains, for messages, e.g. "the classifier" ("The classifier could not start: ..."). */
  what: string;
  /** Starts the model's worker, e.g. `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`. */
  spawnWorker: () => WorkerLike;
  /** Registry key of the task kind the worker serves. */
  taskKind: string;
  /**
   * Loads and prepares the data for `settings`, on the first load and on every apply (reuse
   * `ctx.previous` when what it depends on did not change).
   * @throws Error with a reader-facing message when the data cannot be loaded.
   */
  prepare(settings: S, ctx: PrepareContext<S, D>): Promise<D>;
  /** The task's config for the worker (structured-cloneable: typed arrays, plain objects). */
  taskConfig(data: D, settings: S): unknown;
  /** The widget's own state, as before any run (reset on every apply). */
  initialExtra: X;
  /** Widget state derived from new data and settings (e.g. corpus facts), set on every apply. */
  describe?(data: D, settings: S): Partial<X>;
  /** Options of the runner (evaluation cadence, steps per frame ...). */
  runnerOptions?: RunnerOptions;
  /**
   * The version of the model's code (default 1): raise it when a change makes saved runs and
   * weights files of the old code wrong to load (they are refused then; see ./saveFormat.ts).
   */
  modelVersion?: number;
  /** False: no saved runs in the browser's storage (see ./useRunSaves.ts). Default true. */
  saves?: boolean;
}

/** The kit's part of a controller snapshot. */
export interface KitState<S, D> {
  phase: LoadPhase;
  /** Fraction of the data downloaded, or null when unknown. */
  progress: number | null;
  /** Why loading failed, shown with "Try again". */
  loadError: string | null;
  /** A note about the backend (a bad `?backend=` value), shown as a warning. */
  backendMessage: string | null;
  /** The settings the current run is built from. */
  applied: S | null;
  /** The data of the current run. */
  data: D | null;
  /** The run's runner once the engine is ready. */
  runner: TrainingRunner | null;
  /** What the worker's task kind reported at `init` (`describe`), once a task is built. */
  taskInfo: Readonly<Record<string, unknown>> | null;
}

/** A controller snapshot: the kit's state and the widget's own. Immutable. */
export type ControllerState<S, D, X extends object> = KitState<S, D> & X;

export function kitInitial<S, D>(): KitState<S, D> {
  return {
    phase: 'waiting',
    progress: null,
    loadError: null,
    backendMessage: null,
    applied: null,
    data: null,
    runner: null,
    taskInfo: null,
  };
}
