/**
 * The state and options of a {@link TrainingRunner} (see runner.ts). Plain data, no React.
 */
import type { MetricSeries, RecorderState, TrainingHistory } from './history';
import type { Scheduler } from './scheduler';
import type { BackendInfo, TrainingState } from './types';

/**
 * A run as {@link TrainingRunner.capture} copies it and {@link TrainingRunner.resume} restores
 * it: the task's training state and the runner's counters and histories. Plain data.
 */
export interface RunCapture {
  /** The runner's step (what the trainer bar shows). */
  step: number;
  epoch: number;
  /** The newest training metrics (the readouts). */
  latest: Record<string, number>;
  history: RecorderState;
  evalHistory: RecorderState;
  state: TrainingState;
}

/**
 * - `idle`: no task built (initially and after `reset()`);
 * - `initializing`: choosing the backend, building the task, `init()`;
 * - `running`: the loop is stepping; `paused`: a task exists and waits for play/step;
 * - `done`: `step >= totalSteps`; `error`: see {@link RunnerError} (`reset()` to start again).
 */
export type RunnerStatus = 'idle' | 'initializing' | 'running' | 'paused' | 'done' | 'error';

/** Why training stopped, in words the reader can act on. */
export interface RunnerError {
  /**
   * `diverged`: the loss became NaN or Infinity; `context-lost`: the WebGL context was lost
   * (while recovering, or after recovery while paused, or when recovery failed); `failed`: the
   * task threw.
   */
  kind: 'diverged' | 'context-lost' | 'failed';
  message: string;
  /**
   * For `diverged`: the task's setting to change (`divergenceHint.knob`, a field of the model's
   * config such as `learningRate`; the widget shows the label of the control that sets it).
   */
  knob?: string;
  /** For `diverged`: the task's advice, e.g. "Lower the learning rate (try 0.01)." */
  advice?: string;
  /** For `diverged`: what happened, e.g. "The loss became NaN at step 12 (word2vec)". */
  cause?: string;
}

/**
 * A snapshot of the runner. Immutable: every change makes a new object, so it can feed React's
 * `useSyncExternalStore` directly (`getState` returns the same object until something changes).
 */
export interface RunnerState {
  status: RunnerStatus;
  /** Optimisation steps done in this run (continues across a context-loss recovery). */
  step: number;
  /** Completed epochs plus the fraction of the current one. */
  epoch: number;
  /** Steps after which the run is done, or null when unbounded / not yet known. */
  totalSteps: number | null;
  /**
   * Training throughput in optimisation steps per wall-clock second over the last ~2 s,
   * yields to the browser included (what the reader experiences); 0 before any.
   */
  stepsPerSecond: number;
  /** Time of one step from call to metrics read back, exponentially smoothed, in ms; 0 before any. */
  msPerStep: number;
  /** Training metrics per recorded step (`loss` and the task's metrics); bounded, see history.ts. */
  history: TrainingHistory;
  /** Results of `evaluate()` (e.g. `val_loss`, `val_accuracy`) per evaluation. */
  evalHistory: MetricSeries;
  /** The newest training metrics (may be newer than the last history point). */
  latest: Record<string, number>;
  /** Step of the newest checkpoint (weights copied off the device), or null. */
  checkpointStep: number | null;
  error: RunnerError | null;
  backend: BackendInfo | null;
  /**
   * True while an operation is queued or in flight: a build, a step, a reset, or the loop
   * finishing its step after `pause()` (the status shows `paused` at once; `step` can still move
   * by the steps in flight until `busy` is false).
   */
  busy: boolean;
}

/** Options of a {@link TrainingRunner}. */
export interface RunnerOptions {
  /** Evaluate every this many steps (and at the end). Default: once per epoch (`stepsPerEpoch`). */
  evalEvery?: number;
  /** Copy weights off the device at most this often, in ms (0: every step). Default 5000. */
  checkpointEveryMs?: number;
  /** Who decides which runner may train. Default: {@link pageScheduler}. */
  scheduler?: Scheduler;
  /**
   * Most steps between two yields to the browser (default 64). Steps are also cut off once a
   * frame has used {@link FRAME_BUDGET_MS}, so a slow model yields after every step.
   */
  maxStepsPerFrame?: number;
  /**
   * Listeners hear about training progress at most this often, in ms (default 100, i.e. 10 Hz;
   * status changes and errors are published at once). 0: after every frame.
   */
  publishEveryMs?: number;
  /** How long to wait for `webglcontextrestored` before falling back to another backend, ms (default 2000). */
  restoreTimeoutMs?: number;
}

/** Milliseconds of stepping per frame before the loop yields to the browser. */
export const FRAME_BUDGET_MS = 12;

/**
 * Worker time one request of quick steps may take, in ms: a task with `stepMany` (a Web Worker)
 * whose steps take under half of this gets as many per round trip as fit (the page waits for
 * the reply without blocking). Short enough that pause and the charts still answer within a
 * frame or two.
 */
export const BATCH_TARGET_MS = 25;

/** Listener of runner state changes (called synchronously after each change). */
export type RunnerListener = (state: RunnerState) => void;
