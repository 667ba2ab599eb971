/**
 * The message protocol between a {@link WorkerTask} on the page and the task host in a Web
 * Worker ({@link serveTasks}). Plain data only (structured clone); no React, no DOM.
 *
 * ```
 * page (main thread)                         worker (own tfjs backend)
 * WorkerTask.init()      -- init ---------->  select backend (once), create the task of `kind`
 *                        <- InitResult -----  from the registry, task.init()
 * runner: task.step()    -- step ---------->  task.step(), Scalars read and disposed there
 *                        <- StepResult -----  { loss, metrics } as numbers, progress
 * evaluate / getWeights / setWeights / call(method, args) / memory / loseContext / dispose
 *                        <- ok | error -----  errors come back as { name, message }
 *                        <- context-lost ---  (unrequested) the worker's WebGL context was lost
 * ```
 *
 * Every request carries an `id`; the reply carries the same `id`. Replies may come in any order
 * (the host handles requests as they arrive, so a long `call` such as sampling interleaves with
 * training steps as it does on the page), but the runner never has two of step / evaluate /
 * getWeights in flight. One task per worker at a time: `init` disposes the previous one.
 */
import type {
  BackendInfo,
  BackendName,
  DivergenceHint,
  TaskProgress,
  WeightSnapshot,
} from '../types';

/** A request from the page to the worker. */
export type HostRequest =
  | {
      id: number;
      type: 'init';
      /** Registry key of the task, e.g. `'char-lm'`. */
      kind: string;
      /** The task's config (structured-cloneable: no functions, no class instances with methods). */
      config: unknown;
      /** The page's forced backend (`?backend=`), or null for the automatic choice. */
      backend: BackendName | null;
    }
  | { id: number; type: 'step' | 'evaluate' | 'getWeights' | 'dispose' | 'memory' | 'loseContext' }
  | { id: number; type: 'setWeights'; weights: WeightSnapshot }
  | { id: number; type: 'call'; method: string; args: unknown[] };

/** The request types, for messages. */
export type HostRequestType = HostRequest['type'];

/** Reply to `init`. */
export interface InitResult {
  backend: BackendInfo;
  name: string;
  divergenceHint: DivergenceHint;
  progress: TaskProgress;
  /** What the kind's `describe` returned (e.g. parameter count), else `{}`. */
  info: Record<string, unknown>;
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

/** An error as it crosses the boundary (`name` keeps e.g. RangeError, ContextLostError). */
export interface WireError {
  name: string;
  message: string;
}

/** A message from the worker to the page. */
export type HostMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WireError }
  | { type: 'context-lost'; reason: string };
