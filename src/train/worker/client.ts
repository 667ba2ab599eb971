/**
 * The page half of running a training task in a Web Worker: {@link TaskWorker} (one connection
 * to a worker: request ids, replies, a lost or crashed worker) and {@link WorkerTask}, a
 * {@link TrainingTask} whose every method is a request to the task host (./host.ts) in that
 * worker, so a {@link TrainingRunner} drives it like any other task while the main thread only
 * renders. Protocol: ./protocol.ts.
 *
 * Ownership: whoever creates a {@link TaskWorker} terminates it (a widget: on unmount). A
 * {@link WorkerTask} owns the task inside the worker (disposed by `dispose()`), and the worker
 * too when built with `terminateOnDispose` (the default).
 *
 * Failures reach the runner through its usual paths: an error thrown in the worker rejects the
 * request with the same name and message (a bad config fails `init`: "Could not start ...");
 * a lost WebGL context in the worker rejects with a ContextLostError (the runner restores its
 * last checkpoint in a fresh task, which gets a fresh worker from its factory); a worker that
 * crashes or is terminated rejects every open request with "The training worker stopped ...".
 *
 * No React, no DOM: under Node the endpoint can be a MessagePort (see the unit tests).
 */
import type { TaskOnOwnBackend } from '../runner';
import type {
  BackendInfo,
  BackendName,
  DivergenceHint,
  StepOutput,
  SteppedValues,
  TaskProgress,
  TrainingState,
  WeightSnapshot,
} from '../types';
import type { InitResult, StepResult, TaskHostApi, WorkerMemory } from './protocol';
import { WorkerConnection, type WorkerLike } from './rpc';

/** What {@link TaskWorker} needs of a `Worker` (a MessagePort plus `terminate` will do). */
export type WorkerEndpoint = WorkerLike;

/**
 * One connection to a task-host worker (./host.ts): the book's worker RPC with the host's API.
 * Rejects every open call with "The training worker stopped ..." when the worker crashes or is
 * terminated, and with a ContextLostError once its WebGL context is lost.
 */
export class TaskWorker extends WorkerConnection<TaskHostApi> {
  /** @param endpoint - e.g. `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`. */
  constructor(endpoint: WorkerEndpoint) {
    super(endpoint, { name: 'training' });
  }

  /** The worker's `tf.memory()` (answered after a lost context too). */
  memory(): Promise<WorkerMemory> {
    return this.invoke('memory', [], true);
  }
}

/** Options of {@link WorkerTask}. */
export interface WorkerTaskOptions {
  /** The connection to a worker that serves `kind` (see {@link serveTasks}). */
  worker: TaskWorker;
  /** Registry key of the task in the worker, e.g. `'char-lm'`. */
  kind: string;
  /** The task's config, structured-cloneable (copied to the worker at `init`). */
  config: unknown;
  /** Name for messages until the worker's task tells its own, e.g. "character model". */
  name: string;
  /** The page's forced backend (`?backend=`); null: automatic. Default null. */
  backend?: BackendName | null;
  /** Terminate the worker when this task is disposed. Default true. */
  terminateOnDispose?: boolean;
}

/**
 * A {@link TrainingTask} that runs in a Web Worker. Hand its factory to a TrainingRunner:
 * `new TrainingRunner(() => new WorkerTask({ worker, kind, config, name }))`.
 *
 * `step()` resolves with plain numbers; `progress()` is the worker's progress as of the last
 * reply; `setWeights()` is sent at once and any error it raises in the worker rejects the next
 * step. Task-specific methods go through {@link WorkerTask.call}.
 */
export class WorkerTask implements TaskOnOwnBackend {
  private readonly worker: TaskWorker;
  private readonly opts: WorkerTaskOptions;
  private label: string;
  private hint: DivergenceHint = { knob: 'lr', advice: 'Lower the learning rate.' };
  private backendInfo: BackendInfo | null = null;
  private last: TaskProgress = { step: 0, epoch: 0, stepsPerEpoch: 1, totalSteps: null };
  private facts: Record<string, unknown> = {};
  private canResume = false;
  private write: Promise<void> | null = null;
  private disposed = false;

  constructor(options: WorkerTaskOptions) {
    this.opts = options;
    this.worker = options.worker;
    this.label = options.name;
  }

  get name(): string {
    return this.label;
  }

  /** The worker task's hint (a default until `init()` has replied). */
  get divergenceHint(): DivergenceHint {
    return this.hint;
  }

  /** What the task kind's `describe` reported at `init` (e.g. `parameterCount`). */
  get info(): Readonly<Record<string, unknown>> {
    return this.facts;
  }

  /** The backend selected in the worker (null before `init()`). */
  ownBackend(): BackendInfo | null {
    return this.backendInfo;
  }

  /** Builds the task in the worker (selecting the worker's backend first, the first time). */
  async init(): Promise<void> {
    const r = await this.send<InitResult>('init', [
      this.opts.kind,
      this.opts.config,
      this.opts.backend ?? null,
    ]);
    this.backendInfo = r.backend;
    this.label = r.name;
    this.hint = r.divergenceHint;
    this.last = r.progress;
    this.facts = r.info;
    this.canResume = r.resumable;
  }

  /** True when the worker's task saves its whole training state (known after `init()`). */
  get resumable(): boolean {
    return this.canResume;
  }

  async step(): Promise<StepOutput<number>> {
    if (this.write) {
      const w = this.write;
      this.write = null;
      await w;
    }
    const r = await this.send<StepResult>('step', []);
    this.last = r.progress;
    return { loss: r.loss, metrics: r.metrics };
  }

  /**
   * Up to `count` steps in one round trip (see `TrainingTask.stepMany`); progress follows the
   * last step taken.
   * @throws RangeError (rejects) when `count` is not a positive integer.
   */
  async stepMany(count: number): Promise<SteppedValues[]> {
    if (this.write) {
      const w = this.write;
      this.write = null;
      await w;
    }
    const r = await this.send<SteppedValues[]>('steps', [count]);
    if (r.length > 0) this.last = r[r.length - 1].progress;
    return r;
  }

  evaluate(): Promise<Record<string, number>> {
    return this.send('evaluate', []);
  }

  progress(): TaskProgress {
    return this.last;
  }

  getWeights(): Promise<WeightSnapshot> {
    return this.send('getWeights', []);
  }

  /** Sends the snapshot (copied: the runner keeps its checkpoint); errors surface at `step()`. */
  setWeights(snapshot: WeightSnapshot): void {
    const w = this.send<void>('setWeights', [snapshot]);
    w.catch(() => undefined);
    this.write = w;
  }

  /**
   * The task's weights, optimiser state and step (arrays transferred from the worker).
   * @throws (rejects) for a task that cannot save its state (see {@link WorkerTask.resumable}).
   */
  getTrainingState(): Promise<TrainingState> {
    return this.send('getTrainingState', []);
  }

  /**
   * Restores a training state in the worker (a task without one takes weights only, with
   * `optimizer: null` and step 0); progress follows it.
   * @throws (rejects) the worker's error when the state does not fit (nothing changed then).
   */
  async setTrainingState(state: TrainingState): Promise<void> {
    if (this.write) await this.write.finally(() => (this.write = null));
    this.last = await this.send<TaskProgress>('setTrainingState', [state]);
  }

  /**
   * Calls a method the task kind exposes in the worker (`TaskKind.calls`).
   * @throws (rejects) the worker's error, e.g. `<task> has no method "x"`.
   */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.send('call', [method, args]);
  }

  /** The worker's `tf.memory()` (live tensors and bytes of every task in it). */
  memory(): Promise<WorkerMemory> {
    return this.worker.memory();
  }

  /**
   * Loses the worker's WebGL context (or marks it lost on wasm/cpu), so the next request rejects
   * with a ContextLostError: a test of the runner's recovery.
   */
  loseContext(): Promise<boolean> {
    return this.send('loseContext', []);
  }

  /** Frees the task in the worker (and terminates the worker with `terminateOnDispose`). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.opts.terminateOnDispose ?? true) {
      this.worker.terminate();
      return;
    }
    if (this.worker.alive) this.worker.invoke('dispose', []).catch(() => undefined);
  }

  private send<T>(method: keyof TaskHostApi, args: unknown[]): Promise<T> {
    if (this.disposed) return Promise.reject(new Error(`${this.label} was disposed`));
    return this.worker.invoke<T>(method, args);
  }
}
