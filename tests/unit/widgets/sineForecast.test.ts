import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WeightSnapshot } from '../../../src/train/types';
import { sineSeries } from '../../../src/models/rnn/sineConfig';
import { createSineForecastTask } from '../../../src/models/rnn/sineTask';
import { FORECAST_EVERY_MS, forecastInterval } from '../../../src/widgets/sine-forecast/forecasts';
import { sineParameterCount, sineRunData } from '../../../src/widgets/sine-forecast/spec';
import {
  forecastOne,
  freeRunForecast,
  sineWeightsFromSnapshot,
  type SineWeights,
} from '../../../src/widgets/sine-forecast/forecast';
import {
  clampSeries,
  curveDomain,
  lossReferences,
  lossTop,
} from '../../../src/widgets/sine-forecast/SineCharts';
import { windowCoverage } from '../../../src/widgets/sine-forecast/SineForecast';
import {
  SINE_EVAL_LENGTH,
  SINE_TRAIN_LENGTH,
  SINE_PERIOD,
  sinePresets,
  sineSchema,
  toConfig,
  type SineSettings,
} from '../../../src/widgets/sine-forecast/schema';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const SETTINGS: SineSettings = {
  window: 8,
  hidden: 6,
  lr: 0.01,
  noise: 0.1,
  seed: 7,
  speed: 'full',
  freerun: false,
};

/** The task of a run, as the widget's worker builds it. */
const buildTask = (s: SineSettings) => createSineForecastTask(toConfig(s));

/** The evaluation stretch the page draws, and the n observed values before it. */
function runData(s: SineSettings) {
  const { noisy } = sineSeries(SINE_TRAIN_LENGTH, SINE_PERIOD, s.noise, s.seed);
  return { curve: sineRunData(s), seedWindow: noisy.slice(SINE_TRAIN_LENGTH - s.window) };
}

async function train(task: ReturnType<typeof buildTask>, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    const out = task.step();
    await out.loss.data();
    out.loss.dispose();
  }
}

/** A hand-made H = 1 model: h_t = tanh(a x_t + u h_{t-1} + b), ŷ = c h_n + d. */
function oneUnit(a: number, u: number, b: number, c: number, d: number): SineWeights {
  return {
    hidden: 1,
    wIh: Float32Array.of(a),
    wHh: Float32Array.of(u),
    bIh: Float32Array.of(b / 2),
    bHh: Float32Array.of(b / 2),
    wOut: Float32Array.of(c),
    bOut: d,
  };
}

describe('the plain-JS forward pass matches the task', () => {
  it('reproduces predictCurve() of a trained task to 1e-5 from its getWeights() snapshot', async () => {
    const task = buildTask(SETTINGS);
    task.init();
    await train(task, 20);
    const curve = await task.predictCurve();
    const w = sineWeightsFromSnapshot(await task.getWeights());
    expect(w.hidden).toBe(6);
    const { curve: data, seedWindow } = runData(SETTINGS);
    // The widget's copy of the data is the task's.
    expect(Array.from(data.observed)).toEqual(Array.from(curve.observed));
    expect(Array.from(data.truth)).toEqual(Array.from(curve.truth));
    expect(Array.from(data.t)).toEqual(Array.from(curve.t));
    // Window i = the n values before evaluation point i (from the seed window, then observed).
    const series = Float32Array.from([...seedWindow, ...data.observed]);
    for (let i = 0; i < SINE_EVAL_LENGTH; i++) {
      expect(forecastOne(w, series, i, SETTINGS.window)).toBeCloseTo(curve.prediction[i], 5);
    }
    expect(sineParameterCount(SETTINGS.hidden)).toBe(task.parameterCount);
    task.dispose();
  });

  // The weights are float32 (0.3 is not exact), hence 6 digits.
  it('computes the Elman recurrence by hand for one unit', () => {
    const w = oneUnit(0.5, -0.3, 0.2, 2, 0.1);
    const h1 = Math.tanh(0.5 * 1 + 0.2);
    const h2 = Math.tanh(0.5 * -1 + 0.2 - 0.3 * h1);
    expect(forecastOne(w, [1, -1])).toBeCloseTo(2 * h2 + 0.1, 6);
    // start / n select a window inside a longer series
    expect(forecastOne(w, [9, 9, 1, -1, 9], 2, 2)).toBeCloseTo(2 * h2 + 0.1, 6);
  });
});

describe('free-running forecast', () => {
  it('feeds every prediction back into the window', async () => {
    const w = oneUnit(0.9, 0.4, -0.1, 1.5, 0.05);
    const seed = [0.1, 0.5, -0.2];
    const out = (await freeRunForecast(w, seed, 4))!;
    const y1 = forecastOne(w, seed);
    const y2 = forecastOne(w, [0.5, -0.2, y1]);
    const y3 = forecastOne(w, [-0.2, y1, y2]);
    expect(out).toHaveLength(4);
    expect(out[0]).toBeCloseTo(y1, 6);
    expect(out[1]).toBeCloseTo(y2, 6);
    expect(out[2]).toBeCloseTo(y3, 6);
  });

  it('pauses between chunks and stops when told to', async () => {
    const w = oneUnit(0.9, 0.4, -0.1, 1.5, 0.05);
    let pauses = 0;
    const stopped = await freeRunForecast(w, [0.1, 0.2], 50, {
      budgetMs: -1,
      pause: async () => ++pauses < 3,
    });
    expect(stopped).toBeNull();
    expect(pauses).toBe(3);
    const full = await freeRunForecast(w, [0.1, 0.2], 50, {
      budgetMs: -1,
      pause: async () => true,
    });
    expect(full).toEqual(await freeRunForecast(w, [0.1, 0.2], 50));
    await expect(freeRunForecast(w, [], 5)).rejects.toThrow('seed window is empty');
    await expect(freeRunForecast(w, [1], -1)).rejects.toThrow('steps must be an integer');
  });

  it('of a model trained on the clean sine, follows the sine for a period and more', async () => {
    const s = { ...SETTINGS, window: 10, hidden: 8, noise: 0, seed: 3 };
    const task = buildTask(s);
    task.init();
    await train(task, 200);
    const w = sineWeightsFromSnapshot(await task.getWeights());
    task.dispose();
    const { curve, seedWindow } = runData(s);
    const free = (await freeRunForecast(w, seedWindow, 60))!;
    let err = 0;
    for (let i = 0; i < 60; i++) err += (free[i] - curve.truth[i]) ** 2;
    // Predicting 0 would score 0.5.
    expect(err / 60).toBeLessThan(0.05);
  });
});

describe('snapshot reading', () => {
  const snap = (H: number): WeightSnapshot => ({
    'rnn.weight_ih_l0': { shape: [H, 1], values: new Float32Array(H) },
    'rnn.weight_hh_l0': { shape: [H, H], values: new Float32Array(H * H) },
    'rnn.bias_ih_l0': { shape: [H], values: new Float32Array(H) },
    'rnn.bias_hh_l0': { shape: [H], values: new Float32Array(H) },
    'readout.weight': { shape: [1, H], values: new Float32Array(H) },
    'readout.bias': { shape: [1], values: Float32Array.of(0.25) },
  });

  it('reads the PyTorch names and rejects missing or misshapen entries', () => {
    expect(sineWeightsFromSnapshot(snap(3)).bOut).toBe(0.25);
    const missing = snap(3);
    delete (missing as Record<string, unknown>)['readout.weight'];
    expect(() => sineWeightsFromSnapshot(missing)).toThrow('no "readout.weight"');
    const bad = snap(3);
    bad['rnn.bias_hh_l0'] = { shape: [4], values: new Float32Array(4) };
    expect(() => sineWeightsFromSnapshot(bad)).toThrow(
      '"rnn.bias_hh_l0" has shape [4], expected [3]',
    );
    expect(() => sineWeightsFromSnapshot({})).toThrow('no "rnn.weight_hh_l0"');
  });
});

describe('chart helpers and settings', () => {
  it('keeps the noisy values inside the forecast chart and clamps wild predictions', () => {
    for (const noise of [0, 0.1, 0.5, 1]) {
      const [lo, hi] = curveDomain(noise);
      expect(lo).toBe(-hi);
      expect(hi).toBeGreaterThanOrEqual(1 + 2 * noise);
    }
    expect(clampSeries([-9, 0.5, NaN, 9], [-1, 1])).toEqual([-1, 0.5, NaN, 1]);
  });

  it('places the noise floor at σ² and "always 0" at the mean square of the held-out values', () => {
    expect(lossReferences(0).map((r) => r.y)).toEqual([0.5]);
    const refs = lossReferences(0.3);
    expect(refs.map((r) => r.y)[1]).toBeCloseTo(0.09, 12);
    // E[x²] over the held-out stretch of the clean sine (whole periods) is 1/2.
    const { curve } = runData({ ...SETTINGS, noise: 0 });
    const meanSquare = curve.truth.reduce((a, v) => a + v * v, 0) / curve.truth.length;
    expect(meanSquare).toBeCloseTo(refs[0].y - 0.09, 5);
  });

  it('tops the loss chart at a power of ten above "always 0" and every value drawn', () => {
    expect(lossTop(0.1, [0.56, 0.02], [0.03])).toBe(1);
    expect(lossTop(1, [0.9])).toBe(10); // always 0 scores 1 + 1/2
    expect(lossTop(0.1, [21.8, NaN], [Infinity])).toBe(100);
    expect(lossTop(0, [])).toBe(1);
  });

  it('spaces the forecasts so that they take at most a fifth of the training time', () => {
    expect(forecastInterval(0)).toBe(FORECAST_EVERY_MS);
    expect(forecastInterval(20)).toBe(FORECAST_EVERY_MS);
    expect(forecastInterval(300)).toBe(1200);
  });

  it('describes the window against the period', () => {
    expect(windowCoverage(20)).toBe('50% of a period');
    expect(windowCoverage(40)).toBe('one period');
    expect(windowCoverage(100)).toBe('2.5 periods');
    expect(windowCoverage(2)).toBe('5% of a period');
  });

  it('stays inside the task’s limits and every preset is a valid setting', () => {
    const task = buildTask({
      ...SETTINGS,
      window: sineSchema.window.max,
      hidden: sineSchema.hidden.max,
    });
    expect(task.config.window).toBe(100);
    expect(SINE_TRAIN_LENGTH - sineSchema.window.max).toBeGreaterThan(0);
    task.dispose();
    for (const p of sinePresets) {
      for (const [key, value] of Object.entries(p.values)) {
        const spec = sineSchema[key as keyof typeof sineSchema];
        if (spec.kind === 'number') {
          expect(value as number).toBeGreaterThanOrEqual(spec.min);
          expect(value as number).toBeLessThanOrEqual(spec.max);
        }
      }
    }
  });
});
