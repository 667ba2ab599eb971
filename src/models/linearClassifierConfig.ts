/**
 * Configuration, input types and validation of the linear (logistic / softmax regression)
 * classifier on sparse features. No React, no DOM, no tfjs.
 */

/**
 * A compressed sparse row (CSR) matrix, the layout of scipy.sparse.csr_matrix and of the
 * matrices `TfidfVectorizer.transform` returns: the non-zeros of row `r` are
 * `data[indptr[r] .. indptr[r + 1])` in columns `indices[indptr[r] .. indptr[r + 1])`.
 * Any object of this shape is accepted (the vectorizer's own class included); it is not copied.
 */
export interface CsrMatrixLike {
  /** `[rows + 1]`, non-decreasing, `indptr[0] = 0`, `indptr[rows] = nnz`. */
  readonly indptr: ArrayLike<number>;
  /** `[nnz]` column (feature) index of each stored value, in `[0, cols)`. */
  readonly indices: ArrayLike<number>;
  /** `[nnz]` the stored values (e.g. tf-idf weights), finite. */
  readonly data: ArrayLike<number>;
  /** `[rows, cols]`: documents x features. */
  readonly shape: readonly [number, number] | readonly number[];
}

/** How X·W is computed in a training step (see `sparseLinear.ts`). */
export type LinearMatmul = 'auto' | 'sparse' | 'dense';

/** The optimiser of a run. */
export type LinearOptimizerName = 'adam' | 'sgd';

/** Data and hyperparameters of {@link createLinearClassifier}. Arrays are not copied. */
export interface LinearClassifierConfig {
  /** Training documents x features, CSR. */
  trainX: CsrMatrixLike;
  /** Class of each training document, integers in `[0, numClasses)`. */
  trainY: ArrayLike<number>;
  /** Validation documents x features (same feature count as trainX). */
  valX: CsrMatrixLike;
  /** Class of each validation document. */
  valY: ArrayLike<number>;
  /**
   * Number of classes K >= 2. K = 2 is logistic regression (one weight column, sigmoid, binary
   * cross-entropy; class 1 is the positive class); K > 2 is softmax (multinomial logistic)
   * regression (K weight columns, softmax, categorical cross-entropy).
   */
  numClasses: number;
  /** Step size of the optimiser, in {@link LINEAR_LIMITS}. Default 0.05 (Adam). */
  learningRate?: number;
  /**
   * L2 penalty strength lambda: the objective is mean cross-entropy + (lambda / 2) ||W||^2 (bias
   * not penalised). In scikit-learn's LogisticRegression terms lambda = 1 / (C · nTrain).
   * Default 1e-4; at most 0.1 ({@link LINEAR_LIMITS}).
   */
  l2?: number;
  /** Documents per batch; the last batch of an epoch may be smaller. Default 32. */
  batchSize?: number;
  /** Epochs that make up `progress().totalSteps`. Default 10. */
  epochs?: number;
  /** Seed of the batch order (the weights start at zero, as scikit-learn's solvers do). Default 42. */
  seed?: number;
  /** `adam` (Kingma & Ba 2015, epsilon 1e-7) or plain minibatch `sgd`. Default `adam`. */
  optimizer?: LinearOptimizerName;
  /** X·W formulation in training steps; `auto` chooses per backend. Default `auto`. */
  matmul?: LinearMatmul;
}

/** A config with every default filled in and the derived sizes. */
export type ResolvedLinearConfig = Required<LinearClassifierConfig> & {
  nTrain: number;
  nVal: number;
  /** Number of features V (columns of X). */
  numFeatures: number;
  /** Columns of W: 1 for K = 2, else K. */
  numOutputs: number;
};

/** Defaults of {@link LinearClassifierConfig}. */
export const LINEAR_DEFAULTS = {
  learningRate: 0.05,
  l2: 1e-4,
  batchSize: 32,
  epochs: 10,
  seed: 42,
  optimizer: 'adam',
  matmul: 'auto',
} as const;

/**
 * Bounds of the hyperparameters, inclusive (the widget's schema uses these: one bound per knob).
 * `learningRate` is the optimiser's step size; `l2` is lambda.
 */
export const LINEAR_LIMITS = {
  learningRate: [1e-4, 100],
  l2: [0, 0.1],
  batchSize: [1, 512],
  epochs: [1, 100],
  seed: [0, 999_999],
} as const;

/** Largest weight matrix accepted (features x outputs): 16 M float32 values. */
export const MAX_LINEAR_PARAMS = 16 * 1024 * 1024;

const PREFIX = 'linear classifier:';

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${PREFIX} ${name} must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

function checkNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new RangeError(
      `${PREFIX} ${name} must be a number in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Checks that `x` is a well-formed CSR matrix (indptr monotone, indices in range, finite data).
 * O(nnz).
 *
 * @param name - how to call the matrix in messages, e.g. "trainX".
 * @returns `[rows, cols]`.
 * @throws TypeError / RangeError naming the matrix and the first bad entry.
 */
export function checkCsr(name: string, x: CsrMatrixLike): [number, number] {
  if (typeof x !== 'object' || x === null || !x.indptr || !x.indices || !x.data || !x.shape) {
    throw new TypeError(`${PREFIX} ${name} must be a CSR matrix { indptr, indices, data, shape }`);
  }
  const [rows, cols] = x.shape;
  if (x.shape.length !== 2 || !Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0) {
    throw new RangeError(`${PREFIX} ${name}.shape must be [rows, cols], got [${x.shape.join()}]`);
  }
  if (cols < 1) throw new RangeError(`${PREFIX} ${name} has no features (0 columns)`);
  const { indptr, indices, data } = x;
  if (indptr.length !== rows + 1 || indptr[0] !== 0) {
    throw new RangeError(
      `${PREFIX} ${name}.indptr must have rows + 1 = ${rows + 1} entries starting at 0, got ${indptr.length}`,
    );
  }
  const nnz = indptr[rows];
  if (indices.length < nnz || data.length < nnz) {
    throw new RangeError(
      `${PREFIX} ${name} declares ${nnz} non-zeros but has ${indices.length} indices and ${data.length} values`,
    );
  }
  for (let r = 0; r < rows; r++) {
    if (!(indptr[r + 1] >= indptr[r])) {
      throw new RangeError(`${PREFIX} ${name}.indptr decreases at row ${r}`);
    }
  }
  for (let p = 0; p < nnz; p++) {
    const c = indices[p];
    if (!(Number.isInteger(c) && c >= 0 && c < cols)) {
      throw new RangeError(
        `${PREFIX} ${name}.indices[${p}] = ${c} is not a column in [0, ${cols})`,
      );
    }
    if (!Number.isFinite(data[p])) {
      throw new RangeError(`${PREFIX} ${name}.data[${p}] = ${data[p]} is not a finite number`);
    }
  }
  return [rows, cols];
}

function checkLabels(name: string, y: ArrayLike<number>, rows: number, k: number): void {
  if (!y || typeof y.length !== 'number') {
    throw new TypeError(`${PREFIX} ${name} must be an array of class indices`);
  }
  if (y.length !== rows) {
    throw new RangeError(`${PREFIX} ${name} has ${y.length} labels for ${rows} documents`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!(Number.isInteger(y[i]) && y[i] >= 0 && y[i] < k)) {
      throw new RangeError(
        `${PREFIX} ${name}[${i}] = ${y[i]} is not a class: labels must be integers in [0, ${k})`,
      );
    }
  }
}

/**
 * Fills in defaults and validates every field.
 * @throws TypeError for a wrong type; RangeError for a value out of range, naming the field.
 */
export function resolveLinearConfig(config: LinearClassifierConfig): ResolvedLinearConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const numClasses = checkInteger('numClasses', config.numClasses, 2, 1000);
  const L = LINEAR_LIMITS;
  const batchSize = checkInteger(
    'batchSize',
    config.batchSize ?? LINEAR_DEFAULTS.batchSize,
    ...L.batchSize,
  );
  const epochs = checkInteger('epochs', config.epochs ?? LINEAR_DEFAULTS.epochs, ...L.epochs);
  const seed = checkInteger('seed', config.seed ?? LINEAR_DEFAULTS.seed, ...L.seed);
  const learningRate = checkNumber(
    'learningRate',
    config.learningRate ?? LINEAR_DEFAULTS.learningRate,
    ...L.learningRate,
  );
  const l2 = checkNumber('l2', config.l2 ?? LINEAR_DEFAULTS.l2, ...L.l2);
  const optimizer = config.optimizer ?? LINEAR_DEFAULTS.optimizer;
  if (optimizer !== 'adam' && optimizer !== 'sgd') {
    throw new RangeError(`${PREFIX} optimizer must be 'adam' or 'sgd', got ${String(optimizer)}`);
  }
  const matmul = config.matmul ?? LINEAR_DEFAULTS.matmul;
  if (matmul !== 'auto' && matmul !== 'sparse' && matmul !== 'dense') {
    throw new RangeError(
      `${PREFIX} matmul must be 'auto', 'sparse' or 'dense', got ${String(matmul)}`,
    );
  }
  const [nTrain, numFeatures] = checkCsr('trainX', config.trainX);
  const [nVal, valFeatures] = checkCsr('valX', config.valX);
  if (valFeatures !== numFeatures) {
    throw new RangeError(
      `${PREFIX} valX has ${valFeatures} features but trainX has ${numFeatures}: transform both with the same fitted vectorizer`,
    );
  }
  if (nTrain === 0) throw new RangeError(`${PREFIX} trainX is empty: there is nothing to train on`);
  if (nVal === 0) throw new RangeError(`${PREFIX} valX is empty: there is nothing to validate on`);
  checkLabels('trainY', config.trainY, nTrain, numClasses);
  checkLabels('valY', config.valY, nVal, numClasses);
  const numOutputs = numClasses === 2 ? 1 : numClasses;
  if (numFeatures * numOutputs > MAX_LINEAR_PARAMS) {
    throw new RangeError(
      `${PREFIX} ${numFeatures} features x ${numOutputs} outputs exceeds ${MAX_LINEAR_PARAMS} weights; lower maxFeatures`,
    );
  }
  return {
    trainX: config.trainX,
    trainY: config.trainY,
    valX: config.valX,
    valY: config.valY,
    numClasses,
    learningRate,
    l2,
    batchSize,
    epochs,
    seed,
    optimizer,
    matmul,
    nTrain,
    nVal,
    numFeatures,
    numOutputs,
  };
}
