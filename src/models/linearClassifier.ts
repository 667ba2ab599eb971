/**
 * Logistic regression (two classes) and softmax regression (K classes) on sparse features such as
 * TF-IDF, as a {@link TrainingTask} trained in minibatches with Adam or SGD. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { adam } from '../train/optim';
import { createRng } from '../train/random';
import { restoreVariables } from '../train/weights';
import { captureTrainingState, loadTrainingState, replayShuffles } from './trainingState';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../train/types';
import {
  resolveLinearConfig,
  type CsrMatrixLike,
  type LinearClassifierConfig,
  type ResolvedLinearConfig,
} from './linearClassifierConfig';
import {
  evaluateLinear,
  explainLinear,
  logitsOf,
  csrRow,
  probabilitiesFromLogits,
  topTerms,
  type LinearEvaluation,
  type LinearExplanation,
  type LinearWeights,
  type SparseVector,
  type WeightedTerm,
} from './linearInspect';
import { batchMatMul, csrBatch, resolveMatmul } from './sparseLinear';

/** The classifier task plus what the widget's charts and "try your text" box read. */
export interface LinearClassifierTask extends TrainingTask {
  /** The validated config with defaults filled in. */
  readonly config: Readonly<ResolvedLinearConfig>;
  /** The X·W formulation of the training steps, resolved on the active backend by `init()`. */
  readonly matmul: 'sparse' | 'dense' | null;
  /** Validation loss, accuracy and confusion matrix of the latest `evaluate()`, or null. */
  readonly lastEvaluation: LinearEvaluation | null;
  /** Copies W `[V, O]` and b `[O]` off the device. */
  readWeights(): Promise<LinearWeights>;
  /** Class probabilities `[rows][K]` of CSR documents. */
  predictProba(x: CsrMatrixLike): Promise<number[][]>;
  /**
   * Per-feature contributions (value x weight) to the logits of one document; they sum, with the
   * bias, to the logits. See {@link explainLinear}.
   */
  explain(x: SparseVector, featureNames?: readonly string[]): Promise<LinearExplanation>;
  /** The `k` largest weights of each class, see {@link topTerms}. */
  topTerms(k: number, featureNames?: readonly string[]): Promise<WeightedTerm[][]>;
}

/**
 * What a diverging run blames: the config field `learningRate` (the widget names its control).
 * The loss starts at ln K (0.69 for two classes, 1.10 for three); a mean cross-entropy above 50
 * means confident, wrong predictions: the weights have blown up.
 */
export const LINEAR_DIVERGENCE_HINT: DivergenceHint = {
  knob: 'learningRate',
  advice: 'Lower the learning rate (try 0.05 with Adam, or 1 with SGD).',
  maxLoss: 50,
};

/** Weight names in snapshots (Keras Dense layer names). */
export const LINEAR_WEIGHT_NAMES = ['dense/kernel', 'dense/bias'] as const;

/**
 * Creates the classifier. The config is validated now (see `resolveLinearConfig`); variables are
 * built by `init()`.
 *
 * Model, with B = batch rows, V = features, K = classes, O = outputs (1 if K = 2, else K):
 * - X: the batch's rows of `trainX`, sparse `[B, V]` (tf-idf values);
 * - Z = X W + b: `[B, O]`, W `[V, O]`, b `[O]`, computed by {@link batchMatMul} without a dense X
 *   on cpu and wasm (see sparseLinear.ts for the formulas and the per-backend choice);
 * - K = 2 (logistic regression): p = sigmoid(z) = P(class 1); loss_i = binary cross-entropy, computed
 *   stably as max(z, 0) - z y + log(1 + exp(-|z|));
 * - K > 2 (softmax regression): p = softmax(z); loss_i = logsumexp(z_i) - z_{i, y_i};
 * - objective = mean_i loss_i + (lambda / 2) ||W||_F^2 with lambda = `l2`; the bias is not
 *   penalised (as in scikit-learn's LogisticRegression; lambda = 1 / (C · nTrain)). Hastie,
 *   Tibshirani & Friedman, The Elements of Statistical Learning, §4.4; Jurafsky & Martin, Speech
 *   and Language Processing (3rd ed.), ch. 5.
 * - `loss` of a step is the objective (as Keras reports it, penalty included); metrics
 *   `cross_entropy` (mean, no penalty), `penalty` and `accuracy`.
 *
 * W and b start at zero (the problem is convex; scikit-learn's solvers start there too), so the
 * first loss is ln 2 or ln K and the seed only orders the batches: the training rows are shuffled
 * at the start of each epoch with a generator seeded by `seed`; the last batch may be smaller.
 * Optimiser: Adam (Kingma & Ba 2015; beta 0.9 / 0.999, epsilon 1e-7 passed explicitly, see
 * TFJS_NOTES pitfall 2) or plain minibatch SGD. `setWeights` restarts the optimiser's state;
 * `getTrainingState` / `setTrainingState` save and restore all of it (weights, the optimiser's
 * iteration count and Adam's moments, the step, from which the seeded shuffles are replayed), so
 * a restored task takes the very steps of the uninterrupted run.
 *
 * `evaluate()` copies W and b off the device and scores the validation split in JavaScript
 * (float64, O(nnz · O)): `{ val_loss (objective), val_cross_entropy, val_accuracy }`, and keeps
 * the confusion matrix in `lastEvaluation`.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createLinearClassifier(config: LinearClassifierConfig): LinearClassifierTask {
  const cfg = resolveLinearConfig(config);
  const { nTrain, batchSize, numFeatures: V, numOutputs: O, numClasses: K } = cfg;
  const stepsPerEpoch = Math.ceil(nTrain / batchSize);
  let shuffleRng = createRng(`${cfg.seed}/batches`);
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);
  const trainY = Int32Array.from(cfg.trainY);

  let vars: { kernel: tf.Variable; bias: tf.Variable } | null = null;
  let optimizer: tf.Optimizer | null = null;
  let matmul: 'sparse' | 'dense' | null = null;
  let stepCount = 0;
  let shuffledFor = -1;
  let disposed = false;
  let lastEvaluation: LinearEvaluation | null = null;

  const live = () => {
    if (disposed) throw new Error('linear classifier: the task was disposed');
    if (!vars) throw new Error('linear classifier: call init() before training or predicting');
    return vars;
  };

  const makeOptimizer = (): tf.Optimizer =>
    cfg.optimizer === 'adam' ? adam(cfg.learningRate) : tf.train.sgd(cfg.learningRate);

  /** Per-row cross-entropy `[B]` of logits z `[B, O]` and int labels y. */
  const crossEntropy = (z: tf.Tensor2D, y: Int32Array): tf.Tensor1D => {
    if (K === 2) {
      const zz = tf.reshape(z, [-1]) as tf.Tensor1D;
      const yy = tf.tensor1d(Float32Array.from(y));
      return tf.add(tf.sub(tf.relu(zz), tf.mul(zz, yy)), tf.log1p(tf.exp(tf.neg(tf.abs(zz)))));
    }
    const picked = tf.sum(tf.mul(z, tf.oneHot(tf.tensor1d(y, 'int32'), K)), 1);
    return tf.sub(tf.logSumExp(z, 1), picked);
  };
  const correct = (z: tf.Tensor2D, y: Int32Array): tf.Tensor1D => {
    const pred = K === 2 ? tf.cast(tf.greater(tf.reshape(z, [-1]), 0), 'int32') : tf.argMax(z, 1);
    return tf.cast(tf.equal(pred, tf.tensor1d(y, 'int32')), 'float32') as tf.Tensor1D;
  };
  const penalty = (w: tf.Tensor): tf.Scalar =>
    cfg.l2 > 0 ? tf.mul(cfg.l2 / 2, tf.sum(tf.square(w))) : tf.scalar(0);

  const readWeights = async (): Promise<LinearWeights> => {
    const v = live();
    const [W, b] = await Promise.all([v.kernel.data(), v.bias.data()]);
    return {
      W: Float32Array.from(W),
      b: Float32Array.from(b),
      numFeatures: V,
      numOutputs: O,
      numClasses: K,
    };
  };

  const task: LinearClassifierTask = {
    name: K === 2 ? 'logistic regression' : 'softmax regression',
    config: cfg,
    get matmul() {
      return matmul;
    },
    get lastEvaluation() {
      return lastEvaluation;
    },
    divergenceHint: LINEAR_DIVERGENCE_HINT,

    init(): void {
      if (disposed) throw new Error('linear classifier: the task was disposed');
      if (vars) return;
      vars = tf.tidy(() => ({
        kernel: tf.variable(tf.zeros([V, O]), true),
        bias: tf.variable(tf.zeros([O]), true),
      }));
      optimizer = makeOptimizer();
      matmul = resolveMatmul(cfg.matmul);
    },

    step(): StepOutput {
      const v = live();
      const epochStep = stepCount % stepsPerEpoch;
      if (epochStep === 0 && shuffledFor !== stepCount) {
        shuffledFor = stepCount;
        shuffleRng.shuffle(order as unknown as number[]);
      }
      const rows = order.subarray(
        epochStep * batchSize,
        Math.min(nTrain, (epochStep + 1) * batchSize),
      );
      const batch = csrBatch(cfg.trainX, rows);
      const y = Int32Array.from(rows, (r) => trainY[r]);
      const mode = matmul ?? resolveMatmul(cfg.matmul);
      const out = tf.tidy(() => {
        const kept: { ce?: tf.Scalar; pen?: tf.Scalar; acc?: tf.Scalar } = {};
        const { value, grads } = tf.variableGrads(() => {
          const z = tf.add(
            batchMatMul(v.kernel as tf.Tensor2D, batch, mode),
            v.bias,
          ) as tf.Tensor2D;
          const ce = tf.mean(crossEntropy(z, y)) as tf.Scalar;
          const pen = penalty(v.kernel);
          kept.ce = tf.keep(ce);
          kept.pen = tf.keep(pen);
          kept.acc = tf.keep(tf.mean(correct(z, y)) as tf.Scalar);
          return tf.add(ce, pen) as tf.Scalar;
        }, [v.kernel, v.bias]);
        optimizer!.applyGradients(grads);
        return { loss: value, ce: kept.ce!, pen: kept.pen!, acc: kept.acc! };
      });
      stepCount++;
      return {
        loss: out.loss,
        metrics: { accuracy: out.acc, cross_entropy: out.ce, penalty: out.pen },
      };
    },

    async evaluate(): Promise<Record<string, number>> {
      const w = await readWeights();
      const result = evaluateLinear(w, cfg.valX, cfg.valY);
      let sq = 0;
      for (let i = 0; i < w.W.length; i++) sq += w.W[i] * w.W[i];
      lastEvaluation = result;
      return {
        val_loss: result.crossEntropy + (cfg.l2 / 2) * sq,
        val_cross_entropy: result.crossEntropy,
        val_accuracy: result.accuracy,
      };
    },

    progress(): TaskProgress {
      return {
        step: stepCount,
        epoch: stepCount / stepsPerEpoch,
        stepsPerEpoch,
        totalSteps: stepsPerEpoch * cfg.epochs,
      };
    },

    readWeights,

    async predictProba(x: CsrMatrixLike): Promise<number[][]> {
      const w = await readWeights();
      if (x.shape[1] !== V) {
        throw new RangeError(
          `linear classifier: the documents have ${x.shape[1]} features, the model ${V}`,
        );
      }
      const out: number[][] = [];
      for (let r = 0; r < x.shape[0]; r++) {
        out.push(probabilitiesFromLogits(logitsOf(w, csrRow(x, r)), K));
      }
      return out;
    },

    async explain(x: SparseVector, featureNames?: readonly string[]): Promise<LinearExplanation> {
      const w = await readWeights();
      for (let p = 0; p < x.indices.length; p++) {
        const j = x.indices[p];
        if (!(Number.isInteger(j) && j >= 0 && j < V)) {
          throw new RangeError(`linear classifier: feature ${j} is not in [0, ${V})`);
        }
      }
      return explainLinear(w, x, featureNames);
    },

    async topTerms(k: number, featureNames?: readonly string[]): Promise<WeightedTerm[][]> {
      return topTerms(await readWeights(), k, featureNames);
    },

    async getWeights(): Promise<WeightSnapshot> {
      const w = await readWeights();
      return {
        [LINEAR_WEIGHT_NAMES[0]]: { shape: [V, O], values: w.W },
        [LINEAR_WEIGHT_NAMES[1]]: { shape: [O], values: w.b },
      };
    },

    setWeights(snapshot: WeightSnapshot): void {
      const v = live();
      restoreVariables('linear classifier', LINEAR_WEIGHT_NAMES, [v.kernel, v.bias], snapshot);
      optimizer?.dispose();
      optimizer = makeOptimizer();
    },

    async getTrainingState(): Promise<TrainingState> {
      live();
      return captureTrainingState(stepCount, task.getWeights(), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const v = live();
      const vars = [v.kernel, v.bias];
      const owner = 'linear classifier';
      const next = await loadTrainingState(owner, state, LINEAR_WEIGHT_NAMES, vars, makeOptimizer);
      optimizer?.dispose();
      optimizer = next;
      const at = replayShuffles(`${cfg.seed}/batches`, order, state.step, stepsPerEpoch);
      [shuffleRng, shuffledFor, stepCount] = [at.rng, at.shuffledFor, state.step];
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      vars?.kernel.dispose();
      vars?.bias.dispose();
      vars = null;
    },
  };
  return task;
}
