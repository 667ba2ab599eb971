/**
 * The one controller every training widget uses: its lifecycle outside React. It loads the
 * runtime lazily (when the widget nears the screen), prepares the run's data for the applied
 * settings (downloads with progress, cancelled on unmount), builds the runner whose tasks run in
 * the widget's Web Worker (started with the first run, kept across Resets, replaced when it is
 * lost, terminated on unmount), queues the probes that read the model between steps, and frees
 * everything on dispose. A widget describes itself with a {@link TrainingSpec}; the component
 * subscribes with `useSyncExternalStore` (see ./useTrainingWidget.ts).
 *
 * No React, no DOM at module level: unit-tested under Node with a fake worker.
 */
import type { RunCapture } from '../../train/runner-types';
import type { WeightSnapshot } from '../../train/types';
import type { WorkerTask } from '../../train/worker/client';
import type { WorkerMemory } from '../../train/worker/protocol';
import { ProbeQueue } from './probes';
import { Store } from './store';
import { kitInitial, type ControllerState, type KitState, type TrainingSpec } from './types';
import { registerWorkerHook, unregisterWorkerHook } from './workerHook';

export type { ControllerState, KitState, LoadPhase, PrepareContext, TrainingSpec } from './types';

type Runtime = typeof import('./runtime');

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** See the module comment. One controller per mounted widget. */
export class TrainingController<S, D, X extends object = object> {
  private readonly store: Store<ControllerState<S, D, X>>;
  private runtime: Runtime | null = null;
  private task: WorkerTask | null = null;
  private worker: InstanceType<Runtime['TaskWorker']> | null = null;
  private abort: AbortController | null = null;
  private applying = 0;
  private disposed = false;
  private readonly probes = new ProbeQueue<WorkerTask>(
    () => this.probeable(),
    (task) => task === this.task && !this.disposed,
  );

  /**
   * @param spec - what the widget trains (see {@link TrainingSpec}).
   * @param baseUrl - the site's base URL (import.meta.env.BASE_URL), where data/ lives.
   */
  constructor(
    readonly spec: TrainingSpec<S, D, X>,
    private readonly baseUrl: string,
  ) {
    this.store = new Store(this.initial());
  }

  private initial(): ControllerState<S, D, X> {
    return { ...kitInitial<S, D>(), ...this.spec.initialExtra };
  }

  getState = (): ControllerState<S, D, X> => this.store.getState();
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Merges widget state (probe results ...) into the snapshot. */
  update(patch: Partial<X>): void {
    if (!this.disposed) this.store.set(patch as Partial<ControllerState<S, D, X>>);
  }

  private set(patch: Partial<KitState<S, D>>): void {
    if (!this.disposed) this.store.set(patch as Partial<ControllerState<S, D, X>>);
  }

  /** The task of the current run, or null before the first step and after Reset. */
  get currentTask(): WorkerTask | null {
    return this.task;
  }

  /**
   * Loads the runtime and the data of `currentSettings()` (read when the runtime is there, so a
   * change or Reset during the download counts), then builds the runner. Does nothing while
   * loading or once loaded; after a failure it tries again.
   */
  async load(currentSettings: () => S): Promise<void> {
    const { phase } = this.getState();
    if (phase === 'loading' || phase === 'ready') return;
    // A controller disposed by an unmount may be mounted again (React's StrictMode does so).
    this.disposed = false;
    const abort = this.newAbort();
    const ticket = ++this.applying;
    this.set({ phase: 'loading', progress: 0, loadError: null });
    try {
      const runtime = await import('./runtime');
      if (abort.signal.aborted) return;
      this.runtime = runtime;
      const search = typeof location !== 'undefined' ? location.search : '';
      const backendMessage = runtime.parseBackendParam(search).message ?? null;
      const settings = currentSettings();
      const data = await this.prepareData(settings, abort.signal);
      if (abort.signal.aborted || ticket !== this.applying) return;
      const runner =
        this.getState().runner ??
        new runtime.TrainingRunner(() => this.buildTask(), this.spec.runnerOptions);
      this.commitData(settings, data);
      this.set({ phase: 'ready', progress: 1, backendMessage, runner });
    } catch (err) {
      if (abort.signal.aborted) return;
      this.set({
        phase: 'failed',
        loadError: `${capitalize(this.spec.what)} could not start: ${(err as Error).message}`,
      });
    }
  }

  /**
   * Makes `settings` the ones the next run is built from: discards the current run (Reset),
   * prepares the data again (the spec reuses what did not change) and clears the widget's state.
   * A newer apply, or dispose, supersedes one still preparing.
   */
  async apply(settings: S): Promise<void> {
    if (this.getState().phase !== 'ready') return;
    const ticket = ++this.applying;
    this.task = null;
    await this.getState().runner?.reset();
    if (ticket !== this.applying || this.disposed) return;
    const abort = this.newAbort();
    try {
      const data = await this.prepareData(settings, abort.signal);
      if (ticket !== this.applying || abort.signal.aborted) return;
      this.commitData(settings, data);
      this.set({ progress: 1 });
    } catch (err) {
      if (abort.signal.aborted || ticket !== this.applying) return;
      // "Try again" calls load(), which prepares the data of the current settings.
      this.set({
        phase: 'failed',
        loadError: `${capitalize(this.spec.what)} could not start: ${(err as Error).message}`,
      });
    }
  }

  private newAbort(): AbortController {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    return abort;
  }

  private prepareData(settings: S, signal: AbortSignal): Promise<D> {
    const { data, applied } = this.getState();
    return this.spec.prepare(settings, {
      signal,
      onProgress: (fraction) => {
        if (!signal.aborted) this.set({ progress: fraction });
      },
      previous: data,
      previousSettings: applied,
      baseUrl: this.baseUrl,
    });
  }

  private commitData(settings: S, data: D): void {
    this.store.set({
      ...this.spec.initialExtra,
      ...this.spec.describe?.(data, settings),
      applied: settings,
      data,
      taskInfo: null,
    } as Partial<ControllerState<S, D, X>>);
  }

  /** The runner's factory: a proxy of the spec's task in the widget's worker. */
  private buildTask(): WorkerTask {
    const { applied, data } = this.getState();
    const runtime = this.runtime;
    if (!runtime || applied == null || data == null) {
      throw new Error(`${capitalize(this.spec.what)} is not loaded yet.`);
    }
    const search = typeof location !== 'undefined' ? location.search : '';
    const task = new runtime.WorkerTask({
      worker: this.workerFor(runtime),
      kind: this.spec.taskKind,
      config: this.spec.taskConfig(data, applied),
      name: this.spec.what,
      backend: runtime.parseBackendParam(search).backend,
      terminateOnDispose: false,
    });
    const init = task.init.bind(task);
    task.init = async () => {
      await init();
      if (this.task === task) this.set({ taskInfo: task.info });
    };
    this.task = task;
    return task;
  }

  /** The live worker, started (or, after a lost context or crash, replaced) when needed. */
  private workerFor(runtime: Runtime): InstanceType<Runtime['TaskWorker']> {
    if (this.worker?.alive) return this.worker;
    this.worker?.terminate();
    this.worker = new runtime.TaskWorker(this.spec.spawnWorker());
    registerWorkerHook(this.spec.id, this);
    return this.worker;
  }

  /**
   * The run now, for a save (see `TrainingRunner.capture`): null when there is none or its task
   * cannot save its whole training state (`WorkerTask.resumable`).
   */
  captureRun(): Promise<RunCapture | null> {
    const runner = this.getState().runner;
    if (!runner || !this.task?.resumable || !this.probeable()) return Promise.resolve(null);
    return runner.capture();
  }

  /** The current model's weights and the runner's step, or null before a step was taken. */
  async currentWeights(): Promise<{ weights: WeightSnapshot; step: number } | null> {
    const task = this.probeable();
    const step = this.getState().runner?.getState().step ?? 0;
    return task ? { weights: await task.getWeights(), step } : null;
  }

  /**
   * Continues a saved run (or, with `optimizer: null`, starts from loaded weights) with
   * `settings` (which must be the run's): loads the engine first when needed, discards the
   * current run, then `TrainingRunner.resume`.
   * @throws (rejects) Error with the reason when the engine cannot load or the run does not fit
   *   the model (other shapes): nothing is loaded then.
   */
  async resumeRun(run: RunCapture, settings: S): Promise<void> {
    if (this.getState().phase !== 'ready') {
      await this.load(() => settings);
      await this.settled();
    }
    const { phase, runner, loadError } = this.getState();
    if (phase !== 'ready' || !runner)
      throw new Error(loadError ?? `${this.spec.what} is not loaded`);
    if (runner.getState().status !== 'idle') await this.apply(settings);
    await runner.resume(run);
  }

  /** Resolves once loading has ended (ready or failed). */
  private settled(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.getState().phase === 'loading') return false;
        unsubscribe();
        resolve();
        return true;
      };
      const unsubscribe = this.subscribe(() => void check());
      check();
    });
  }

  /** The worker's `tf.memory()` (its live tensors), or null when no worker runs. */
  workerMemory(): Promise<WorkerMemory | null> {
    const w = this.worker;
    return w?.alive ? w.memory() : Promise.resolve(null);
  }

  /** Loses the current task's WebGL context (a test of recovery); null when there is no task. */
  loseWorkerContext(): Promise<boolean | null> {
    return this.task ? this.task.loseContext() : Promise.resolve(null);
  }

  /** True while the model's worker runs. */
  get workerAlive(): boolean {
    return this.worker?.alive ?? false;
  }

  /** The current task when it has weights worth reading (a step was taken), else null. */
  private probeable(): WorkerTask | null {
    const task = this.task;
    const status = this.getState().runner?.getState().status;
    if (!task || !status || ['idle', 'initializing', 'error'].includes(status)) return null;
    return task;
  }

  /**
   * Queues a probe of the model (sampling, a heatmap ...) after the probes already queued; a
   * second probe of the same `kind` while one waits is dropped (one while it runs is queued), and so is a probe while
   * no model exists. See {@link ProbeQueue.run}.
   * @returns a promise that settles when the probe has run (or was dropped).
   */
  probe(
    kind: string,
    fn: (task: WorkerTask, isCurrent: () => boolean) => Promise<void>,
    onError: (message: string) => void,
  ): Promise<void> {
    return this.probes.run(kind, fn, onError);
  }

  /**
   * Stops loading, disposes the runner (and so the task in the worker) and terminates the
   * worker. Safe to call twice.
   */
  async dispose(): Promise<void> {
    this.abort?.abort();
    this.applying++;
    const runner = this.getState().runner;
    this.task = null;
    this.store.replace(this.initial());
    this.disposed = true;
    await runner?.dispose();
    this.worker?.terminate();
    this.worker = null;
    unregisterWorkerHook(this.spec.id, this);
  }
}
