/**
 * Hyperparameters and presets of the Chapter 11 TextCNN widget. Bounds and defaults of the
 * model's knobs come from src/models (TEXTCNN_DEFAULTS / TEXTCNN_LIMITS); the data knobs
 * (corpus, num_words, maxlen) and the speed are the widget's own.
 */
import {
  TEXTCNN_DEFAULTS as D,
  TEXTCNN_LIMITS as L,
  type TextCnnConfig,
} from '../../models/textcnn/config';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { EncodedTexts } from './encode';

/** Prefix of the widget's URL keys (`?cnn.widths=3,4,5&cnn.epochs=20`). */
export const TEXTCNN_PREFIX = 'cnn.';

/** The widget's hyperparameters (controls, validation, URL state, presets). */
export const textCnnSchema = defineSchema({
  corpus: {
    kind: 'choice',
    label: 'Data',
    default: 'uci',
    options: [
      { value: 'uci', label: 'review sentences (positive / negative)' },
      { value: 'spam', label: 'e-mail (spam / ham)' },
    ],
    restart: true,
  },
  num_words: {
    kind: 'number',
    label: 'Vocabulary size (num_words)',
    default: 2000,
    min: 10,
    max: 20000,
    integer: true,
    scale: 'log',
    help: 'The num_words − 2 most frequent training words get ids; 0 is padding, 1 the OOV token.',
    restart: true,
  },
  maxlen: {
    kind: 'number',
    label: 'Sequence length (maxlen)',
    default: 40,
    min: L.filterWidth[1],
    max: 200,
    integer: true,
    help: 'Every text is padded (with id 0) or cut at the end to this many tokens.',
    restart: true,
  },
  widths: {
    kind: 'text',
    label: 'Filter widths',
    default: D.filterWidths.join(','),
    maxLength: 40,
    help: `Window sizes in tokens, separated by commas (${L.filterWidthCount[1]} at most, each ${L.filterWidth[0]} to ${L.filterWidth[1]}).`,
    restart: true,
  },
  filters: {
    kind: 'number',
    label: 'Filters per width',
    default: D.filtersPerWidth,
    min: L.filtersPerWidth[0],
    max: L.filtersPerWidth[1],
    integer: true,
    scale: 'log',
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
  dropout: {
    kind: 'number',
    label: 'Dropout',
    default: D.dropout,
    min: L.dropout[0],
    max: L.dropout[1],
    help: 'Share of the pooled features zeroed at each training step.',
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
});

/** The widget's settings: the schema's values. */
export type TextCnnSettings = ParamValues<typeof textCnnSchema>;

/** The model's config for a run (structured-cloneable: it is copied to the worker). */
export function toConfig(s: TextCnnSettings, encoded: EncodedTexts): TextCnnConfig {
  return {
    trainX: encoded.trainX,
    trainY: encoded.trainY,
    valX: encoded.valX,
    valY: encoded.valY,
    vocabSize: encoded.numWords,
    maxlen: encoded.maxlen,
    vocabulary: encoded.vocabulary,
    filterWidths: s.widths,
    filtersPerWidth: s.filters,
    embeddingDim: s.dim,
    dropout: s.dropout,
    learningRate: s.lr,
    batchSize: s.batch,
    epochs: s.epochs,
    seed: s.seed,
  };
}

/** The control that sets each config field a divergence may blame. */
export const TEXTCNN_KNOBS = { learningRate: 'lr' } as const;

/** Named configurations that show one lesson each. */
export const textCnnPresets = definePresets(textCnnSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'unigrams',
    label: 'Width 1 only',
    description: 'Filters of one word: a bag of words with a max instead of a mean.',
    values: { widths: '1' },
  },
  {
    name: 'spam',
    label: 'Spam vs ham',
    description: 'Longer texts: e-mail subjects and bodies, cut to 100 tokens.',
    values: { corpus: 'spam', maxlen: 100, num_words: 5000 },
  },
  {
    name: 'diverge',
    label: 'Diverge',
    description: 'A learning rate far too large.',
    values: { lr: 1 },
  },
]);
