/**
 * Chapter 15's decoder-only character language model (GPT-style; Radford et al. 2018, 2019) as a
 * `TrainingTask`: token embedding + learned or sinusoidal positions, N pre-LN Transformer
 * blocks with causal self-attention, a final layer norm, the output layer tied to the token
 * embedding (Press & Wolf 2017) plus a bias; AdamW with warm-up and a schedule, clipping by global
 * norm. Raw tfjs ops and `tf.variable`. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../train/random';
import { now, yieldToBrowser } from '../../train/step-io';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  WeightSnapshot,
} from '../../train/types';
import { restoreVariables, snapshotVariables } from '../../train/weights';
import { sampleFromLogits, sparseSoftmaxCrossEntropy } from '../neuralLmOps';
import { clipByGlobalNorm } from '../rnn/clip';
import { AdamW } from './adamw';
import { captureAdamWState, loadAdamWState, replayDraws } from './adamwState';
import {
  resolveTransformerLmConfig,
  transformerLmParameterCount,
  type TransformerLmConfig,
} from './lmConfig';
import {
  disposeTransformerLm,
  initTransformerLm,
  transformerLmLogits,
  transformerLmVariableList,
  transformerLmWeightNames,
  type TransformerLmVariables,
} from './lmNetwork';
import type {
  TransformerAttentionMaps,
  TransformerLmSampleOptions,
  TransformerLmTask,
} from './lmTypes';
import { scheduledLearningRate } from './schedules';

const MAX_SAMPLE = 5000;
const MAX_PRIME = 2000;
/** Held-out windows scored per forward pass by evaluate(). */
const EVAL_BATCH = 32;

/**
 * Creates the character Transformer. The config is validated now ({@link resolveTransformerLmConfig});
 * variables are built by `init()`.
 *
 * Training: each step takes `batchSize` windows of `contextLength + 1` characters at random
 * offsets of the training text (seeded), predicts every next character (teacher forcing, the
 * causal mask hides the future), mean cross-entropy in nats; gradients clipped by global norm;
 * AdamW (β 0.9 / 0.999, ε 1e-8, decay on matrices only). Learning rate: linear warm-up over
 * `warmupSteps` to `learningRate`, then `cosine` (to a tenth at progress().totalSteps), `constant`,
 * or `inverse-sqrt` (Vaswani et al. eq. 3, scaled so that the peak equals `learningRate`).
 * Metrics per step: `perplexity`, `grad_norm` (before clipping), `learning_rate`,
 * `chars_per_second` (left out on the first step and after a pause over 2 s).
 * `evaluate()`: `val_loss`, `val_perplexity`, `val_bpc` over the held-out characters cut into
 * windows of contextLength + 1 (each scored from its own start).
 * `getTrainingState` / `setTrainingState` (./adamwState.ts): the weights, AdamW's step count and
 * moments, and the step; the batch generator is replayed (B draws a step), so a resumed run takes
 * the same batches at the same learning rate.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createTransformerLmTask(config: TransformerLmConfig): TransformerLmTask {
  const cfg = resolveTransformerLmConfig(config);
  const { batchSize: B, contextLength: C, vocabSize: V, layers: N, numHeads: H } = cfg;
  const names = transformerLmWeightNames(N, cfg.positions === 'learned');
  const stepsPerEpoch = Math.max(1, Math.floor(cfg.trainIds.length / (B * C)));
  const totalSteps = stepsPerEpoch * cfg.epochs;
  const unkId = 0;
  let vars: TransformerLmVariables | null = null;
  let optimizer: AdamW | null = null;
  let batchRng = createRng(`${cfg.seed}/batches`);
  let stepCount = 0;
  let lastStepAt: number | null = null;
  let disposed = false;

  const live = (): TransformerLmVariables => {
    if (disposed) throw new Error('transformer LM: the task was disposed');
    if (!vars)
      throw new Error('transformer LM: call init() before training, evaluating or sampling');
    return vars;
  };
  const makeOptimizer = () => {
    const { list, decay } = transformerLmVariableList(live());
    return new AdamW(list, decay, { weightDecay: cfg.weightDecay });
  };
  const learningRateAt = (step: number): number => scheduledLearningRate(step, cfg, totalSteps);
  /** Windows of C + 1 characters at `starts`: inputs `[n, C]` and targets `[n·C]`. */
  const windows = (ids: Int32Array, starts: number[]) => {
    const inp = new Int32Array(starts.length * C);
    const tgt = new Int32Array(starts.length * C);
    starts.forEach((s, b) => {
      inp.set(ids.subarray(s, s + C), b * C);
      tgt.set(ids.subarray(s + 1, s + C + 1), b * C);
    });
    return { inp, tgt };
  };
  const encode = (text: string) =>
    Int32Array.from(text.normalize('NFC'), (ch) => cfg.vocab.idOf(ch));

  const hint: DivergenceHint = {
    knob: 'learningRate',
    advice: 'Lower the learning rate (try 0.001) or lengthen the warm-up',
    maxLoss: Math.max(20, 3 * Math.log(V)),
  };

  return {
    name: 'character Transformer language model',
    config: cfg,
    parameterCount: transformerLmParameterCount(V, cfg.dModel, cfg.dFf, N, C, cfg.positions),
    charsPerStep: B * C,
    divergenceHint: hint,
    learningRateAt,

    init(): void {
      if (disposed) throw new Error('transformer LM: the task was disposed');
      if (vars) return;
      vars = initTransformerLm(cfg);
      optimizer = makeOptimizer();
    },

    step(): StepOutput {
      const v = live();
      const { list } = transformerLmVariableList(v);
      const lr = learningRateAt(stepCount);
      const maxStart = cfg.trainIds.length - C - 1;
      const starts = Array.from({ length: B }, () => batchRng.int(maxStart + 1));
      const { inp, tgt } = windows(cfg.trainIds, starts);
      const startedAt = now();
      const out = tf.tidy(() => {
        const x = tf.tensor2d(inp, [B, C], 'int32');
        const y = tf.tensor1d(tgt, 'int32');
        const { value, grads } = tf.variableGrads(
          () => tf.mean(sparseSoftmaxCrossEntropy(transformerLmLogits(v, cfg, x), y)) as tf.Scalar,
          list,
        );
        const clipped = clipByGlobalNorm(grads, cfg.clipNorm);
        optimizer!.apply(
          list.map((p) => clipped.grads[p.name]),
          lr,
        );
        return {
          loss: value,
          perplexity: tf.exp(value) as tf.Scalar,
          gradNorm: clipped.globalNorm,
        };
      });
      stepCount++;
      const metrics: Record<string, tf.Scalar> = {
        perplexity: out.perplexity,
        grad_norm: out.gradNorm,
        learning_rate: tf.scalar(lr),
      };
      if (lastStepAt !== null && startedAt - lastStepAt > 0 && startedAt - lastStepAt < 2000) {
        metrics.chars_per_second = tf.scalar((B * C * 1000) / (startedAt - lastStepAt));
      }
      lastStepAt = startedAt;
      return { loss: out.loss, metrics };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const ids = cfg.evalIds;
      const n = Math.max(1, Math.floor((ids.length - 1) / C));
      const len = Math.min(C, ids.length - 1);
      let total = 0;
      let count = 0;
      await yieldToBrowser();
      for (let w = 0; w < n; w += EVAL_BATCH) {
        const starts = Array.from({ length: Math.min(EVAL_BATCH, n - w) }, (_, i) => (w + i) * len);
        const inp = new Int32Array(starts.length * len);
        const tgt = new Int32Array(starts.length * len);
        starts.forEach((s, b) => {
          inp.set(ids.subarray(s, s + len), b * len);
          tgt.set(ids.subarray(s + 1, s + len + 1), b * len);
        });
        const v = live();
        const sum = tf.tidy(() =>
          tf.sum(
            sparseSoftmaxCrossEntropy(
              transformerLmLogits(v, cfg, tf.tensor2d(inp, [starts.length, len], 'int32')),
              tf.tensor1d(tgt, 'int32'),
            ),
          ),
        );
        try {
          total += (await sum.data())[0];
        } finally {
          sum.dispose();
        }
        count += starts.length * len;
        await yieldToBrowser();
      }
      live();
      const loss = total / count;
      return { val_loss: loss, val_perplexity: Math.exp(loss), val_bpc: loss / Math.LN2 };
    },

    progress(): TaskProgress {
      return { step: stepCount, epoch: stepCount / stepsPerEpoch, stepsPerEpoch, totalSteps };
    },

    async sample(numChars: number, options: TransformerLmSampleOptions = {}): Promise<string> {
      live();
      const { temperature = 1, seed = cfg.seed, prime = '\n', yieldAfterMs } = options;
      if (!Number.isInteger(numChars) || numChars < 0 || numChars > MAX_SAMPLE) {
        throw new RangeError(
          `transformer LM: numChars must be an integer in [0, ${MAX_SAMPLE}], got ${numChars}`,
        );
      }
      if (typeof temperature !== 'number' || !(temperature >= 0) || !Number.isFinite(temperature)) {
        throw new RangeError(`transformer LM: the temperature must be >= 0, got ${temperature}`);
      }
      if (yieldAfterMs !== undefined && !(yieldAfterMs >= 0)) {
        throw new RangeError(`transformer LM: yieldAfterMs must be >= 0, got ${yieldAfterMs}`);
      }
      if (typeof prime !== 'string') throw new TypeError('transformer LM: prime must be a string');
      const context = Array.from(encode(prime));
      if (context.length > MAX_PRIME) {
        throw new RangeError(
          `transformer LM: the prime has ${context.length} characters; at most ${MAX_PRIME}`,
        );
      }
      if (context.length === 0) context.push(cfg.vocab.idOf('\n'));
      const rng = createRng(`${seed}/sample`);
      let out = '';
      let lastYield = now();
      for (let i = 0; i < numChars; i++) {
        const v = live();
        const window = Int32Array.from(context.slice(-C));
        const T = window.length;
        const logits = tf.tidy(() =>
          tf.slice(
            transformerLmLogits(v, cfg, tf.tensor2d(window, [1, T], 'int32')),
            [T - 1, 0],
            [1, V],
          ),
        );
        let values: Float32Array;
        try {
          values = (await logits.data()) as Float32Array;
        } finally {
          logits.dispose();
        }
        if (yieldAfterMs === undefined ? i % 8 === 7 : now() - lastYield >= yieldAfterMs) {
          await yieldToBrowser();
          lastYield = now();
        }
        const id = sampleFromLogits(values, temperature, unkId, rng.next());
        out += cfg.vocab.chars[id];
        context.push(id);
      }
      return out;
    },

    async attentionMaps(text: string): Promise<TransformerAttentionMaps> {
      live();
      if (typeof text !== 'string')
        throw new TypeError('transformer LM: the passage must be a string');
      const chars = Array.from(text.normalize('NFC')).slice(-C);
      if (chars.length === 0) throw new RangeError('transformer LM: the passage is empty');
      const ids = Int32Array.from(chars, (ch) => cfg.vocab.idOf(ch));
      const T = ids.length;
      await yieldToBrowser();
      const v = live();
      const kept: tf.Tensor4D[] = [];
      tf.tidy(() => {
        transformerLmLogits(v, cfg, tf.tensor2d(ids, [1, T], 'int32'), (_, a) =>
          kept.push(tf.keep(a)),
        );
      });
      try {
        const layers: Float32Array[][] = [];
        for (const a of kept) {
          const all = (await a.data()) as Float32Array;
          layers.push(Array.from({ length: H }, (_, h) => all.slice(h * T * T, (h + 1) * T * T)));
        }
        return { chars, numLayers: N, numHeads: H, layers };
      } finally {
        tf.dispose(kept);
      }
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(names, transformerLmVariableList(live()).list);
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables('transformer LM', names, transformerLmVariableList(live()).list, snapshot);
      optimizer?.dispose();
      optimizer = makeOptimizer();
    },

    getTrainingState(): Promise<TrainingState> {
      const { list } = transformerLmVariableList(live());
      return captureAdamWState(stepCount, snapshotVariables(names, list), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const { list } = transformerLmVariableList(live());
      const next = loadAdamWState('transformer LM', state, names, list, makeOptimizer);
      optimizer?.dispose();
      optimizer = next;
      stepCount = state.step;
      // Each step draws B rows with one next() each: replaying them puts the batches back in place.
      batchRng = replayDraws(`${cfg.seed}/batches`, B * stepCount);
      lastStepAt = null;
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      if (vars) disposeTransformerLm(vars);
      vars = null;
      batchRng = createRng(`${cfg.seed}/batches`);
    },
  };
}
