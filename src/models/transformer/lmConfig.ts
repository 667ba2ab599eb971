/**
 * Configuration of chapter 15's decoder-only character language model
 * ({@link createTransformerLmTask}): defaults, bounds, validation, the parameter count. No tfjs,
 * no React, no DOM.
 */
import { checkInRange } from '../limits';
import { buildCharVocab, charVocabFromList, type CharVocab } from '../rnn/charData';
import type { TransformerActivation } from './encoderLayer';

/** Position information: learned position embeddings (GPT) or the fixed sinusoids (Vaswani). */
export type TransformerPositions = 'learned' | 'sinusoidal';

/** Learning-rate schedules: constant after warm-up, cosine decay, or the paper's 1/sqrt(step). */
export type TransformerLrSchedule = 'constant' | 'cosine' | 'inverse-sqrt';

/** Hyperparameters and data of {@link createTransformerLmTask}. */
export interface TransformerLmConfig {
  /** The training text (NFC-normalised here). Required unless `trainIds` is given. */
  trainText?: string;
  /** The held-out text; `evaluate()` scores its first `evalChars` characters. */
  heldoutText?: string;
  /** The training text already encoded with `vocab` (not copied); needs `vocab` and `heldoutIds`. */
  trainIds?: Int32Array;
  /** The held-out text encoded with `vocab`. */
  heldoutIds?: Int32Array;
  /** Name of the corpus for messages, e.g. "Moby Dick". Default "text". */
  corpus?: string;
  /** The vocabulary or its character list (`chars[0]` = U+FFFD). Default: built from trainText. */
  vocab?: CharVocab | readonly string[];
  /** N, the Transformer blocks, in [1, 6]. Default 2. */
  layers?: number;
  /** h, attention heads per block, in [1, 8]; must divide dModel. Default 4. */
  numHeads?: number;
  /** d_model, in [8, 512]. Default 128. */
  dModel?: number;
  /** d_ff, the feed-forward width, in [8, 2048]. Default 512 (4 d_model). */
  dFf?: number;
  /** Context length C (characters a position can see, the training sequence length), in [2, 256]. Default 64. */
  contextLength?: number;
  /** Sequences per batch, in [1, 256]. Default 32. */
  batchSize?: number;
  /** 'learned' (default; GPT) or 'sinusoidal' (Vaswani et al. 2017, section 3.5). */
  positions?: TransformerPositions;
  /** Feed-forward activation: 'gelu' (default; GPT) or 'relu' (the paper). */
  activation?: TransformerActivation;
  /** The peak learning rate (AdamW), in [1e-5, 0.1]. Default 0.002. */
  learningRate?: number;
  /** Linear warm-up steps, in [0, 10000]. Default 100. */
  warmupSteps?: number;
  /** After the warm-up: 'cosine' (default; decays to a tenth by the last step), 'constant', 'inverse-sqrt'. */
  schedule?: TransformerLrSchedule;
  /** AdamW's decoupled weight decay (Loshchilov & Hutter 2019) of the weight matrices, in [0, 1]. Default 0.01. */
  weightDecay?: number;
  /** Gradient clipping by global norm, in [0, 20]; 0 = none. Default 1. */
  clipNorm?: number;
  /** Seed of the weights, the batches and the default sampling, an integer in [0, 999999]. Default 42. */
  seed?: number;
  /** Held-out characters `evaluate()` scores, in [2, 1000000]. Default 20000. */
  evalChars?: number;
  /** Passes over the training text that make up `progress().totalSteps` (and the cosine's end), in [1, 1000]. Default 5. */
  epochs?: number;
}

/** A config with every default filled in, the vocabulary built and the texts encoded. */
export interface ResolvedTransformerLmConfig extends Required<
  Omit<TransformerLmConfig, 'vocab' | 'trainText' | 'heldoutText' | 'trainIds' | 'heldoutIds'>
> {
  vocab: CharVocab;
  /** V, the vocabulary size. */
  vocabSize: number;
  trainIds: Int32Array;
  /** The scored held-out stretch (at most `evalChars`). */
  evalIds: Int32Array;
}

/** Defaults: the chapter's and the benchmark's model (2 layers, 4 heads, d_model 128, d_ff 512, context 64, batch 32). */
export const TRANSFORMER_LM_DEFAULTS = {
  corpus: 'text',
  layers: 2,
  numHeads: 4,
  dModel: 128,
  dFf: 512,
  contextLength: 64,
  batchSize: 32,
  positions: 'learned' as TransformerPositions,
  activation: 'gelu' as TransformerActivation,
  learningRate: 0.002,
  warmupSteps: 100,
  schedule: 'cosine' as TransformerLrSchedule,
  weightDecay: 0.01,
  clipNorm: 1,
  seed: 42,
  evalChars: 20_000,
  epochs: 5,
} as const;

/** Inclusive bounds of the numeric hyperparameters (the validation and the widget's schema). */
export const TRANSFORMER_LM_LIMITS = {
  layers: [1, 6],
  numHeads: [1, 8],
  dModel: [8, 512],
  dFf: [8, 2048],
  contextLength: [2, 256],
  batchSize: [1, 256],
  learningRate: [1e-5, 0.1],
  warmupSteps: [0, 10_000],
  weightDecay: [0, 1],
  clipNorm: [0, 20],
  seed: [0, 999_999],
  evalChars: [2, 1_000_000],
  epochs: [1, 1000],
} as const;

/** The position choices, the activations and the schedules, for the widget's selects. */
export const TRANSFORMER_POSITIONS: readonly TransformerPositions[] = ['learned', 'sinusoidal'];
export const TRANSFORMER_LR_SCHEDULES: readonly TransformerLrSchedule[] = [
  'cosine',
  'constant',
  'inverse-sqrt',
];

/**
 * Trainable parameters: token embedding V·E (tied with the output layer), learned positions C·E
 * (none when sinusoidal), per block 4E² + 4E (attention) + 2·E·F + F + E (feed-forward) + 4E (two
 * layer norms), final layer norm 2E, output bias V.
 */
export function transformerLmParameterCount(
  vocabSize: number,
  dModel: number,
  dFf: number,
  layers: number,
  contextLength: number,
  positions: TransformerPositions,
): number {
  const E = dModel;
  const block = 4 * E * E + 4 * E + 2 * E * dFf + dFf + E + 4 * E;
  return (
    vocabSize * E +
    (positions === 'learned' ? contextLength * E : 0) +
    layers * block +
    2 * E +
    vocabSize
  );
}

const PREFIX = 'transformer LM:';

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(
      `${PREFIX} ${name} must be one of ${allowed.join(', ')}, got ${String(value)}`,
    );
  }
  return value as T;
}

/**
 * Fills in defaults, validates every field once, builds the vocabulary and encodes the texts.
 * @throws TypeError for a config that is not an object or texts that are not strings; RangeError
 *   naming the field for a value out of range, numHeads not dividing dModel, an unknown choice, a
 *   training text shorter than `contextLength + 2` characters or a held-out text under 2.
 */
export function resolveTransformerLmConfig(
  config: TransformerLmConfig,
): ResolvedTransformerLmConfig {
  if (typeof config !== 'object' || config === null)
    throw new TypeError(`${PREFIX} config must be an object`);
  const d = TRANSFORMER_LM_DEFAULTS;
  const L = TRANSFORMER_LM_LIMITS;
  const num = (name: keyof typeof L, integer: boolean) =>
    checkInRange(PREFIX, name, config[name] ?? d[name], L[name], integer);
  const ints = [
    'layers',
    'numHeads',
    'dModel',
    'dFf',
    'contextLength',
    'batchSize',
    'warmupSteps',
    'seed',
    'evalChars',
    'epochs',
  ] as const;
  const v = Object.fromEntries(ints.map((n) => [n, num(n, true)])) as Record<
    (typeof ints)[number],
    number
  >;
  const learningRate = num('learningRate', false);
  const weightDecay = num('weightDecay', false);
  const clipNorm = num('clipNorm', false);
  if (v.dModel % v.numHeads !== 0) {
    throw new RangeError(`${PREFIX} numHeads (${v.numHeads}) must divide dModel (${v.dModel})`);
  }
  const positions = oneOf('positions', config.positions ?? d.positions, TRANSFORMER_POSITIONS);
  const activation = oneOf('activation', config.activation ?? d.activation, [
    'relu',
    'gelu',
  ] as const);
  const schedule = oneOf('schedule', config.schedule ?? d.schedule, TRANSFORMER_LR_SCHEDULES);
  const hasIds = config.trainIds !== undefined || config.heldoutIds !== undefined;
  if (hasIds) {
    if (!(config.trainIds instanceof Int32Array) || !(config.heldoutIds instanceof Int32Array)) {
      throw new TypeError(`${PREFIX} trainIds and heldoutIds must both be Int32Arrays`);
    }
    if (!config.vocab)
      throw new TypeError(
        `${PREFIX} trainIds and heldoutIds need the vocab they were encoded with`,
      );
  } else if (typeof config.trainText !== 'string' || typeof config.heldoutText !== 'string') {
    throw new TypeError(`${PREFIX} trainText and heldoutText must be strings`);
  }
  const vocab = Array.isArray(config.vocab)
    ? charVocabFromList(config.vocab as readonly string[])
    : config.vocab
      ? (config.vocab as CharVocab)
      : buildCharVocab(config.trainText!.normalize('NFC'));
  const V = vocab.chars.length;
  let trainIds: Int32Array;
  let evalIds: Int32Array;
  if (hasIds) {
    for (const [name, ids] of [
      ['trainIds', config.trainIds!],
      ['heldoutIds', config.heldoutIds!],
    ] as const) {
      const bad = ids.findIndex((id) => !(id >= 0 && id < V));
      if (bad >= 0)
        throw new RangeError(
          `${PREFIX} ${name}[${bad}] = ${ids[bad]} is not a character id in [0, ${V})`,
        );
    }
    trainIds = config.trainIds!;
    evalIds = config.heldoutIds!.subarray(0, v.evalChars);
  } else {
    const encode = (text: string, limit: number) => {
      const out: number[] = [];
      for (const ch of text.normalize('NFC')) {
        if (out.length >= limit) break;
        out.push(vocab.idOf(ch));
      }
      return Int32Array.from(out);
    };
    trainIds = encode(config.trainText!, Infinity);
    evalIds = encode(config.heldoutText!, v.evalChars);
  }
  if (trainIds.length < v.contextLength + 2) {
    throw new RangeError(
      `${PREFIX} the training text has ${trainIds.length} characters; contextLength ${v.contextLength} needs at least ${v.contextLength + 2}`,
    );
  }
  if (evalIds.length < 2) {
    throw new RangeError(
      `${PREFIX} the held-out text has ${evalIds.length} character(s); it needs at least 2`,
    );
  }
  return {
    corpus: typeof config.corpus === 'string' && config.corpus ? config.corpus : d.corpus,
    ...v,
    learningRate,
    weightDecay,
    clipNorm,
    positions,
    activation,
    schedule,
    vocab,
    vocabSize: V,
    trainIds,
    evalIds,
  };
}
