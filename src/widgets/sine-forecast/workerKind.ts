/**
 * The `sine` task kind of the sine forecaster's worker (./sine.worker.ts): builds
 * `createSineForecastTask` from the config `toConfig` made and exposes the two forecasts the
 * widget draws (`WorkerTask.call`, queued by `controller.probe` in ./forecasts.ts), each a
 * transferred Float32Array. Runs in the worker only.
 */
import { sineSeries } from '../../models/rnn/sineConfig';
import { createSineForecastTask, type SineForecastTask } from '../../models/rnn/sineTask';
import type { SineForecastConfig } from '../../models/rnn/sineConfig';
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';
import { freeRunForecast, sineWeightsFromSnapshot } from './forecast';

/** The n observed values before the evaluation stretch of each task: the free run's seed. */
const seeds = new WeakMap<SineForecastTask, Float32Array>();

function seedWindow(task: SineForecastTask): Float32Array {
  let seed = seeds.get(task);
  if (!seed) {
    const { trainLength, period, noise, seed: s, window: n } = task.config;
    seed = sineSeries(trainLength, period, noise, s).noisy.slice(trainLength - n);
    seeds.set(task, seed);
  }
  return seed;
}

/** The sine forecaster as a worker task kind. */
export const sineKind: TaskKind<SineForecastConfig, SineForecastTask> = {
  create: (config) => createSineForecastTask(config),
  describe: (task) => ({ parameterCount: task.parameterCount }),
  calls: {
    /** One-step-ahead predictions over the evaluation stretch, `[evalLength]`. */
    predictCurve: async (task) => {
      const { prediction } = await task.predictCurve();
      return transfer(prediction, [prediction.buffer]);
    },
    /**
     * The free-running forecast over the evaluation stretch, `[evalLength]`: the weights copied
     * off the backend, then the model fed its own predictions in plain TypeScript (./forecast.ts).
     */
    freeRun: async (task) => {
      const weights = sineWeightsFromSnapshot(await task.getWeights());
      const values = (await freeRunForecast(weights, seedWindow(task), task.config.evalLength))!;
      return transfer(values, [values.buffer]);
    },
  },
};
