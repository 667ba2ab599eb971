/**
 * The heavy half of the sine forecaster, loaded with a dynamic `import()` only when the widget
 * comes near the screen: TensorFlow.js, the training runtime and the task.
 */
import {
  createSineForecastTask,
  sineSeries,
  type SineCurve,
  type SineForecastTask,
} from '../../models/rnn/sineTask';
import { TrainingRunner, selectBackendFromLocation } from '../../train';
import { yieldToBrowser } from '../../train/step-io';
import {
  SINE_BATCH,
  SINE_EPOCHS,
  SINE_EVAL_LENGTH,
  SINE_PERIOD,
  SINE_TRAIN_LENGTH,
  type SineSettings,
} from './schema';

export { TrainingRunner, selectBackendFromLocation, yieldToBrowser };
export type { SineCurve, SineForecastTask };

/** Builds the task for one run's settings. */
export function buildTask(s: SineSettings): SineForecastTask {
  return createSineForecastTask({
    window: s.window,
    hiddenSize: s.hidden,
    learningRate: s.lr,
    noise: s.noise,
    seed: s.seed,
    period: SINE_PERIOD,
    batchSize: SINE_BATCH,
    trainLength: SINE_TRAIN_LENGTH,
    evalLength: SINE_EVAL_LENGTH,
    epochs: SINE_EPOCHS,
  });
}

/**
 * The data of a run before any model exists: the evaluation stretch (the same series the task
 * generates: {@link sineSeries} with the run's period, noise and seed) and the n observed values
 * before it, which seed the free-running forecast.
 */
export function runData(s: SineSettings): {
  curve: Omit<SineCurve, 'prediction'>;
  seedWindow: Float32Array;
} {
  const { clean, noisy } = sineSeries(
    SINE_TRAIN_LENGTH + SINE_EVAL_LENGTH,
    SINE_PERIOD,
    s.noise,
    s.seed,
  );
  const end = SINE_TRAIN_LENGTH + SINE_EVAL_LENGTH;
  return {
    curve: {
      t: Float32Array.from({ length: SINE_EVAL_LENGTH }, (_, i) => SINE_TRAIN_LENGTH + i),
      truth: clean.slice(SINE_TRAIN_LENGTH, end),
      observed: noisy.slice(SINE_TRAIN_LENGTH, end),
    },
    seedWindow: noisy.slice(SINE_TRAIN_LENGTH - s.window, SINE_TRAIN_LENGTH),
  };
}
