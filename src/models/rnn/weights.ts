/**
 * Creating, listing and disposing recurrent weights in PyTorch's layout (see ./types.ts).
 * No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../train/random';
import { GATE_COUNT, type RnnCellType, type RnnWeights } from './types';
import { checkCell } from './validate';

/** Names of a layer's four weights, in a fixed order (PyTorch: weight_ih, weight_hh, bias_ih, bias_hh). */
export const RNN_WEIGHT_KEYS = ['wIh', 'wHh', 'bIh', 'bHh'] as const;

/** {@link RnnWeights} whose tensors are `tf.Variable`s (what {@link initRnnWeights} returns). */
export interface RnnVariables extends RnnWeights {
  wIh: tf.Variable<tf.Rank.R2>;
  wHh: tf.Variable<tf.Rank.R2>;
  bIh: tf.Variable<tf.Rank.R1>;
  bHh: tf.Variable<tf.Rank.R1>;
}

/** Options of {@link initRnnWeights}. */
export interface InitRnnOptions {
  /** Seed (number or string); equal seeds give equal weights on every backend. Required. */
  seed: number | string;
  /**
   * LSTM only: set the forget gate's total bias (b_ih + b_hh over the f block) to this value,
   * written into `bIh` with `bHh`'s f block zeroed. Default: none (PyTorch's plain init). 1 is
   * Keras's `unit_forget_bias` (Gers et al. 2000; Jozefowicz, Zaremba & Sutskever 2015).
   */
  forgetBias?: number;
  /** Whether the variables are trainable (default true). */
  trainable?: boolean;
}

/**
 * Creates one layer's weights as `tf.Variable`s with PyTorch's default initialisation: every weight
 * and bias uniform in [-1/sqrt(H), 1/sqrt(H)] (`torch.nn.RNNBase.reset_parameters`), drawn from
 * {@link createRng} streams named after `seed` and the weight, so the same seed gives the same
 * numbers on every backend.
 *
 * @param cell - `rnn`, `lstm` or `gru` (G = 1, 4, 3 gate blocks).
 * @param inputSize - I, a positive integer.
 * @param hiddenSize - H, a positive integer.
 * @returns `wIh` `[G*H, I]`, `wHh` `[G*H, H]`, `bIh` `[G*H]`, `bHh` `[G*H]`, owned by the caller:
 *   free them with {@link disposeRnnWeights}.
 * @throws Error for an unknown cell; RangeError for a size that is not a positive integer, a
 *   non-finite `forgetBias`, or `forgetBias` on a cell other than the LSTM.
 */
export function initRnnWeights(
  cell: RnnCellType,
  inputSize: number,
  hiddenSize: number,
  options: InitRnnOptions,
): RnnVariables {
  checkCell('initRnnWeights', cell);
  for (const [name, v] of [
    ['inputSize', inputSize],
    ['hiddenSize', hiddenSize],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) {
      throw new RangeError(`initRnnWeights: ${name} must be a positive integer, got ${v}`);
    }
  }
  const { seed, forgetBias, trainable = true } = options;
  if (forgetBias !== undefined) {
    if (cell !== 'lstm') {
      throw new RangeError(`initRnnWeights: forgetBias is for the LSTM only, got cell "${cell}"`);
    }
    if (!Number.isFinite(forgetBias)) {
      throw new RangeError(`initRnnWeights: forgetBias must be finite, got ${forgetBias}`);
    }
  }
  const G = GATE_COUNT[cell];
  const H = hiddenSize;
  const k = 1 / Math.sqrt(H);
  const uniform = (name: string, n: number) => {
    const rng = createRng(`${String(seed)}/${cell}/${name}`);
    return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * k);
  };
  const wIh = uniform('wIh', G * H * inputSize);
  const wHh = uniform('wHh', G * H * H);
  const bIh = uniform('bIh', G * H);
  const bHh = uniform('bHh', G * H);
  if (forgetBias !== undefined) {
    bIh.fill(forgetBias, H, 2 * H);
    bHh.fill(0, H, 2 * H);
  }
  // Variables outlive tf.tidy; the initial-value tensors do not (tf.variable keeps its own copy).
  return tf.tidy(() => ({
    wIh: tf.variable(tf.tensor2d(wIh, [G * H, inputSize]), trainable),
    wHh: tf.variable(tf.tensor2d(wHh, [G * H, H]), trainable),
    bIh: tf.variable(tf.tensor1d(bIh), trainable),
    bHh: tf.variable(tf.tensor1d(bHh), trainable),
  }));
}

/** The four tensors of a layer in {@link RNN_WEIGHT_KEYS} order (for optimizers' var lists). */
export function rnnWeightList(w: RnnVariables): tf.Variable[];
export function rnnWeightList(w: RnnWeights): tf.Tensor[];
export function rnnWeightList(w: RnnWeights): tf.Tensor[] {
  return RNN_WEIGHT_KEYS.map((key) => w[key]);
}

/**
 * Names and tensors of stacked layers for checkpoints (`snapshotVariables`) and gradient maps:
 * `<prefix><layer>.<key>`, e.g. `rnn0.wIh`, `rnn0.wHh`, ..., `rnn1.bHh`.
 */
export function namedRnnWeights(
  layers: readonly RnnVariables[],
  prefix?: string,
): { names: string[]; tensors: tf.Variable[] };
export function namedRnnWeights(
  layers: readonly RnnWeights[],
  prefix?: string,
): { names: string[]; tensors: tf.Tensor[] };
export function namedRnnWeights(
  layers: readonly RnnWeights[],
  prefix = 'rnn',
): { names: string[]; tensors: tf.Tensor[] } {
  const names: string[] = [];
  const tensors: tf.Tensor[] = [];
  layers.forEach((w, l) => {
    for (const key of RNN_WEIGHT_KEYS) {
      names.push(`${prefix}${l}.${key}`);
      tensors.push(w[key]);
    }
  });
  return { names, tensors };
}

/** Disposes a layer's four tensors (or variables). Safe to call twice. */
export function disposeRnnWeights(w: RnnWeights): void {
  for (const key of RNN_WEIGHT_KEYS) {
    if (!w[key].isDisposed) w[key].dispose();
  }
}
