/**
 * The API of the task host in a Web Worker ({@link serveTasks}, ./host.ts), as a
 * {@link WorkerTask} (./client.ts) on the page calls it through the book's worker RPC (./rpc.ts,
 * Comlink). Plain data only (structured clone); no React, no DOM.
 *
 * ```
 * page (main thread)                         worker (own tfjs backend)
 * WorkerTask.init()      -- init(kind, ...) ->  select backend (once), create the task of `kind`
 *                        <- InitResult -----    from the registry, task.init()
 * runner: task.step()    -- step() -------->    task.step(), Scalars read and disposed there
 *                        <- StepResult -----    { loss, metrics } as numbers, progress
 * runner: stepMany(n)    -- steps(n) ------>    up to n steps (ends early on divergence or at
 *                        <- SteppedValues[]     the last step), each read as above
 * evaluate / getWeights / setWeights / call(method, args) / memory / loseContext / dispose
 *                        <- context lost ---    (unrequested) the worker's WebGL context was lost
 * ```
 *
 * Calls may be answered in any order (a long `call` such as sampling interleaves with training
 * steps as it does on the page), but the runner never has two of step / evaluate / getWeights
 * in flight. One task per worker at a time: `init` disposes the previous one.
 */
import type {
  BackendInfo,
  BackendName,
  DivergenceHint,
  SteppedValues,
  TaskProgress,
  TrainingState,
  WeightSnapshot,
} from '../types';

/** Reply to `init`. */
export interface InitResult {
  backend: BackendInfo;
  name: string;
  divergenceHint: DivergenceHint;
  progress: TaskProgress;
  /** What the kind's `describe` returned (e.g. parameter count), else `{}`. */
  info: Record<string, unknown>;
  /** True when the task saves its whole training state (`getTrainingState`): runs can resume. */
  resumable: boolean;
}

/** Reply to `step`: the step's values read off the worker's device, and the progress after it. */
export interface StepResult {
  loss: number;
  metrics: Record<string, number>;
  progress: TaskProgress;
}

/** Reply to `memory`: the worker's `tf.memory()`. */
export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
}

/** What the task host exposes (see ./host.ts for each method's behaviour). */
export interface TaskHostApi {
  /**
   * Builds the task of `kind` from `config` (structured-cloneable) on the worker's backend
   * (`backend`: the page's forced `?backend=`, or null for the automatic choice).
   */
  init(kind: string, config: unknown, backend: BackendName | null): Promise<InitResult>;
  step(): Promise<StepResult>;
  /**
   * Up to `count` steps (see `TrainingTask.stepMany`): stops after a diverged loss or the last
   * step of the schedule. One entry per step taken.
   */
  steps(count: number): Promise<SteppedValues[]>;
  evaluate(): Promise<Record<string, number>>;
  getWeights(): Promise<WeightSnapshot>;
  setWeights(weights: WeightSnapshot): void;
  /** The task's training state (arrays transferred); fails for a task without one. */
  getTrainingState(): Promise<TrainingState>;
  /**
   * Restores a training state (a task without `setTrainingState` takes weights only: optimizer
   * null, step 0) and returns the progress after it.
   */
  setTrainingState(state: TrainingState): Promise<TaskProgress>;
  /** `kind.calls[method](task, ...args)`. */
  call(method: string, args: unknown[]): Promise<unknown>;
  memory(): WorkerMemory;
  loseContext(): boolean;
  dispose(): void;
}
