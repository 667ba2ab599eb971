/**
 * The Chapter 11 TextCNN as a {@link TrainingTask}: {@link textCnnForward} (Kim 2014) on padded
 * token ids, softmax cross-entropy, Adam, raw tfjs ops and `tf.variable`. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { adam } from '../../train/optim';
import { createRng } from '../../train/random';
import { restoreVariables, snapshotVariables } from '../../train/weights';
import type {
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../../train/types';
import { captureTrainingState, loadTrainingState, replayShuffles } from '../trainingState';
import { sparseSoftmaxCrossEntropy } from '../neuralLmOps';
import {
  checkTextCnnIds,
  resolveTextCnnConfig,
  type ResolvedTextCnnConfig,
  type TextCnnConfig,
} from './config';
import { textCnnForward, type TextCnnWeights } from './forward';
import {
  explainSentence,
  topNgramsOf,
  type FilterNgrams,
  type TextCnnExplanation,
} from './inspect';

/** The TextCNN task, plus what the widget's panels read. */
export interface TextCnnTask extends TrainingTask {
  /** The validated config with defaults filled in. */
  readonly config: Readonly<ResolvedTextCnnConfig>;
  /**
   * Class probabilities of each row of `x` (int32 `[n * maxlen]`): float32 `[n * K]` row-major.
   * @throws RangeError for a length that is not a multiple of maxlen or an id out of range.
   */
  predict(x: Int32Array): Promise<Float32Array>;
  /**
   * For each filter (in the order of the pooled features), the `k` distinct n-grams of the
   * validation set that activate it most (see `topNgramsOf` in inspect.ts).
   * @throws RangeError when k is not a positive integer.
   */
  topNgrams(k: number): Promise<FilterNgrams[]>;
  /**
   * Why the model classifies one sentence as it does: each filter's winning window and value, and
   * each token's share of the predicted class's margin (see `explainSentence` in inspect.ts).
   * @param ids - the sentence's token ids (int32, any length >= 1; padded with id 0 to the widest
   *   filter when shorter; pass it padded to maxlen to see exactly what training saw).
   */
  explain(ids: Int32Array): Promise<TextCnnExplanation>;
}

/** Weight names in snapshots (PyTorch parameter names). */
export function textCnnWeightNames(widthCount: number): string[] {
  const convs = Array.from({ length: widthCount }, (_, i) => [
    `convs.${i}.weight`,
    `convs.${i}.bias`,
  ]).flat();
  return ['embedding.weight', ...convs, 'fc.weight', 'fc.bias'];
}

const EVAL_CHUNK = 256;

/**
 * Creates the TextCNN task; the config is validated now (`resolveTextCnnConfig`), variables are
 * built by `init()`.
 *
 * Model: {@link textCnnForward} with C = `filtersPerWidth` filters of each width in
 * `filterWidths`, dropout `dropout` on the pooled features while training, K = `numClasses`.
 * Loss: mean softmax cross-entropy (nats), as PyTorch's `F.cross_entropy`. Step metrics:
 * `accuracy` of the batch (with dropout). `evaluate()`: `{ train_loss, train_accuracy, val_loss,
 * val_accuracy }` over the whole training and validation sets, without dropout.
 *
 * Initialisation from `seed`: embedding uniform(-0.25, 0.25) (Kim's CNN-rand); convolutions and
 * the linear layer as PyTorch 1.13's defaults, weight and bias uniform(+-1 / sqrt(fan_in)) with
 * fan_in = E k for a convolution and C n for the linear layer. Adam (beta 0.9 / 0.999, epsilon
 * 1e-7); after `setWeights` its moments restart from zero. Batches: the training rows are
 * shuffled every epoch (seeded); each step's dropout mask is seeded from `seed` and the step.
 * `getTrainingState` / `setTrainingState` save and restore the weights, Adam's moments and
 * iteration count and the step, from which the shuffles and the dropout seeds are replayed: the
 * restored task takes the uninterrupted run's next steps, masks included.
 */
export function createTextCnnTask(config: TextCnnConfig): TextCnnTask {
  const cfg = resolveTextCnnConfig(config);
  const { vocabSize: V, maxlen: T, embeddingDim: E, filtersPerWidth: C, nTrain } = cfg;
  const { batchSize, filterWidths, numClasses: K } = cfg;
  const names = textCnnWeightNames(filterWidths.length);
  const stepsPerEpoch = Math.ceil(nTrain / batchSize);
  let shuffleRng = createRng(`${cfg.seed}/batches`);
  let dropoutRng = createRng(`${cfg.seed}/dropout`);
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);

  let weights: TextCnnWeights | null = null;
  let list: tf.Variable[] = [];
  let optimizer: tf.Optimizer | null = null;
  let stepCount = 0;
  let shuffledFor = -1;
  let disposed = false;

  const live = (): TextCnnWeights => {
    if (disposed) throw new Error('TextCNN: the task was disposed');
    if (!weights) throw new Error('TextCNN: call init() before training or predicting');
    return weights;
  };
  const rows = (x: Int32Array, start: number, end: number) =>
    tf.tensor2d(x.subarray(start * T, end * T), [end - start, T], 'int32');
  const labelsOf = (y: ArrayLike<number>, idx: ArrayLike<number>) =>
    tf.tensor1d(
      Int32Array.from(idx, (r) => y[r]),
      'int32',
    );
  const correct = (z: tf.Tensor2D, y: tf.Tensor1D) =>
    tf.cast(tf.equal(tf.argMax(z, 1), y), 'float32');

  /** Summed loss and correct count over all rows of (x, y), in chunks, without dropout. */
  const totals = async (x: Int32Array, y: ArrayLike<number>, n: number) => {
    const w = live();
    const sums = tf.tidy(() => {
      let acc = tf.zeros([2]);
      for (let s = 0; s < n; s += EVAL_CHUNK) {
        const e = Math.min(n, s + EVAL_CHUNK);
        const z = textCnnForward(rows(x, s, e), w).logits;
        const t = labelsOf(
          y,
          Int32Array.from({ length: e - s }, (_, i) => s + i),
        );
        acc = tf.add(
          acc,
          tf.stack([tf.sum(sparseSoftmaxCrossEntropy(z, t)), tf.sum(correct(z, t))]),
        );
      }
      return acc;
    });
    try {
      const [loss, right] = await sums.data();
      return [loss / n, right / n];
    } finally {
      sums.dispose();
    }
  };

  const task: TextCnnTask = {
    name: 'TextCNN',
    config: cfg,
    divergenceHint: {
      knob: 'learningRate',
      advice: 'Lower the learning rate (try 0.003, or 0.001 with many filters).',
      // Starts at ln K; a mean cross-entropy above 50 means confident, wrong predictions.
      maxLoss: 50,
    },

    init(): void {
      if (disposed) throw new Error('TextCNN: the task was disposed');
      if (weights) return;
      const rng = createRng(`${cfg.seed}/init`);
      const uniform = (n: number, bound: number) =>
        Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * bound);
      const F = C * filterWidths.length;
      weights = tf.tidy(() => ({
        embedding: tf.variable(tf.tensor2d(uniform(V * E, 0.25), [V, E]), true),
        convs: filterWidths.map((k) => ({
          weight: tf.variable(tf.tensor3d(uniform(C * E * k, 1 / Math.sqrt(E * k)), [C, E, k])),
          bias: tf.variable(tf.tensor1d(uniform(C, 1 / Math.sqrt(E * k)))),
        })),
        fc: {
          weight: tf.variable(tf.tensor2d(uniform(K * F, 1 / Math.sqrt(F)), [K, F])),
          bias: tf.variable(tf.tensor1d(uniform(K, 1 / Math.sqrt(F)))),
        },
      }));
      const w = weights;
      list = [
        w.embedding,
        ...w.convs.flatMap((c) => [c.weight, c.bias]),
        w.fc.weight,
        w.fc.bias,
      ].map((t) => t as tf.Variable);
      optimizer = adam(cfg.learningRate);
    },

    step(): StepOutput {
      const w = live();
      const epochStep = stepCount % stepsPerEpoch;
      if (epochStep === 0 && shuffledFor !== stepCount) {
        shuffledFor = stepCount;
        for (let i = nTrain - 1; i > 0; i--) {
          const j = shuffleRng.int(i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
      }
      const idx = order.subarray(
        epochStep * batchSize,
        Math.min(nTrain, (epochStep + 1) * batchSize),
      );
      const seed = dropoutRng.int(2 ** 31);
      const out = tf.tidy(() => {
        const batch = new Int32Array(idx.length * T);
        idx.forEach((r, i) => batch.set(cfg.trainX.subarray(r * T, r * T + T), i * T));
        const x = tf.tensor2d(batch, [idx.length, T], 'int32');
        const y = labelsOf(cfg.trainY, idx);
        const kept: { accuracy?: tf.Scalar } = {};
        const { value, grads } = tf.variableGrads(() => {
          const { logits } = textCnnForward(x, w, { training: true, dropout: cfg.dropout, seed });
          kept.accuracy = tf.keep(tf.mean(correct(logits, y)) as tf.Scalar);
          return tf.mean(sparseSoftmaxCrossEntropy(logits, y)) as tf.Scalar;
        }, list);
        optimizer!.applyGradients(grads);
        return { loss: value, accuracy: kept.accuracy as tf.Scalar };
      });
      stepCount++;
      return { loss: out.loss, metrics: { accuracy: out.accuracy } };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const [trainLoss, trainAcc] = await totals(cfg.trainX, cfg.trainY, cfg.nTrain);
      const [valLoss, valAcc] = await totals(cfg.valX, cfg.valY, cfg.nVal);
      return {
        train_loss: trainLoss,
        train_accuracy: trainAcc,
        val_loss: valLoss,
        val_accuracy: valAcc,
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

    async predict(x: Int32Array): Promise<Float32Array> {
      const w = live();
      checkTextCnnIds('predict input', x, T, V);
      const n = x.length / T;
      if (n === 0) return new Float32Array(0);
      const p = tf.tidy(() => {
        const parts: tf.Tensor[] = [];
        for (let s = 0; s < n; s += EVAL_CHUNK) {
          parts.push(tf.softmax(textCnnForward(rows(x, s, Math.min(n, s + EVAL_CHUNK)), w).logits));
        }
        return tf.concat(parts);
      });
      try {
        return (await p.data()) as Float32Array;
      } finally {
        p.dispose();
      }
    },

    topNgrams(k: number): Promise<FilterNgrams[]> {
      return topNgramsOf(live(), cfg, k);
    },

    explain(ids: Int32Array): Promise<TextCnnExplanation> {
      return explainSentence(live(), cfg, ids);
    },

    getWeights(): Promise<WeightSnapshot> {
      live();
      return snapshotVariables(names, list);
    },

    setWeights(snapshot: WeightSnapshot): void {
      live();
      restoreVariables('TextCNN', names, list, snapshot);
      optimizer?.dispose();
      optimizer = adam(cfg.learningRate);
    },

    async getTrainingState(): Promise<TrainingState> {
      live();
      return captureTrainingState(stepCount, task.getWeights(), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      live();
      const make = () => adam(cfg.learningRate);
      const next = await loadTrainingState('TextCNN', state, names, list, make);
      optimizer?.dispose();
      optimizer = next;
      const at = replayShuffles(`${cfg.seed}/batches`, order, state.step, stepsPerEpoch);
      [shuffleRng, shuffledFor, stepCount] = [at.rng, at.shuffledFor, state.step];
      dropoutRng = createRng(`${cfg.seed}/dropout`);
      for (let s = 0; s < state.step; s++) dropoutRng.int(2 ** 31); // one seed per step
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      tf.dispose(list);
      list = [];
      weights = null;
    },
  };
  return task;
}
