/**
 * Hyperparameters and presets of chapter 9's sine forecaster. URL keys carry the prefix `sine.`
 * (`?sine.window=5&sine.noise=0.3`); the bounds stay inside those of `createSineForecastTask`
 * (src/models/rnn/sineTask.ts, SINE_LIMITS) and keep a step short enough on WASM.
 */
import { definePresets, defineSchema } from '../../ui';

/** URL key prefix of this widget. */
export const SINE_PREFIX = 'sine.';

/** Samples per period of the sine (the task's `period`; fixed in this widget). */
export const SINE_PERIOD = 40;

/** Epochs of a run (the trainer bar's bound; the reader may stop any time). */
export const SINE_EPOCHS = 30;

/** Windows per training batch. */
export const SINE_BATCH = 32;

/** Samples in the training stretch (the task's `trainLength`). */
export const SINE_TRAIN_LENGTH = 1000;

/** Predicted points of the evaluation stretch drawn over the true curve (the task's `evalLength`). */
export const SINE_EVAL_LENGTH = 200;

/** Steps per second of the "slow motion" speed. */
export const SLOW_STEPS_PER_SECOND = 10;

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const sineSchema = defineSchema({
  window: {
    kind: 'number',
    label: 'Window length n',
    default: 20,
    min: 1,
    max: 100,
    integer: true,
    unit: 'values',
    help: `The model reads the last n noisy values and predicts the next. A period is ${SINE_PERIOD} values.`,
    restart: true,
  },
  hidden: {
    kind: 'number',
    label: 'Hidden units H',
    default: 16,
    min: 1,
    max: 64,
    integer: true,
    scale: 'log',
    help: 'Size of the hidden state h_t.',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: 0.01,
    min: 0.0001,
    max: 1,
    scale: 'log',
    help: 'Adam step size.',
    restart: true,
  },
  noise: {
    kind: 'number',
    label: 'Noise σ',
    default: 0.1,
    min: 0,
    max: 1,
    step: 0.05,
    help: 'Standard deviation of the Gaussian noise added to every value of the sine.',
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: 42,
    min: 0,
    max: 999999,
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
export type SineSettings = {
  window: number;
  hidden: number;
  lr: number;
  noise: number;
  seed: number;
  speed: 'full' | 'slow';
  freerun: boolean;
};

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
    description: 'H = 1: a single number has to carry everything the window says.',
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
