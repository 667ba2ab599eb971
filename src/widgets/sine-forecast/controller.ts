/**
 * The sine forecaster's lifecycle outside React: lazy loading of the engine (tfjs, runtime,
 * task), the runner, the curves drawn over the data (the task's one-step-ahead predictions after
 * every published step, and the free-running forecast composed from the task's weights), and
 * disposal. The component subscribes with `useSyncExternalStore`.
 */
import type { RunnerState, TrainingRunner } from '../../train';
import type { LoadPhase } from '../kit/useTrainingWidget';
import type { SineForecastTask } from './engine';
import { freeRunForecast, sineWeightsFromSnapshot } from './forecast';
import { SINE_EVAL_LENGTH, type SineSettings } from './schema';

type Engine = typeof import('./engine');

/** The evaluation stretch of the current settings (plain arrays, for the charts). */
export interface SineData {
  /** Sample index of every point, `[SINE_EVAL_LENGTH]`. */
  t: number[];
  /** sin(2π t / period). */
  truth: number[];
  /** The noisy values the model reads and is scored against. */
  observed: number[];
}

/** A forecast over the evaluation stretch, made by the model after `step` steps. */
export interface Forecast {
  step: number;
  values: number[];
}

/** Snapshot of the controller (immutable; a new object per change). */
export interface SineState {
  phase: LoadPhase;
  loadError: string | null;
  backendMessage: string | null;
  runner: TrainingRunner | null;
  /** The settings the current run is built from. */
  applied: SineSettings | null;
  data: SineData | null;
  /** One-step-ahead predictions (every window holds observed values), or null before a model. */
  prediction: Forecast | null;
  /** Free-running forecast (fed its own predictions), or null when off or not computed yet. */
  freeRun: Forecast | null;
  /** Why the last forecast could not be drawn, or null. */
  forecastError: string | null;
}

const INITIAL: SineState = {
  phase: 'waiting',
  loadError: null,
  backendMessage: null,
  runner: null,
  applied: null,
  data: null,
  prediction: null,
  freeRun: null,
  forecastError: null,
};

/** Steps between two evaluations (validation MSE) of the runner. */
export const EVAL_EVERY = 20;

/**
 * Least time between two forecasts drawn while training runs, ms (after a Step or a pause, the
 * newest model is drawn at once). Each forecast is a forward pass over 200 windows on the main
 * thread; four a second keep the curve moving and leave the time to training.
 */
export const FORECAST_EVERY_MS = 250;

/**
 * While training runs, forecasts take at most this share of the time: the wait between two is
 * also at least (1 / share − 1) times the last one's duration (a long window's forward pass
 * over 200 windows of 100 values is a long task on a slow machine).
 */
export const FORECAST_TIME_SHARE = 0.2;

/** The wait between two forecasts while training runs, after one that took `lastMs`. Pure. */
export function forecastInterval(lastMs: number): number {
  return Math.max(FORECAST_EVERY_MS, lastMs * (1 / FORECAST_TIME_SHARE - 1));
}

/** Trainable parameters of the SimpleRNN (1 input) + linear readout: H + H² + 2H + H + 1. */
export function sineParameterCount(hidden: number): number {
  return hidden * hidden + 4 * hidden + 1;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** See the module comment. One controller per mounted widget. */
export class SineController {
  private state: SineState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private engine: Engine | null = null;
  private task: SineForecastTask | null = null;
  private seedWindow: Float32Array | null = null;
  private abort: AbortController | null = null;
  private unsubscribe: () => void = () => undefined;
  private applying = 0;
  private freeRunOn = false;
  /** Runner step of the newest prediction asked for (null: none since the run started). */
  private predictedStep: number | null = null;
  private predicting = false;
  private freeRunStep: number | null = null;
  private freeRunning = false;
  /** When the last forecast was started (ms) and the timer that draws a skipped one. */
  private forecastAt = -Infinity;
  /** How long the last one-step-ahead forecast took, ms. */
  private forecastMs = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  getState = (): SineState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SineState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /**
   * Downloads the engine, starts the backend (honouring `?backend=`), prepares the data of
   * `currentSettings()` and builds the runner. Does nothing while loading or once loaded; after
   * a failure it tries again.
   */
  async load(currentSettings: () => SineSettings): Promise<void> {
    if (this.state.phase === 'loading' || this.state.phase === 'ready') return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ phase: 'loading', loadError: null });
    try {
      const engine = await import('./engine');
      const backend = await engine.selectBackendFromLocation();
      if (abort.signal.aborted) return;
      this.engine = engine;
      this.prepare(currentSettings());
      const runner = new engine.TrainingRunner(() => this.buildTask(), {
        evalEvery: EVAL_EVERY,
      });
      this.unsubscribe = runner.subscribe((s) => this.onRunner(s));
      this.set({ phase: 'ready', backendMessage: backend.message ?? null, runner });
    } catch (err) {
      if (abort.signal.aborted) return;
      this.set({
        phase: 'failed',
        loadError: `The sine forecaster could not start: ${(err as Error).message}`,
      });
    }
  }

  /** Generates the data of `settings` and forgets the forecasts of the previous run. */
  private prepare(settings: SineSettings): void {
    const { curve, seedWindow } = this.engine!.runData(settings);
    this.seedWindow = seedWindow;
    this.predictedStep = null;
    this.freeRunStep = null;
    this.set({
      applied: settings,
      data: {
        t: Array.from(curve.t),
        truth: Array.from(curve.truth),
        observed: Array.from(curve.observed),
      },
      prediction: null,
      freeRun: null,
      forecastError: null,
    });
  }

  private buildTask(): SineForecastTask {
    const { applied } = this.state;
    if (!this.engine || !applied) throw new Error('The sine forecaster is not loaded yet.');
    this.task = this.engine.buildTask(applied);
    return this.task;
  }

  /** Makes `settings` the ones the next run is built from and resets the runner. */
  async apply(settings: SineSettings): Promise<void> {
    if (this.state.phase !== 'ready') return;
    const ticket = ++this.applying;
    this.task = null;
    await this.state.runner?.reset();
    if (ticket !== this.applying) return;
    this.prepare(settings);
  }

  /** Turns the free-running forecast on or off (computed from the current weights). */
  setFreeRun(on: boolean): void {
    this.freeRunOn = on;
    if (!on) {
      this.freeRunStep = null;
      if (this.state.freeRun) this.set({ freeRun: null });
      return;
    }
    const runner = this.state.runner;
    if (runner) this.onRunner(runner.getState());
  }

  /**
   * After each published runner state: refresh the forecasts when the model has moved on, at
   * most every {@link FORECAST_EVERY_MS} while training runs (a timer draws the skipped one).
   */
  private onRunner(s: RunnerState): void {
    const task = this.task;
    if (!task || s.status === 'idle' || s.status === 'initializing' || s.step === 0) return;
    const stale =
      (!this.predicting && s.step !== this.predictedStep) ||
      (this.freeRunOn && !this.freeRunning && s.step !== this.freeRunStep);
    if (!stale) return;
    const wait = this.forecastAt + forecastInterval(this.forecastMs) - now();
    if (s.status === 'running' && wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.catchUp(task);
      }, wait);
      return;
    }
    this.forecastAt = now();
    if (!this.predicting && s.step !== this.predictedStep) void this.predict(task, s.step);
    if (this.freeRunOn && !this.freeRunning && s.step !== this.freeRunStep) {
      void this.runFree(task, s.step);
    }
  }

  /** Reads the task's one-step-ahead predictions over the evaluation stretch. */
  private async predict(task: SineForecastTask, step: number): Promise<void> {
    this.predicting = true;
    this.predictedStep = step;
    const t0 = now();
    try {
      const curve = await task.predictCurve();
      this.forecastMs = now() - t0;
      if (task !== this.task) return;
      this.set({ prediction: { step, values: Array.from(curve.prediction) }, forecastError: null });
    } catch (err) {
      if (task === this.task) {
        this.set({ forecastError: `The forecast could not be drawn: ${(err as Error).message}` });
      }
    } finally {
      this.predicting = false;
    }
    this.catchUp(task);
  }

  /** Copies the weights off the device and runs the model on its own predictions (plain JS). */
  private async runFree(task: SineForecastTask, step: number): Promise<void> {
    const engine = this.engine;
    const seed = this.seedWindow;
    if (!engine || !seed) return;
    this.freeRunning = true;
    this.freeRunStep = step;
    try {
      const weights = sineWeightsFromSnapshot(await task.getWeights());
      const live = () => task === this.task && this.freeRunOn;
      if (!live()) return;
      const values = await freeRunForecast(weights, seed, SINE_EVAL_LENGTH, {
        pause: async () => {
          await engine.yieldToBrowser();
          return live();
        },
      });
      if (values && live()) this.set({ freeRun: { step, values: Array.from(values) } });
    } catch (err) {
      if (task === this.task) {
        this.set({
          forecastError: `The free-running forecast could not be drawn: ${(err as Error).message}`,
        });
      }
    } finally {
      this.freeRunning = false;
    }
    this.catchUp(task);
  }

  /** Steps taken while a forecast was computed: draw the newest model too (e.g. after Pause). */
  private catchUp(task: SineForecastTask): void {
    const runner = this.state.runner;
    if (runner && task === this.task) this.onRunner(runner.getState());
  }

  /** Stops loading, disposes the runner (and so every tensor of the run). Safe to call twice. */
  async dispose(): Promise<void> {
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe();
    this.unsubscribe = () => undefined;
    const runner = this.state.runner;
    this.task = null;
    this.set(INITIAL);
    await runner?.dispose();
  }
}
