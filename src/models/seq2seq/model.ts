/**
 * The encoder-decoder of chapters 13 and 14 as a {@link TrainingTask} (see
 * {@link createSeq2SeqTask}). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { adam } from '../../train/optim';
import { createRng } from '../../train/random';
import { now, yieldToBrowser } from '../../train/step-io';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../../train/types';
import { restoreVariables, snapshotVariables } from '../../train/weights';
import { sparseSoftmaxCrossEntropy } from '../neuralLmOps';
import { clipByGlobalNorm } from '../rnn/clip';
import { captureTrainingState, loadTrainingState } from '../trainingState';
import { resolveSeq2SeqConfig, type ResolvedSeq2SeqConfig, type Seq2SeqConfig } from './config';
import {
  evaluateSplit,
  type Seq2SeqContext,
  type Seq2SeqEvaluation,
  type Seq2SeqSplit,
} from './evaluate';
import {
  decodeTeacherForced,
  disposeParams,
  encode,
  encoderInputs,
  initParams,
  namedParams,
  type Seq2SeqParams,
} from './network';
import { translateBatch, type Translation, type TranslateOptions } from './translate';
import { encodeBatch, type Seq2SeqExample } from './vocab';

/** The seq2seq task, plus what the widgets read. */
export interface Seq2SeqTask extends TrainingTask {
  /** The validated config, defaults filled in, with its dataset. */
  readonly config: Readonly<ResolvedSeq2SeqConfig>;
  /** Trainable parameters. */
  readonly parameterCount: number;
  /** Pairs per training step (= batchSize). */
  readonly examplesPerStep: number;
  /** The latest {@link Seq2SeqTask.evaluate} result in detail (per split, per length), or null. */
  readonly lastEvaluation: {
    validation: Seq2SeqEvaluation;
    /** Null when the config's `evaluateTest` is false. */
    test: Seq2SeqEvaluation | null;
  } | null;
  /**
   * `evaluate()` returns `val_loss`, `val_exact_match`, `test_loss`, `test_exact_match`: the mean
   * cross-entropy per output token (nats, teacher forcing, END included, padding excluded) and the
   * fraction of outputs equal to the target under greedy decoding, on the validation and test
   * splits (validation only, without the `test_` keys, when the config's `evaluateTest` is
   * false); the details land in {@link Seq2SeqTask.lastEvaluation}.
   */
  evaluate(): Promise<Record<string, number>>;
  /** Scores one split (at most `limit` pairs, default all); see {@link Seq2SeqEvaluation}. */
  evaluateSplit(split: Seq2SeqSplit, limit?: number): Promise<Seq2SeqEvaluation>;
  /**
   * Decodes the reader's inputs (see {@link TranslateOptions}, {@link Translation}).
   * @throws RangeError for no input or more than 64, an input that is empty or over 64
   *   characters, or an option out of range.
   */
  translate(inputs: readonly string[], options?: TranslateOptions): Promise<Translation[]>;
  /**
   * log P(target + END | source) of given pairs under teacher forcing (natural log), or without
   * the END term when `withEnd` is false: the exact log-probability of any output, for checking
   * a search or showing how likely the reader's own answer is.
   */
  scoreTargets(pairs: readonly Seq2SeqExample[], withEnd?: boolean): Promise<number[]>;
}

/**
 * Trainable parameters of the model of a resolved config, G = 3 (GRU) or 4 (LSTM) gate blocks:
 * embeddings (Vs + Vt)·E, each encoder direction G·He·(E + He) + 2·G·He, the bridge
 * Hd·2He + Hd, the decoder 3·Hd·(E + Hd) + 6·Hd, attention (additive U·(Hd + 2He) + U, general
 * 2He·Hd), the output layer Vt·F + Vt with F = Hd + 2He (Hd without attention). 139,407 for the
 * defaults, as PyTorch counts the same model.
 */
export function seq2seqParameterCount(cfg: ResolvedSeq2SeqConfig): number {
  const { embeddingSize: E, encoderSize: He, decoderSize: Hd, attentionUnits: U } = cfg;
  const Vs = cfg.dataset.sourceVocab.size;
  const Vt = cfg.dataset.targetVocab.size;
  const G = cfg.cell === 'lstm' ? 4 : 3;
  const attention =
    cfg.attention === 'additive'
      ? U * (Hd + 2 * He) + U
      : cfg.attention === 'general'
        ? 2 * He * Hd
        : 0;
  const F = cfg.attention === 'none' ? Hd : Hd + 2 * He;
  return (
    (Vs + Vt) * E +
    2 * (G * He * (E + He) + 2 * G * He) +
    Hd * 2 * He +
    Hd +
    3 * Hd * (E + Hd) +
    6 * Hd +
    attention +
    Vt * F +
    Vt
  );
}

/**
 * Creates the encoder-decoder (Sutskever, Vinyals & Le 2014; Cho et al. 2014) with optional
 * attention. Config validated now (`resolveSeq2SeqConfig`), variables built by `init()`.
 *
 * Model, B pairs, T input characters, Tt = longest target + 1 (END):
 * - embeddings of the source characters `[B, T, E]` (folded into the encoder's input weights,
 *   `foldEmbedding`: the same product, computed as a row lookup);
 * - a bidirectional encoder (Schuster & Paliwal 1997; Bahdanau et al. 2015, sec. 3.2): one
 *   `runRnn` left to right, one over each input reversed within its length; the annotations are
 *   the concatenated states `[B, T, 2He]`, zero (and masked) past each input's end;
 * - a bridge: the decoder's first state h0 = tanh(W [h_fwd(last char); h_bwd(first char)] + b);
 * - a GRU decoder fed the previous target character (teacher forcing in training: the true
 *   one), run over all Tt steps in ONE `runRnn` call (the fused fast path of chapter 9);
 * - attention: Luong, Pham & Manning (2015) global attention WITHOUT input feeding: after its
 *   step, the decoder state h_t is the query, scored against every annotation (additive, dot or
 *   general score, masked softmax), context c_t = sum a_ts k_s, computed for all steps in one
 *   batched product; the output layer reads [h_t; c_t]. Bahdanau et al.'s (2015) variant instead
 *   computes the context from the previous state and feeds it into the recurrence, which forces a
 *   step-by-step loop; Luong's input feeding does the same. Without attention (`'none'`) the
 *   output layer reads h_t alone and everything the decoder knows of the input passes through h0:
 *   the fixed-vector bottleneck;
 * - loss: cross-entropy of every target token (END included), padding excluded, averaged over
 *   tokens. Adam, gradient clipping by global norm, seeded initialisation and batch order.
 *
 * Metrics per step: `grad_norm`, `examples_per_second` (left out on the first step and after a
 * pause over 2 s).
 *
 * `getTrainingState` / `setTrainingState` save and restore the weights, Adam's moments and
 * iteration count and the step; every epoch's batch order is drawn from its own seed
 * (`<seed>/epoch<n>`), so the restored task redraws the current epoch's order and continues with
 * the very batches (and losses) of the uninterrupted run.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createSeq2SeqTask(config: Seq2SeqConfig = {}): Seq2SeqTask {
  const cfg = resolveSeq2SeqConfig(config);
  const ds = cfg.dataset;
  const B = cfg.batchSize;
  const srcLen = ds.maxSourceLength;
  const tgtLen = ds.maxTargetLength + 1;
  const stepsPerEpoch = Math.floor(ds.train.length / B);
  let params: Seq2SeqParams | null = null;
  let optimizer: tf.Optimizer | null = null;
  let order: number[] = [];
  let stepCount = 0;
  let lastStepAt: number | null = null;
  let disposed = false;
  let lastEvaluation: Seq2SeqTask['lastEvaluation'] = null;

  const live = (): Seq2SeqParams => {
    if (disposed) throw new Error('seq2seq: the task was disposed');
    if (!params) throw new Error('seq2seq: call init() before training, evaluating or translating');
    return params;
  };
  const names = () => namedParams(live()).map(([n]) => n);
  const vars = () => namedParams(live()).map(([, v]) => v);
  const makeOptimizer = () => adam(cfg.learningRate);

  /**
   * The tensors of a padded batch (made outside `tf.variableGrads`: the gradients read them) and
   * the mean token cross-entropy of it (inside).
   */
  const batchTensors = (examples: readonly Seq2SeqExample[]) => {
    const e = encodeBatch(examples, ds.sourceVocab, ds.targetVocab, srcLen, tgtLen);
    const weights = Float32Array.from(e.decoderTarget, (id) => (id === 0 ? 0 : 1));
    return {
      x: encoderInputs(e.source, e.sourceLengths, srcLen),
      decoderInput: tf.tensor2d(e.decoderInput, [e.rows, tgtLen], 'int32'),
      targets: tf.tensor1d(e.decoderTarget, 'int32'),
      weights: tf.tensor1d(weights),
      count: weights.reduce((a, b) => a + b, 0),
    };
  };
  const batchLoss = (p: Seq2SeqParams, t: ReturnType<typeof batchTensors>): tf.Scalar => {
    const logits = decodeTeacherForced(p, cfg, encode(p, cfg, t.x), t.decoderInput);
    const nll = sparseSoftmaxCrossEntropy(logits, t.targets);
    return tf.div(tf.sum(tf.mul(nll, t.weights)), t.count) as tf.Scalar;
  };

  const hint: DivergenceHint =
    cfg.clipNorm === 0
      ? {
          knob: 'clipNorm',
          advice: 'Turn gradient clipping on (clip norm 1 to 5), or lower the learning rate',
          maxLoss: 3 * Math.log(ds.targetVocab.size) + 10,
        }
      : {
          knob: 'learningRate',
          advice: 'Lower the learning rate (try 0.002)',
          maxLoss: 3 * Math.log(ds.targetVocab.size) + 10,
        };

  // `params` is read again at every decoder step and chunk, so a dispose() while a translate or
  // an evaluation is awaiting rejects it with "the task was disposed" instead of a tfjs error.
  const context = (): Seq2SeqContext => {
    live();
    return {
      get params() {
        return live();
      },
      cfg,
      yield: yieldToBrowser,
    };
  };

  const task: Seq2SeqTask = {
    name: `${cfg.task} seq2seq${cfg.attention === 'none' ? '' : ` with ${cfg.attention} attention`}`,
    config: cfg,
    parameterCount: seq2seqParameterCount(cfg),
    examplesPerStep: B,
    divergenceHint: hint,
    get lastEvaluation() {
      return lastEvaluation;
    },

    init(): void {
      if (disposed) throw new Error('seq2seq: the task was disposed');
      if (params) return;
      params = initParams(cfg);
      optimizer = makeOptimizer();
    },

    step(): StepOutput {
      const p = live();
      const k = stepCount % stepsPerEpoch;
      // Each epoch's order comes from its own seed, so a restored task (order emptied) redraws it.
      if (k === 0 || order.length === 0) {
        order = createRng(`${cfg.seed}/epoch${Math.floor(stepCount / stepsPerEpoch)}`).shuffle(
          Array.from(ds.train, (_, i) => i),
        );
      }
      // Longest source first (a stable sort): the encoder's packed sequences then need no
      // reordering inside the recurrent op (cpu, wasm). The loss is a mean over tokens, so the
      // row order changes nothing but float rounding.
      const batch = order
        .slice(k * B, (k + 1) * B)
        .map((i) => ds.train[i])
        .map((ex) => ({ ex, n: Array.from(ex.source).length }))
        .sort((a, b) => b.n - a.n)
        .map(({ ex }) => ex);
      const startedAt = now();
      const varList = vars();
      const nameList = names();
      const out = tf.tidy(() => {
        const tensors = batchTensors(batch);
        const { value, grads } = tf.variableGrads(() => batchLoss(p, tensors), varList);
        const named: tf.NamedTensorMap = {};
        varList.forEach((v, i) => (named[nameList[i]] = grads[v.name]));
        const clipped = clipByGlobalNorm(named, cfg.clipNorm);
        const byVar: tf.NamedTensorMap = {};
        varList.forEach((v, i) => (byVar[v.name] = clipped.grads[nameList[i]]));
        optimizer!.applyGradients(byVar);
        return { loss: value, norm: clipped.globalNorm };
      });
      stepCount++;
      const metrics: Record<string, tf.Scalar> = { grad_norm: out.norm };
      if (lastStepAt !== null && startedAt - lastStepAt < 2000) {
        metrics.examples_per_second = tf.scalar(
          (1000 * B) / Math.max(1e-3, startedAt - lastStepAt),
        );
      }
      lastStepAt = startedAt;
      return { loss: out.loss, metrics };
    },

    async evaluateSplit(split: Seq2SeqSplit, limit?: number): Promise<Seq2SeqEvaluation> {
      live();
      return evaluateSplit(context(), split, limit);
    },

    async evaluate(): Promise<Record<string, number>> {
      const validation = await task.evaluateSplit('validation');
      const test = cfg.evaluateTest ? await task.evaluateSplit('test') : null;
      lastEvaluation = { validation, test };
      const scores: Record<string, number> = {
        val_loss: validation.loss,
        val_exact_match: validation.exactMatch,
      };
      if (test) {
        scores.test_loss = test.loss;
        scores.test_exact_match = test.exactMatch;
      }
      return scores;
    },

    async translate(
      inputs: readonly string[],
      options: TranslateOptions = {},
    ): Promise<Translation[]> {
      live();
      return translateBatch(context(), inputs, options);
    },

    async scoreTargets(pairs: readonly Seq2SeqExample[], withEnd = true): Promise<number[]> {
      const p = live();
      if (!Array.isArray(pairs) || pairs.length === 0 || pairs.length > 4096) {
        throw new RangeError('seq2seq: scoreTargets needs 1 to 4096 pairs');
      }
      const T = Math.max(...pairs.map((e) => Array.from(e.source).length));
      const Tt = Math.max(...pairs.map((e) => Array.from(e.target).length)) + 1;
      const e = encodeBatch(pairs, ds.sourceVocab, ds.targetVocab, T, Tt);
      const nll = tf.tidy(() => {
        const enc = encode(p, cfg, encoderInputs(e.source, e.sourceLengths, T));
        const input = tf.tensor2d(e.decoderInput, [e.rows, Tt], 'int32');
        const logits = decodeTeacherForced(p, cfg, enc, input);
        return sparseSoftmaxCrossEntropy(logits, tf.tensor1d(e.decoderTarget, 'int32'));
      });
      const values = await nll.data();
      nll.dispose();
      return pairs.map((_, r) => {
        let s = 0;
        for (let t = 0; t < Tt; t++) {
          const id = e.decoderTarget[r * Tt + t];
          if (id === 0 || (!withEnd && id === ds.targetVocab.endId)) continue;
          s -= values[r * Tt + t];
        }
        return s;
      });
    },

    progress(): TaskProgress {
      return {
        step: stepCount,
        epoch: stepCount / stepsPerEpoch,
        stepsPerEpoch,
        totalSteps: stepsPerEpoch * cfg.epochs,
      };
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(names(), vars());
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables('seq2seq', names(), vars(), snapshot);
      optimizer?.dispose();
      optimizer = makeOptimizer();
    },

    async getTrainingState(): Promise<TrainingState> {
      live();
      return captureTrainingState(stepCount, task.getWeights(), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const next = await loadTrainingState('seq2seq', state, names(), vars(), makeOptimizer);
      optimizer?.dispose();
      optimizer = next;
      stepCount = state.step;
      order = [];
      lastStepAt = null;
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      if (params) disposeParams(params);
      params = null;
    },
  };
  return task;
}
