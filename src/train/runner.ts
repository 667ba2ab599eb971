/**
 * The training loop every widget shares: play / pause / step / reset, live metrics, NaN guard,
 * checkpoints and recovery from a lost WebGL context. DESIGN.md "The training runtime".
 *
 * No React, no DOM at module level: runs under Node in unit tests. No TensorFlow.js at module
 * level either: the page's backend (./pageDevice.ts) is imported only when a task that trains on
 * the page starts, so a page whose tasks all run in workers never downloads tfjs.
 */
import { rebuildAfterContextLoss } from './recovery';
import { SeriesRecorder, type TrainingHistory } from './history';
import {
  BATCH_TARGET_MS,
  FRAME_BUDGET_MS,
  type RunCapture,
  type RunnerError,
  type RunnerListener,
  type RunnerOptions,
  type RunnerState,
} from './runner-types';
import { pageScheduler, type Pausable, type Scheduler } from './scheduler';
import { messageOf, now, readStepOutput, settleWithin, smooth, yieldToBrowser } from './step-io';
import type {
  AnyStepOutput,
  AnyTrainingTask,
  BackendInfo,
  SteppedValues,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from './types';
import { waitForEvent, watchContextLoss } from './webgl-context';
import { isContextLostError } from './worker/errors';

/**
 * A task that runs on a tfjs backend of its own (e.g. `WorkerTask`, in a Web Worker) rather than
 * the page's: the runner shows that backend in its state and does not watch the page's WebGL
 * canvas for it (the task reports its own lost context by rejecting with a `ContextLostError`).
 */
export interface TaskOnOwnBackend extends AnyTrainingTask {
  /** The backend the task runs on, known after `init()`; null before. */
  ownBackend(): BackendInfo | null;
}

/** The task's own backend when it has one (see {@link TaskOnOwnBackend}), else undefined. */
function ownBackendOf(task: AnyTrainingTask | null): BackendInfo | null | undefined {
  const own = (task as Partial<TaskOnOwnBackend> | null)?.ownBackend;
  return typeof own === 'function' ? own.call(task) : undefined;
}

/** True for a promise (or any thenable) returned by an asynchronous `step()`. */
function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

type PageDevice = typeof import('./pageDevice');
let pageDevicePromise: Promise<PageDevice> | null = null;
/** The page's tfjs backend module, imported once, on first need. */
function loadPageDevice(): Promise<PageDevice> {
  pageDevicePromise ??= import('./pageDevice');
  return pageDevicePromise;
}
/** The page device once loaded (synchronous reads), else null. */
let pageDevice: PageDevice | null = null;

interface Checkpoint {
  step: number;
  weights: WeightSnapshot;
}

type StepResult = 'ok' | 'stop';

/**
 * Loads a training state into a task: `setTrainingState` when it has one, else (weights only,
 * `optimizer` null, step 0) `setWeights`.
 * @throws Error when the task can take weights only and the state has more.
 */
async function restoreTask(task: AnyTrainingTask, state: TrainingState): Promise<void> {
  if (task.setTrainingState) return task.setTrainingState(state);
  if (state.optimizer != null || state.step !== 0) {
    throw new Error(`${task.name} can load weights only, not a saved run`);
  }
  task.setWeights(state.weights);
}

/** How long a context loss waits for the step in flight to settle, ms. */
const SETTLE_MS = 2000;

/**
 * Runs a training task ({@link AnyTrainingTask}: synchronous Scalar steps or asynchronous ones)
 * built by `factory`, one step at a time, yielding to the browser
 * between frames. Pattern: tensorflow/tfjs-examples (model code without DOM, progress through
 * callbacks) with the loop owned here rather than by `model.fit`.
 *
 * Every public method is safe to call in any state; calls that make no sense in the current
 * state (play while done, step while running) do nothing. Operations are serialised: a step,
 * an evaluation or a reset never overlap.
 */
export class TrainingRunner implements Pausable {
  private readonly factory: () => AnyTrainingTask;
  private readonly scheduler: Scheduler;
  private readonly opts: Required<Omit<RunnerOptions, 'scheduler' | 'evalEvery'>> & {
    evalEvery: number | null;
  };
  private state: RunnerState;
  private readonly listeners = new Set<RunnerListener>();
  private readonly train = new SeriesRecorder(undefined, ['loss']);
  private readonly evals = new SeriesRecorder();
  private task: AnyTrainingTask | null = null;
  /** Bumped by reset, dispose and context loss: async work of an older generation stops. */
  private gen = 0;
  private chain: Promise<unknown> = Promise.resolve();
  /** Operations queued or in flight on {@link chain} (see `RunnerState.busy`). */
  private pending = 0;
  private wantRun = false;
  private loopQueued = false;
  private disposed = false;
  private stepOffset = 0;
  private lastEvalStep = 0;
  private lastCheckpointAt = 0;
  /** (time, step) at the end of recent frames, for the wall-clock steps-per-second rate. */
  private rateWindow: { t: number; step: number }[] = [];
  /** When listeners last saw the training progress (ms, `now()`). */
  private lastPublishAt = 0;
  /** Most steps per second while playing (null: as fast as possible); see setPace. */
  private pace: number | null = null;
  /** Start of the current pace window and the steps taken in it. */
  private paceT0 = 0;
  private paceSteps = 0;
  private checkpoint: Checkpoint | null = null;
  private unwatch: () => void = () => undefined;
  private canvas: EventTarget | null = null;
  private recovering: Promise<void> | null = null;
  /** Callers of {@link capture} waiting for the step in flight to end. */
  private captures: ((run: RunCapture | null) => void)[] = [];
  private captureErrors: ((err: unknown) => void)[] = [];

  /**
   * @param factory - builds a fresh task (called on the first play/step and after reset or a
   *   lost context). It must not start work before `init()`.
   * @param options - see {@link RunnerOptions}.
   * @throws RangeError for a non-positive `evalEvery` or `maxStepsPerFrame`.
   */
  constructor(factory: () => AnyTrainingTask, options: RunnerOptions = {}) {
    const {
      evalEvery,
      maxStepsPerFrame = 64,
      checkpointEveryMs = 5000,
      publishEveryMs = 100,
    } = options;
    if (evalEvery != null && !(Number.isInteger(evalEvery) && evalEvery > 0)) {
      throw new RangeError(
        `TrainingRunner: evalEvery must be a positive integer, got ${evalEvery}`,
      );
    }
    if (!(Number.isInteger(maxStepsPerFrame) && maxStepsPerFrame > 0)) {
      throw new RangeError(
        `TrainingRunner: maxStepsPerFrame must be a positive integer, got ${maxStepsPerFrame}`,
      );
    }
    this.factory = factory;
    this.scheduler = options.scheduler ?? pageScheduler;
    this.opts = {
      evalEvery: evalEvery ?? null,
      maxStepsPerFrame,
      checkpointEveryMs: Math.max(0, checkpointEveryMs),
      publishEveryMs: Math.max(0, publishEveryMs),
      restoreTimeoutMs: options.restoreTimeoutMs ?? 2000,
    };
    this.state = this.initialState(pageDevice?.getBackendInfo() ?? null);
  }

  /** The current state (same object until the next change). */
  getState = (): RunnerState => this.state;

  /**
   * Calls `listener` after every state change.
   * @returns a function that unsubscribes (fits `useSyncExternalStore(runner.subscribe, runner.getState)`).
   */
  subscribe = (listener: RunnerListener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * Starts or resumes training (building the task first when there is none). Takes the
   * scheduler's slot, pausing any other runner. No-op while running, when done, after
   * divergence or failure (reset first), or after dispose.
   * @returns a promise that settles when this play's loop stops (pause, done, error).
   */
  play(): Promise<void> {
    const { status } = this.state;
    if (this.disposed || status === 'done' || status === 'running' || status === 'initializing')
      return this.chain.then(() => undefined);
    if (status === 'error') return Promise.resolve();
    this.scheduler.acquire(this);
    this.wantRun = true;
    this.commit({ status: this.task ? 'running' : 'initializing', error: null });
    if (this.loopQueued) return this.chain.then(() => undefined);
    this.loopQueued = true;
    const gen = this.gen;
    return this.enqueue(() => this.runLoop(gen));
  }

  /** Stops after the step in flight; the task and its weights stay. */
  pause(): void {
    this.wantRun = false;
    this.scheduler.release(this);
    if (this.state.status === 'running') this.commit({ status: 'paused' });
  }

  /**
   * Caps training at `stepsPerSecond` while playing, so a reader can watch a fast model learn
   * (null or Infinity: as fast as the machine allows). Takes effect at once, mid-run included.
   * @throws RangeError for a value that is not a positive number.
   */
  setPace(stepsPerSecond: number | null): void {
    if (stepsPerSecond != null && !(stepsPerSecond > 0)) {
      throw new RangeError(`TrainingRunner: pace must be a positive number, got ${stepsPerSecond}`);
    }
    this.pace = stepsPerSecond == null || stepsPerSecond === Infinity ? null : stepsPerSecond;
    this.paceT0 = now();
    this.paceSteps = 0;
  }

  /** Milliseconds to wait before the next step is allowed by the pace (0: go on). */
  private paceDelay(): number {
    if (this.pace == null) return 0;
    const due = this.paceT0 + (this.paceSteps * 1000) / this.pace;
    return Math.max(0, due - now());
  }

  /**
   * Runs exactly one step (building the task first when needed), then stays paused. No-op while
   * running, when done, after an error, or after dispose.
   */
  stepOnce(): Promise<void> {
    const { status } = this.state;
    const busy = status === 'running' || status === 'initializing';
    if (this.disposed || busy || status === 'done' || status === 'error') return Promise.resolve();
    const gen = this.gen;
    return this.enqueue(async () => {
      const task = await this.ensureTask(gen);
      if (task == null || gen !== this.gen) return;
      const { result } = await this.stepAndRecord(task, gen);
      if (result === 'ok' && gen === this.gen) await this.maintenance(task, gen);
      if (gen === this.gen && this.state.status !== 'done' && this.state.status !== 'error')
        this.commit({ status: 'paused', error: null }, true);
    });
  }

  /**
   * Stops, disposes the task (variables, optimiser) and clears history and checkpoint. The next
   * play/step builds a fresh task from the factory. The state becomes `idle` at once.
   * @returns a promise that settles when everything is freed.
   */
  reset(): Promise<void> {
    this.stop();
    this.clearRun();
    this.commit(this.initialState(this.state.backend));
    const task = this.task;
    this.task = null;
    return this.enqueue(async () => {
      try {
        task?.dispose();
      } catch {
        // A task on a lost context may fail to free; it is dropped anyway.
      }
    });
  }

  /** Like {@link reset}, then forgets all listeners; the runner cannot be used again. */
  dispose(): Promise<void> {
    if (this.disposed) return this.chain.then(() => undefined);
    const done = this.reset();
    this.disposed = true;
    this.listeners.clear();
    return done;
  }

  /**
   * Loses the WebGL context on purpose (WEBGL_lose_context) to exercise recovery; on cpu/wasm,
   * where there is no context, and for a task on its own backend (a worker), runs the same
   * recovery path directly.
   * @param restoreAfterMs - on WebGL, ask for the context back after this many ms.
   * @returns a promise that settles when recovery has finished (state `paused` or `error`).
   * @throws Error when there is no task yet (nothing to lose).
   */
  async simulateContextLoss(restoreAfterMs?: number): Promise<void> {
    if (this.task == null)
      throw new Error('simulateContextLoss: no task yet (press play or step first)');
    // A task on its own backend (a worker) does not use the page's context: recover directly.
    if (ownBackendOf(this.task) === undefined && pageDevice?.loseWebGLContext(restoreAfterMs)) {
      const start = now();
      while (this.recovering == null && now() - start < 2000) await yieldToBrowser();
      if (this.recovering) await this.recovering;
      return;
    }
    await this.onContextLost('simulated for a test');
  }

  /**
   * Copies the run (the task's training state, the step, histories and readouts) between two
   * steps: at once when paused, after the step in flight while running. The arrays come from
   * the task (from a worker: transferred), nothing blocks the page.
   * @returns null when there is no run worth saving (no task, an error, a task without
   *   `getTrainingState`, or a reset meanwhile).
   * @throws (rejects) the task's error.
   */
  capture(): Promise<RunCapture | null> {
    return new Promise<RunCapture | null>((resolve, reject) => {
      this.captures.push(resolve);
      this.captureErrors.push(reject);
      if (!this.loopQueued) void this.enqueue(() => this.flushCaptures(this.gen));
    });
  }

  private async flushCaptures(gen: number): Promise<void> {
    const waiting = this.captures.splice(0);
    const failing = this.captureErrors.splice(0);
    if (waiting.length === 0) return;
    const task = this.task;
    const { status, step, epoch, latest } = this.state;
    let run: RunCapture | null = null;
    try {
      if (task?.getTrainingState && gen === this.gen && status !== 'error' && status !== 'idle') {
        const state = await task.getTrainingState();
        if (gen === this.gen) {
          const [history, evalHistory] = [this.train.save(), this.evals.save()];
          run = { step, epoch, latest: { ...latest }, history, evalHistory, state };
        }
      }
    } catch (err) {
      if (this.lostContext(err, gen)) run = null;
      else return failing.forEach((reject) => reject(err));
    }
    waiting.forEach((resolve) => resolve(run));
  }

  /**
   * Continues a captured run (see {@link capture}): builds a task, restores its training state
   * (a task without `setTrainingState` takes the weights when `optimizer` is null), then the
   * step, histories and readouts; the state becomes `paused` (or `done`). Only from `idle`.
   * @throws (rejects) Error when the runner is not idle, the task cannot start, or the state
   *   does not fit the task (e.g. other shapes): the runner is idle again, nothing was loaded.
   */
  resume(run: RunCapture): Promise<void> {
    if (this.disposed || this.state.status !== 'idle') {
      return Promise.reject(new Error('TrainingRunner.resume: reset the runner first'));
    }
    const gen = this.gen;
    return this.enqueue(async () => {
      const task = await this.ensureTask(gen);
      if (gen !== this.gen) return;
      if (task == null) throw new Error(this.state.error?.message ?? 'the model could not start');
      try {
        await restoreTask(task, run.state);
        this.train.restore(run.history);
        this.evals.restore(run.evalHistory);
      } catch (err) {
        if (gen === this.gen) void this.reset();
        throw err;
      }
      if (gen !== this.gen) return;
      const p = task.progress();
      this.stepOffset = run.step - p.step;
      const evalSteps = run.evalHistory.columns.step;
      this.lastEvalStep = evalSteps.length > 0 ? evalSteps[evalSteps.length - 1] : 0;
      this.checkpoint = { step: run.step, weights: run.state.weights };
      this.lastCheckpointAt = now();
      const done = p.totalSteps != null && run.step >= p.totalSteps;
      this.commit(
        {
          status: done ? 'done' : 'paused',
          step: run.step,
          epoch: run.epoch,
          totalSteps: p.totalSteps,
          latest: { ...run.latest },
          checkpointStep: run.step,
          error: null,
        },
        true,
      );
    });
  }

  private initialState(backend: BackendInfo | null): RunnerState {
    return {
      status: 'idle',
      step: 0,
      epoch: 0,
      totalSteps: null,
      stepsPerSecond: 0,
      msPerStep: 0,
      history: this.train.snapshot() as TrainingHistory,
      evalHistory: this.evals.snapshot(),
      latest: {},
      checkpointStep: null,
      error: null,
      backend,
      busy: this.pending > 0,
    };
  }

  private commit(patch: Partial<RunnerState> = {}, withHistory = false): void {
    const history = withHistory
      ? { history: this.train.snapshot() as TrainingHistory, evalHistory: this.evals.snapshot() }
      : {};
    this.state = { ...this.state, ...history, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    if (this.pending++ === 0) this.commit({ busy: true });
    const result = this.chain.then(op).finally(() => {
      if (--this.pending === 0) this.commit({ busy: false });
    });
    this.chain = result.catch(() => undefined);
    return result;
  }

  private stop(): void {
    this.gen++;
    // Captures waiting for a loop of the old generation: there is no run to copy any more.
    this.captureErrors = [];
    for (const resolve of this.captures.splice(0)) resolve(null);
    this.wantRun = false;
    this.loopQueued = false;
    this.scheduler.release(this);
    this.unwatch();
    this.unwatch = () => undefined;
  }

  /** Forgets history, checkpoint and counters (not the task). */
  private clearRun(): void {
    this.train.clear();
    this.evals.clear();
    this.checkpoint = null;
    this.stepOffset = 0;
    this.lastEvalStep = 0;
    this.rateWindow = [];
  }

  private async ensureTask(gen: number): Promise<AnyTrainingTask | null> {
    if (this.task) return this.task;
    this.commit({ status: 'initializing', error: null });
    let task: AnyTrainingTask | null = null;
    try {
      task = this.factory();
      // A task on its own backend (a worker) selects it itself; one on the page needs the page's.
      let backend: BackendInfo | null = null;
      if (ownBackendOf(task) === undefined) {
        pageDevice = await loadPageDevice();
        backend = await pageDevice.selectBackend();
      }
      if (gen !== this.gen) {
        task.dispose();
        return null;
      }
      await task.init();
      if (gen !== this.gen) {
        task.dispose();
        return null;
      }
      this.task = task;
      this.watch();
      const p = task.progress();
      this.commit({
        backend: ownBackendOf(task) ?? backend,
        totalSteps: p.totalSteps,
        step: this.stepOffset + p.step,
      });
      await this.saveCheckpoint(task, gen);
      return gen === this.gen ? task : null;
    } catch (err) {
      if (gen === this.gen) {
        if (this.task === null) task?.dispose();
        this.fail('failed', `Could not start ${task?.name ?? 'the model'}: ${messageOf(err)}`);
      }
      return null;
    }
  }

  private watch(): void {
    this.unwatch();
    // A task on its own backend does not use the page's canvas: it reports a loss itself.
    this.canvas =
      ownBackendOf(this.task) === undefined ? (pageDevice?.webglCanvas() ?? null) : null;
    this.unwatch = watchContextLoss(this.canvas, () => {
      void this.onContextLost('the browser reported webglcontextlost');
    });
  }

  private async runLoop(gen: number): Promise<void> {
    try {
      const task = await this.ensureTask(gen);
      if (task == null || gen !== this.gen) return;
      if (!this.wantRun) {
        this.commit({ status: 'paused' });
        return;
      }
      this.commit({ status: 'running' });
      this.rateWindow = [];
      this.paceT0 = now();
      this.paceSteps = 0;
      while (gen === this.gen && this.wantRun) {
        const frameStart = now();
        let steps = 0;
        let result: StepResult = 'ok';
        do {
          const ran = await this.stepAndRecord(task, gen, this.batchSize(task, steps));
          result = ran.result;
          if (result === 'ok' && gen === this.gen) result = await this.maintenance(task, gen);
          if (result === 'ok' && this.captures.length > 0) await this.flushCaptures(gen);
          steps += Math.max(1, ran.taken);
          this.paceSteps += Math.max(1, ran.taken);
        } while (
          result === 'ok' &&
          gen === this.gen &&
          this.wantRun &&
          steps < this.opts.maxStepsPerFrame &&
          now() - frameStart < FRAME_BUDGET_MS &&
          this.paceDelay() === 0
        );
        // Listeners (charts) see progress at most every publishEveryMs: re-rendering them every
        // frame would cost more than the training on a slow (software-composited) page.
        if (
          gen === this.gen &&
          result === 'ok' &&
          now() - this.lastPublishAt >= this.opts.publishEveryMs
        ) {
          this.lastPublishAt = now();
          this.commit({}, true);
        }
        if (result !== 'ok') break;
        const wait = this.paceDelay();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        else await yieldToBrowser();
      }
      // Paused: show the steps taken since the last publication.
      if (gen === this.gen && this.state.status === 'paused') this.commit({}, true);
    } finally {
      if (gen === this.gen) {
        this.loopQueued = false;
        await this.flushCaptures(gen);
      }
    }
  }

  /**
   * Steps per wall-clock second over the last ~2 s (yields and rendering included), from
   * (time, step) samples taken as steps finish, at most one per 50 ms (so the window stays
   * small at hundreds of steps a second). Keeps the previous value until 250 ms of samples
   * exist (a shorter span is used while there is no value yet).
   */
  private wallClockRate(t: number, step: number): number {
    const w = this.rateWindow;
    if (w.length === 0 || t - w[w.length - 1].t >= 50) w.push({ t, step });
    while (w.length > 2 && t - w[1].t > 2000) w.shift();
    const span = t - w[0].t;
    const previous = this.state.stepsPerSecond;
    if (span <= 0 || (span < 250 && previous > 0)) return previous;
    return ((step - w[0].step) * 1000) / span;
  }

  /**
   * Steps to ask for in the next request: 1, unless the task batches ({@link TrainingTask.stepMany},
   * a task in a worker), no pace is set and a step takes under half of {@link BATCH_TARGET_MS}.
   * Then as many as fit in that time, never past the next evaluation, the end of the schedule or
   * the frame's `maxStepsPerFrame`, so every step is recorded and evaluated as one at a time.
   */
  private batchSize(task: AnyTrainingTask, stepsThisFrame: number): number {
    const ms = this.state.msPerStep;
    if (typeof task.stepMany !== 'function' || this.pace != null) return 1;
    if (!(ms > 0) || ms * 2 > BATCH_TARGET_MS || this.captures.length > 0) return 1;
    const p = task.progress();
    const every = this.opts.evalEvery ?? Math.max(1, p.stepsPerEpoch);
    let n = Math.floor(BATCH_TARGET_MS / ms);
    n = Math.min(n, this.opts.maxStepsPerFrame - stepsThisFrame);
    n = Math.min(n, every - (this.state.step - this.lastEvalStep));
    if (p.totalSteps != null) n = Math.min(n, p.totalSteps - p.step);
    return Math.max(1, n);
  }

  /**
   * One step, or `count` through the task's `stepMany`: run, read metrics, guard, record.
   * `taken` is the number of steps recorded (fewer than `count` when the batch stopped early).
   */
  private async stepAndRecord(
    task: AnyTrainingTask,
    gen: number,
    count = 1,
  ): Promise<{ result: StepResult; taken: number }> {
    const t0 = now();
    let batch: SteppedValues[] | null = null;
    let values: Record<string, number> = {};
    try {
      if (count > 1 && task.stepMany) {
        batch = await task.stepMany(count);
      } else {
        // A synchronous step is read exactly as before (no extra await); an asynchronous one
        // (a task in a Web Worker) is awaited first.
        const out: AnyStepOutput | Promise<AnyStepOutput> = task.step();
        values = await readStepOutput(isThenable(out) ? await out : out);
      }
    } catch (err) {
      if (!this.lostContext(err, gen) && gen === this.gen)
        this.fail(
          'failed',
          `${task.name} failed at step ${this.state.step + 1}: ${messageOf(err)}`,
        );
      return { result: 'stop', taken: 0 };
    }
    if (gen !== this.gen) return { result: 'stop', taken: 0 };
    const t1 = now();
    batch ??= [{ values, progress: task.progress() }];
    const msPerStep = smooth(this.state.msPerStep, (t1 - t0) / Math.max(1, batch.length));
    let taken = 0;
    for (const item of batch) {
      taken++;
      const result = await this.record(task, gen, item, t1, msPerStep);
      if (result !== 'ok') return { result, taken };
    }
    return { result: 'ok', taken };
  }

  /** Guards and records one step's values (`t1`: when they arrived; `msPerStep`: smoothed). */
  private async record(
    task: AnyTrainingTask,
    gen: number,
    { values, progress: p }: SteppedValues,
    t1: number,
    msPerStep: number,
  ): Promise<StepResult> {
    const step = this.stepOffset + p.step;
    const epoch = p.epoch + this.stepOffset / Math.max(1, p.stepsPerEpoch);
    const timing = { msPerStep, stepsPerSecond: this.wallClockRate(t1, step) };
    const { knob, advice, maxLoss } = task.divergenceHint;
    const blewUp = maxLoss != null && values.loss > maxLoss;
    if (!Number.isFinite(values.loss) || blewUp) {
      const what = blewUp
        ? `The loss reached ${values.loss.toPrecision(4)} at step ${step} (${task.name}), far above where it started`
        : `The loss became ${values.loss} at step ${step} (${task.name})`;
      const message = `${what}: training diverged. ${advice.replace(/\.?$/, '.')} Then press Reset.`;
      this.wantRun = false;
      this.scheduler.release(this);
      this.commit(
        {
          ...timing,
          step,
          epoch,
          latest: values,
          status: 'error',
          error: { kind: 'diverged', message, knob, advice, cause: what },
        },
        true,
      );
      return 'stop';
    }
    this.train.add(step, epoch, values);
    this.state = {
      ...this.state,
      ...timing,
      step,
      epoch,
      latest: values,
      totalSteps: p.totalSteps,
    };
    if (p.totalSteps != null && step >= p.totalSteps) {
      await this.finish(task, gen, step, epoch);
      return 'stop';
    }
    return 'ok';
  }

  /** Evaluation and checkpoint when due. */
  private async maintenance(task: AnyTrainingTask, gen: number): Promise<StepResult> {
    const { step, epoch } = this.state;
    const every = this.opts.evalEvery ?? Math.max(1, task.progress().stepsPerEpoch);
    if (step - this.lastEvalStep >= every && !(await this.evaluate(task, gen, step, epoch)))
      return 'stop';
    if (gen === this.gen && now() - this.lastCheckpointAt >= this.opts.checkpointEveryMs) {
      await this.saveCheckpoint(task, gen);
    }
    return gen === this.gen ? 'ok' : 'stop';
  }

  private async evaluate(
    task: AnyTrainingTask,
    gen: number,
    step: number,
    epoch: number,
  ): Promise<boolean> {
    try {
      const metrics = await task.evaluate();
      if (gen !== this.gen) return false;
      this.evals.add(step, epoch, metrics, true);
      this.lastEvalStep = step;
      return true;
    } catch (err) {
      if (this.lostContext(err, gen)) return false;
      if (gen === this.gen)
        this.fail('failed', `Evaluating ${task.name} failed at step ${step}: ${messageOf(err)}`);
      return false;
    }
  }

  private async saveCheckpoint(task: AnyTrainingTask, gen: number): Promise<void> {
    const step = this.state.step;
    try {
      const weights = await task.getWeights();
      if (gen !== this.gen) return;
      this.checkpoint = { step, weights };
      this.lastCheckpointAt = now();
      this.state = { ...this.state, checkpointStep: step };
    } catch (err) {
      if (this.lostContext(err, gen)) return;
      if (gen === this.gen)
        this.fail('failed', `Saving a checkpoint of ${task.name} failed: ${messageOf(err)}`);
    }
  }

  private async finish(
    task: AnyTrainingTask,
    gen: number,
    step: number,
    epoch: number,
  ): Promise<void> {
    this.wantRun = false;
    this.scheduler.release(this);
    if (this.lastEvalStep !== step && !(await this.evaluate(task, gen, step, epoch))) return;
    if (gen === this.gen) this.commit({ status: 'done' }, true);
  }

  /**
   * A task on its own backend rejected with a `ContextLostError`: start the usual recovery (not
   * awaited here: it waits for the operation in flight, i.e. the caller, to settle).
   * @returns true when `err` was such a loss of the current generation.
   */
  private lostContext(err: unknown, gen: number): boolean {
    if (!isContextLostError(err) || gen !== this.gen) return false;
    void this.onContextLost(err.message);
    return true;
  }

  private fail(kind: RunnerError['kind'], message: string): void {
    this.wantRun = false;
    this.scheduler.release(this);
    this.commit({ status: 'error', error: { kind, message } }, true);
  }

  /** Context lost: stop, then rebuild on a restored or fallback backend from the checkpoint. */
  private onContextLost(reason: string): Promise<void> {
    if (this.recovering) return this.recovering;
    if (this.disposed || this.task == null) return Promise.resolve();
    const wasRunning = this.chain;
    const canvas = this.canvas;
    const onWebGL = this.state.backend?.name === 'webgl' && canvas != null;
    const from = this.checkpoint?.step ?? 0;
    this.stop();
    const gen = this.gen;
    this.commit({
      status: 'paused',
      error: {
        kind: 'context-lost',
        message: `The WebGL context was lost (${reason}). Restoring the checkpoint from step ${from}…`,
      },
    });
    // Listen for the restore at once: a browser that gives the context back usually does so
    // within a second, before the wait for the step in flight below is over.
    const restored = onWebGL
      ? waitForEvent(canvas, 'webglcontextrestored', SETTLE_MS + this.opts.restoreTimeoutMs)
      : Promise.resolve(false);
    const recovery = (async () => {
      // A read on a lost context may never settle: wait for the loop a little, not forever.
      await settleWithin(wasRunning, SETTLE_MS);
      await this.recover(gen, onWebGL ? canvas : null, reason, restored);
    })();
    this.recovering = recovery.finally(() => {
      this.recovering = null;
    });
    this.chain = this.recovering.catch(() => undefined);
    return this.recovering;
  }

  private async recover(
    gen: number,
    canvas: EventTarget | null,
    reason: string,
    restored?: Promise<boolean>,
  ): Promise<void> {
    const old = this.task;
    this.task = null;
    try {
      old?.dispose();
    } catch {
      // Freeing on a lost context may throw; the old tensors are gone with the context anyway.
    }
    const checkpoint = this.checkpoint;
    try {
      const rebuilt = await rebuildAfterContextLoss({
        // It only builds, inits, loads weights and disposes (never steps): any task will do.
        factory: this.factory as () => TrainingTask,
        weights: checkpoint?.weights ?? null,
        backend: this.state.backend,
        restoreBackend:
          canvas != null
            ? async () =>
                (await loadPageDevice()).restorePageBackend(
                  canvas,
                  restored,
                  this.opts.restoreTimeoutMs,
                )
            : undefined,
        isStale: () => gen !== this.gen,
      });
      if (rebuilt == null) return;
      const { task } = rebuilt;
      const backend = ownBackendOf(task) ?? rebuilt.backend;
      this.task = task;
      this.watch();
      const from = checkpoint?.step ?? 0;
      this.stepOffset = from - task.progress().step;
      this.train.truncateAfter(from);
      this.evals.truncateAfter(from);
      this.lastEvalStep = Math.min(this.lastEvalStep, from);
      const p = task.progress();
      const message =
        `The WebGL context was lost (${reason}); training was restored from the checkpoint at step ${from} ` +
        `on the ${backend?.name ?? 'current'} backend. Press play to continue.`;
      this.commit(
        {
          status: 'paused',
          step: from,
          epoch: p.epoch + this.stepOffset / Math.max(1, p.stepsPerEpoch),
          backend,
          checkpointStep: from,
          error: { kind: 'context-lost', message },
        },
        true,
      );
    } catch (err) {
      if (gen === this.gen) {
        this.commit({
          status: 'error',
          error: {
            kind: 'context-lost',
            message: `The WebGL context was lost and training could not be restored: ${messageOf(err)}. Press reset.`,
          },
        });
      }
    }
  }
}
