/**
 * The Chapter 1 sentiment classifier as a {@link TrainingTask}: the Keras tutorial model
 * `Embedding(V, D) -> GlobalAveragePooling1D -> Dense(1, sigmoid)`, binary cross-entropy, Adam,
 * written with raw tfjs ops and `tf.variable` (no tf.layers). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../train/embedding';
import { adam } from '../train/optim';
import { restoreOptimizer, snapshotOptimizer } from '../train/optimState';
import { createRng } from '../train/random';
import { restoreVariables, snapshotVariables } from '../train/weights';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../train/types';
import {
  checkTokenIds,
  resolveSentimentConfig,
  type ResolvedSentimentConfig,
  type SentimentConfig,
} from './sentimentConfig';

/** The classifier task, plus what the "try your own sentence" box and the charts read. */
export interface SentimentTask extends TrainingTask {
  /** The validated config with defaults filled in. */
  readonly config: Readonly<ResolvedSentimentConfig>;
  /**
   * P(positive) of each row of `x`, int32 `[n * maxlen]` row-major -> float32 `[n]` in [0, 1].
   * @throws RangeError for a length that is not a multiple of maxlen or an id outside [0, vocabSize).
   */
  predict(x: Int32Array): Promise<Float32Array>;
  /** L2 norm of each embedding row: float32 `[vocabSize]`. */
  embeddingNorms(): Promise<Float32Array>;
  /**
   * Logit contribution of one occurrence of each word, `E[v] . w` (float32 `[vocabSize]`): positive
   * means the word pushes towards "positive". The logit of a sequence is the mean of these over its
   * maxlen positions, plus the bias.
   */
  wordScores(): Promise<Float32Array>;
}

/** Weight names in snapshots (Keras layer/weight names). */
export const SENTIMENT_WEIGHT_NAMES = [
  'embedding/embeddings',
  'dense/kernel',
  'dense/bias',
] as const;

const EVAL_CHUNK = 1024;

/**
 * Creates the Chapter 1 classifier. The config is validated now (see `resolveSentimentConfig`);
 * variables are built by `init()`.
 *
 * Model, with B = batch rows, L = maxlen, V = vocabSize, D = embeddingDim:
 * - x: int32 `[B, L]` token ids (0 = padding);
 * - e = E[x]: float32 `[B, L, D]`, E `[V, D]` the embedding table (via {@link embeddingLookup});
 * - h = mean over the L positions of e: `[B, D]` (GlobalAveragePooling1D);
 * - z = h W + b: `[B, 1]` logits, W `[D, 1]`, b `[1]`; p = sigmoid(z).
 * - loss = mean_i [ -y_i log p_i - (1 - y_i) log(1 - p_i) ] (binary cross-entropy), computed
 *   stably from the logit as mean_i [ max(z_i, 0) - z_i y_i + log(1 + exp(-|z_i|)) ].
 * - accuracy = mean_i [ (z_i > 0) == (y_i >= 0.5) ].
 *
 * Keras semantics (https://keras.io/api/layers/core_layers/embedding/,
 * https://keras.io/api/layers/pooling_layers/global_average_pooling1d/): the Embedding has no mask
 * (`mask_zero=False`), so padding id 0 has a learned vector like any word, and the pooling averages
 * over all L positions, padding included. Because the mean ignores order, padding on the left
 * (`pre`) or on the right (`post`) gives the same h and hence the same model; which side is
 * TRUNCATED does matter, since it decides which words of a long sentence are kept.
 *
 * Initialisation as Keras, from `seed`: E ~ uniform(-0.05, 0.05), W ~ glorot_uniform
 * (uniform(±sqrt(6 / (D + 1))), Glorot & Bengio 2010), b = 0. Optimiser: Adam (Kingma & Ba 2015)
 * with beta1 0.9, beta2 0.999 and an explicit epsilon 1e-7 (webgl would otherwise use 1e-4).
 * Batches: the training rows are shuffled at the start of every epoch with a generator seeded by
 * `seed`; nothing is dropped, so the last batch of an epoch may be smaller.
 *
 * After `setWeights`, Adam's moment estimates and step count restart from zero (they are not in the
 * snapshot); the first few steps after a restore may therefore move the weights a little more.
 * `getTrainingState` / `setTrainingState` save and restore all of it (weights, Adam's moments and
 * iteration count, the step, which fixes the batch order): the resumed run is the same run.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createSentimentTask(config: SentimentConfig): SentimentTask {
  const cfg = resolveSentimentConfig(config);
  const { vocabSize: V, maxlen: L, embeddingDim: D, nTrain, batchSize } = cfg;
  const stepsPerEpoch = Math.ceil(nTrain / batchSize);
  let shuffleRng = createRng(`${cfg.seed}/batches`);
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);

  let vars: { embeddings: tf.Variable; kernel: tf.Variable; bias: tf.Variable } | null = null;
  let optimizer: tf.Optimizer | null = null;
  let stepCount = 0;
  /** The step at which the current epoch's order was drawn (a failed step does not redraw it). */
  let shuffledFor = -1;
  let disposed = false;

  /** Draws the next epoch's batch order (Fisher-Yates with the seeded generator). */
  const shuffleOrder = () => {
    for (let i = nTrain - 1; i > 0; i--) {
      const j = shuffleRng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  };

  /** Puts the batch order where it is after `step` steps, replaying the shuffles from the seed. */
  const seek = (step: number) => {
    shuffleRng = createRng(`${cfg.seed}/batches`);
    for (let i = 0; i < nTrain; i++) order[i] = i;
    const draws = Math.ceil(step / stepsPerEpoch);
    for (let d = 0; d < draws; d++) shuffleOrder();
    shuffledFor = draws > 0 ? (draws - 1) * stepsPerEpoch : -1;
    stepCount = step;
  };

  const live = () => {
    if (disposed) throw new Error('sentiment classifier: the task was disposed');
    if (!vars) throw new Error('sentiment classifier: call init() before training or predicting');
    return vars;
  };

  const makeOptimizer = () => adam(cfg.learningRate);

  /** Logits `[B]` of int32 ids `[B, L]`. */
  const logits = (x: tf.Tensor2D): tf.Tensor1D => {
    const v = live();
    const pooled = tf.mean(embeddingLookup(v.embeddings, x), 1) as tf.Tensor2D;
    return tf.reshape(tf.add(tf.matMul(pooled, v.kernel as tf.Tensor2D), v.bias), [-1]);
  };

  /** Per-row binary cross-entropy `[B]` from logits z `[B]` and labels y `[B]`. */
  const bce = (z: tf.Tensor1D, y: tf.Tensor1D) =>
    tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  const correct = (z: tf.Tensor1D, y: tf.Tensor1D) =>
    tf.cast(tf.equal(tf.greater(z, 0), tf.greaterEqual(y, 0.5)), 'float32');

  /** Copies rows `rows` of a row-major int32 matrix into a new batch tensor `[rows.length, L]`. */
  const gatherRows = (x: Int32Array, rows: ArrayLike<number>): tf.Tensor2D => {
    const out = new Int32Array(rows.length * L);
    for (let r = 0; r < rows.length; r++) out.set(x.subarray(rows[r] * L, rows[r] * L + L), r * L);
    return tf.tensor2d(out, [rows.length, L], 'int32');
  };

  /** Runs `f` on chunks of rows of `x` and returns the per-row results concatenated. */
  const chunks = (rows: number, f: (start: number, end: number) => tf.Tensor1D): tf.Tensor1D => {
    const parts: tf.Tensor1D[] = [];
    for (let s = 0; s < rows; s += EVAL_CHUNK) parts.push(f(s, Math.min(rows, s + EVAL_CHUNK)));
    return parts.length === 1 ? parts[0] : tf.concat(parts);
  };

  const rowsOf = (x: Int32Array, start: number, end: number) =>
    tf.tensor2d(x.subarray(start * L, end * L), [end - start, L], 'int32');

  const readRows = async (f: () => tf.Tensor): Promise<Float32Array> => {
    const t = tf.tidy(f);
    try {
      return (await t.data()) as Float32Array;
    } finally {
      t.dispose();
    }
  };

  const task: SentimentTask = {
    name: 'sentiment classifier',
    config: cfg,
    divergenceHint: {
      knob: 'learningRate',
      advice: 'Lower the learning rate (try 0.01, or 0.003 with a large batch).',
      // The loss starts at ln 2 = 0.69; a mean cross-entropy above 50 means confident
      // predictions (|logit| > 50) that are wrong: the weights have blown up.
      maxLoss: 50,
    } satisfies DivergenceHint,

    init(): void {
      if (disposed) throw new Error('sentiment classifier: the task was disposed');
      if (vars) return;
      const rng = createRng(`${cfg.seed}/init`);
      const emb = Float32Array.from({ length: V * D }, () => (rng.next() * 2 - 1) * 0.05);
      const limit = Math.sqrt(6 / (D + 1));
      const ker = Float32Array.from({ length: D }, () => (rng.next() * 2 - 1) * limit);
      // Variables outlive tf.tidy; the initial-value tensors do not (tf.variable keeps its own).
      vars = tf.tidy(() => ({
        embeddings: tf.variable(tf.tensor2d(emb, [V, D]), true),
        kernel: tf.variable(tf.tensor2d(ker, [D, 1]), true),
        bias: tf.variable(tf.zeros([1]), true),
      }));
      optimizer = makeOptimizer();
    },

    step(): StepOutput {
      const v = live();
      const epochStep = stepCount % stepsPerEpoch;
      if (epochStep === 0 && shuffledFor !== stepCount) {
        shuffledFor = stepCount;
        shuffleOrder();
      }
      const rows = order.subarray(
        epochStep * batchSize,
        Math.min(nTrain, (epochStep + 1) * batchSize),
      );
      const out = tf.tidy(() => {
        const x = gatherRows(cfg.trainX, rows);
        const y = tf.tensor1d(Float32Array.from(rows, (r) => cfg.trainY[r]));
        const kept: { accuracy?: tf.Scalar } = {};
        const { value, grads } = tf.variableGrads(() => {
          const z = logits(x);
          // Kept past variableGrads' inner tidy; returned from (and so kept by) the outer one.
          kept.accuracy = tf.keep(tf.mean(correct(z, y)) as tf.Scalar);
          return tf.mean(bce(z, y)) as tf.Scalar;
        }, [v.embeddings, v.kernel, v.bias]);
        optimizer!.applyGradients(grads);
        return { loss: value, accuracy: kept.accuracy as tf.Scalar };
      });
      stepCount++;
      return { loss: out.loss, metrics: { accuracy: out.accuracy } };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const { valX, valY, nVal } = cfg;
      const sums = tf.tidy(() => {
        const z = chunks(nVal, (s, e) => logits(rowsOf(valX, s, e)));
        const y = tf.tensor1d(Float32Array.from(valY));
        return tf.stack([tf.mean(bce(z, y)), tf.mean(correct(z, y))]);
      });
      try {
        const [valLoss, valAccuracy] = await sums.data();
        return { val_loss: valLoss, val_accuracy: valAccuracy };
      } finally {
        sums.dispose();
      }
    },

    progress(): TaskProgress {
      return {
        step: stepCount,
        epoch: stepCount / stepsPerEpoch,
        stepsPerEpoch,
        totalSteps: stepsPerEpoch * cfg.epochs,
      };
    },

    async predict(x: Int32Array): Promise<Float32Array> {
      live();
      checkTokenIds('predict input', x, L, V);
      const n = x.length / L;
      if (n === 0) return new Float32Array(0);
      return readRows(() => tf.sigmoid(chunks(n, (s, e) => logits(rowsOf(x, s, e)))));
    },

    async embeddingNorms(): Promise<Float32Array> {
      const v = live();
      return readRows(() => tf.norm(v.embeddings, 'euclidean', 1));
    },

    async wordScores(): Promise<Float32Array> {
      const v = live();
      return readRows(() => tf.reshape(tf.matMul(v.embeddings, v.kernel as tf.Tensor2D), [-1]));
    },

    getWeights(): Promise<WeightSnapshot> {
      const v = live();
      return snapshotVariables(SENTIMENT_WEIGHT_NAMES, [v.embeddings, v.kernel, v.bias]);
    },

    setWeights(snapshot: WeightSnapshot): void {
      const v = live();
      restoreVariables(
        'sentiment classifier',
        SENTIMENT_WEIGHT_NAMES,
        [v.embeddings, v.kernel, v.bias],
        snapshot,
      );
      optimizer?.dispose();
      optimizer = makeOptimizer();
    },

    async getTrainingState(): Promise<TrainingState> {
      live();
      const step = stepCount;
      const [weights, optimizerState] = await Promise.all([
        task.getWeights(),
        snapshotOptimizer(optimizer!),
      ]);
      return { weights, optimizer: optimizerState, step };
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const v = live();
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new RangeError(
          `sentiment classifier: the step must be an integer >= 0, got ${state.step}`,
        );
      }
      const variables = [v.embeddings, v.kernel, v.bias];
      const next = makeOptimizer();
      try {
        // Both restores check everything before they change anything; the optimiser is new.
        if (state.optimizer) {
          await restoreOptimizer('sentiment classifier', next, state.optimizer, variables);
        }
        restoreVariables('sentiment classifier', SENTIMENT_WEIGHT_NAMES, variables, state.weights);
      } catch (err) {
        next.dispose();
        throw err;
      }
      optimizer?.dispose();
      optimizer = next;
      seek(state.step);
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      if (vars) {
        vars.embeddings.dispose();
        vars.kernel.dispose();
        vars.bias.dispose();
        vars = null;
      }
    },
  };
  return task;
}
