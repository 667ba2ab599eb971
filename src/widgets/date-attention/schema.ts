/**
 * Hyperparameters of chapter 14's date converter and `toConfig`, which turns them into the
 * seq2seq task's config. URL keys carry the prefix `date.` (`?date.attention=false&date.score=dot`).
 * Defaults and bounds are the model's own (`SEQ2SEQ_DEFAULTS`, `SEQ2SEQ_LIMITS`); the switch
 * between attention and none and the choice of score are the widget's split of the model's one
 * `attention` field.
 */
import {
  SEQ2SEQ_DEFAULTS as D,
  SEQ2SEQ_LIMITS as L,
  type Seq2SeqAttention,
  type Seq2SeqConfig,
} from '../../models/seq2seq';
import { definePresets, defineSchema, type ParamValues } from '../../ui';

/** URL key prefix of this widget. */
export const DATE_PREFIX = 'date.';

/** Training steps between two evaluations (exact match on both held-out sets, by length). */
export const DATE_EVAL_EVERY = 100;

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const dateSchema = defineSchema({
  attention: {
    kind: 'boolean',
    label: 'Attention',
    default: D.attention !== 'none',
    help: 'Off: the same encoder-decoder without attention (chapter 13’s model); the decoder knows the input only through its first state.',
    restart: true,
  },
  score: {
    kind: 'choice',
    label: 'Score function',
    default: D.attention === 'none' ? 'additive' : D.attention,
    options: [
      { value: 'additive', label: 'additive' },
      { value: 'dot', label: 'dot' },
      { value: 'general', label: 'general' },
    ],
    help: 'Additive (Bahdanau): v·tanh(W_q s + W_k h), 64 units. Dot (Luong): s·h. General (Luong): s W h.',
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
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Seeds the dates, the held-out split and the initial weights. Same seed and backend: the same run.',
    restart: true,
  },
});

/** The widget's settings: the schema's values. */
export type DateSettings = ParamValues<typeof dateSchema>;

/** The model's attention setting for the widget's switch and score. */
export function attentionOf(s: Pick<DateSettings, 'attention' | 'score'>): Seq2SeqAttention {
  return s.attention ? s.score : 'none';
}

/**
 * The task's config for a run (structured-cloneable: the worker generates the dates from the
 * seed). Everything not set here is the model's default: the date model.
 */
export function toConfig(s: DateSettings): Seq2SeqConfig {
  return {
    task: 'dates',
    attention: attentionOf(s),
    learningRate: s.lr,
    seed: s.seed,
  };
}

/** The control that sets each config field a divergence may blame. */
export const DATE_KNOBS = { learningRate: 'lr' } as const;

/** Named configurations that show one lesson each. */
export const datePresets = definePresets(dateSchema, [
  { name: 'default', label: 'Additive attention', values: {} },
  {
    name: 'no-attention',
    label: 'No attention',
    description:
      'The same encoder-decoder without attention: everything passes through one vector.',
    values: { attention: false },
  },
  {
    name: 'dot',
    label: 'Dot scores',
    description: 'Luong’s dot score: no attention weights of its own.',
    values: { score: 'dot' },
  },
]);
