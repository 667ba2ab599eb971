/**
 * Configuration of the Chapter 1 sentiment classifier and its validation. No React, no DOM.
 */

/** Hyperparameters and data of {@link createSentimentTask}. Arrays are row-major, not copied. */
export interface SentimentConfig {
  /** Training token ids, int32 `[nTrain * maxlen]` row-major (row i = sequence i, padded/truncated). */
  trainX: Int32Array;
  /** Training labels `[nTrain]`: 1 = positive, 0 = negative (values in [0, 1] are accepted). */
  trainY: Float32Array | Uint8Array;
  /** Validation token ids, int32 `[nVal * maxlen]` row-major. */
  valX: Int32Array;
  /** Validation labels `[nVal]`. */
  valY: Float32Array | Uint8Array;
  /** Rows of the embedding table: every id must be in `[0, vocabSize)`; 0 is the padding id. */
  vocabSize: number;
  /** Sequence length: every row of `trainX` / `valX` has exactly `maxlen` ids. */
  maxlen: number;
  /** Embedding dimension D. Default 16. */
  embeddingDim?: number;
  /** Adam learning rate. Default 0.01. */
  learningRate?: number;
  /** Rows per batch; the last batch of an epoch may be smaller. Default 32. */
  batchSize?: number;
  /** Epochs that make up `progress().totalSteps`. Default 10. */
  epochs?: number;
  /** Seed of the initial weights and of the batch order. Default 42. */
  seed?: number;
}

/** A config with every default filled in and the derived row counts. */
export type ResolvedSentimentConfig = Required<SentimentConfig> & { nTrain: number; nVal: number };

/** Defaults, as in the Keras tutorial this chapter follows. */
export const SENTIMENT_DEFAULTS = {
  embeddingDim: 16,
  learningRate: 0.01,
  batchSize: 32,
  epochs: 10,
  seed: 42,
} as const;

/**
 * Bounds of the hyperparameters, inclusive (the widget's schema uses these: one bound per knob).
 * `learningRate` is Adam's step size.
 */
export const SENTIMENT_LIMITS = {
  embeddingDim: [1, 128],
  learningRate: [1e-4, 10],
  batchSize: [1, 512],
  epochs: [1, 100],
  seed: [0, 999_999],
} as const;

/** Largest embedding table accepted (vocabSize x embeddingDim floats): 64 MiB of float32. */
export const MAX_EMBEDDING_PARAMS = 16 * 1024 * 1024;

const PREFIX = 'sentiment classifier:';

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${PREFIX} ${name} must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Checks that every id of `x` (int32 `[rows * maxlen]`) is in `[0, vocabSize)`.
 * @throws RangeError naming the first bad position, e.g. "trainX[41] = 5000 (row 2, position 1) ...".
 */
export function checkTokenIds(
  name: string,
  x: Int32Array,
  maxlen: number,
  vocabSize: number,
): void {
  if (!(x instanceof Int32Array)) {
    throw new TypeError(`${PREFIX} ${name} must be an Int32Array of token ids`);
  }
  if (x.length % maxlen !== 0) {
    throw new RangeError(
      `${PREFIX} ${name} has ${x.length} ids, which is not a multiple of maxlen = ${maxlen}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    const id = x[i];
    if (id < 0 || id >= vocabSize) {
      const row = Math.floor(i / maxlen);
      throw new RangeError(
        `${PREFIX} ${name}[${i}] = ${id} (row ${row}, position ${i - row * maxlen}) is not a valid token id: ids must be in [0, vocabSize) = [0, ${vocabSize})`,
      );
    }
  }
}

function checkLabels(name: string, y: unknown, rows: number, xName: string): void {
  if (!(y instanceof Float32Array || y instanceof Uint8Array)) {
    throw new TypeError(`${PREFIX} ${name} must be a Float32Array or Uint8Array of 0/1 labels`);
  }
  if (y.length !== rows) {
    throw new RangeError(`${PREFIX} ${xName} has ${rows} rows but ${name} has ${y.length} labels`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] >= 0 && y[i] <= 1)) {
      throw new RangeError(
        `${PREFIX} ${name}[${i}] = ${y[i]} is not a label: labels must be in [0, 1]`,
      );
    }
  }
}

/**
 * Fills in defaults and validates every field.
 * @throws TypeError for a wrong array type; RangeError for a value out of range, naming the field.
 */
export function resolveSentimentConfig(config: SentimentConfig): ResolvedSentimentConfig {
  if (typeof config !== 'object' || config === null)
    throw new TypeError(`${PREFIX} config must be an object`);
  const vocabSize = checkInteger('vocabSize', config.vocabSize, 2, 1_000_000);
  const maxlen = checkInteger('maxlen', config.maxlen, 1, 10_000);
  const L = SENTIMENT_LIMITS;
  const D = SENTIMENT_DEFAULTS;
  const embeddingDim = checkInteger(
    'embeddingDim',
    config.embeddingDim ?? D.embeddingDim,
    ...L.embeddingDim,
  );
  const batchSize = checkInteger('batchSize', config.batchSize ?? D.batchSize, ...L.batchSize);
  const epochs = checkInteger('epochs', config.epochs ?? D.epochs, ...L.epochs);
  const seed = checkInteger('seed', config.seed ?? D.seed, ...L.seed);
  const learningRate = config.learningRate ?? D.learningRate;
  const [lrMin, lrMax] = L.learningRate;
  if (typeof learningRate !== 'number' || !(learningRate >= lrMin && learningRate <= lrMax)) {
    throw new RangeError(
      `${PREFIX} learningRate must be a number in [${lrMin}, ${lrMax}], got ${String(learningRate)}`,
    );
  }
  if (vocabSize * embeddingDim > MAX_EMBEDDING_PARAMS) {
    throw new RangeError(
      `${PREFIX} vocabSize x embeddingDim = ${vocabSize * embeddingDim} exceeds ${MAX_EMBEDDING_PARAMS} parameters; lower num_words or the embedding dim`,
    );
  }
  checkTokenIds('trainX', config.trainX, maxlen, vocabSize);
  checkTokenIds('valX', config.valX, maxlen, vocabSize);
  const nTrain = config.trainX.length / maxlen;
  const nVal = config.valX.length / maxlen;
  if (nTrain === 0) throw new RangeError(`${PREFIX} trainX is empty: there is nothing to train on`);
  if (nVal === 0) throw new RangeError(`${PREFIX} valX is empty: there is nothing to validate on`);
  checkLabels('trainY', config.trainY, nTrain, 'trainX');
  checkLabels('valY', config.valY, nVal, 'valX');
  return {
    trainX: config.trainX,
    trainY: config.trainY,
    valX: config.valX,
    valY: config.valY,
    vocabSize,
    maxlen,
    embeddingDim,
    learningRate,
    batchSize,
    epochs,
    seed,
    nTrain,
    nVal,
  };
}
