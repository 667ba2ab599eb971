/**
 * When the sine forecaster's curves are redrawn: after each published runner state, the
 * one-step-ahead prediction (and, when on, the free-running forecast) of the newest model is
 * asked of the worker through `controller.probe`, at most every {@link FORECAST_EVERY_MS} while
 * training runs and then only if the last one took at most {@link FORECAST_TIME_SHARE} of the
 * time (a timer draws the skipped one); after a Step or a pause at once. No React, no tfjs.
 */
import type { RunnerState } from '../../train';
import type { WorkerTask } from '../../train/worker/client';
import type { SineController } from './spec';

/**
 * Least time between two forecasts drawn while training runs, ms. Each is a forward pass over
 * 200 windows in the worker, between two training steps; four a second keep the curve moving.
 */
export const FORECAST_EVERY_MS = 250;

/**
 * While training runs, forecasts take at most this share of the time: the wait between two is
 * also at least (1 / share − 1) times the last one's duration.
 */
export const FORECAST_TIME_SHARE = 0.2;

/** The wait between two forecasts while training runs, after one that took `lastMs`. Pure. */
export function forecastInterval(lastMs: number): number {
  return Math.max(FORECAST_EVERY_MS, lastMs * (1 / FORECAST_TIME_SHARE - 1));
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** See the module comment. One per controller; feed it the runner's states. */
export class SineForecasts {
  private task: WorkerTask | null = null;
  private freeRunOn = false;
  /** Runner step of the newest prediction asked for (null: none since the run started). */
  private predictedStep: number | null = null;
  private predicting = false;
  private freeRunStep: number | null = null;
  private freeRunning = false;
  /** When the last forecast was started (ms) and how long the last prediction took. */
  private forecastAt = -Infinity;
  private forecastMs = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly controller: SineController) {}

  /** Turns the free-running forecast on or off (computed from the current weights). */
  setFreeRun(on: boolean): void {
    this.freeRunOn = on;
    if (!on) {
      this.freeRunStep = null;
      if (this.controller.getState().freeRun) this.controller.update({ freeRun: null });
      return;
    }
    this.catchUp();
  }

  /** After each published runner state: asks for the forecasts the newest model has not drawn. */
  onRunner(s: RunnerState): void {
    const task = this.controller.currentTask;
    if (task !== this.task) {
      // A new run (Reset, new settings): nothing of it is drawn yet.
      this.task = task;
      this.predictedStep = null;
      this.freeRunStep = null;
    }
    if (!task || s.status === 'idle' || s.status === 'initializing' || s.step === 0) return;
    const wantPrediction = !this.predicting && s.step !== this.predictedStep;
    const wantFreeRun = this.freeRunOn && !this.freeRunning && s.step !== this.freeRunStep;
    if (!wantPrediction && !wantFreeRun) return;
    const wait = this.forecastAt + forecastInterval(this.forecastMs) - now();
    if (s.status === 'running' && wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.catchUp();
      }, wait);
      return;
    }
    this.forecastAt = now();
    if (wantPrediction) this.predict(s.step);
    if (wantFreeRun) this.runFree(s.step);
  }

  private predict(step: number): void {
    const c = this.controller;
    this.predicting = true;
    this.predictedStep = step;
    const t0 = now();
    void c
      .probe(
        'predict',
        async (task, isCurrent) => {
          const values = await task.call<Float32Array>('predictCurve');
          this.forecastMs = now() - t0;
          if (isCurrent()) {
            c.update({ prediction: { step, values: Array.from(values) }, forecastError: null });
          }
        },
        (message) => c.update({ forecastError: `The forecast could not be drawn: ${message}` }),
      )
      .finally(() => {
        this.predicting = false;
        this.catchUp();
      });
  }

  private runFree(step: number): void {
    const c = this.controller;
    this.freeRunning = true;
    this.freeRunStep = step;
    void c
      .probe(
        'free-run',
        async (task, isCurrent) => {
          const values = await task.call<Float32Array>('freeRun');
          if (isCurrent() && this.freeRunOn) {
            c.update({ freeRun: { step, values: Array.from(values) } });
          }
        },
        (message) =>
          c.update({
            forecastError: `The free-running forecast could not be drawn: ${message}`,
          }),
      )
      .finally(() => {
        this.freeRunning = false;
        this.catchUp();
      });
  }

  /** Steps taken while a forecast was computed: draw the newest model too (e.g. after Pause). */
  private catchUp(): void {
    const runner = this.controller.getState().runner;
    if (runner) this.onRunner(runner.getState());
  }

  /** Stops the pending timer (on unmount). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
