/**
 * Chapter 15's encoder-decoder Transformer (Vaswani et al. 2017) on a sequence task (reverse or
 * sort a sequence of symbols) as a `TrainingTask`: one tied embedding with sinusoidal or learned
 * positions, N encoder and N decoder layers, teacher forcing in training, AdamW with linear
 * warm-up, greedy decoding, and the cross-attention of every layer and head. Raw tfjs ops and
 * `tf.variable`. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../train/random';
import { yieldToBrowser } from '../../train/step-io';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  WeightSnapshot,
} from '../../train/types';
import { restoreVariables, snapshotVariables } from '../../train/weights';
import { sparseSoftmaxCrossEntropy } from '../neuralLmOps';
import { clipByGlobalNorm } from '../rnn/clip';
import { encodeBatch, type Seq2SeqExample } from '../seq2seq/vocab';
import { AdamW } from './adamw';
import { captureAdamWState, loadAdamWState, replayDraws } from './adamwState';
import {
  resolveTransformerSeq2SeqConfig,
  transformerSeq2SeqParameterCount,
  type TransformerSeq2SeqConfig,
} from './encoderDecoderConfig';
import {
  disposeTransformerSeq2Seq,
  initTransformerSeq2Seq,
  transformerSeq2SeqDecode,
  transformerSeq2SeqEncode,
  transformerSeq2SeqVariableList,
  transformerSeq2SeqWeightNames,
  type TransformerSeq2SeqVariables,
} from './encoderDecoderNetwork';
import { crossAttentionMaps, greedyDecode, sourceTensors } from './encoderDecoderInference';
import type { TransformerSeq2SeqTask, TransformerSeq2SeqTranslation } from './encoderDecoderTypes';
import { scheduledLearningRate } from './schedules';
import { sequenceTaskDataset } from './seqTasks';

/** Held-out pairs per forward pass in evaluate(). */
const EVAL_BATCH = 250;

/**
 * Creates the encoder-decoder Transformer and generates its task's data from the seed now
 * (validated once by {@link resolveTransformerSeq2SeqConfig}); variables are built by `init()`.
 *
 * Training: each step draws `batchSize` training pairs (seeded), feeds the decoder START + the
 * target (teacher forcing; the causal mask hides the future) and minimises the mean cross-entropy
 * (nats) of target + END over real tokens (padding masked in attention and loss); gradients clipped
 * by global norm; AdamW (β 0.9 / 0.999, ε 1e-8, decay on matrices). Learning rate: linear warm-up
 * to `learningRate`, then constant, cosine or inverse-sqrt (scaled to peak at `learningRate`).
 * Step metrics: `token_accuracy` (teacher-forced, this batch), `grad_norm`, `learning_rate`.
 * `evaluate()` on `evalSize` validation pairs: `val_loss`, `val_token_accuracy` (teacher-forced),
 * `val_exact_match` (greedy decoding equals the target); and `test_exact_match` on the test split.
 * `getTrainingState` / `setTrainingState` (./adamwState.ts): the weights, AdamW's step count and
 * moments, and the step; the batch generator is replayed (B draws a step), so a resumed run takes
 * the same batches at the same learning rate.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createTransformerSeq2SeqTask(
  config: TransformerSeq2SeqConfig = {},
): TransformerSeq2SeqTask {
  const cfg = resolveTransformerSeq2SeqConfig(config);
  const dataset = sequenceTaskDataset({
    task: cfg.task,
    alphabet: cfg.alphabet,
    minLength: cfg.minLength,
    maxLength: cfg.maxLength,
    trainSize: cfg.trainSize,
    validationSize: cfg.evalSize,
    testSize: cfg.evalSize,
    seed: cfg.seed,
  });
  const vocab = dataset.targetVocab;
  const V = vocab.size;
  const { batchSize: B, maxLength } = cfg;
  const names = transformerSeq2SeqWeightNames(cfg.layers, cfg.positions === 'learned');
  const stepsPerEpoch = Math.max(1, Math.floor(dataset.train.length / B));
  const totalSteps = stepsPerEpoch * cfg.epochs;
  let vars: TransformerSeq2SeqVariables | null = null;
  let optimizer: AdamW | null = null;
  let batchRng = createRng(`${cfg.seed}/seq2seq-batches`);
  let stepCount = 0;
  let disposed = false;

  const live = (): TransformerSeq2SeqVariables => {
    if (disposed) throw new Error('transformer seq2seq: the task was disposed');
    if (!vars) throw new Error('transformer seq2seq: call init() before training or decoding');
    return vars;
  };
  const makeOptimizer = () => {
    const { list, decay } = transformerSeq2SeqVariableList(live());
    return new AdamW(list, decay, { weightDecay: cfg.weightDecay });
  };
  const learningRateAt = (step: number): number => scheduledLearningRate(step, cfg, totalSteps);
  /** Pads a batch to its own longest source and target. */
  const encode = (pairs: readonly Seq2SeqExample[]) => {
    let s = 1;
    let t = 1;
    for (const p of pairs) {
      s = Math.max(s, Array.from(p.source).length);
      t = Math.max(t, Array.from(p.target).length + 1);
    }
    return encodeBatch(pairs, vocab, vocab, Math.min(s, maxLength), Math.min(t, maxLength + 1));
  };
  /** The tensors of a padded batch (made outside any gradient tape: the loss's gradient reads them). */
  const batchTensors = (batch: ReturnType<typeof encode>) => {
    const { rows: n, srcLen: S, tgtLen: T } = batch;
    const target = tf.tensor1d(batch.decoderTarget, 'int32');
    return {
      ...sourceTensors(batch.source, n, S, vocab),
      decoderInput: tf.tensor2d(batch.decoderInput, [n, T], 'int32'),
      target,
      real: tf.cast(tf.notEqual(target, vocab.padId), 'float32') as tf.Tensor1D,
    };
  };
  /** Teacher-forced summed loss, correct tokens and the token count of a batch. */
  const teacherForced = (
    v: TransformerSeq2SeqVariables,
    { src, mask, decoderInput, target, real }: ReturnType<typeof batchTensors>,
  ) => {
    const memory = transformerSeq2SeqEncode(v, cfg, src, mask);
    const logits = transformerSeq2SeqDecode(v, cfg, decoderInput, memory, mask);
    const lossSum = tf.sum(tf.mul(sparseSoftmaxCrossEntropy(logits, target), real));
    const correct = tf.sum(
      tf.mul(tf.cast(tf.equal(tf.argMax(logits, 1), target), 'float32'), real),
    );
    return { lossSum, correct, count: tf.sum(real) };
  };
  const greedy = (source: Int32Array, n: number, S: number) =>
    greedyDecode(live, cfg, vocab, source, n, S);
  const hint: DivergenceHint = {
    knob: 'learningRate',
    advice: 'Lower the learning rate (try 0.001) or lengthen the warm-up',
    maxLoss: Math.max(20, 3 * Math.log(V)),
  };

  return {
    name: `Transformer encoder-decoder (${cfg.task})`,
    config: cfg,
    dataset,
    parameterCount: transformerSeq2SeqParameterCount(V, cfg),
    divergenceHint: hint,
    learningRateAt,

    init(): void {
      if (disposed) throw new Error('transformer seq2seq: the task was disposed');
      if (vars) return;
      vars = initTransformerSeq2Seq(cfg, V);
      optimizer = makeOptimizer();
    },

    step(): StepOutput {
      const v = live();
      const { list } = transformerSeq2SeqVariableList(v);
      const lr = learningRateAt(stepCount);
      const pairs = Array.from(
        { length: B },
        () => dataset.train[batchRng.int(dataset.train.length)],
      );
      const batch = encode(pairs);
      const out = tf.tidy(() => {
        const tensors = batchTensors(batch);
        let correct: tf.Scalar | null = null;
        let count: tf.Scalar | null = null;
        const { value, grads } = tf.variableGrads(() => {
          const r = teacherForced(v, tensors);
          correct = tf.keep(r.correct as tf.Scalar);
          count = tf.keep(r.count as tf.Scalar);
          return tf.div(r.lossSum, r.count) as tf.Scalar;
        }, list);
        const clipped = clipByGlobalNorm(grads, cfg.clipNorm);
        optimizer!.apply(
          list.map((p) => clipped.grads[p.name]),
          lr,
        );
        const accuracy = tf.div(correct!, count!) as tf.Scalar;
        tf.dispose([correct!, count!]);
        return {
          loss: value,
          accuracy,
          gradNorm: clipped.globalNorm,
        };
      });
      stepCount++;
      return {
        loss: out.loss,
        metrics: {
          token_accuracy: out.accuracy,
          grad_norm: out.gradNorm,
          learning_rate: tf.scalar(lr),
        },
      };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const score = async (pairs: readonly Seq2SeqExample[], teacher: boolean) => {
        let loss = 0;
        let correct = 0;
        let tokens = 0;
        let exact = 0;
        for (let i = 0; i < pairs.length; i += EVAL_BATCH) {
          await yieldToBrowser();
          const chunk = pairs.slice(i, i + EVAL_BATCH);
          const batch = encode(chunk);
          if (teacher) {
            const sums = tf.tidy(() => {
              const r = teacherForced(live(), batchTensors(batch));
              return tf.stack([r.lossSum, r.correct, r.count]);
            });
            const [l, c, n] = await sums.data();
            sums.dispose();
            loss += l;
            correct += c;
            tokens += n;
          }
          const decoded = await greedy(batch.source, batch.rows, batch.srcLen);
          decoded.forEach((ids, r) => {
            if (vocab.decode(ids) === chunk[r].target && ids[ids.length - 1] === vocab.endId)
              exact++;
          });
        }
        return { loss: loss / tokens, accuracy: correct / tokens, exact: exact / pairs.length };
      };
      const val = await score(dataset.validation, true);
      const test = await score(dataset.test, false);
      return {
        val_loss: val.loss,
        val_token_accuracy: val.accuracy,
        val_exact_match: val.exact,
        test_exact_match: test.exact,
      };
    },

    progress(): TaskProgress {
      return { step: stepCount, epoch: stepCount / stepsPerEpoch, stepsPerEpoch, totalSteps };
    },

    async translate(source: string): Promise<TransformerSeq2SeqTranslation> {
      live();
      if (typeof source !== 'string')
        throw new TypeError('transformer seq2seq: the source must be a string');
      const chars = Array.from(source);
      if (chars.length === 0) throw new RangeError('transformer seq2seq: the source is empty');
      if (chars.length > cfg.maxInputLength) {
        throw new RangeError(
          `transformer seq2seq: the source has ${chars.length} symbols; at most maxInputLength = ${cfg.maxInputLength}`,
        );
      }
      const ids = vocab.encode(source);
      const [outIds] = await greedy(ids, 1, ids.length);
      const crossAttention = await crossAttentionMaps(live(), cfg, vocab, ids, outIds);
      return {
        source: vocab.decode(ids),
        output: vocab.decode(outIds),
        sourceTokens: Array.from(ids, (id) => vocab.tokens[id]),
        outputTokens: outIds.map((id) => vocab.tokens[id]),
        numLayers: cfg.layers,
        numHeads: cfg.numHeads,
        crossAttention,
      };
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(names, transformerSeq2SeqVariableList(live()).list);
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables(
        'transformer seq2seq',
        names,
        transformerSeq2SeqVariableList(live()).list,
        snapshot,
      );
      optimizer?.dispose();
      optimizer = makeOptimizer();
    },

    getTrainingState(): Promise<TrainingState> {
      const { list } = transformerSeq2SeqVariableList(live());
      return captureAdamWState(stepCount, snapshotVariables(names, list), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const { list } = transformerSeq2SeqVariableList(live());
      const next = loadAdamWState('transformer seq2seq', state, names, list, makeOptimizer);
      optimizer?.dispose();
      optimizer = next;
      stepCount = state.step;
      // Each step draws B rows with one next() each: replaying them puts the batches back in place.
      batchRng = replayDraws(`${cfg.seed}/seq2seq-batches`, B * stepCount);
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      if (vars) disposeTransformerSeq2Seq(vars);
      vars = null;
      batchRng = createRng(`${cfg.seed}/seq2seq-batches`);
    },
  };
}
