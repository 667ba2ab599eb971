/**
 * Hyperparameters and presets of the Chapter 1 sentiment classifier. URL keys are the bare
 * names (`?lr=0.05&dim=8`), the Keras argument names where there is one.
 */
import type { SentimentConfig } from '../../models/sentimentConfig';
import { SENTIMENT_DEFAULTS as D, SENTIMENT_LIMITS as L } from '../../models/sentimentConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import { SIDE_OPTIONS } from '../common/options';
import type { EncodedCorpus } from './encode';

/** The classifier's hyperparameters (one schema: controls, validation, URL state, presets). */
export const sentimentSchema = defineSchema({
  num_words: {
    kind: 'number',
    label: 'Vocabulary size (num_words)',
    default: 1000,
    min: 10,
    max: 10000,
    integer: true,
    scale: 'log',
    help: 'Keep the num_words − 1 most frequent training words (index 1 is the OOV token); the rest become OOV.',
    restart: true,
  },
  maxlen: {
    kind: 'number',
    label: 'Sequence length (maxlen)',
    default: 20,
    min: 2,
    max: 100,
    integer: true,
    help: 'Every sentence is padded or truncated to this many tokens.',
    restart: true,
  },
  padding: {
    kind: 'choice',
    label: 'Padding side',
    default: 'pre',
    options: SIDE_OPTIONS,
    help: 'Where zeros are added to short sentences.',
    restart: true,
  },
  truncating: {
    kind: 'choice',
    label: 'Truncating side',
    default: 'pre',
    options: SIDE_OPTIONS,
    help: 'Which end of a long sentence is cut off.',
    restart: true,
  },
  dim: {
    kind: 'number',
    label: 'Embedding dimension',
    default: D.embeddingDim,
    min: L.embeddingDim[0],
    max: L.embeddingDim[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    help: 'Adam step size. Very large values make the loss diverge.',
    restart: true,
  },
  batch: {
    kind: 'number',
    label: 'Batch size',
    default: D.batchSize,
    min: L.batchSize[0],
    max: L.batchSize[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  epochs: {
    kind: 'number',
    label: 'Epochs',
    default: D.epochs,
    min: L.epochs[0],
    max: L.epochs[1],
    integer: true,
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Same seed and backend: the same run.',
    restart: true,
  },
  speed: {
    kind: 'choice',
    label: 'Speed',
    default: 'watch',
    options: [
      { value: 'watch', label: 'watch (100 steps/s)' },
      { value: 'full', label: 'full speed' },
    ],
    help: 'This small model trains in well under a second at full speed; "watch" slows it down so the curves can be followed.',
    restart: false,
  },
});

/** The widget's settings: the schema's values. */
export type SentimentSettings = ParamValues<typeof sentimentSchema>;

/**
 * The model's config for a run: the encoded splits of the applied tokenization and the training
 * settings (structured-cloneable: it is copied to the model's worker).
 */
export function toConfig(s: SentimentSettings, encoded: EncodedCorpus): SentimentConfig {
  return {
    trainX: encoded.trainX,
    trainY: encoded.trainY,
    valX: encoded.valX,
    valY: encoded.valY,
    vocabSize: encoded.vocabSize,
    maxlen: encoded.params.maxlen,
    embeddingDim: s.dim,
    learningRate: s.lr,
    batchSize: s.batch,
    epochs: s.epochs,
    seed: s.seed,
  };
}

/** The control that sets each config field a divergence may blame. */
export const SENTIMENT_KNOBS = { learningRate: 'lr' } as const;

/** Steps per second of the "watch" speed. */
export const WATCH_STEPS_PER_SECOND = 100;

/** Named configurations that show one lesson each. */
export const sentimentPresets = definePresets(sentimentSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'tiny-vocabulary',
    label: 'Tiny vocabulary',
    description: 'num_words = 50: most words become OOV.',
    values: { num_words: 50 },
  },
  {
    name: 'overfit',
    label: 'Overfit',
    description: 'A big embedding trained for long: validation loss turns up.',
    values: { num_words: 10000, dim: 128, epochs: 40, lr: 0.02 },
  },
  {
    name: 'diverge',
    label: 'Diverge',
    description: 'A learning rate far too large.',
    values: { lr: 10, dim: 64 },
  },
]);
