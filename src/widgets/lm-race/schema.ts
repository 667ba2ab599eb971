/**
 * Settings of chapter 15's race between the character Transformer and chapter 9's LSTM, and
 * `toConfig`, which sizes the LSTM to the Transformer's parameter count (./match.ts). URL keys
 * carry the prefix `race.` (`?race.budget=120`). The Transformer's knobs take the model's own
 * defaults and bounds (`TRANSFORMER_LM_DEFAULTS`, `TRANSFORMER_LM_LIMITS`), the same as the
 * Transformer widget's; each model keeps its own chapter's optimiser settings.
 */
import { CHAR_LM_DEFAULTS } from '../../models/rnn/charLmConfig';
import {
  TRANSFORMER_LM_DEFAULTS as D,
  TRANSFORMER_LM_LIMITS as L,
} from '../../models/transformer/lmConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { EncodedCharCorpus } from '../common/charCorpus';
import { matchLstmHiddenSize, type LstmMatch } from './match';
import type { LmRaceConfig } from './raceTask';
import { headsProblem } from '../common/transformerSettings';

/** URL key prefix of this widget. */
export const RACE_PREFIX = 'race.';
/** Sequences per training step, for both models. */
export const RACE_BATCH = D.batchSize;
/** Held-out characters both models score at each evaluation (the same characters). */
export const RACE_EVAL_CHARS = 8192;
/** Evaluations per model over a run (at least one second of training apart). */
export const RACE_EVALS = 24;

const int = { kind: 'number', integer: true, restart: true } as const;

/** The race's settings (one schema: controls, validation, URL state, presets). */
export const raceSchema = defineSchema({
  corpus: {
    kind: 'choice',
    label: 'Text',
    default: 'moby-dick',
    options: [
      { value: 'moby-dick', label: 'Moby Dick' },
      { value: 'sonnets', label: 'Sonnets' },
    ],
    help: 'Both models train on the same text and are scored on the same held-out part.',
    restart: true,
  },
  layers: { ...int, label: 'Layers N', default: D.layers, min: L.layers[0], max: L.layers[1] },
  heads: {
    ...int,
    label: 'Heads h',
    default: D.numHeads,
    min: L.numHeads[0],
    max: L.numHeads[1],
    help: 'Must divide d_model.',
  },
  dModel: {
    ...int,
    label: 'd_model',
    default: D.dModel,
    min: L.dModel[0],
    max: L.dModel[1],
    step: 8,
    scale: 'log',
  },
  dFf: {
    ...int,
    label: 'd_ff',
    default: D.dFf,
    min: L.dFf[0],
    max: L.dFf[1],
    step: 8,
    scale: 'log',
  },
  context: {
    ...int,
    label: 'Context length',
    default: D.contextLength,
    min: L.contextLength[0],
    max: L.contextLength[1],
    scale: 'log',
    help: "The Transformer's context and the LSTM's BPTT length: both predict batch × this many characters per step.",
  },
  budget: {
    ...int,
    label: 'Seconds per model',
    default: 60,
    min: 10,
    max: 600,
    step: 10,
    help: 'Training time each model gets (evaluations not counted).',
  },
  seed: { ...int, label: 'Seed', default: D.seed, min: L.seed[0], max: L.seed[1] },
});

/** Settings of the race (the schema's values). */
export type LmRaceSettings = ParamValues<typeof raceSchema>;

/** Why `s` cannot run, or null: the heads must divide d_model (`headsProblem`). */
export function raceSettingsProblem(s: Pick<LmRaceSettings, 'heads' | 'dModel'>): string | null {
  return headsProblem(s);
}

/** The LSTM matched to the Transformer of `s` on a vocabulary of `vocabSize` characters. */
export function raceMatch(s: LmRaceSettings, vocabSize: number): LstmMatch {
  return matchLstmHiddenSize({
    vocabSize,
    dModel: s.dModel,
    dFf: s.dFf,
    layers: s.layers,
    contextLength: s.context,
  });
}

/** Seconds of a model's training between two of its evaluations. */
export function evalEverySeconds(budget: number): number {
  return Math.max(1, budget / RACE_EVALS);
}

/**
 * The race's config: the corpus once (structured-cloneable, copied to the worker), the
 * Transformer of `s` with its chapter's optimiser settings, and a one-layer LSTM with the matched
 * hidden size, BPTT length = context length, the same batch, seed and held-out characters, and
 * chapter 9's optimiser settings (Adam 0.003, clipping at 5).
 */
export function toConfig(s: LmRaceSettings, corpus: EncodedCharCorpus): LmRaceConfig {
  const match = raceMatch(s, corpus.vocab.chars.length);
  const shared = { batchSize: RACE_BATCH, seed: s.seed, evalChars: RACE_EVAL_CHARS };
  return {
    trainIds: corpus.trainIds,
    heldoutIds: corpus.heldoutIds,
    vocab: corpus.vocab.chars,
    corpus: corpus.title,
    transformer: {
      ...shared,
      layers: s.layers,
      numHeads: s.heads,
      dModel: s.dModel,
      dFf: s.dFf,
      contextLength: s.context,
    },
    lstm: {
      ...shared,
      hiddenSize: match.hiddenSize,
      layers: 1,
      seqLen: s.context,
      learningRate: CHAR_LM_DEFAULTS.learningRate,
      clipNorm: CHAR_LM_DEFAULTS.clipNorm,
      optimizer: CHAR_LM_DEFAULTS.optimizer,
    },
    budgetSeconds: s.budget,
    evalEverySeconds: evalEverySeconds(s.budget),
  };
}

/** Named configurations. */
export const racePresets = definePresets(raceSchema, [
  { name: 'default', label: 'Default (415 K parameters)', values: {} },
  {
    name: 'tiny',
    label: 'Tiny',
    description: 'One layer, d_model 64, d_ff 256, context 32: about 60 K parameters each.',
    values: { layers: 1, dModel: 64, dFf: 256, context: 32 },
  },
  {
    name: 'long-context',
    label: 'Context 128',
    description: 'Twice the context: attention costs grow with its square, the LSTM’s linearly.',
    values: { context: 128 },
  },
  {
    name: 'sonnets',
    label: 'Sonnets',
    description: "Shakespeare's sonnets: a small text, learnt (and overfitted) quickly.",
    values: { corpus: 'sonnets' },
  },
]);
