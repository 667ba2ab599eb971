/**
 * Hyperparameters and presets of chapter 9's sine forecaster, and `toConfig`, which turns them
 * into the task's config. URL keys carry the prefix `sine.` (`?sine.window=5&sine.noise=0.3`).
 * Defaults and bounds are the task's own (src/models/rnn/sineConfig.ts: SINE_DEFAULTS,
 * SINE_LIMITS); speed and the free-running forecast are the widget's own.
 */
import {
  SINE_DEFAULTS as D,
  SINE_LIMITS as L,
  type SineForecastConfig,
} from '../../models/rnn/sineConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';

/** URL key prefix of this widget. */
export const SINE_PREFIX = 'sine.';

/** Samples per period of the sine (the task's `period`; fixed in this widget). */
export const SINE_PERIOD = D.period;

/** Epochs of a run (the trainer bar's bound; the reader may stop any time). */
export const SINE_EPOCHS = 30;

/** Windows per training batch. */
export const SINE_BATCH = D.batchSize;

/** Samples in the training stretch (the task's `trainLength`). */
export const SINE_TRAIN_LENGTH = D.trainLength;

/** Predicted points of the evaluation stretch drawn over the true curve (the task's `evalLength`). */
export const SINE_EVAL_LENGTH = D.evalLength;

/** Steps per second of the "slow motion" speed. */
export const SLOW_STEPS_PER_SECOND = 10;

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const sineSchema = defineSchema({
  window: {
    kind: 'number',
    label: 'Window length n',
    default: D.window,
    min: L.window[0],
    max: L.window[1],
    integer: true,
    unit: 'values',
    help: `The model reads the last n noisy values and predicts the next. A period is ${SINE_PERIOD} values.`,
    restart: true,
  },
  hidden: {
    kind: 'number',
    label: 'Hidden units dₕ',
    default: D.hiddenSize,
    min: L.hiddenSize[0],
    max: L.hiddenSize[1],
    integer: true,
    scale: 'log',
    help: 'Size of the hidden state h_t.',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    help: 'Adam step size.',
    restart: true,
  },
  noise: {
    kind: 'number',
    label: 'Noise σ',
    default: D.noise,
    min: L.noise[0],
    max: L.noise[1],
    step: 0.05,
    help: 'Standard deviation of the Gaussian noise added to every value of the sine.',
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Draws the noise, the initial weights and the batch order. Same seed and backend: the same run.',
    restart: true,
  },
  speed: {
    kind: 'choice',
    label: 'Speed',
    default: 'full',
    options: [
      { value: 'full', label: 'full speed' },
      { value: 'slow', label: `slow motion (${SLOW_STEPS_PER_SECOND} steps/s)` },
    ],
    restart: false,
  },
  freerun: {
    kind: 'boolean',
    label: 'Free-running forecast',
    default: false,
    help: 'Also draw a forecast that feeds its own predictions back as input.',
    restart: false,
  },
});

/** Settings of the widget (the schema's values). */
export type SineSettings = ParamValues<typeof sineSchema>;

/** The task's config for a run (structured-cloneable: it is copied to the model's worker). */
export function toConfig(s: SineSettings): SineForecastConfig {
  return {
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
  };
}

/** The control that sets each config field a divergence may blame. */
export const SINE_KNOBS = { learningRate: 'lr' } as const;

/** Named configurations that show one lesson each. */
export const sinePresets = definePresets(sineSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'short-window',
    label: 'Window too short',
    description:
      'n = 2 on a noisier curve: two values are a 20th of a period, too few to average the noise away.',
    values: { window: 2, noise: 0.3 },
  },
  {
    name: 'long-window',
    label: 'Long window',
    description:
      'n = 100 on a noisier curve (two and a half periods): every step back-propagates through 100 time steps, so training is slower, and the forecast is no better than with n = 20.',
    values: { window: 100, noise: 0.3 },
  },
  {
    name: 'clean',
    label: 'No noise',
    description: 'σ = 0: the model forecasts the clean sine almost exactly.',
    values: { noise: 0 },
  },
  {
    name: 'one-unit',
    label: 'One hidden unit',
    description: 'dₕ = 1: a single number has to carry everything the window says.',
    values: { hidden: 1 },
  },
  {
    name: 'high-lr',
    label: 'Learning rate high',
    description:
      'lr = 0.3: Adam’s steps are too large; the loss spikes and recovers, again and again.',
    values: { lr: 0.3 },
  },
  {
    name: 'diverge',
    label: 'Learning rate too high',
    description:
      'lr = 1: within a few steps a batch’s MSE reaches the hundreds and the run is stopped as diverged.',
    values: { lr: 1 },
  },
]);
