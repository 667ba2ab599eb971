/**
 * How the kit runs chapter 9's sine forecaster: the data of a run (the held-out stretch the
 * charts draw, generated on the page from the same seed as the task's), the model's Web Worker
 * and task kind, and the widget's own state (the forecasts drawn over the curve, from
 * ./forecasts.ts). See src/widgets/kit.
 */
import { sineSeries } from '../../models/rnn/sineConfig';
import type { TrainingController, TrainingSpec } from '../kit';
import {
  SINE_EVAL_LENGTH,
  SINE_PERIOD,
  SINE_TRAIN_LENGTH,
  toConfig,
  type SineSettings,
} from './schema';

/** Steps between two evaluations (validation MSE) of the runner. */
export const EVAL_EVERY = 20;

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

/** The widget's own state in the controller's store (reset on every apply). */
export interface SineExtra {
  /** One-step-ahead predictions (every window holds observed values), or null before a model. */
  prediction: Forecast | null;
  /** Free-running forecast (fed its own predictions), or null when off or not computed yet. */
  freeRun: Forecast | null;
  /** Why the last forecast could not be drawn, or null. */
  forecastError: string | null;
}

/** The sine forecaster's controller (one per mounted widget). */
export type SineController = TrainingController<SineSettings, SineData, SineExtra>;

/** Trainable parameters of the SimpleRNN (1 input) + linear readout: H + H² + 2H + H + 1. */
export function sineParameterCount(hidden: number): number {
  return hidden * hidden + 4 * hidden + 1;
}

/**
 * The evaluation stretch of a run before any model exists: the same series the task generates
 * (`sineSeries` with the run's period, noise and seed), samples
 * [SINE_TRAIN_LENGTH, SINE_TRAIN_LENGTH + SINE_EVAL_LENGTH).
 */
export function sineRunData(s: Pick<SineSettings, 'noise' | 'seed'>): SineData {
  const end = SINE_TRAIN_LENGTH + SINE_EVAL_LENGTH;
  const { clean, noisy } = sineSeries(end, SINE_PERIOD, s.noise, s.seed);
  return {
    t: Array.from({ length: SINE_EVAL_LENGTH }, (_, i) => SINE_TRAIN_LENGTH + i),
    truth: Array.from(clean.subarray(SINE_TRAIN_LENGTH, end)),
    observed: Array.from(noisy.subarray(SINE_TRAIN_LENGTH, end)),
  };
}

/** The sine forecaster as the kit runs it (task kind `sine` in ./sine.worker.ts). */
export const sineSpec: TrainingSpec<SineSettings, SineData, SineExtra> = {
  id: 'sine-forecast',
  what: 'the sine forecaster',
  taskKind: 'sine',
  spawnWorker: () =>
    new Worker(new URL('./sine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sine-forecast',
    }),
  prepare: (settings, { previous, previousSettings }) =>
    Promise.resolve(
      previous &&
        previousSettings?.noise === settings.noise &&
        previousSettings.seed === settings.seed
        ? previous
        : sineRunData(settings),
    ),
  taskConfig: (_data, settings) => toConfig(settings),
  initialExtra: { prediction: null, freeRun: null, forecastError: null },
  runnerOptions: { evalEvery: EVAL_EVERY },
};
