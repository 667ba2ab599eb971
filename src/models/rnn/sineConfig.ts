/**
 * Configuration of chapter 9's sine forecaster ({@link createSineForecastTask} in ./sineTask.ts):
 * defaults, bounds, validation, and the generated series. No tfjs, no React, no DOM: the widget's
 * schema imports the defaults and bounds, and its page draws the series, without loading tfjs.
 */
import { checkInRange } from '../limits';
import { createRng } from '../../train/random';

/** Hyperparameters of {@link createSineForecastTask}. */
export interface SineForecastConfig {
  /** Window length n: how many past values the model reads, an integer in [1, 100]. Default 20. */
  window?: number;
  /** Hidden units H of the SimpleRNN, an integer in [1, 64]. Default 16. */
  hiddenSize?: number;
  /** Adam learning rate, in [1e-4, 1]. Default 0.01. */
  learningRate?: number;
  /** Standard deviation of the Gaussian noise added to every sample, in [0, 1]. Default 0.1. */
  noise?: number;
  /** Seed of the noise, the initial weights and the batch order, an integer in [0, 999999]. Default 42. */
  seed?: number;
  /** Samples per period of the sine, in [4, 1000]. Default 40. */
  period?: number;
  /** Windows per batch, an integer in [1, 1024]. Default 32. */
  batchSize?: number;
  /** Length of the training stretch in samples, an integer in [10, 100000]. Default 1000. */
  trainLength?: number;
  /** Length of the evaluation stretch (predicted points), an integer in [1, 10000]. Default 200. */
  evalLength?: number;
  /** Epochs that make up `progress().totalSteps`, an integer in [1, 100000]. Default 100. */
  epochs?: number;
}

/** A config with every default filled in. */
export type ResolvedSineForecastConfig = Required<SineForecastConfig>;

/** Defaults of {@link createSineForecastTask}. */
export const SINE_DEFAULTS: ResolvedSineForecastConfig = {
  window: 20,
  hiddenSize: 16,
  learningRate: 0.01,
  noise: 0.1,
  seed: 42,
  period: 40,
  batchSize: 32,
  trainLength: 1000,
  evalLength: 200,
  epochs: 100,
};

/**
 * Bounds of the hyperparameters, inclusive: the model's validation and the widget's schema use
 * these (one bound per knob). A window of 100 is two and a half periods of the default sine; 64
 * hidden units keep a step of the longest window short on WASM.
 */
export const SINE_LIMITS = {
  window: [1, 100],
  hiddenSize: [1, 64],
  learningRate: [1e-4, 1],
  noise: [0, 1],
  seed: [0, 999_999],
  period: [4, 1000],
  batchSize: [1, 1024],
  trainLength: [10, 100_000],
  evalLength: [1, 10_000],
  epochs: [1, 100_000],
} as const;

const PREFIX = 'sine forecast:';

function checkNumber(
  name: string,
  value: unknown,
  range: readonly [number, number],
  integer: boolean,
): number {
  return checkInRange(PREFIX, name, value, range, integer);
}

/**
 * Fills in defaults and validates every field.
 * @throws TypeError for a config that is not an object; RangeError naming the field for a value
 *   out of range.
 */
export function resolveSineConfig(config: SineForecastConfig = {}): ResolvedSineForecastConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const L = SINE_LIMITS;
  const out = { ...SINE_DEFAULTS };
  for (const key of Object.keys(L) as Array<keyof typeof L>) {
    const value = config[key] ?? SINE_DEFAULTS[key];
    out[key] = checkNumber(key, value, L[key], key !== 'learningRate' && key !== 'noise');
  }
  return out;
}

/**
 * The generated series: `length` samples x_t = sin(2π t / period) + noise·ε_t, ε_t ~ N(0, 1)
 * drawn from {@link createRng}(`<seed>/noise`). Returns the clean and the noisy values.
 */
export function sineSeries(
  length: number,
  period: number,
  noise: number,
  seed: number,
): { clean: Float32Array; noisy: Float32Array } {
  const rng = createRng(`${seed}/noise`);
  const clean = new Float32Array(length);
  const noisy = new Float32Array(length);
  for (let t = 0; t < length; t++) {
    clean[t] = Math.sin((2 * Math.PI * t) / period);
    noisy[t] = clean[t] + noise * rng.normal();
  }
  return { clean, noisy };
}
