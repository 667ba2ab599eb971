/**
 * Configuration of chapter 9's character language model ({@link createCharLmTask}): defaults,
 * bounds, the exploding-gradient preset, and validation. No tfjs, no React, no DOM.
 */
import { checkInRange } from '../limits';
import { buildCharVocab, charVocabFromList, type CharVocab } from './charData';
import { RNN_CELL_TYPES, type RnnCellType } from './types';

/** Optimisers of the character model. */
export type CharLmOptimizer = 'adam' | 'sgd';

/** Hyperparameters and data of {@link createCharLmTask}. */
export interface CharLmConfig {
  /**
   * The training text (e.g. `mobyDickText(corpus, 'train')`); NFC-normalised here. Required
   * unless `trainIds` is given.
   */
  trainText?: string;
  /** The held-out text; `evaluate()` scores its first `evalChars` characters. Required unless `heldoutIds` is given. */
  heldoutText?: string;
  /**
   * The training text already encoded with `vocab` (`encodeChars(vocab, text)`), so a widget that
   * rebuilds the task (Reset, new knobs) encodes a 1 M-character corpus once, not per build. Used
   * instead of `trainText`; needs `vocab`. Not copied.
   */
  trainIds?: Int32Array;
  /** The held-out text encoded with `vocab`; used instead of `heldoutText`; needs `vocab`. */
  heldoutIds?: Int32Array;
  /** Name of the corpus for messages and the widget, e.g. "Moby Dick". Default "text". */
  corpus?: string;
  /**
   * The character vocabulary, or its character list (`chars[0]` = U+FFFD). Default: built from
   * `trainText` by `buildCharVocab` (minCount 3).
   */
  vocab?: CharVocab | readonly string[];
  /** Recurrent cell: 'rnn' (tanh), 'lstm' or 'gru'. Default 'lstm'. */
  cell?: RnnCellType;
  /** Hidden units H of every layer, an integer in [1, 512]. Default 128. */
  hiddenSize?: number;
  /** Stacked recurrent layers, 1 or 2. Default 1. */
  layers?: number;
  /** Characters per training sequence (the TBPTT truncation length), in [2, 256]. Default 64. */
  seqLen?: number;
  /** Parallel streams per batch, an integer in [1, 256]. Default 32. */
  batchSize?: number;
  /** Learning rate, in [1e-4, 10]. Default 0.003 (Adam). */
  learningRate?: number;
  /**
   * Gradient clipping: the largest global norm of all gradients together (Pascanu et al. 2013),
   * in [0, 20]; 0 = no clipping. Default 5.
   */
  clipNorm?: number;
  /** 'adam' (default; Kingma & Ba 2015, epsilon 1e-7) or 'sgd' (plain gradient descent). */
  optimizer?: CharLmOptimizer;
  /**
   * Multiplies the recurrent weights W_hh at initialisation (1 = PyTorch's uniform(±1/sqrt(H))),
   * in [0.1, 10]. Large values make the plain RNN's step Jacobian expand: exploding gradients.
   * Default 1.
   */
  initScale?: number;
  /** Seed of the initial weights (and the default sampling seed), an integer in [0, 999999]. Default 42. */
  seed?: number;
  /** Held-out characters `evaluate()` scores, an integer in [2, 1000000]. Default 20000. */
  evalChars?: number;
  /** Passes over the training text that make up `progress().totalSteps`, in [1, 1000]. Default 5. */
  epochs?: number;
}

/** A config with every default filled in, the vocabulary built and the sizes derived. */
export interface ResolvedCharLmConfig extends Required<
  Omit<CharLmConfig, 'vocab' | 'trainText' | 'heldoutText' | 'trainIds' | 'heldoutIds'>
> {
  vocab: CharVocab;
  /** V, the vocabulary size. */
  vocabSize: number;
  /** The training text as character ids. */
  trainIds: Int32Array;
  /** The scored held-out stretch as character ids (at most `evalChars`). */
  evalIds: Int32Array;
}

/**
 * Defaults: the chapter's LSTM (hidden 128, seqLen 64, batch 32, the benchmark's sizes), Adam
 * 0.003, clipping at 5. See the task's doc comment for what they reach on Moby Dick.
 */
export const CHAR_LM_DEFAULTS = {
  corpus: 'text',
  cell: 'lstm' as RnnCellType,
  hiddenSize: 128,
  layers: 1,
  seqLen: 64,
  batchSize: 32,
  learningRate: 0.003,
  clipNorm: 5,
  optimizer: 'adam' as CharLmOptimizer,
  initScale: 1,
  seed: 42,
  evalChars: 20_000,
  epochs: 5,
} as const;

/**
 * Bounds of the hyperparameters, inclusive: the task's validation and the widget's schema use these
 * (one bound per knob).
 */
export const CHAR_LM_LIMITS = {
  hiddenSize: [1, 512],
  layers: [1, 2],
  seqLen: [2, 256],
  batchSize: [1, 256],
  learningRate: [1e-4, 10],
  clipNorm: [0, 20],
  initScale: [0.1, 10],
  seed: [0, 999_999],
  evalChars: [2, 1_000_000],
  epochs: [1, 1000],
} as const;

/**
 * The exploding-gradient demonstration: a plain tanh RNN whose recurrent weights start 5 times
 * too large, trained by plain SGD at a learning rate that is fine once the gradient is bounded.
 * Without clipping (`clipNorm: 0`) the global gradient norm jumps by orders of magnitude within
 * the first steps and the loss shoots up (the runner reports the divergence); with
 * {@link CHAR_LM_EXPLODING_CLIPPED} (the same with `clipNorm: 1`) it trains. Verified in
 * tests/unit/models/rnnTasksCharLm.test.ts.
 */
export const CHAR_LM_EXPLODING_PRESET = {
  cell: 'rnn',
  hiddenSize: 128,
  layers: 1,
  seqLen: 64,
  optimizer: 'sgd',
  learningRate: 1,
  initScale: 5,
  clipNorm: 0,
} as const satisfies Partial<CharLmConfig>;

/** {@link CHAR_LM_EXPLODING_PRESET} with clipping at global norm 1: trains. */
export const CHAR_LM_EXPLODING_CLIPPED = {
  ...CHAR_LM_EXPLODING_PRESET,
  clipNorm: 1,
} as const satisfies Partial<CharLmConfig>;

const PREFIX = 'char LM:';

function checkNumber(
  name: string,
  value: unknown,
  range: readonly [number, number],
  integer: boolean,
): number {
  return checkInRange(PREFIX, name, value, range, integer);
}

/**
 * Fills in defaults, validates every field, builds the vocabulary and encodes the texts.
 * @throws TypeError for a config that is not an object or texts that are not strings;
 *   RangeError naming the field for a value out of range, an unknown cell or optimiser, a training
 *   text too short for one batch (`batchSize * (seqLen + 1)` characters) or a held-out text under
 *   2 characters.
 */
export function resolveCharLmConfig(config: CharLmConfig): ResolvedCharLmConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const d = CHAR_LM_DEFAULTS;
  const L = CHAR_LM_LIMITS;
  const hasIds = config.trainIds !== undefined || config.heldoutIds !== undefined;
  if (hasIds) {
    if (!(config.trainIds instanceof Int32Array) || !(config.heldoutIds instanceof Int32Array)) {
      throw new TypeError(`${PREFIX} trainIds and heldoutIds must both be Int32Arrays`);
    }
    if (!config.vocab) {
      throw new TypeError(
        `${PREFIX} trainIds and heldoutIds need the vocab they were encoded with`,
      );
    }
  } else if (typeof config.trainText !== 'string' || typeof config.heldoutText !== 'string') {
    throw new TypeError(`${PREFIX} trainText and heldoutText must be strings`);
  }
  const cell = config.cell ?? d.cell;
  if (!RNN_CELL_TYPES.includes(cell)) {
    throw new RangeError(
      `${PREFIX} cell must be one of ${RNN_CELL_TYPES.join(', ')}, got ${String(cell)}`,
    );
  }
  const optimizer = config.optimizer ?? d.optimizer;
  if (optimizer !== 'adam' && optimizer !== 'sgd') {
    throw new RangeError(`${PREFIX} optimizer must be "adam" or "sgd", got ${String(optimizer)}`);
  }
  const int = (name: keyof typeof L) =>
    checkNumber(
      name,
      config[name as keyof CharLmConfig] ?? d[name as keyof typeof d],
      L[name],
      true,
    );
  const real = (name: keyof typeof L) =>
    checkNumber(
      name,
      config[name as keyof CharLmConfig] ?? d[name as keyof typeof d],
      L[name],
      false,
    );
  const hiddenSize = int('hiddenSize');
  const layers = int('layers');
  const seqLen = int('seqLen');
  const batchSize = int('batchSize');
  const seed = int('seed');
  const evalChars = int('evalChars');
  const epochs = int('epochs');
  const learningRate = real('learningRate');
  const clipNorm = real('clipNorm');
  const initScale = real('initScale');
  const need = batchSize * (seqLen + 1);
  if (!hasIds && config.trainText!.length === 0) {
    throw new RangeError(`${PREFIX} the training text is empty`);
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
      if (bad >= 0) {
        throw new RangeError(
          `${PREFIX} ${name}[${bad}] = ${ids[bad]} is not a character id in [0, ${V})`,
        );
      }
    }
    trainIds = config.trainIds!;
    evalIds = config.heldoutIds!.subarray(0, evalChars);
  } else {
    const encode = (text: string, limit: number) => {
      const out: number[] = [];
      for (const ch of text) {
        if (out.length >= limit) break;
        out.push(vocab.idOf(ch));
      }
      return Int32Array.from(out);
    };
    trainIds = encode(config.trainText!.normalize('NFC'), Infinity);
    evalIds = encode(config.heldoutText!.normalize('NFC'), evalChars);
  }
  if (trainIds.length < need) {
    throw new RangeError(
      `${PREFIX} the training text has ${trainIds.length} characters; batch ${batchSize} x (seqLen ${seqLen} + 1) needs at least ${need}`,
    );
  }
  if (evalIds.length < 2) {
    throw new RangeError(
      `${PREFIX} the held-out text has ${evalIds.length} character(s); it needs at least 2`,
    );
  }
  return {
    corpus: typeof config.corpus === 'string' && config.corpus ? config.corpus : d.corpus,
    cell,
    hiddenSize,
    layers,
    seqLen,
    batchSize,
    learningRate,
    clipNorm,
    optimizer,
    initScale,
    seed,
    evalChars,
    epochs,
    vocab,
    vocabSize: vocab.chars.length,
    trainIds,
    evalIds,
  };
}
