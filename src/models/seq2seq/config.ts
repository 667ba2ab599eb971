/**
 * Configuration of the encoder-decoder of chapters 13 and 14 ({@link createSeq2SeqTask}):
 * defaults (the benchmark date model), bounds, validation, and the dataset it builds.
 * No tfjs, no React, no DOM.
 */
import { checkInRange } from '../limits';
import { ATTENTION_SCORES, type AttentionScore } from './attention';
import { additionDataset, datesDataset } from './tasks';
import type { Seq2SeqDataset } from './vocab';

/** The generated tasks. */
export type Seq2SeqTaskName = 'addition' | 'dates';

/** Attention of the decoder: none (the fixed-vector bottleneck) or one of the scores. */
export type Seq2SeqAttention = 'none' | AttentionScore;

/** All attention settings, `none` first. */
export const SEQ2SEQ_ATTENTIONS: readonly Seq2SeqAttention[] = ['none', ...ATTENTION_SCORES];

/** Encoder cells (the decoder is always a GRU). */
export type Seq2SeqEncoderCell = 'gru' | 'lstm';

/** Hyperparameters and data of {@link createSeq2SeqTask}. */
export interface Seq2SeqConfig {
  /** Which generated task: `'dates'` (default) or `'addition'`. Ignored when `dataset` is given. */
  task?: Seq2SeqTaskName;
  /** A dataset built beforehand (e.g. shared by two runs); then the data fields below are ignored. */
  dataset?: Seq2SeqDataset;
  /** Addition: largest operand, in digits, in [1, 6]. Default 3. */
  maxDigits?: number;
  /** Addition: feed the input reversed (Sutskever et al. 2014). Default false. */
  reverseSource?: boolean;
  /** Training pairs, in [256, 200000]. Default 20000. */
  trainSize?: number;
  /** Validation pairs (held-out dates / sums), in [16, 20000]. Default 1000. */
  validationSize?: number;
  /** Test pairs (held-out formats / more held-out sums), in [16, 20000]. Default 1000. */
  testSize?: number;
  /** Encoder cell, `'gru'` (default) or `'lstm'`; both directions use it. */
  cell?: Seq2SeqEncoderCell;
  /** Size of the character embeddings (source and target), in [2, 256]. Default 32. */
  embeddingSize?: number;
  /** Hidden units of each encoder direction, in [1, 256]. Default 64 (keys 128 wide). */
  encoderSize?: number;
  /** Hidden units of the decoder GRU, in [1, 512]. Default 128. */
  decoderSize?: number;
  /** `'none' | 'additive' | 'dot' | 'general'`. Default `'additive'`. `dot` needs decoderSize = 2 x encoderSize. */
  attention?: Seq2SeqAttention;
  /** Units U of the additive score, in [1, 256]. Default 64. */
  attentionUnits?: number;
  /** Pairs per training step, in [1, 512]. Default 128. */
  batchSize?: number;
  /** Adam's learning rate, in [1e-4, 0.1]. Default 0.005. */
  learningRate?: number;
  /** Largest global gradient norm (Pascanu et al. 2013), in [0, 20]; 0 = no clipping. Default 5. */
  clipNorm?: number;
  /** Seed of the data and the initial weights, an integer in [0, 999999]. Default 42. */
  seed?: number;
  /** Passes over the training pairs that make up `progress().totalSteps`, in [1, 1000]. Default 20. */
  epochs?: number;
  /**
   * Whether `evaluate()` also scores the test split (greedy decoding of every pair), or the
   * validation split only. Default true. A view that never shows the test scores turns it off:
   * half the evaluation's work.
   */
  evaluateTest?: boolean;
}

/** A config with every default filled in and the dataset built. */
export interface ResolvedSeq2SeqConfig extends Required<Omit<Seq2SeqConfig, 'dataset'>> {
  dataset: Seq2SeqDataset;
}

/**
 * Defaults: the benchmark date model (embedding 32, bidirectional GRU encoder 64 per
 * direction, GRU decoder 128, additive attention with 64 units, batch 128; inputs up to 24
 * characters, outputs 10 + END).
 */
export const SEQ2SEQ_DEFAULTS = {
  task: 'dates' as Seq2SeqTaskName,
  maxDigits: 3,
  reverseSource: false,
  trainSize: 20_000,
  validationSize: 1000,
  testSize: 1000,
  cell: 'gru' as Seq2SeqEncoderCell,
  embeddingSize: 32,
  encoderSize: 64,
  decoderSize: 128,
  attention: 'additive' as Seq2SeqAttention,
  attentionUnits: 64,
  batchSize: 128,
  learningRate: 0.005,
  clipNorm: 5,
  seed: 42,
  epochs: 20,
  evaluateTest: true,
} as const;

/** Inclusive bounds of the numeric knobs (validation and the widgets' schemas use these). */
export const SEQ2SEQ_LIMITS = {
  maxDigits: [1, 6],
  trainSize: [256, 200_000],
  validationSize: [16, 20_000],
  testSize: [16, 20_000],
  embeddingSize: [2, 256],
  encoderSize: [1, 256],
  decoderSize: [1, 512],
  attentionUnits: [1, 256],
  batchSize: [1, 512],
  learningRate: [1e-4, 0.1],
  clipNorm: [0, 20],
  seed: [0, 999_999],
  epochs: [1, 1000],
} as const;

const PREFIX = 'seq2seq:';
type NumericKey = keyof typeof SEQ2SEQ_LIMITS;
const REALS: readonly NumericKey[] = ['learningRate', 'clipNorm'];

/**
 * Fills in defaults, validates every field and builds the dataset.
 * @throws TypeError for a config that is not an object or a `dataset` without splits;
 *   RangeError naming the field for a value out of range, an unknown task, cell or attention,
 *   `dot` attention with decoderSize != 2 x encoderSize, or a training set smaller than a batch.
 */
export function resolveSeq2SeqConfig(config: Seq2SeqConfig = {}): ResolvedSeq2SeqConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const d = SEQ2SEQ_DEFAULTS;
  const num = {} as Record<NumericKey, number>;
  for (const key of Object.keys(SEQ2SEQ_LIMITS) as NumericKey[]) {
    const value = config[key] ?? d[key];
    num[key] = checkInRange(PREFIX, key, value, SEQ2SEQ_LIMITS[key], !REALS.includes(key));
  }
  const task = config.task ?? d.task;
  if (task !== 'dates' && task !== 'addition') {
    throw new RangeError(`${PREFIX} task must be "dates" or "addition", got ${String(task)}`);
  }
  const cell = config.cell ?? d.cell;
  if (cell !== 'gru' && cell !== 'lstm') {
    throw new RangeError(`${PREFIX} cell must be "gru" or "lstm", got ${String(cell)}`);
  }
  const attention = config.attention ?? d.attention;
  if (!SEQ2SEQ_ATTENTIONS.includes(attention)) {
    throw new RangeError(
      `${PREFIX} attention must be one of ${SEQ2SEQ_ATTENTIONS.join(', ')}, got ${String(attention)}`,
    );
  }
  if (attention === 'dot' && num.decoderSize !== 2 * num.encoderSize) {
    throw new RangeError(
      `${PREFIX} dot attention compares the decoder state with the encoder's two directions: decoderSize must be 2 x encoderSize = ${2 * num.encoderSize}, got ${num.decoderSize}`,
    );
  }
  const reverseSource = config.reverseSource ?? d.reverseSource;
  if (typeof reverseSource !== 'boolean') {
    throw new TypeError(`${PREFIX} reverseSource must be true or false`);
  }
  const evaluateTest = config.evaluateTest ?? d.evaluateTest;
  if (typeof evaluateTest !== 'boolean') {
    throw new TypeError(`${PREFIX} evaluateTest must be true or false`);
  }
  const sizes = {
    trainSize: num.trainSize,
    validationSize: num.validationSize,
    testSize: num.testSize,
  };
  let dataset = config.dataset;
  if (dataset !== undefined) {
    if (
      typeof dataset !== 'object' ||
      !Array.isArray(dataset.train) ||
      !Array.isArray(dataset.validation) ||
      !Array.isArray(dataset.test)
    ) {
      throw new TypeError(`${PREFIX} dataset must have train, validation and test arrays`);
    }
  } else {
    dataset =
      task === 'dates'
        ? datesDataset({ ...sizes, seed: num.seed })
        : additionDataset({ ...sizes, seed: num.seed, maxDigits: num.maxDigits, reverseSource });
  }
  if (dataset.train.length < num.batchSize) {
    throw new RangeError(
      `${PREFIX} the training set has ${dataset.train.length} pairs; batchSize ${num.batchSize} needs at least as many`,
    );
  }
  if (dataset.validation.length === 0 || dataset.test.length === 0) {
    throw new RangeError(`${PREFIX} the validation and test sets must not be empty`);
  }
  return {
    ...num,
    task: dataset === config.dataset ? (dataset.name as Seq2SeqTaskName) : task,
    reverseSource,
    evaluateTest,
    cell,
    attention,
    dataset,
  } as ResolvedSeq2SeqConfig;
}
