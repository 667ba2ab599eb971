/**
 * Hyperparameters and presets of Chapter 3's neural language model widget. URL keys carry the
 * prefix `nlm.` (`?nlm.ctx=3&nlm.hidden=128`), so they never clash with the n-gram explorer's.
 */
import type { MobyDickCorpus } from '../../data';
import { NEURAL_LM_DEFAULTS as D, NEURAL_LM_LIMITS as L } from '../../models/neuralLmConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { LmRunConfig } from './lmTask';
import type { EvalSelection } from './prepare';

/** URL key prefix of this widget. */
export const NEURAL_LM_PREFIX = 'nlm.';

/** Epochs of a run (the trainer bar's bound; a reader may stop any time). */
export const NEURAL_LM_EPOCHS = 20;

/** Held-out targets in the quick evaluation subset (seeded, the same at every order). */
export const EVAL_SUBSET_SIZE = 2000;
/** Seed of the evaluation subset (fixed, so every run and the n-gram baselines share it). */
export const EVAL_SUBSET_SEED = 2003;

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const neuralLmSchema = defineSchema({
  ctx: {
    kind: 'number',
    label: 'Context size (n − 1 previous words)',
    default: D.contextSize,
    min: L.contextSize[0],
    max: L.contextSize[1],
    integer: true,
    help: '2 is a trigram-sized context; the n-gram baselines use the same order n.',
    restart: true,
  },
  dim: {
    kind: 'number',
    label: 'Embedding dimension d',
    default: D.embeddingDim,
    min: L.embeddingDim[0],
    max: L.embeddingDim[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  hidden: {
    kind: 'number',
    label: 'Hidden units dₕ',
    default: D.hiddenUnits,
    min: L.hiddenUnits[0],
    max: L.hiddenUnits[1],
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
    help: 'Words predicted per step.',
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
  eval: {
    kind: 'choice',
    label: 'Held-out targets scored',
    default: 'subset',
    options: [
      { value: 'subset', label: `${EVAL_SUBSET_SIZE.toLocaleString('en')} (quick)` },
      { value: 'all', label: 'all (slow)' },
    ],
    help: 'The same targets for the neural model and the n-gram baselines.',
    restart: true,
  },
  temperature: {
    kind: 'number',
    label: 'Sampling temperature',
    default: 0.8,
    min: 0.05,
    max: 2,
    step: 0.05,
    help: 'Below 1: safer, more repetitive text; above 1: wilder.',
    restart: false,
  },
});

/** Settings of the widget (the schema's values). */
export type NeuralLmSettings = ParamValues<typeof neuralLmSchema>;

/** The data a run is built from: Moby Dick as `loadMobyDick` returns it (tokenized in the worker). */
export interface NeuralLmData {
  corpus: MobyDickCorpus;
}

/** Held-out examples per forward pass of `evaluate()` (the worker answers probes between chunks). */
export const EVAL_CHUNK = 128;

/** The evaluation selection of a setting: the same spec is sent to the n-gram service. */
export function selectionOf(s: Pick<NeuralLmSettings, 'eval'>): EvalSelection {
  return s.eval === 'all'
    ? { kind: 'all' }
    : { kind: 'subset', size: EVAL_SUBSET_SIZE, seed: EVAL_SUBSET_SEED };
}

/**
 * The run's config for the model's worker (structured-cloneable): the corpus, the n-grams to
 * encode (context size, held-out selection) and the training settings.
 */
export function toConfig(s: NeuralLmSettings, data: NeuralLmData): LmRunConfig {
  return {
    corpus: data.corpus,
    selection: selectionOf(s),
    contextSize: s.ctx,
    embeddingDim: s.dim,
    hiddenUnits: s.hidden,
    learningRate: s.lr,
    batchSize: s.batch,
    seed: s.seed,
    epochs: NEURAL_LM_EPOCHS,
    evalChunk: EVAL_CHUNK,
  };
}

/** The control that sets each config field a divergence may blame. */
export const NEURAL_LM_KNOBS = { learningRate: 'lr' } as const;

/** Named configurations that show one lesson each. */
export const neuralLmPresets = definePresets(neuralLmSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'bigram',
    label: 'Bigram context',
    description: 'One previous word: compare with the 2-gram baselines.',
    values: { ctx: 1 },
  },
  {
    name: 'wide',
    label: 'Bigger model',
    description: 'Four words of context, 64-d embeddings, 128 hidden units: slower per step.',
    values: { ctx: 4, dim: 64, hidden: 128 },
  },
  {
    name: 'diverge',
    label: 'Diverge',
    description: 'A learning rate far too large.',
    values: { lr: 5 },
  },
]);
