/**
 * Configuration of the Chapter 11 TextCNN task and its validation. No tfjs, no React, no DOM.
 */
import { checkInRange } from '../limits';

/** Hyperparameters and data of `createTextCnnTask`. Arrays are row-major and not copied. */
export interface TextCnnConfig {
  /** Training token ids, int32 `[nTrain * maxlen]` (row i = sentence i, padded with id 0). */
  trainX: Int32Array;
  /** Training labels `[nTrain]`: integers in `[0, numClasses)`. */
  trainY: Float32Array | Uint8Array | Int32Array;
  /** Validation token ids, int32 `[nVal * maxlen]`. */
  valX: Int32Array;
  /** Validation labels `[nVal]`. */
  valY: Float32Array | Uint8Array | Int32Array;
  /** Rows of the embedding table: every id is in `[0, vocabSize)`; 0 is the padding id. */
  vocabSize: number;
  /** Tokens per row; at least the widest filter. */
  maxlen: number;
  /** Optional words by id (`vocabulary[id]`), used to spell out n-grams; not copied. */
  vocabulary?: readonly string[];
  /** Classes K (the labels' range). Default 2. */
  numClasses?: number;
  /** Filter widths in tokens, e.g. `[3, 4, 5]` or `"3,4,5"`. Default `[3, 4, 5]` (Kim 2014). */
  filterWidths?: readonly number[] | string;
  /** Filters (output channels) per width C. Default 32. */
  filtersPerWidth?: number;
  /** Embedding dimension E. Default 32. */
  embeddingDim?: number;
  /** Dropout rate on the pooled features while training. Default 0.5 (Kim 2014). */
  dropout?: number;
  /** Adam's step size. Default 0.003. */
  learningRate?: number;
  /** Rows per batch; the last batch of an epoch may be smaller. Default 32. */
  batchSize?: number;
  /** Epochs that make up `progress().totalSteps`. Default 10. */
  epochs?: number;
  /** Seed of the initial weights, the batch order and the dropout masks. Default 42. */
  seed?: number;
}

/** A config with every default filled in, the widths parsed and the row counts derived. */
export type ResolvedTextCnnConfig = Required<Omit<TextCnnConfig, 'filterWidths' | 'vocabulary'>> & {
  filterWidths: number[];
  vocabulary: readonly string[] | null;
  nTrain: number;
  nVal: number;
};

/**
 * Defaults, smaller than Kim's (E 300, 100 filters per width) so that a few epochs train in
 * seconds in a browser; the widths, the dropout and the max-over-time pooling are his.
 */
export const TEXTCNN_DEFAULTS = {
  numClasses: 2,
  filterWidths: [3, 4, 5],
  filtersPerWidth: 32,
  embeddingDim: 32,
  dropout: 0.5,
  learningRate: 0.003,
  batchSize: 32,
  epochs: 10,
  seed: 42,
} as const;

/** Inclusive bounds of the knobs (the widget's schema reads them too). */
export const TEXTCNN_LIMITS = {
  numClasses: [2, 100],
  filterWidth: [1, 10],
  filterWidthCount: [1, 6],
  filtersPerWidth: [1, 256],
  embeddingDim: [1, 256],
  dropout: [0, 0.9],
  learningRate: [1e-5, 1],
  batchSize: [1, 512],
  epochs: [1, 100],
  seed: [0, 999_999],
} as const;

/** Largest model accepted: 16 M parameters (64 MiB of float32 weights). */
export const MAX_TEXTCNN_PARAMS = 16 * 1024 * 1024;

const PREFIX = 'TextCNN:';

/**
 * Parses filter widths given as `"3,4,5"` (commas and/or spaces) or as an array.
 * @returns the widths in the given order (they set the order of the pooled features).
 * @throws RangeError for an empty list, more than 6 widths, a repeated width, or a width that is
 *   not an integer in [1, 10].
 */
export function parseFilterWidths(widths: readonly number[] | string): number[] {
  const list =
    typeof widths === 'string'
      ? widths
          .split(/[\s,]+/)
          .filter((w) => w !== '')
          .map(Number)
      : [...widths];
  const L = TEXTCNN_LIMITS;
  if (list.length < L.filterWidthCount[0] || list.length > L.filterWidthCount[1]) {
    throw new RangeError(
      `${PREFIX} filterWidths must list ${L.filterWidthCount[0]} to ${L.filterWidthCount[1]} widths, got ${JSON.stringify(widths)}`,
    );
  }
  list.forEach((w, i) => checkInRange(PREFIX, `filterWidths[${i}]`, w, L.filterWidth, true));
  if (new Set(list).size !== list.length) {
    throw new RangeError(`${PREFIX} filterWidths has a repeated width: ${list.join(',')}`);
  }
  return list;
}

/** Trainable parameters: V E + sum_k (C E k + C) + K (C n) + K. */
export function textCnnParameterCount(
  vocabSize: number,
  embeddingDim: number,
  filterWidths: readonly number[],
  filtersPerWidth: number,
  numClasses: number,
): number {
  const C = filtersPerWidth;
  const convs = filterWidths.reduce((s, k) => s + C * embeddingDim * k + C, 0);
  return vocabSize * embeddingDim + convs + numClasses * (C * filterWidths.length + 1);
}

/**
 * Checks that `x` is an Int32Array of whole rows of `maxlen` ids, each in `[0, vocabSize)`.
 * @throws TypeError / RangeError naming the first bad id, its row and its position.
 */
export function checkTextCnnIds(name: string, x: unknown, maxlen: number, vocabSize: number): void {
  if (!(x instanceof Int32Array)) throw new TypeError(`${PREFIX} ${name} must be an Int32Array`);
  if (x.length % maxlen !== 0) {
    throw new RangeError(
      `${PREFIX} ${name} has ${x.length} ids, not a multiple of maxlen = ${maxlen}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (x[i] < 0 || x[i] >= vocabSize) {
      const row = Math.floor(i / maxlen);
      throw new RangeError(
        `${PREFIX} ${name}[${i}] = ${x[i]} (row ${row}, position ${i - row * maxlen}) is not a token id in [0, ${vocabSize})`,
      );
    }
  }
}

function checkLabels(name: string, y: unknown, rows: number, K: number): void {
  if (!(y instanceof Float32Array || y instanceof Uint8Array || y instanceof Int32Array)) {
    throw new TypeError(`${PREFIX} ${name} must be a Float32Array, Uint8Array or Int32Array`);
  }
  if (y.length !== rows) {
    throw new RangeError(`${PREFIX} ${name} has ${y.length} labels for ${rows} rows`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!(Number.isInteger(y[i]) && y[i] >= 0 && y[i] < K)) {
      throw new RangeError(
        `${PREFIX} ${name}[${i}] = ${y[i]} is not a class: labels must be integers in [0, ${K})`,
      );
    }
  }
}

/**
 * Fills in defaults and validates every field.
 * @throws TypeError for a wrong array type; RangeError for a value out of range (naming the
 *   field), maxlen below the widest filter, or a model over {@link MAX_TEXTCNN_PARAMS}.
 */
export function resolveTextCnnConfig(config: TextCnnConfig): ResolvedTextCnnConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const L = TEXTCNN_LIMITS;
  const D = TEXTCNN_DEFAULTS;
  const int = (name: keyof typeof D & keyof typeof L, value: unknown) =>
    checkInRange(PREFIX, name, value ?? D[name], L[name] as [number, number], true);
  const vocabSize = checkInRange(PREFIX, 'vocabSize', config.vocabSize, [2, 1_000_000], true);
  const maxlen = checkInRange(PREFIX, 'maxlen', config.maxlen, [1, 10_000], true);
  const numClasses = int('numClasses', config.numClasses);
  const filterWidths = parseFilterWidths(config.filterWidths ?? D.filterWidths);
  const filtersPerWidth = int('filtersPerWidth', config.filtersPerWidth);
  const embeddingDim = int('embeddingDim', config.embeddingDim);
  const batchSize = int('batchSize', config.batchSize);
  const epochs = int('epochs', config.epochs);
  const seed = int('seed', config.seed);
  const dropout = checkInRange(PREFIX, 'dropout', config.dropout ?? D.dropout, L.dropout, false);
  const learningRate = checkInRange(
    PREFIX,
    'learningRate',
    config.learningRate ?? D.learningRate,
    L.learningRate,
    false,
  );
  const widest = Math.max(...filterWidths);
  if (maxlen < widest) {
    throw new RangeError(
      `${PREFIX} maxlen = ${maxlen} is shorter than the widest filter (${widest}): raise maxlen or narrow the filters`,
    );
  }
  const params = textCnnParameterCount(
    vocabSize,
    embeddingDim,
    filterWidths,
    filtersPerWidth,
    numClasses,
  );
  if (params > MAX_TEXTCNN_PARAMS) {
    throw new RangeError(
      `${PREFIX} the model would have ${params} parameters, more than ${MAX_TEXTCNN_PARAMS}; lower the vocabulary, the embedding dim or the filters`,
    );
  }
  checkTextCnnIds('trainX', config.trainX, maxlen, vocabSize);
  checkTextCnnIds('valX', config.valX, maxlen, vocabSize);
  const nTrain = config.trainX.length / maxlen;
  const nVal = config.valX.length / maxlen;
  if (nTrain === 0) throw new RangeError(`${PREFIX} trainX is empty: there is nothing to train on`);
  if (nVal === 0) throw new RangeError(`${PREFIX} valX is empty: there is nothing to validate on`);
  checkLabels('trainY', config.trainY, nTrain, numClasses);
  checkLabels('valY', config.valY, nVal, numClasses);
  if (config.vocabulary !== undefined && !Array.isArray(config.vocabulary)) {
    throw new TypeError(`${PREFIX} vocabulary must be an array of words by id`);
  }
  return {
    trainX: config.trainX,
    trainY: config.trainY,
    valX: config.valX,
    valY: config.valY,
    vocabSize,
    maxlen,
    vocabulary: config.vocabulary ?? null,
    numClasses,
    filterWidths,
    filtersPerWidth,
    embeddingDim,
    dropout,
    learningRate,
    batchSize,
    epochs,
    seed,
    nTrain,
    nVal,
  };
}
