/**
 * The sine forecaster's forward pass in plain TypeScript, for the free-running forecast: the
 * trained weights (copied off the device with the task's `getWeights()`) are applied to windows
 * whose values the model itself predicted. No tfjs, no DOM: a free run is one short sequential
 * loop per predicted point, which costs less in JavaScript than hundreds of tiny tfjs calls.
 */
import type { WeightSnapshot } from '../../train/types';

/**
 * The weights of the SimpleRNN + linear readout, PyTorch layout (torch.nn.RNN, input size 1, and
 * torch.nn.Linear(H, 1)), as flat row-major arrays.
 */
export interface SineWeights {
  /** Hidden units H. */
  hidden: number;
  /** `weight_ih_l0` `[H, 1]`. */
  wIh: Float32Array;
  /** `weight_hh_l0` `[H, H]` (row i holds the weights into unit i). */
  wHh: Float32Array;
  /** `bias_ih_l0` `[H]`. */
  bIh: Float32Array;
  /** `bias_hh_l0` `[H]`. */
  bHh: Float32Array;
  /** `readout.weight` `[1, H]`. */
  wOut: Float32Array;
  /** `readout.bias` `[1]`. */
  bOut: number;
}

/** Snapshot keys of the sine task (its `SINE_WEIGHT_NAMES`, PyTorch's names) and their shapes. */
const SHAPES = (H: number): Record<string, number[]> => ({
  'rnn.weight_ih_l0': [H, 1],
  'rnn.weight_hh_l0': [H, H],
  'rnn.bias_ih_l0': [H],
  'rnn.bias_hh_l0': [H],
  'readout.weight': [1, H],
  'readout.bias': [1],
});

/**
 * Reads a snapshot of the sine task (`SineForecastTask.getWeights()`).
 * @throws RangeError naming the missing entry or the entry whose shape does not fit.
 */
export function sineWeightsFromSnapshot(snapshot: WeightSnapshot): SineWeights {
  const hh = snapshot['rnn.weight_hh_l0'];
  if (!hh) throw new RangeError('sine weights: the snapshot has no "rnn.weight_hh_l0"');
  const H = hh.shape[0];
  for (const [name, shape] of Object.entries(SHAPES(H))) {
    const w = snapshot[name];
    if (!w) throw new RangeError(`sine weights: the snapshot has no "${name}"`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (
      w.shape.length !== shape.length ||
      w.shape.some((d, i) => d !== shape[i]) ||
      w.values.length !== size
    ) {
      throw new RangeError(
        `sine weights: "${name}" has shape [${w.shape.join(', ')}], expected [${shape.join(', ')}]`,
      );
    }
  }
  return {
    hidden: H,
    wIh: snapshot['rnn.weight_ih_l0'].values,
    wHh: hh.values,
    bIh: snapshot['rnn.bias_ih_l0'].values,
    bHh: snapshot['rnn.bias_hh_l0'].values,
    wOut: snapshot['readout.weight'].values,
    bOut: snapshot['readout.bias'].values[0],
  };
}

/** Scratch buffers for {@link forecastOne} (two hidden states), reused across calls. */
export interface ForecastScratch {
  h: Float64Array;
  next: Float64Array;
}

/** Scratch buffers for a model with `hidden` units. */
export function forecastScratch(hidden: number): ForecastScratch {
  return { h: new Float64Array(hidden), next: new Float64Array(hidden) };
}

/**
 * The model's prediction of the value after a window: h_0 = 0,
 * h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) for t = 1..n (Elman 1990; torch.nn.RNN's
 * equation), then ŷ = w_out · h_n + b_out. Accumulates in float64.
 *
 * @param window - the n past values x_1..x_n, oldest first (read from `start`, `n` values).
 * @returns ŷ, the forecast of x_{n+1}.
 */
export function forecastOne(
  w: SineWeights,
  window: ArrayLike<number>,
  start = 0,
  n = window.length - start,
  scratch: ForecastScratch = forecastScratch(w.hidden),
): number {
  const H = w.hidden;
  let { h, next } = scratch;
  h.fill(0);
  for (let t = 0; t < n; t++) {
    const x = window[start + t];
    for (let i = 0; i < H; i++) {
      let a = w.wIh[i] * x + w.bIh[i] + w.bHh[i];
      const row = i * H;
      for (let j = 0; j < H; j++) a += w.wHh[row + j] * h[j];
      next[i] = Math.tanh(a);
    }
    const swap = h;
    h = next;
    next = swap;
  }
  let y = w.bOut;
  for (let i = 0; i < H; i++) y += w.wOut[i] * h[i];
  return y;
}

/** Options of {@link freeRunForecast}. */
export interface FreeRunOptions {
  /**
   * Called between chunks of work so that the page can paint; the run stops (returns null) when
   * it resolves to false. Default: no pauses (the whole run in one go).
   */
  pause?: () => Promise<boolean>;
  /** Milliseconds of work between two pauses (default 8). */
  budgetMs?: number;
}

/**
 * A free-running (closed-loop, autoregressive) forecast: the model predicts the next value from
 * the last n values, the prediction is appended to the window, and so on for `steps` values; no
 * observed value enters after the seed window. Errors compound, unlike the one-step-ahead
 * forecast in which every window holds observed values.
 *
 * Cost: steps · n · (H² + 2H) multiply-adds.
 *
 * @param seed - the n observed values before the first forecast, oldest first.
 * @param steps - values to forecast.
 * @returns the `steps` forecasts, or null when `options.pause` asked to stop.
 * @throws RangeError for an empty seed or a negative step count.
 */
export async function freeRunForecast(
  w: SineWeights,
  seed: ArrayLike<number>,
  steps: number,
  options: FreeRunOptions = {},
): Promise<Float32Array | null> {
  const n = seed.length;
  if (n < 1) throw new RangeError('free run: the seed window is empty');
  if (!(Number.isInteger(steps) && steps >= 0)) {
    throw new RangeError(`free run: steps must be an integer >= 0, got ${steps}`);
  }
  const { pause, budgetMs = 8 } = options;
  const series = new Float64Array(n + steps);
  for (let i = 0; i < n; i++) series[i] = seed[i];
  const scratch = forecastScratch(w.hidden);
  const out = new Float32Array(steps);
  let t0 = clock();
  for (let k = 0; k < steps; k++) {
    const y = forecastOne(w, series, k, n, scratch);
    series[n + k] = y;
    out[k] = y;
    if (pause && clock() - t0 > budgetMs && k + 1 < steps) {
      if (!(await pause())) return null;
      t0 = clock();
    }
  }
  return out;
}

function clock(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
