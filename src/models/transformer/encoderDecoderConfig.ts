/**
 * Configuration of chapter 15's encoder-decoder Transformer on a sequence task
 * ({@link createTransformerSeq2SeqTask}): defaults, bounds, validation once, the parameter count.
 * No tfjs, no React, no DOM.
 */
import { checkInRange } from '../limits';
import type { TransformerActivation } from './encoderLayer';
import type { TransformerLrSchedule, TransformerPositions } from './lmConfig';
import {
  SEQUENCE_ALPHABETS,
  SEQUENCE_TASKS,
  type SequenceAlphabet,
  type SequenceTaskName,
} from './seqTasks';

/** Hyperparameters and data of the encoder-decoder Transformer. */
export interface TransformerSeq2SeqConfig {
  /** 'reverse' (default) or 'sort'. */
  task?: SequenceTaskName;
  /** 'digits' (default) or 'letters'. */
  alphabet?: SequenceAlphabet;
  /** Shortest sequence, in [1, 32]. Default 4. */
  minLength?: number;
  /** Longest sequence, in [minLength, 32]. Default 10. */
  maxLength?: number;
  /**
   * Longest input `translate` accepts, and the length of the position tables (so a trained model
   * can be asked about sequences longer than any it saw), in [maxLength, 32]. Default: maxLength.
   */
  maxInputLength?: number;
  /** Training pairs, in [100, 1000000]. Default 20000. */
  trainSize?: number;
  /** Held-out pairs scored by `evaluate()` (validation and test each), in [10, 100000]. Default 500. */
  evalSize?: number;
  /** N, encoder layers and decoder layers (N of each), in [1, 6]. Default 2. */
  layers?: number;
  /** h, attention heads, in [1, 8]; must divide dModel. Default 4. */
  numHeads?: number;
  /** d_model, in [8, 512]. Default 64. */
  dModel?: number;
  /** d_ff, in [8, 2048]. Default 128. */
  dFf?: number;
  /** Pairs per batch, in [1, 512]. Default 64. */
  batchSize?: number;
  /** 'sinusoidal' (default; the paper) or 'learned'. */
  positions?: TransformerPositions;
  /** 'relu' (default; the paper) or 'gelu'. */
  activation?: TransformerActivation;
  /** Pre-LN (`true`, default: trains without a long warm-up; Xiong et al. 2020) or post-LN (the paper). */
  normFirst?: boolean;
  /** The peak learning rate (AdamW), in [1e-5, 0.1]. Default 0.002. */
  learningRate?: number;
  /** Linear warm-up steps, in [0, 10000]. Default 50. */
  warmupSteps?: number;
  /** After the warm-up: 'constant' (default), 'cosine' (to a tenth at progress().totalSteps) or 'inverse-sqrt'. */
  schedule?: TransformerLrSchedule;
  /** AdamW's decoupled weight decay of the matrices, in [0, 1]. Default 0.01. */
  weightDecay?: number;
  /** Gradient clipping by global norm, in [0, 20]; 0 = none. Default 1. */
  clipNorm?: number;
  /** Passes over the training pairs that make up progress().totalSteps, in [1, 1000]. Default 5. */
  epochs?: number;
  /** Seed of the data, the weights and the batches, an integer in [0, 999999]. Default 42. */
  seed?: number;
}

/** A config with every default filled in. */
export type ResolvedTransformerSeq2SeqConfig = Required<TransformerSeq2SeqConfig>;

/** Defaults: a model that learns to reverse digit strings of length 4-10 in about a minute on wasm. */
export const TRANSFORMER_SEQ2SEQ_DEFAULTS = {
  task: 'reverse' as SequenceTaskName,
  alphabet: 'digits' as SequenceAlphabet,
  minLength: 4,
  maxLength: 10,
  trainSize: 20_000,
  evalSize: 500,
  layers: 2,
  numHeads: 4,
  dModel: 64,
  dFf: 128,
  batchSize: 64,
  positions: 'sinusoidal' as TransformerPositions,
  activation: 'relu' as TransformerActivation,
  normFirst: true,
  learningRate: 0.002,
  warmupSteps: 50,
  schedule: 'constant' as TransformerLrSchedule,
  weightDecay: 0.01,
  clipNorm: 1,
  epochs: 5,
  seed: 42,
} as const;

/** Inclusive bounds of the numeric hyperparameters (the validation and a widget's schema). */
export const TRANSFORMER_SEQ2SEQ_LIMITS = {
  minLength: [1, 32],
  maxLength: [1, 32],
  maxInputLength: [1, 32],
  trainSize: [100, 1_000_000],
  evalSize: [10, 100_000],
  layers: [1, 6],
  numHeads: [1, 8],
  dModel: [8, 512],
  dFf: [8, 2048],
  batchSize: [1, 512],
  learningRate: [1e-5, 0.1],
  warmupSteps: [0, 10_000],
  weightDecay: [0, 1],
  clipNorm: [0, 20],
  epochs: [1, 1000],
  seed: [0, 999_999],
} as const;

const PREFIX = 'transformer seq2seq:';

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(
      `${PREFIX} ${name} must be one of ${allowed.join(', ')}, got ${String(value)}`,
    );
  }
  return value as T;
}

/**
 * Fills in defaults and validates every field once.
 * @throws TypeError for a config that is not an object or a normFirst that is not a boolean;
 *   RangeError naming the field for a value out of range, maxLength < minLength, numHeads not
 *   dividing dModel or an unknown choice.
 */
export function resolveTransformerSeq2SeqConfig(
  config: TransformerSeq2SeqConfig = {},
): ResolvedTransformerSeq2SeqConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const d = TRANSFORMER_SEQ2SEQ_DEFAULTS;
  const L = TRANSFORMER_SEQ2SEQ_LIMITS;
  const num = (name: Exclude<keyof typeof L, 'maxInputLength'>, integer: boolean) =>
    checkInRange(PREFIX, name, config[name] ?? d[name], L[name], integer);
  const ints = [
    'minLength',
    'maxLength',
    'trainSize',
    'evalSize',
    'layers',
    'numHeads',
    'dModel',
    'dFf',
    'batchSize',
    'warmupSteps',
    'epochs',
    'seed',
  ] as const;
  const v = Object.fromEntries(ints.map((n) => [n, num(n, true)])) as Record<
    (typeof ints)[number],
    number
  >;
  if (v.maxLength < v.minLength) {
    throw new RangeError(
      `${PREFIX} maxLength (${v.maxLength}) must be at least minLength (${v.minLength})`,
    );
  }
  const maxInputLength = checkInRange(
    PREFIX,
    'maxInputLength',
    config.maxInputLength ?? v.maxLength,
    L.maxInputLength,
    true,
  );
  if (maxInputLength < v.maxLength) {
    throw new RangeError(
      `${PREFIX} maxInputLength (${maxInputLength}) must be at least maxLength (${v.maxLength})`,
    );
  }
  if (v.dModel % v.numHeads !== 0) {
    throw new RangeError(`${PREFIX} numHeads (${v.numHeads}) must divide dModel (${v.dModel})`);
  }
  const normFirst = config.normFirst ?? d.normFirst;
  if (typeof normFirst !== 'boolean') {
    throw new TypeError(`${PREFIX} normFirst must be a boolean, got ${String(normFirst)}`);
  }
  return {
    ...v,
    maxInputLength,
    task: oneOf('task', config.task ?? d.task, SEQUENCE_TASKS),
    alphabet: oneOf('alphabet', config.alphabet ?? d.alphabet, SEQUENCE_ALPHABETS),
    positions: oneOf('positions', config.positions ?? d.positions, [
      'learned',
      'sinusoidal',
    ] as const),
    activation: oneOf('activation', config.activation ?? d.activation, ['relu', 'gelu'] as const),
    schedule: oneOf('schedule', config.schedule ?? d.schedule, [
      'constant',
      'cosine',
      'inverse-sqrt',
    ] as const),
    normFirst,
    learningRate: num('learningRate', false),
    weightDecay: num('weightDecay', false),
    clipNorm: num('clipNorm', false),
  };
}

/**
 * Trainable parameters with one shared embedding `V·E` (source, target and output layer tied),
 * learned positions `(2P + 1)·E` for the longest input P = maxInputLength and its output (none
 * when sinusoidal), per encoder
 * layer 4E² + 4E + 2EF + F + E + 4E, per decoder layer that plus 4E² + 4E + 2E (cross-attention
 * and its norm), the two final layer norms 4E and the output bias V.
 */
export function transformerSeq2SeqParameterCount(
  vocabSize: number,
  cfg: Pick<
    ResolvedTransformerSeq2SeqConfig,
    'dModel' | 'dFf' | 'layers' | 'positions' | 'maxInputLength'
  >,
): number {
  const { dModel: E, dFf: F, layers: N } = cfg;
  const attn = 4 * E * E + 4 * E;
  const ffn = 2 * E * F + F + E;
  const enc = attn + ffn + 4 * E;
  const dec = 2 * attn + ffn + 6 * E;
  const positions = cfg.positions === 'learned' ? (2 * cfg.maxInputLength + 1) * E : 0;
  return vocabSize * E + positions + N * (enc + dec) + 4 * E + vocabSize;
}
