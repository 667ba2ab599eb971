/**
 * Hyperparameters and presets of chapter 9's character language model widget, and `toConfig`,
 * which turns them into the task's config. URL keys carry the prefix `char.`
 * (`?char.cell=rnn&char.hidden=64`), so they never clash with the sine widget's. Defaults and
 * bounds are the task's own (`CHAR_LM_DEFAULTS`, `CHAR_LM_LIMITS`); the exploding-gradient presets
 * are the task's verified `CHAR_LM_EXPLODING_PRESET` / `CHAR_LM_EXPLODING_CLIPPED`. The sampling
 * settings (temperature, prime) are the widget's own.
 */
import {
  CHAR_LM_DEFAULTS as D,
  CHAR_LM_EXPLODING_CLIPPED as CLIPPED,
  CHAR_LM_EXPLODING_PRESET as EXPLODING,
  CHAR_LM_LIMITS as L,
} from '../../models/rnn/charLmConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { CharCorpus } from './corpus';
import type { CharLmWorkerConfig } from './workerKind';

/** URL key prefix of this widget. */
export const CHAR_RNN_PREFIX = 'char.';

/** Parallel streams per training step (fixed: the benchmark's batch). */
export const CHAR_RNN_BATCH = D.batchSize;
/** Passes over the training text that make up a run (the trainer bar's bound). */
export const CHAR_RNN_EPOCHS = D.epochs;
/** Held-out characters scored by each evaluation (16 streams from zero states). */
export const CHAR_RNN_EVAL_CHARS = 8000;
/** Training steps between evaluations. */
export const CHAR_RNN_EVAL_EVERY = 100;

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const charRnnTrainSchema = defineSchema({
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
  cell: {
    kind: 'choice',
    label: 'Cell',
    default: D.cell,
    options: [
      { value: 'rnn', label: 'RNN (tanh)' },
      { value: 'lstm', label: 'LSTM' },
      { value: 'gru', label: 'GRU' },
    ],
    restart: true,
  },
  hidden: {
    kind: 'number',
    label: 'Hidden size dₕ',
    default: D.hiddenSize,
    min: L.hiddenSize[0],
    max: L.hiddenSize[1],
    integer: true,
    scale: 'log',
    help: 'Units per layer. Time per step grows about with H².',
    restart: true,
  },
  layers: {
    kind: 'number',
    label: 'Layers',
    default: D.layers,
    min: L.layers[0],
    max: L.layers[1],
    integer: true,
    restart: true,
  },
  seq: {
    kind: 'number',
    label: 'Sequence length (BPTT steps)',
    default: D.seqLen,
    min: L.seqLen[0],
    max: L.seqLen[1],
    integer: true,
    scale: 'log',
    help: 'Characters per training chunk: gradients flow back at most this far.',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    restart: true,
  },
  clip: {
    kind: 'number',
    label: 'Clip gradient norm at',
    default: D.clipNorm,
    min: L.clipNorm[0],
    max: L.clipNorm[1],
    step: 0.5,
    help: 'Rescale the gradient when its global norm is larger; 0 turns clipping off.',
    restart: true,
  },
  opt: {
    kind: 'choice',
    label: 'Optimiser',
    default: D.optimizer,
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD' },
    ],
    restart: true,
  },
  init: {
    kind: 'number',
    label: 'Recurrent weight scale',
    default: D.initScale,
    min: L.initScale[0],
    max: L.initScale[1],
    scale: 'log',
    help: 'Multiplies W_hh at initialisation; large values make gradients explode.',
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

/** Settings of the generated text (they apply to the next sample, no restart). */
export const charRnnSampleSchema = defineSchema({
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
});

/** Every setting of the widget (one URL state). */
export const charRnnSchema = defineSchema({ ...charRnnTrainSchema, ...charRnnSampleSchema });

/** Settings of the widget (the schema's values). */
export type CharRnnSettings = ParamValues<typeof charRnnSchema>;

/** The control that sets each config field a divergence may blame. */
export const CHAR_RNN_KNOBS = { learningRate: 'lr', clipNorm: 'clip' } as const;

/**
 * The task's config for a run: the corpus encoded once with its vocabulary (structured-cloneable:
 * it is copied to the model's worker) and the training settings.
 */
export function toConfig(s: CharRnnSettings, corpus: CharCorpus): CharLmWorkerConfig {
  return {
    trainIds: corpus.trainIds,
    heldoutIds: corpus.heldoutIds,
    corpus: corpus.title,
    vocab: corpus.vocab.chars,
    cell: s.cell,
    hiddenSize: s.hidden,
    layers: s.layers,
    seqLen: s.seq,
    batchSize: CHAR_RNN_BATCH,
    learningRate: s.lr,
    clipNorm: s.clip,
    optimizer: s.opt,
    initScale: s.init,
    seed: s.seed,
    evalChars: CHAR_RNN_EVAL_CHARS,
    epochs: CHAR_RNN_EPOCHS,
  };
}

/** The task's exploding-gradient configuration in the schema's names. */
const exploding = {
  cell: EXPLODING.cell,
  hidden: EXPLODING.hiddenSize,
  layers: EXPLODING.layers,
  seq: EXPLODING.seqLen,
  opt: EXPLODING.optimizer,
  lr: EXPLODING.learningRate,
  init: EXPLODING.initScale,
} as const;

/** Named configurations that show one lesson each. */
export const charRnnPresets = definePresets(charRnnSchema, [
  { name: 'default', label: 'LSTM (default)', values: {} },
  {
    name: 'rnn',
    label: 'Vanilla RNN',
    description: 'The same size with a plain tanh RNN: compare its loss and gradient norms.',
    values: { cell: 'rnn' },
  },
  {
    name: 'gru',
    label: 'GRU',
    description: 'The same size with a GRU.',
    values: { cell: 'gru' },
  },
  {
    name: 'exploding',
    label: 'Exploding gradients',
    description:
      'A tanh RNN with W_hh 5× too large, plain SGD at lr 1, no clipping: the gradient norm jumps and the loss blows up.',
    values: { ...exploding, clip: EXPLODING.clipNorm },
  },
  {
    name: 'exploding-clipped',
    label: 'Exploding, clipped',
    description: 'The same run with the gradient clipped at global norm 1: it trains.',
    values: { ...exploding, clip: CLIPPED.clipNorm },
  },
  {
    name: 'small',
    label: 'Small and fast',
    description: '32 units and 32-character chunks: many more steps per second.',
    values: { hidden: 32, seq: 32 },
  },
  {
    name: 'deep',
    label: 'Two layers',
    description: 'Two stacked LSTM layers of 128 units.',
    values: { layers: 2 },
  },
  {
    name: 'sonnets',
    label: 'Sonnets',
    description: "Shakespeare's sonnets: a small text, learnt (and overfitted) quickly.",
    values: { corpus: 'sonnets' },
  },
]);
