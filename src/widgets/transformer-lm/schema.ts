/**
 * Hyperparameters and presets of chapter 15's character Transformer widget, and `toConfig`,
 * which turns them into the task's config. URL keys carry the prefix `tlm.`
 * (`?tlm.layers=1&tlm.heads=2`). Defaults and bounds are the model's own
 * (`TRANSFORMER_LM_DEFAULTS`, `TRANSFORMER_LM_LIMITS`); the corpus, the sampling settings and the
 * attention passage are the widget's own.
 */
import {
  TRANSFORMER_LM_DEFAULTS as D,
  TRANSFORMER_LM_LIMITS as L,
} from '../../models/transformer/lmConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { EncodedCharCorpus } from '../common/charCorpus';
import type { TransformerLmWorkerConfig } from './workerKind';
import { headsProblem } from '../common/transformerSettings';

/** URL key prefix of this widget. */
export const TLM_PREFIX = 'tlm.';

/** Windows per training step (fixed: the benchmark's batch). */
export const TLM_BATCH = D.batchSize;
/** Passes over the training text that make up a run (the trainer bar's bound, the cosine's end). */
export const TLM_EPOCHS = D.epochs;
/** Held-out characters scored by each evaluation. */
export const TLM_EVAL_CHARS = 8192;
/** Training steps between evaluations. */
export const TLM_EVAL_EVERY = 50;

/** The widget's training hyperparameters (one schema: controls, validation, URL state, presets). */
export const tlmTrainSchema = defineSchema({
  corpus: {
    kind: 'choice',
    label: 'Text',
    default: 'moby-dick',
    options: [
      { value: 'moby-dick', label: 'Moby Dick' },
      { value: 'sonnets', label: 'Sonnets' },
    ],
    help: "Melville's novel (1.1 M characters) or Shakespeare's sonnets (85 K).",
    restart: true,
  },
  layers: {
    kind: 'number',
    label: 'Layers N',
    default: D.layers,
    min: L.layers[0],
    max: L.layers[1],
    integer: true,
    help: 'Transformer blocks (attention + feed-forward), stacked.',
    restart: true,
  },
  heads: {
    kind: 'number',
    label: 'Heads h',
    default: D.numHeads,
    min: L.numHeads[0],
    max: L.numHeads[1],
    integer: true,
    help: 'Attention heads per block; must divide d_model (each head gets d_model / h dimensions).',
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
    help: 'Width of every vector in the model. Time per step grows about with d_model².',
    restart: true,
  },
  dFf: {
    kind: 'number',
    label: 'd_ff',
    default: D.dFf,
    min: L.dFf[0],
    max: L.dFf[1],
    integer: true,
    step: 8,
    scale: 'log',
    help: 'Width of the feed-forward layer inside each block (usually 4 × d_model).',
    restart: true,
  },
  context: {
    kind: 'number',
    label: 'Context length',
    default: D.contextLength,
    min: L.contextLength[0],
    max: L.contextLength[1],
    integer: true,
    scale: 'log',
    help: 'Characters a position can look back over (the training window).',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    help: 'The peak of the schedule (AdamW): reached after the warm-up, then a cosine decay.',
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

/** Settings that apply without a restart: the sample's and the attention passage. */
export const tlmProbeSchema = defineSchema({
  temperature: {
    kind: 'number',
    label: 'Temperature',
    default: 0.8,
    min: 0.05,
    max: 2,
    step: 0.05,
    help: 'Below 1: safer, more repetitive; above 1: wilder.',
    restart: false,
  },
  prime: {
    kind: 'text',
    label: 'Prime text',
    default: 'The ',
    maxLength: 200,
    keep: 'end',
    help: 'The model reads this first and continues it.',
    restart: false,
  },
  passage: {
    kind: 'text',
    label: 'Text for the attention maps',
    default: 'The whale swam under the ship.',
    maxLength: 256,
    keep: 'end',
    help: 'Every head of every layer reads this text (its last context-length characters).',
    restart: false,
  },
});

/** Every setting of the widget (one URL state). */
export const tlmSchema = defineSchema({ ...tlmTrainSchema, ...tlmProbeSchema });

/** Settings of the widget (the schema's values). */
export type TransformerLmSettings = ParamValues<typeof tlmSchema>;

/** The control that sets each config field a divergence may blame. */
export const TLM_KNOBS = { learningRate: 'lr', warmupSteps: 'warmup' } as const;

/** Why `s` cannot train, or null: the heads must divide d_model (`headsProblem`). */
export function settingsProblem(s: Pick<TransformerLmSettings, 'heads' | 'dModel'>): string | null {
  return headsProblem(s);
}

/**
 * The task's config for a run: the corpus encoded once with its vocabulary (structured-cloneable:
 * it is copied to the model's worker) and the training settings.
 */
export function toConfig(
  s: TransformerLmSettings,
  corpus: EncodedCharCorpus,
): TransformerLmWorkerConfig {
  return {
    trainIds: corpus.trainIds,
    heldoutIds: corpus.heldoutIds,
    corpus: corpus.title,
    vocab: corpus.vocab.chars,
    layers: s.layers,
    numHeads: s.heads,
    dModel: s.dModel,
    dFf: s.dFf,
    contextLength: s.context,
    batchSize: TLM_BATCH,
    learningRate: s.lr,
    warmupSteps: s.warmup,
    seed: s.seed,
    evalChars: TLM_EVAL_CHARS,
    epochs: TLM_EPOCHS,
  };
}

/** Named configurations that show one lesson each. */
export const tlmPresets = definePresets(tlmSchema, [
  { name: 'default', label: 'Default (2 layers, 4 heads)', values: {} },
  {
    name: 'one-head',
    label: 'One head',
    description: 'The same size with a single head per layer: one attention pattern per layer.',
    values: { heads: 1 },
  },
  {
    name: 'tiny',
    label: 'Tiny and fast',
    description: 'One layer, d_model 64, d_ff 256, context 32: many more steps per second.',
    values: { layers: 1, dModel: 64, dFf: 256, context: 32 },
  },
  {
    name: 'no-warmup',
    label: 'No warm-up, high rate',
    description: 'Learning rate 0.01 from the first step: compare the start of the loss curve.',
    values: { warmup: 0, lr: 0.01 },
  },
  {
    name: 'sonnets',
    label: 'Sonnets',
    description: "Shakespeare's sonnets: a small text, learnt (and overfitted) quickly.",
    values: { corpus: 'sonnets' },
  },
]);
