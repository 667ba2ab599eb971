/**
 * The Chapter 3 feed-forward neural language model of Bengio, Ducharme, Vincent & Jauvin (2003),
 * "A Neural Probabilistic Language Model", JMLR 3:1137-1155, as a {@link TrainingTask}: raw tfjs
 * ops and `tf.variable` (no tf.layers), cross-entropy, Adam. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../train/embedding';
import { denseMatMul } from '../train/matmul';
import { adam } from '../train/optim';
import { createRng } from '../train/random';
import { restoreVariables, snapshotVariables } from '../train/weights';
import { yieldToBrowser } from '../train/step-io';
import { captureTrainingState, loadTrainingState, replayShuffles } from './trainingState';
import { sampleFromLogits, sparseSoftmaxCrossEntropy } from './neuralLmOps';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../train/types';
import {
  neuralLmParameterCount,
  resolveNeuralLmConfig,
  type NeuralLmConfig,
  type ResolvedNeuralLmConfig,
} from './neuralLmConfig';

export { sampleFromLogits, sparseSoftmaxCrossEntropy };
/** @deprecated Moved to the training runtime: import `denseMatMul` from `src/train`. */
export { denseMatMul };

/** Options of {@link NeuralLmTask.generate}. */
export interface NeuralLmGenerateOptions {
  /**
   * Sampling temperature T > 0: words are drawn from softmax(logits / T) (T = 1: the model's own
   * distribution; smaller: more conservative; below 1e-3: greedy argmax). Default 1.
   */
  temperature?: number;
  /** Seed of the sampler (same seed, weights and backend: same text). Default 0. */
  seed?: number;
  /**
   * Words the text continues (NLTK's `text_seed`); only the last `contextSize` count, and the
   * context is left-padded with `'<s>'`. Words not in the vocabulary become `'<UNK>'` when the
   * vocabulary has it. Default: none (the start of a sentence).
   */
  textSeed?: readonly string[];
}

/** The neural LM task, plus what the widget reads. */
export interface NeuralLmTask extends TrainingTask {
  /** The validated config with defaults filled in. */
  readonly config: Readonly<ResolvedNeuralLmConfig>;
  /** Trainable parameters (see `neuralLmParameterCount`). */
  readonly parameterCount: number;
  /**
   * Samples `numWords` words (`'</s>'` included when drawn; after it the context starts again
   * from `'<s>'` padding, as at the start of a sentence; `'<s>'` is never drawn: it is never a
   * target). One small forward pass and one async `data()` read per word, no `dataSync`.
   * @throws RangeError for numWords outside [0, 1000] or a temperature that is not > 0.
   */
  generate(numWords: number, options?: NeuralLmGenerateOptions): Promise<string[]>;
  /**
   * p(w | context) for every word w: float32 `[V]`, summing to 1.
   * @param context - `contextSize` word ids.
   */
  distribution(context: readonly number[]): Promise<Float32Array>;
}

/** Weight names in snapshots: Keras-style layer/weight names. */
export const NEURAL_LM_WEIGHT_NAMES = [
  'embedding/embeddings',
  'hidden/kernel',
  'hidden/bias',
  'output/kernel',
  'output/bias',
] as const;

interface Vars {
  /** C in Bengio's notation: `[V, m]`. */
  embeddings: tf.Variable;
  /** H^T: `[(n-1)m, h]`. */
  hiddenKernel: tf.Variable;
  /** d: `[h]`. */
  hiddenBias: tf.Variable;
  /** U^T: `[h, V]`. */
  outputKernel: tf.Variable;
  /** b: `[V]`. */
  outputBias: tf.Variable;
}

/**
 * Creates the neural language model. The config is validated now (see `resolveNeuralLmConfig`);
 * variables are built by `init()`.
 *
 * Model (Bengio et al. 2003, section 2, eq. 1 without the direct connections), with B = batch
 * examples, c = contextSize (n - 1), V = vocabulary size, m = embeddingDim, h = hiddenUnits:
 * - context ids `[B, c]` (the c previous words, oldest first), target ids `[B]`;
 * - x = [C(w_{t-c}); ...; C(w_{t-1})]: `[B, c·m]`, the concatenated rows of the shared embedding
 *   table C `[V, m]` (looked up with {@link embeddingLookup});
 * - a = tanh(x H^T + d): `[B, h]`, H^T `[c·m, h]`, d `[h]`;
 * - y = a U^T + b: `[B, V]` logits, U^T `[h, V]`, b `[V]`; p(w_t | context) = softmax(y).
 *   Bengio's optional direct connections (the W x term of the paper's eq. 1, input straight to
 *   output) are left out: they would add c·m·V parameters (W = 0 in the paper's notation).
 * - loss = mean over the batch of -log p(target | context) (cross-entropy, nats), computed
 *   stably as logSumExp(y) - y[target] with a hand-written gradient ({@link sparseSoftmaxCrossEntropy}).
 * - `evaluate()` returns `val_loss` = mean NLL over ALL evaluation targets (nats) and
 *   `val_perplexity` = exp(val_loss), which equals 2 ** (mean -log2 p), the n-gram models'
 *   perplexity, over the same targets.
 *
 * Initialisation from `seed` (Keras defaults): C ~ uniform(-0.05, 0.05); H^T and U^T glorot_uniform
 * (uniform(±sqrt(6 / (fan_in + fan_out))), Glorot & Bengio 2010); d = b = 0. So before training
 * every word has probability about 1/V and the perplexity is about V. Adam (Kingma & Ba 2015),
 * beta1 0.9, beta2 0.999, epsilon 1e-7 (explicit: webgl would otherwise use 1e-4). The training
 * examples are shuffled at the start of every epoch with a generator seeded by `seed`.
 *
 * After `setWeights`, Adam's moments restart from zero (they are not in the snapshot).
 * `getTrainingState` / `setTrainingState` save and restore the weights, Adam's moments and
 * iteration count and the step; the restored task replays the seeded shuffles up to that step,
 * so it continues with the very batches (and losses) of the uninterrupted run.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createNeuralLmTask(config: NeuralLmConfig): NeuralLmTask {
  const cfg = resolveNeuralLmConfig(config);
  const { vocabSize: V, contextSize: c, embeddingDim: m, hiddenUnits: h, nTrain, batchSize } = cfg;
  const stepsPerEpoch = Math.ceil(nTrain / batchSize);
  let shuffleRng = createRng(`${cfg.seed}/batches`);
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);
  const wordIds = new Map(cfg.words.map((w, i) => [w, i]));
  const unkId = wordIds.get('<UNK>');

  let vars: Vars | null = null;
  let optimizer: tf.Optimizer | null = null;
  let stepCount = 0;
  let shuffledFor = -1;
  let disposed = false;

  const live = (): Vars => {
    if (disposed) throw new Error('neural LM: the task was disposed');
    if (!vars) throw new Error('neural LM: call init() before training or evaluating');
    return vars;
  };
  const list = (v: Vars) => [
    v.embeddings,
    v.hiddenKernel,
    v.hiddenBias,
    v.outputKernel,
    v.outputBias,
  ];

  /** Logits `[B, V]` of int32 context ids `[B, c]`. */
  const logits = (ctx: tf.Tensor2D): tf.Tensor2D => {
    const v = live();
    const rows = ctx.shape[0];
    const x = tf.reshape(embeddingLookup(v.embeddings, ctx), [rows, c * m]) as tf.Tensor2D;
    const a = tf.tanh(tf.add(denseMatMul(x, v.hiddenKernel as tf.Tensor2D), v.hiddenBias));
    return tf.add(denseMatMul(a as tf.Tensor2D, v.outputKernel as tf.Tensor2D), v.outputBias);
  };

  /** Per-example negative log-likelihood `[B]` (nats) of targets `[B]`. */
  const nll = (z: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D =>
    sparseSoftmaxCrossEntropy(z, targets);

  const task: NeuralLmTask = {
    name: 'neural language model',
    config: cfg,
    parameterCount: neuralLmParameterCount(V, c, m, h),
    divergenceHint: {
      knob: 'learningRate',
      advice: 'Lower the learning rate (try 0.005, or 0.001 with a small batch).',
      // The loss starts at ln V (about 9 nats for 10K words); a mean cross-entropy far above
      // that means confident wrong predictions: the weights have blown up.
      maxLoss: Math.max(50, 3 * Math.log(V)),
    } satisfies DivergenceHint,

    init(): void {
      if (disposed) throw new Error('neural LM: the task was disposed');
      if (vars) return;
      const rng = createRng(`${cfg.seed}/init`);
      const uniform = (n: number, limit: number) =>
        Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * limit);
      const emb = uniform(V * m, 0.05);
      const hk = uniform(c * m * h, Math.sqrt(6 / (c * m + h)));
      const ok = uniform(h * V, Math.sqrt(6 / (h + V)));
      vars = tf.tidy(() => ({
        embeddings: tf.variable(tf.tensor2d(emb, [V, m]), true),
        hiddenKernel: tf.variable(tf.tensor2d(hk, [c * m, h]), true),
        hiddenBias: tf.variable(tf.zeros([h]), true),
        outputKernel: tf.variable(tf.tensor2d(ok, [h, V]), true),
        outputBias: tf.variable(tf.zeros([V]), true),
      }));
      optimizer = adam(cfg.learningRate);
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
      const ctxBatch = new Int32Array(rows.length * c);
      const tgtBatch = new Int32Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const i = rows[r];
        ctxBatch.set(cfg.trainContexts.subarray(i * c, i * c + c), r * c);
        tgtBatch[r] = cfg.trainTargets[i];
      }
      const loss = tf.tidy(() => {
        const ctx = tf.tensor2d(ctxBatch, [rows.length, c], 'int32');
        const tgt = tf.tensor1d(tgtBatch, 'int32');
        const { value, grads } = tf.variableGrads(
          () => tf.mean(nll(logits(ctx), tgt)) as tf.Scalar,
          list(v),
        );
        optimizer!.applyGradients(grads);
        return value;
      });
      stepCount++;
      return { loss };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const { evalContexts, evalTargets, nEval, evalChunk } = cfg;
      let total = 0;
      // The runner calls evaluate() right after a step, in the same task: let the page paint
      // before the first chunk too, so a step and a chunk never add up to one long task.
      await yieldToBrowser();
      live();
      for (let s = 0; s < nEval; s += evalChunk) {
        const e = Math.min(nEval, s + evalChunk);
        const sum = tf.tidy(() => {
          const ctx = tf.tensor2d(evalContexts.subarray(s * c, e * c), [e - s, c], 'int32');
          return tf.sum(nll(logits(ctx), tf.tensor1d(evalTargets.subarray(s, e), 'int32')));
        });
        try {
          total += (await sum.data())[0];
        } finally {
          sum.dispose();
        }
        // Let the page paint between chunks (on wasm and cpu each chunk runs synchronously).
        if (e < nEval) await yieldToBrowser();
        live();
      }
      const meanNll = total / nEval;
      return { val_loss: meanNll, val_perplexity: Math.exp(meanNll) };
    },

    progress(): TaskProgress {
      return {
        step: stepCount,
        epoch: stepCount / stepsPerEpoch,
        stepsPerEpoch,
        totalSteps: stepsPerEpoch * cfg.epochs,
      };
    },

    async distribution(context: readonly number[]): Promise<Float32Array> {
      live();
      if (
        context.length !== c ||
        context.some((id) => !(Number.isInteger(id) && id >= 0 && id < V))
      ) {
        throw new RangeError(
          `neural LM: a context is ${c} word ids in [0, ${V}), got [${context.join(', ')}]`,
        );
      }
      const p = tf.tidy(() => tf.softmax(logits(tf.tensor2d([...context], [1, c], 'int32'))));
      try {
        return (await p.data()) as Float32Array;
      } finally {
        p.dispose();
      }
    },

    async generate(numWords: number, options: NeuralLmGenerateOptions = {}): Promise<string[]> {
      live();
      const { temperature = 1, seed = 0, textSeed = [] } = options;
      if (!Number.isInteger(numWords) || numWords < 0 || numWords > 1000) {
        throw new RangeError(
          `neural LM: numWords must be an integer in [0, 1000], got ${numWords}`,
        );
      }
      if (!(typeof temperature === 'number' && temperature > 0 && Number.isFinite(temperature))) {
        throw new RangeError(`neural LM: the temperature must be > 0, got ${temperature}`);
      }
      const rng = createRng(`${seed}/generate`);
      const idOf = (w: string) => wordIds.get(w) ?? unkId;
      const start = () => new Array<number>(c).fill(cfg.bosId);
      let context = start();
      for (const w of textSeed) {
        const id = idOf(w);
        if (id === undefined) {
          throw new RangeError(
            `neural LM: "${w}" is not in the vocabulary (and there is no <UNK>)`,
          );
        }
        context = [...context.slice(1), id];
      }
      const out: string[] = [];
      for (let i = 0; i < numWords; i++) {
        const z = tf.tidy(() => logits(tf.tensor2d(context, [1, c], 'int32')));
        let values: Float32Array;
        try {
          values = (await z.data()) as Float32Array;
        } finally {
          z.dispose();
        }
        // data() resolves at once on wasm and cpu: let the page paint every few words.
        if (i % 8 === 7) await yieldToBrowser();
        live();
        const next = sampleFromLogits(values, temperature, cfg.bosId, rng.next());
        out.push(cfg.words[next]);
        context = next === cfg.eosId ? start() : [...context.slice(1), next];
      }
      return out;
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(NEURAL_LM_WEIGHT_NAMES, list(live()));
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables('neural LM', NEURAL_LM_WEIGHT_NAMES, list(live()), snapshot);
      optimizer?.dispose();
      optimizer = adam(cfg.learningRate);
    },

    async getTrainingState(): Promise<TrainingState> {
      return captureTrainingState(stepCount, task.getWeights(), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const next = await loadTrainingState(
        'neural LM',
        state,
        NEURAL_LM_WEIGHT_NAMES,
        list(live()),
        () => adam(cfg.learningRate),
      );
      optimizer?.dispose();
      optimizer = next;
      ({ rng: shuffleRng, shuffledFor } = replayShuffles(
        `${cfg.seed}/batches`,
        order,
        state.step,
        stepsPerEpoch,
      ));
      stepCount = state.step;
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      if (vars) {
        tf.dispose(list(vars));
        vars = null;
      }
    },
  };
  return task;
}
