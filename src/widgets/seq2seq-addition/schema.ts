/**
 * Hyperparameters and presets of chapter 13's addition seq2seq widget, and `toConfig`, which
 * turns them into the model's config. URL keys carry the prefix `add.` (`?add.digits=4`).
 * Defaults and bounds of the model's knobs are the model's own (`SEQ2SEQ_DEFAULTS`,
 * `SEQ2SEQ_LIMITS`); the decoding knobs (beam width, alpha) are the widget's own and apply to
 * the next answer without a restart.
 */
import {
  SEQ2SEQ_DEFAULTS as D,
  SEQ2SEQ_LIMITS as L,
  type Seq2SeqConfig,
} from '../../models/seq2seq';
import { definePresets, defineSchema, type ParamValues } from '../../ui';

/** URL key prefix of this widget. */
export const ADDITION_PREFIX = 'add.';

/** Passes over the 20,000 training sums that make up a run (the trainer bar's bound). */
export const ADDITION_EPOCHS = D.epochs;
/**
 * Training steps between evaluations: the 1,000 held-out (validation) sums, loss and greedy exact
 * match: on wasm in Node about 445 ms of CPU per evaluation against 3.3 s for the 50 default
 * steps (13%; 890 ms, 27%, when the test split was scored too). The test split is not scored (`toConfig`
 * sets `evaluateTest: false`): the widget never shows it.
 */
export const ADDITION_EVAL_EVERY = 50;

/** The model's knobs (every change needs a new run). */
export const additionTrainSchema = defineSchema({
  digits: {
    kind: 'number',
    label: 'Max digits',
    default: D.maxDigits,
    min: L.maxDigits[0],
    max: L.maxDigits[1],
    integer: true,
    help: 'Each number of a question has 1 to this many digits.',
    restart: true,
  },
  reverse: {
    kind: 'boolean',
    label: 'Reverse the input',
    default: D.reverseSource,
    help: 'Feed "123+45" to the encoder as "54+321" (Sutskever et al. 2014); the answer stays in order.',
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    help: "Adam's step size.",
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
  enc: {
    kind: 'number',
    label: 'Encoder units (each direction)',
    default: D.encoderSize,
    min: L.encoderSize[0],
    max: L.encoderSize[1],
    integer: true,
    scale: 'log',
    help: 'The context vector has twice as many numbers.',
    restart: true,
  },
  dec: {
    kind: 'number',
    label: 'Decoder units',
    default: D.decoderSize,
    min: L.decoderSize[0],
    max: L.decoderSize[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Draws the sums, the held-out split and the initial weights. Same seed and backend: the same run.',
    restart: true,
  },
});

/** The decoding knobs (they apply to the next answer, no restart). */
export const additionDecodeSchema = defineSchema({
  beam: {
    kind: 'number',
    label: 'Beam width',
    default: 4,
    min: 1,
    max: 16,
    integer: true,
    help: 'Hypotheses the beam search keeps at each step; 1 is greedy search.',
    restart: false,
  },
  alpha: {
    kind: 'number',
    label: 'Length normalisation α',
    default: 0.6,
    min: 0,
    max: 2,
    step: 0.1,
    help: 'Finished candidates are ranked by log P / |y|^α (|y| counts </s>); 0 ranks by log P.',
    restart: false,
  },
});

/** The widget's one schema: controls, validation, URL state, presets. */
export const additionSchema = defineSchema({ ...additionTrainSchema, ...additionDecodeSchema });

/** The widget's settings: the schema's values. */
export type AdditionSettings = ParamValues<typeof additionSchema>;

/**
 * The model's config for a run (structured-cloneable: the worker generates the sums from it).
 * No attention: the decoder sees the question only through its first state. `evaluate()` scores
 * the validation sums only, the one held-out set the widget shows (curves, length bars).
 */
export function toConfig(s: AdditionSettings): Seq2SeqConfig {
  return {
    task: 'addition',
    attention: 'none',
    maxDigits: s.digits,
    reverseSource: s.reverse,
    learningRate: s.lr,
    batchSize: s.batch,
    encoderSize: s.enc,
    decoderSize: s.dec,
    seed: s.seed,
    evaluateTest: false,
  };
}

/** The control that sets each config field a divergence may blame. */
export const ADDITION_KNOBS = { learningRate: 'lr' } as const;

/** Named configurations that show one lesson each. */
export const additionPresets = definePresets(additionSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'reversed',
    label: 'Reversed input',
    description: 'The same run with the question fed backwards.',
    values: { reverse: true },
  },
  {
    name: 'five-digits',
    label: 'Five digits',
    description: 'Longer sums through the same fixed-size context vector.',
    values: { digits: 5 },
  },
  {
    name: 'tiny',
    label: 'Tiny context',
    description: 'Encoder 8 units per direction, decoder 16: a 16-number summary.',
    values: { enc: 8, dec: 16 },
  },
]);
