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
  TaskProgress,
  WeightSnapshot,
} from '../types';
import { ContextLostError } from './errors';
import type { HostMessage, HostRequest, InitResult, StepResult, WorkerMemory } from './protocol';

/** What {@link TaskWorker} needs of a `Worker` (a MessagePort plus `terminate` will do). */
export interface WorkerEndpoint {
  postMessage(message: HostRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostMessage>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
  /** MessagePort needs it; a Worker has none. */
  start?(): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

/** Distributes a `Omit` over the request union, so each variant keeps its own fields. */
type RequestBody = HostRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

function rebuildError(name: string, message: string): Error {
  if (name === 'ContextLostError') return new ContextLostError(message);
  const err =
    name === 'RangeError'
      ? new RangeError(message)
      : name === 'TypeError'
        ? new TypeError(message)
        : new Error(message);
  if (err.name !== name) err.name = name;
  return err;
}

/**
 * One connection to a task-host worker. Requests get increasing ids; replies settle them in
 * any order.
 */
export class TaskWorker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopped: string | null = null;
  private lostReason: string | null = null;

  /** @param endpoint - e.g. `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`. */
  constructor(private readonly endpoint: WorkerEndpoint) {
    endpoint.addEventListener('message', (event: MessageEvent<HostMessage>) =>
      this.onMessage(event.data),
    );
    endpoint.addEventListener('error', (event: Event) => {
      const message = (event as ErrorEvent).message;
      this.stop(`The training worker stopped: ${message || 'it failed to load or crashed'}`);
    });
    endpoint.addEventListener('messageerror', () =>
      this.stop('The training worker stopped: a message could not be read'),
    );
    endpoint.start?.();
  }

  /** False once terminated, crashed or its WebGL context was lost: build a new one then. */
  get alive(): boolean {
    return this.stopped == null && this.lostReason == null;
  }

  /** Why the worker's WebGL context was lost, or null. */
  get lost(): string | null {
    return this.lostReason;
  }

  /**
   * Sends one request.
   * @returns the reply's result.
   * @throws (rejects) the worker's error (same name and message), a ContextLostError after a
   *   lost context, or "The training worker stopped ..." once the worker is gone.
   */
  request<T>(body: RequestBody, transfer: Transferable[] = []): Promise<T> {
    if (this.stopped != null) return Promise.reject(new Error(this.stopped));
    if (this.lostReason != null && body.type !== 'dispose' && body.type !== 'memory') {
      return Promise.reject(new ContextLostError(`in the training worker: ${this.lostReason}`));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.endpoint.postMessage({ ...body, id } as HostRequest, transfer);
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Terminates the worker (every tensor in it goes with it); open requests reject. Idempotent. */
  terminate(): void {
    if (this.stopped != null) return;
    this.endpoint.terminate();
    this.stop('The training worker stopped: it was terminated');
  }

  private stop(message: string): void {
    if (this.stopped != null) return;
    this.stopped = message;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  private onMessage(msg: HostMessage): void {
    if ('type' in msg) {
      if (msg.type === 'context-lost' && this.lostReason == null) {
        this.lostReason = msg.reason;
        const err = `in the training worker: ${msg.reason}`;
        for (const p of this.pending.values()) p.reject(new ContextLostError(err));
        this.pending.clear();
      }
      return;
    }
    const p = this.pending.get(msg.id);
    if (p == null) return;
    this.pending.delete(msg.id);
    if (msg.ok) {
      p.resolve(msg.result);
      return;
    }
    const err = rebuildError(msg.error.name, msg.error.message);
    // The host refuses requests once its context is lost; that may arrive before its event.
    if (err instanceof ContextLostError && this.lostReason == null) {
      this.lostReason = err.message.replace(/^in the training worker: /, '');
    }
    p.reject(err);
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
    const r = await this.send<InitResult>({
      type: 'init',
      kind: this.opts.kind,
      config: this.opts.config,
      backend: this.opts.backend ?? null,
    });
    this.backendInfo = r.backend;
    this.label = r.name;
    this.hint = r.divergenceHint;
    this.last = r.progress;
    this.facts = r.info;
  }

  async step(): Promise<StepOutput<number>> {
    if (this.write) {
      const w = this.write;
      this.write = null;
      await w;
    }
    const r = await this.send<StepResult>({ type: 'step' });
    this.last = r.progress;
    return { loss: r.loss, metrics: r.metrics };
  }

  evaluate(): Promise<Record<string, number>> {
    return this.send({ type: 'evaluate' });
  }

  progress(): TaskProgress {
    return this.last;
  }

  getWeights(): Promise<WeightSnapshot> {
    return this.send({ type: 'getWeights' });
  }

  /** Sends the snapshot (copied: the runner keeps its checkpoint); errors surface at `step()`. */
  setWeights(snapshot: WeightSnapshot): void {
    const w = this.send<void>({ type: 'setWeights', weights: snapshot });
    w.catch(() => undefined);
    this.write = w;
  }

  /**
   * Calls a method the task kind exposes in the worker (`TaskKind.calls`).
   * @throws (rejects) the worker's error, e.g. `<task> has no method "x"`.
   */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.send({ type: 'call', method, args });
  }

  /** The worker's `tf.memory()` (live tensors and bytes of every task in it). */
  memory(): Promise<WorkerMemory> {
    return this.worker.request({ type: 'memory' });
  }

  /**
   * Loses the worker's WebGL context (or marks it lost on wasm/cpu), so the next request rejects
   * with a ContextLostError: a test of the runner's recovery.
   */
  loseContext(): Promise<boolean> {
    return this.send({ type: 'loseContext' });
  }

  /** Frees the task in the worker (and terminates the worker with `terminateOnDispose`). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.opts.terminateOnDispose ?? true) {
      this.worker.terminate();
      return;
    }
    if (this.worker.alive) this.worker.request({ type: 'dispose' }).catch(() => undefined);
  }

  private send<T>(body: RequestBody): Promise<T> {
    if (this.disposed) return Promise.reject(new Error(`${this.label} was disposed`));
    return this.worker.request<T>(body);
  }
}
