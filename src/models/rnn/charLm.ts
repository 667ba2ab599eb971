/**
 * Chapter 9's character-level language model (Karpathy 2015, "The Unreasonable Effectiveness of
 * Recurrent Neural Networks"; Graves 2013, "Generating Sequences With Recurrent Neural Networks")
 * as a {@link TrainingTask}: one-hot characters (given as ids) -> 1-2 recurrent layers (rnn / lstm /
 * gru, the project's `runStackedRnn`) -> linear decoder -> softmax; teacher forcing, truncated BPTT,
 * gradient clipping by global norm. Raw tfjs ops and `tf.variable` (no tf.layers). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { denseMatMul } from '../../train/matmul';
import { adam } from '../../train/optim';
import { restoreOptimizer, snapshotOptimizer } from '../../train/optimState';
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
import { sampleFromLogits, sparseSoftmaxCrossEntropy } from '../neuralLmOps';
import { tbpttBatcher } from './charData';
import { resolveCharLmConfig, type CharLmConfig, type ResolvedCharLmConfig } from './charLmConfig';
import { clipByGlobalNorm, detachState, disposeState } from './clip';
import { hiddenStateGradNormsAsync } from './instrument';
import { runRnn, runStackedRnn } from './runRnn';
import { GATE_COUNT, GATE_NAMES, type RnnState } from './types';
import { disposeRnnWeights, initRnnWeights, namedRnnWeights, type RnnVariables } from './weights';

/** Options of {@link CharLmTask.sample}. */
export interface CharLmSampleOptions {
  /**
   * Temperature T >= 0: characters are drawn from softmax(logits / T) (1: the model's own
   * distribution; smaller: more conservative; below 1e-3, 0 included: greedy argmax). Default 1.
   */
  temperature?: number;
  /** Seed of the sampler (same seed, weights and backend: same text). Default: the task's seed. */
  seed?: number;
  /**
   * Text the sample continues: it is run through the model first (characters outside the
   * vocabulary read as U+FFFD) and is not part of the result. At most 2,000 characters. Default
   * `"\n"` (the start of a line).
   */
  prime?: string;
  /**
   * Yield to the browser only after this many milliseconds of work since the last yield (e.g. 30),
   * instead of every 8 characters. While a runner trains, every yield can let a whole training
   * step run first, so fewer yields finish a sample sooner. Default: every 8 characters.
   */
  yieldAfterMs?: number;
}

/** Gate activations of one passage for the heatmap (values after each gate's nonlinearity). */
export interface CharLmGateActivations {
  /** The passage, one entry per character (code point). T = `chars.length`. */
  chars: string[];
  /** H, the hidden units per layer. */
  hiddenSize: number;
  /** Gate names in weight order: LSTM `i, f, g, o`; GRU `r, z, n`; plain RNN none. */
  gateNames: readonly string[];
  /** One entry per layer, bottom first. Every array is `[T, H]` row-major (time, then unit). */
  layers: Array<{ gates: Record<string, Float32Array>; hidden: Float32Array }>;
}

/** Options of {@link CharLmTask.gradNormsPerStep}. */
export interface CharLmGradNormOptions {
  /** The sequence (default: the first `length` characters of the scored held-out stretch). */
  text?: string;
  /** Characters of the sequence used, in [2, 512]. Default 100. */
  length?: number;
  /**
   * Which loss is differentiated: `'last'` (default) the cross-entropy of the prediction after the
   * last character only, so entry t shows how much that one prediction depends on h_t (the
   * vanishing-gradient picture); `'all'` the mean over all positions (what training uses).
   */
  lossAt?: 'last' | 'all';
}

/** The character LM task, plus what the widget reads. */
export interface CharLmTask extends TrainingTask {
  /** The validated config with defaults filled in (texts encoded, vocabulary built). */
  readonly config: Readonly<ResolvedCharLmConfig>;
  /** Trainable parameters. */
  readonly parameterCount: number;
  /** Characters per training step: batchSize x seqLen (chars/s = steps/s x this). */
  readonly charsPerStep: number;
  /**
   * Generates `numChars` characters, one forward step and one async `data()` read per character
   * (no `dataSync`); the replacement symbol U+FFFD is never drawn, so the text uses only real
   * vocabulary characters.
   * @throws RangeError for numChars outside [0, 5000], a temperature that is negative or not
   *   finite, or a prime over 2,000 characters.
   */
  sample(numChars: number, options?: CharLmSampleOptions): Promise<string>;
  /**
   * Runs a passage (at most 1,000 characters; from a zero state) and returns every layer's gate
   * activations and hidden states per character.
   * @throws RangeError for an empty passage or one over 1,000 characters.
   */
  gateActivations(text: string): Promise<CharLmGateActivations>;
  /**
   * ||dLoss/dh_t|| of the bottom layer for every position t of one sequence (zero initial state),
   * from the core's `hiddenStateGradNorms`: `Float32Array` `[T]`, t = 0 the first character. With
   * `lossAt: 'last'` it falls off geometrically going back from the end in a plain RNN (vanishing
   * gradients) and much more slowly in an LSTM.
   * @throws RangeError for a length outside [2, 512] or a text shorter than 2 characters.
   */
  gradNormsPerStep(options?: CharLmGradNormOptions): Promise<Float32Array>;
}

const MAX_SAMPLE = 5000;
const MAX_PRIME = 2000;
const MAX_GATE_TEXT = 1000;
/** Streams scored in parallel by evaluate(), and characters per forward chunk. */
const EVAL_STREAMS = 16;
const EVAL_CHUNK = 64;

/** Weight names in snapshots: `rnn<layer>.<wIh|wHh|bIh|bHh>`, then the decoder (PyTorch Linear). */
export function charLmWeightNames(layers: number): string[] {
  const names: string[] = [];
  for (let l = 0; l < layers; l++) {
    for (const k of ['wIh', 'wHh', 'bIh', 'bHh']) names.push(`rnn${l}.${k}`);
  }
  return [...names, 'decoder.weight', 'decoder.bias'];
}

/** Trainable parameters of the model: each layer G·H·(I + H) + 2·G·H, decoder V·H + V. */
export function charLmParameterCount(
  cell: keyof typeof GATE_COUNT,
  vocabSize: number,
  hiddenSize: number,
  layers: number,
): number {
  const G = GATE_COUNT[cell];
  let n = 0;
  for (let l = 0; l < layers; l++) {
    const input = l === 0 ? vocabSize : hiddenSize;
    n += G * hiddenSize * (input + hiddenSize) + 2 * G * hiddenSize;
  }
  return n + vocabSize * hiddenSize + vocabSize;
}

/**
 * Creates the character language model. The config is validated now (`resolveCharLmConfig`);
 * variables are built by `init()`.
 *
 * Model, with B = batchSize, T = seqLen, V = vocabulary size, H = hiddenSize:
 * - input: one-hot characters x `[B, T, V]` (no embedding: W_ih's columns play that role), given to
 *   runRnn as ids `[B, T]` (the same product, computed as a row lookup);
 * - 1 or 2 stacked recurrent layers (`runStackedRnn`, PyTorch layout and equations) ->
 *   h `[B, T, H]`;
 * - decoder: logits = h W_dec^T + b_dec `[B·T, V]` (PyTorch `nn.Linear(H, V)`);
 * - loss: mean cross-entropy over all B·T positions, in nats per character, against the next
 *   character (teacher forcing: the input at t+1 is the true character, never the model's guess);
 *   perplexity = exp(loss); bits per character = loss / ln 2.
 *
 * Training (truncated BPTT, Williams & Peng 1990): the text is cut into B streams and each step
 * takes the next T characters of every stream (`tbpttBatcher`); the final state of one step is the
 * initial state of the next (`detachState`: no gradient flows across the boundary); at the end of
 * the text every stream starts again from a zero state. Gradients are clipped by global norm
 * (`clipByGlobalNorm`, Pascanu et al. 2013) unless `clipNorm` is 0; the norm before clipping is
 * reported as the `grad_norm` metric. Optimiser Adam (epsilon 1e-7) or plain SGD.
 *
 * Metrics per step: `perplexity`, `grad_norm`, and `chars_per_second` (B·T characters over the
 * wall time since the previous step began; left out on the first step and after a gap over 2 s,
 * i.e. a pause). `evaluate()`: `val_loss` (nats per character), `val_perplexity`, `val_bpc` over
 * the first `evalChars` held-out characters, cut into 16 streams run from zero states.
 *
 * Initialisation from `seed`: PyTorch's defaults (uniform(±1/sqrt(H)) for the recurrent layers
 * and the decoder), W_hh then multiplied by `initScale`. The LSTM's forget-gate bias starts at 1
 * (Jozefowicz et al. 2015; Keras's unit_forget_bias). After `setWeights` the optimiser's moments
 * and the carried state restart from zero. `getTrainingState` / `setTrainingState` save and
 * restore all of it: the weights, the optimiser's slots and iteration count, the step (which fixes
 * the chunk every stream reads next) and the carried state, as extra `weights` entries
 * `carried<l>.h` (and `.c` for the LSTM), `[B, H]` per layer; none at step 0 or right after
 * `setWeights` (a zero state). The resumed run is the same run.
 *
 * Measured defaults (LSTM 128, seqLen 64, batch 32, Adam 0.003, clip 5) on Moby Dick, wasm in
 * Node: held-out 2.93 nats after 76 steps (letter soup), 2.45 after 165 steps ("and", "the",
 * "shall"), 2.35 after 228 steps ("the smasg thith alke the shed ... but of"). From the same
 * weights the first training steps match PyTorch 1.13 (nn.LSTM + nn.Linear + Adam +
 * clip_grad_norm_) to 1e-5.
 * Speed per backend against tf.layers and PyTorch: tests/bench/char-lstm.mjs.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createCharLmTask(config: CharLmConfig): CharLmTask {
  const cfg = resolveCharLmConfig(config);
  const { cell, hiddenSize: H, layers: L, seqLen: T, batchSize: B, vocabSize: V } = cfg;
  const batcher = tbpttBatcher(cfg.trainIds, B, T);
  const stepsPerEpoch = batcher.chunksPerEpoch;
  const weightNames = charLmWeightNames(L);
  /** Snapshot names of the carried state, in `RnnState` order (h, then c) per layer. */
  const carriedNames: string[] = [];
  for (let l = 0; l < L; l++) {
    carriedNames.push(
      ...(cell === 'lstm' ? [`carried${l}.h`, `carried${l}.c`] : [`carried${l}.h`]),
    );
  }
  const unkId = 0;

  let rnn: RnnVariables[] | null = null;
  let decoderW: tf.Variable | null = null;
  let decoderB: tf.Variable | null = null;
  let optimizer: tf.Optimizer | null = null;
  /** The state carried between training steps (undefined: zeros). */
  let carried: RnnState[] | undefined;
  let stepCount = 0;
  let lastStepAt: number | null = null;
  let disposed = false;

  const live = () => {
    if (disposed) throw new Error('char LM: the task was disposed');
    if (!rnn || !decoderW || !decoderB) {
      throw new Error('char LM: call init() before training, evaluating or sampling');
    }
    return { rnn, decoderW, decoderB };
  };
  const list = (): tf.Variable[] => {
    const v = live();
    return [...(namedRnnWeights(v.rnn).tensors as tf.Variable[]), v.decoderW, v.decoderB];
  };
  const dropCarried = () => {
    carried?.forEach(disposeState);
    carried = undefined;
  };
  const makeOptimizer = (): tf.Optimizer =>
    cfg.optimizer === 'adam' ? adam(cfg.learningRate) : tf.train.sgd(cfg.learningRate);
  /**
   * The input characters as int32 ids `[rows, cols]`: runRnn reads them as one-hot vectors over
   * the V characters without building them (a one-hot vector times W_ih^T is a row of it), which
   * saved ~17 ms of a ~100 ms training step on wasm (the [2048, V] x [V, 4H] projection, the
   * unused dX = dZ · W_ih and the one-hot dW_ih product).
   */
  const charIds = (ids: Int32Array, rows: number, cols: number): tf.Tensor2D =>
    tf.tensor2d(ids, [rows, cols], 'int32');
  /** Logits `[rows, V]` of hidden states `[rows, H]`. */
  const decode = (h: tf.Tensor2D): tf.Tensor2D => {
    const v = live();
    return tf.add(
      denseMatMul(h, tf.transpose(v.decoderW) as tf.Tensor2D),
      v.decoderB,
    ) as tf.Tensor2D;
  };

  const hint = (): DivergenceHint =>
    cfg.clipNorm === 0
      ? {
          knob: 'clipNorm',
          advice:
            'Turn gradient clipping on (clip norm 1 to 5): without it one exploding gradient can wreck the weights; or lower the learning rate',
          maxLoss: Math.max(20, 3 * Math.log(V)),
        }
      : {
          knob: 'learningRate',
          advice: `Lower the learning rate (try ${cfg.optimizer === 'adam' ? '0.002' : '0.1'}), or clip harder (clip norm 1)`,
          maxLoss: Math.max(20, 3 * Math.log(V)),
        };

  const task: CharLmTask = {
    name: `character ${cell.toUpperCase()} language model`,
    config: cfg,
    parameterCount: charLmParameterCount(cell, V, H, L),
    charsPerStep: B * T,
    divergenceHint: hint(),

    init(): void {
      if (disposed) throw new Error('char LM: the task was disposed');
      if (rnn) return;
      const layers: RnnVariables[] = [];
      for (let l = 0; l < L; l++) {
        const w = initRnnWeights(cell, l === 0 ? V : H, H, {
          seed: `${cfg.seed}/layer${l}`,
          forgetBias: cell === 'lstm' ? 1 : undefined,
        });
        if (cfg.initScale !== 1) {
          tf.tidy(() => w.wHh.assign(tf.mul(w.wHh, cfg.initScale)));
        }
        layers.push(w);
      }
      rnn = layers;
      const rng = createRng(`${cfg.seed}/decoder`);
      const k = 1 / Math.sqrt(H);
      const uniform = (n: number) =>
        Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * k);
      decoderW = tf.tidy(() => tf.variable(tf.tensor2d(uniform(V * H), [V, H])));
      decoderB = tf.tidy(() => tf.variable(tf.tensor1d(uniform(V))));
      optimizer = makeOptimizer();
    },

    step(): StepOutput {
      const v = live();
      const vars = list();
      const k = stepCount % stepsPerEpoch;
      if (k === 0) dropCarried(); // the end of the text: every stream starts afresh
      const { inputs, targets } = batcher.chunk(k);
      const startedAt = now();
      let next: RnnState[] | undefined;
      const out = tf.tidy(() => {
        const x = charIds(inputs, B, T);
        const y = tf.tensor1d(targets, 'int32');
        const { value, grads } = tf.variableGrads(() => {
          const res = runStackedRnn(cell, x, v.rnn, carried);
          next = res.states.map((s) => detachState(s));
          const logits = decode(tf.reshape(res.outputs, [B * T, H]) as tf.Tensor2D);
          return tf.mean(sparseSoftmaxCrossEntropy(logits, y)) as tf.Scalar;
        }, vars);
        const clipped = clipByGlobalNorm(grads, cfg.clipNorm);
        optimizer!.applyGradients(clipped.grads);
        return { loss: value, perplexity: tf.exp(value), gradNorm: clipped.globalNorm };
      });
      dropCarried();
      carried = next;
      stepCount++;
      const metrics: Record<string, tf.Scalar> = {
        perplexity: out.perplexity as tf.Scalar,
        grad_norm: out.gradNorm,
      };
      if (lastStepAt !== null && startedAt - lastStepAt > 0 && startedAt - lastStepAt < 2000) {
        metrics.chars_per_second = tf.scalar((B * T * 1000) / (startedAt - lastStepAt));
      }
      lastStepAt = startedAt;
      return { loss: out.loss, metrics };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const ids = cfg.evalIds;
      const S = Math.max(1, Math.min(EVAL_STREAMS, Math.floor(ids.length / 2)));
      const len = Math.floor(ids.length / S);
      let total = 0;
      let count = 0;
      let state: RnnState[] | undefined;
      await yieldToBrowser();
      try {
        for (let s = 0; s < len - 1; s += EVAL_CHUNK) {
          const n = Math.min(EVAL_CHUNK, len - 1 - s);
          const inp = new Int32Array(S * n);
          const tgt = new Int32Array(S * n);
          for (let b = 0; b < S; b++) {
            inp.set(ids.subarray(b * len + s, b * len + s + n), b * n);
            tgt.set(ids.subarray(b * len + s + 1, b * len + s + 1 + n), b * n);
          }
          const v = live();
          let nextState: RnnState[] = [];
          const sum = tf.tidy(() => {
            const res = runStackedRnn(cell, charIds(inp, S, n), v.rnn, state);
            nextState = res.states.map((st) => detachState(st));
            const logits = decode(tf.reshape(res.outputs, [S * n, H]) as tf.Tensor2D);
            return tf.sum(sparseSoftmaxCrossEntropy(logits, tf.tensor1d(tgt, 'int32')));
          });
          state?.forEach(disposeState);
          state = nextState;
          try {
            total += (await sum.data())[0];
          } finally {
            sum.dispose();
          }
          count += S * n;
          await yieldToBrowser();
        }
      } finally {
        state?.forEach(disposeState);
      }
      live();
      const loss = total / count;
      return { val_loss: loss, val_perplexity: Math.exp(loss), val_bpc: loss / Math.LN2 };
    },

    progress(): TaskProgress {
      return {
        step: stepCount,
        epoch: stepCount / stepsPerEpoch,
        stepsPerEpoch,
        totalSteps: stepsPerEpoch * cfg.epochs,
      };
    },

    async sample(numChars: number, options: CharLmSampleOptions = {}): Promise<string> {
      live();
      const { temperature = 1, seed = cfg.seed, prime = '\n', yieldAfterMs } = options;
      if (yieldAfterMs !== undefined && !(yieldAfterMs >= 0)) {
        throw new RangeError(`char LM: yieldAfterMs must be >= 0, got ${yieldAfterMs}`);
      }
      let lastYield = now();
      if (!Number.isInteger(numChars) || numChars < 0 || numChars > MAX_SAMPLE) {
        throw new RangeError(
          `char LM: numChars must be an integer in [0, ${MAX_SAMPLE}], got ${numChars}`,
        );
      }
      if (typeof temperature !== 'number' || !(temperature >= 0) || !Number.isFinite(temperature)) {
        throw new RangeError(`char LM: the temperature must be >= 0, got ${temperature}`);
      }
      if (typeof prime !== 'string') throw new TypeError('char LM: prime must be a string');
      const primeIds = Array.from(prime.normalize('NFC'), (ch) => cfg.vocab.idOf(ch));
      if (primeIds.length > MAX_PRIME) {
        throw new RangeError(
          `char LM: the prime has ${primeIds.length} characters; at most ${MAX_PRIME}`,
        );
      }
      if (primeIds.length === 0) primeIds.push(cfg.vocab.idOf('\n'));
      const rng = createRng(`${seed}/sample`);
      let state: RnnState[] | undefined;
      let input = Int32Array.from(primeIds);
      let out = '';
      try {
        for (let i = 0; i < numChars; i++) {
          const v = live();
          let nextState: RnnState[] = [];
          const logits = tf.tidy(() => {
            const res = runStackedRnn(cell, charIds(input, 1, input.length), v.rnn, state);
            nextState = res.states.map((st) => detachState(st));
            return decode(
              tf
                .reshape(res.outputs, [input.length, H])
                .slice([input.length - 1, 0], [1, H]) as tf.Tensor2D,
            );
          });
          state?.forEach(disposeState);
          state = nextState;
          let values: Float32Array;
          try {
            values = (await logits.data()) as Float32Array;
          } finally {
            logits.dispose();
          }
          // data() resolves at once on wasm and cpu: let the page paint every few characters.
          if (yieldAfterMs === undefined ? i % 8 === 7 : now() - lastYield >= yieldAfterMs) {
            await yieldToBrowser();
            lastYield = now();
          }
          const id = sampleFromLogits(values, temperature, unkId, rng.next());
          out += cfg.vocab.chars[id];
          input = Int32Array.of(id);
        }
      } finally {
        state?.forEach(disposeState);
      }
      return out;
    },

    async gateActivations(text: string): Promise<CharLmGateActivations> {
      live();
      if (typeof text !== 'string') throw new TypeError('char LM: the passage must be a string');
      const chars = Array.from(text.normalize('NFC'));
      if (chars.length === 0 || chars.length > MAX_GATE_TEXT) {
        throw new RangeError(
          `char LM: the passage must have 1 to ${MAX_GATE_TEXT} characters, got ${chars.length}`,
        );
      }
      const ids = Int32Array.from(chars, (ch) => cfg.vocab.idOf(ch));
      const n = ids.length;
      await yieldToBrowser();
      const v = live();
      const kept = tf.tidy(() => {
        let x: tf.Tensor2D | tf.Tensor3D = charIds(ids, 1, n);
        const perLayer: Array<{ gates: Record<string, tf.Tensor>; hidden: tf.Tensor }> = [];
        for (const w of v.rnn) {
          const res = runRnn(cell, x, w, undefined, { recordGates: true });
          const gates: Record<string, tf.Tensor> = {};
          for (const [name, g] of Object.entries(res.gates ?? {})) gates[name] = g!;
          perLayer.push({ gates, hidden: res.outputs });
          x = res.outputs;
        }
        return perLayer;
      });
      try {
        const layers: CharLmGateActivations['layers'] = [];
        for (const layer of kept) {
          const gates: Record<string, Float32Array> = {};
          for (const name of GATE_NAMES[cell]) {
            gates[name] = Float32Array.from(await layer.gates[name].data());
          }
          layers.push({ gates, hidden: Float32Array.from(await layer.hidden.data()) });
        }
        return { chars, hiddenSize: H, gateNames: GATE_NAMES[cell], layers };
      } finally {
        for (const layer of kept) tf.dispose([layer.hidden, ...Object.values(layer.gates)]);
      }
    },

    async gradNormsPerStep(options: CharLmGradNormOptions = {}): Promise<Float32Array> {
      live();
      const { length = 100, lossAt = 'last' } = options;
      if (!Number.isInteger(length) || length < 2 || length > 512) {
        throw new RangeError(`char LM: length must be an integer in [2, 512], got ${length}`);
      }
      if (lossAt !== 'last' && lossAt !== 'all') {
        throw new RangeError(`char LM: lossAt must be "last" or "all", got ${String(lossAt)}`);
      }
      const all =
        options.text === undefined
          ? cfg.evalIds
          : Int32Array.from(options.text.normalize('NFC'), (ch) => cfg.vocab.idOf(ch));
      const n = Math.min(length + 1, all.length);
      if (n < 2) {
        throw new RangeError(
          'char LM: the text for the gradient norms needs at least 2 characters',
        );
      }
      const inp = all.slice(0, n - 1);
      const tgt = all.slice(1, n);
      await yieldToBrowser();
      const v = live();
      const x = charIds(inp, 1, n - 1);
      const y = tf.tensor1d(tgt, 'int32');
      try {
        // The async form: on webgl the read-back does not block the thread.
        return await hiddenStateGradNormsAsync(cell, x, v.rnn[0], (res) => {
          let h = res.outputs;
          for (let l = 1; l < v.rnn.length; l++) h = runRnn(cell, h, v.rnn[l]).outputs;
          const logits = decode(tf.reshape(h, [n - 1, H]) as tf.Tensor2D);
          const nll = sparseSoftmaxCrossEntropy(logits, y);
          return (
            lossAt === 'last' ? tf.sum(tf.slice(nll, [n - 2], [1])) : tf.mean(nll)
          ) as tf.Scalar;
        });
      } finally {
        tf.dispose([x, y]);
      }
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(weightNames, list());
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables('char LM', weightNames, list(), snapshot);
      dropCarried();
      optimizer?.dispose();
      optimizer = makeOptimizer();
    },

    async getTrainingState(): Promise<TrainingState> {
      const vars = list();
      const step = stepCount;
      const states = (carried ?? []).flatMap((st) => (st.c ? [st.h, st.c] : [st.h]));
      const [weights, state, optimizerState] = await Promise.all([
        snapshotVariables(weightNames, vars),
        snapshotVariables(carried ? carriedNames : [], states),
        snapshotOptimizer(optimizer!),
      ]);
      return { weights: { ...weights, ...state }, optimizer: optimizerState, step };
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const vars = list();
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new RangeError(`char LM: the step must be an integer >= 0, got ${state.step}`);
      }
      const present = carriedNames.filter((n) => n in state.weights);
      for (const name of present) {
        const { shape, values } = state.weights[name];
        if (
          present.length !== carriedNames.length ||
          shape.join() !== `${B},${H}` ||
          values.length !== B * H
        ) {
          throw new RangeError(
            `char LM: the carried state needs ${carriedNames.join(', ')}, each [${B}, ${H}]; "${name}" does not fit`,
          );
        }
      }
      const next = makeOptimizer();
      try {
        // Both restores check everything before they change anything; the optimiser is new.
        if (state.optimizer) await restoreOptimizer('char LM', next, state.optimizer, vars);
        restoreVariables('char LM', weightNames, vars, state.weights);
      } catch (err) {
        next.dispose();
        throw err;
      }
      optimizer?.dispose();
      optimizer = next;
      dropCarried();
      if (present.length > 0) {
        const t = (n: string) => tf.tensor2d(state.weights[n].values, [B, H]);
        carried = Array.from({ length: L }, (_, l) =>
          cell === 'lstm'
            ? { h: t(`carried${l}.h`), c: t(`carried${l}.c`) }
            : { h: t(`carried${l}.h`) },
        );
      }
      stepCount = state.step;
      lastStepAt = null;
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      dropCarried();
      optimizer?.dispose();
      optimizer = null;
      rnn?.forEach(disposeRnnWeights);
      decoderW?.dispose();
      decoderB?.dispose();
      rnn = null;
      decoderW = decoderB = null;
    },
  };
  return task;
}
