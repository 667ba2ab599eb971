/**
 * Hyperparameters and presets of chapter 15's encoder-decoder widget, and `toConfig`, which turns
 * them into the task's config. URL keys carry the prefix `tsq.` (`?tsq.task=sort&tsq.layers=1`).
 * Defaults and bounds are the model's own (`TRANSFORMER_SEQ2SEQ_DEFAULTS`,
 * `TRANSFORMER_SEQ2SEQ_LIMITS`); the longest input the reader may type is the model's largest
 * `maxInputLength`, so a trained model can be asked about sequences longer than any it saw.
 */
import {
  TRANSFORMER_SEQ2SEQ_DEFAULTS as D,
  TRANSFORMER_SEQ2SEQ_LIMITS as L,
  type TransformerSeq2SeqConfig,
} from '../../models/transformer/encoderDecoderConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import { headsProblem } from '../common/transformerSettings';

/** URL key prefix of this widget. */
export const TSQ_PREFIX = 'tsq.';

/** Longest sequence the reader may type (the position tables are this long). */
export const TSQ_MAX_INPUT = L.maxInputLength[1];
/** Training steps between evaluations. */
export const TSQ_EVAL_EVERY = 50;
/** Held-out sequences scored by each evaluation (validation and test each). */
export const TSQ_EVAL_SIZE = 300;

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const tsqSchema = defineSchema({
  task: {
    kind: 'choice',
    label: 'Task',
    default: D.task,
    options: [
      { value: 'reverse', label: 'Reverse (3185 → 5813)' },
      { value: 'sort', label: 'Sort (3185 → 1358)' },
    ],
    help: 'What the output must be: the input backwards, or its digits in increasing order.',
    restart: true,
  },
  maxLen: {
    kind: 'number',
    label: 'Longest training sequence',
    default: D.maxLength,
    min: D.minLength,
    max: L.maxLength[1],
    integer: true,
    help: `Training sequences have ${D.minLength} to this many digits; you may type up to ${TSQ_MAX_INPUT}.`,
    restart: true,
  },
  layers: {
    kind: 'number',
    label: 'Layers N',
    default: D.layers,
    min: L.layers[0],
    max: L.layers[1],
    integer: true,
    help: 'Encoder blocks, and as many decoder blocks (each with its cross-attention).',
    restart: true,
  },
  heads: {
    kind: 'number',
    label: 'Heads h',
    default: D.numHeads,
    min: L.numHeads[0],
    max: L.numHeads[1],
    integer: true,
    help: 'Attention heads per attention layer; must divide d_model.',
    restart: true,
  },
  dModel: {
    kind: 'number',
    label: 'd_model',
    default: D.dModel,
    min: L.dModel[0],
    max: L.dModel[1],
    integer: true,
    step: 8,
    scale: 'log',
    help: 'Width of every vector in the model (d_ff is twice this).',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    help: 'AdamW’s rate after the warm-up (then constant).',
    restart: true,
  },
  warmup: {
    kind: 'number',
    label: 'Warm-up steps',
    default: D.warmupSteps,
    min: L.warmupSteps[0],
    max: L.warmupSteps[1],
    integer: true,
    help: 'The learning rate rises linearly from 0 over this many steps.',
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
    help: 'Sequences per training step.',
    restart: true,
  },
  epochs: {
    kind: 'number',
    label: 'Epochs',
    default: D.epochs,
    min: L.epochs[0],
    max: L.epochs[1],
    integer: true,
    help: `Passes over the ${D.trainSize.toLocaleString('en')} training pairs before training stops.`,
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Draws the sequences, the held-out split and the initial weights. Same seed and backend: the same run.',
    restart: true,
  },
});

/** The widget's settings: the schema's values. */
export type TransformerSeq2SeqSettings = ParamValues<typeof tsqSchema>;

/** The control that sets each config field a divergence may blame. */
export const TSQ_KNOBS = { learningRate: 'lr', warmupSteps: 'warmup' } as const;

/** Why `s` cannot train, or null: the heads must divide d_model (`headsProblem`). */
export function settingsProblem(
  s: Pick<TransformerSeq2SeqSettings, 'heads' | 'dModel'>,
): string | null {
  return headsProblem(s);
}

/**
 * The task's config for a run (structured-cloneable: the worker generates the sequences from the
 * seed). d_ff is twice d_model, as in the model's defaults; the rest is the model's default.
 */
export function toConfig(s: TransformerSeq2SeqSettings): TransformerSeq2SeqConfig {
  return {
    task: s.task,
    maxLength: s.maxLen,
    maxInputLength: TSQ_MAX_INPUT,
    evalSize: TSQ_EVAL_SIZE,
    layers: s.layers,
    numHeads: s.heads,
    dModel: s.dModel,
    dFf: (D.dFf / D.dModel) * s.dModel,
    learningRate: s.lr,
    warmupSteps: s.warmup,
    batchSize: s.batch,
    epochs: s.epochs,
    seed: s.seed,
  };
}

/** Named configurations that show one lesson each. */
export const tsqPresets = definePresets(tsqSchema, [
  { name: 'default', label: 'Reverse (2 layers, 4 heads)', values: {} },
  {
    name: 'sort',
    label: 'Sort',
    description: 'The same model learns to sort: no fixed alignment between output and input.',
    values: { task: 'sort' },
  },
  {
    name: 'one-head',
    label: 'One layer, one head',
    description: 'A single cross-attention map: the whole alignment must live in it.',
    values: { layers: 1, heads: 1 },
  },
  {
    name: 'short',
    label: 'Short training sequences',
    description: 'Trained on 4 to 6 digits: type 8 or 12 and see where it breaks.',
    values: { maxLen: 6 },
  },
]);
