/**
 * Types shared by the recurrent cells (chapter 9): cell names, PyTorch's weight layout, states,
 * options and results of {@link runRnn}. No React, no DOM.
 *
 * Weight layout (PyTorch's `torch.nn.RNN` / `LSTM` / `GRU`, one layer, `weight_ih_l0`,
 * `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`; https://pytorch.org/docs/1.13/generated/torch.nn.LSTM.html):
 * with G gates (1 for `rnn`, 4 for `lstm`, 3 for `gru`), hidden size H and input size I,
 * - `wIh` `[G*H, I]`, `wHh` `[G*H, H]`, `bIh` `[G*H]`, `bHh` `[G*H]`;
 * - row blocks of H in gate order: LSTM `i, f, g, o`; GRU `r, z, n`.
 *
 * Equations (x_t `[batch, I]`, h_{t-1} `[batch, H]`, σ the logistic sigmoid, ⊙ elementwise):
 * - rnn:  h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)   (Elman 1990)
 * - lstm: [i, f, g, o] = [σ, σ, tanh, σ](W_ih x_t + b_ih + W_hh h_{t-1} + b_hh);
 *         c_t = f ⊙ c_{t-1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)   (Hochreiter & Schmidhuber 1997;
 *         forget gate of Gers, Schmidhuber & Cummins 2000)
 * - gru:  r = σ(W_ir x + b_ir + W_hr h + b_hr);  z = σ(W_iz x + b_iz + W_hz h + b_hz);
 *         n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));  h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
 *         (Cho et al. 2014, with PyTorch's / cuDNN's placement of r)
 */
import type * as tf from '@tensorflow/tfjs';

/** The three cells: Elman RNN with tanh, LSTM, GRU. */
export type RnnCellType = 'rnn' | 'lstm' | 'gru';

/** All cell names, in the order the chapter introduces them. */
export const RNN_CELL_TYPES: readonly RnnCellType[] = ['rnn', 'lstm', 'gru'];

/** Number of gate blocks G stacked in the weights: rnn 1, lstm 4 (i, f, g, o), gru 3 (r, z, n). */
export const GATE_COUNT: Readonly<Record<RnnCellType, number>> = { rnn: 1, lstm: 4, gru: 3 };

/** Gate names per cell, in the row-block order of the weights (empty for the plain RNN). */
export const GATE_NAMES: Readonly<Record<RnnCellType, readonly string[]>> = {
  rnn: [],
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['r', 'z', 'n'],
};

/**
 * One layer's weights in PyTorch's layout (see the module comment). G = {@link GATE_COUNT}[cell].
 * Usually `tf.Variable`s from {@link initRnnWeights}; any float32 tensors of these shapes work.
 */
export interface RnnWeights {
  /** Input-to-hidden weights `[G*H, I]` (PyTorch `weight_ih_l0`). */
  wIh: tf.Tensor2D;
  /** Hidden-to-hidden weights `[G*H, H]` (PyTorch `weight_hh_l0`). */
  wHh: tf.Tensor2D;
  /** Input-to-hidden bias `[G*H]` (PyTorch `bias_ih_l0`). */
  bIh: tf.Tensor1D;
  /** Hidden-to-hidden bias `[G*H]` (PyTorch `bias_hh_l0`). */
  bHh: tf.Tensor1D;
}

/** A recurrent state: hidden state `h` `[batch, H]`, and for the LSTM the cell state `c` `[batch, H]`. */
export interface RnnState {
  h: tf.Tensor2D;
  /** LSTM only (required there when a state is passed). */
  c?: tf.Tensor2D;
}

/**
 * How {@link runRnn} computes gradients.
 * - `fused` (default): one `tf.customGrad` op for the whole sequence whose backward pass is
 *   hand-written backpropagation through time (the weight gradients as one matMul each over all
 *   time steps, like cuDNN). Fast: the autograd tape holds one node instead of ~15 per step.
 * - `autograd`: the textbook loop of tfjs ops, differentiated by tfjs's tape. Slower; kept as the
 *   readable reference and as an independent check of `fused` in the tests.
 * Both give the same forward values and the same gradients (to float32 rounding).
 */
export type RnnBackward = 'fused' | 'autograd';

/** Options of {@link runRnn}. */
export interface RunRnnOptions {
  /** Also return the gate activations per time step (default false; costs nothing when off). */
  recordGates?: boolean;
  /** Gradient implementation (default `fused`). */
  backward?: RnnBackward;
  /**
   * Packed sequences, as PyTorch's `pack_padded_sequence(x, lengths, batch_first=True,
   * enforce_sorted=False)` then `pad_packed_sequence`: each row's length `[batch]` (integers in
   * [1, time], any order), x right-padded after it. Outputs (and gates) are 0 at steps
   * t >= lengths[b], `h` is each row's state at its own last step (PyTorch's packed `h_n`), and
   * gradients are those of that function (padded inputs get none). Default: every row runs all
   * time steps. The cpu backend (every cell) and the wasm backend (GRU, Elman RNN) skip the
   * padded steps; elsewhere all steps run and the padding is masked afterwards, where the LSTM's
   * final `c` is not available (left out of the result). Not with a probe.
   */
  lengths?: ArrayLike<number>;
}

/**
 * Gate activations per time step, each `[batch, time, H]`, values after the nonlinearity:
 * LSTM `i, f, g, o` (g in [-1, 1], others in [0, 1]); GRU `r, z, n`; plain RNN none (`{}`).
 */
export type RnnGates = Partial<Record<'i' | 'f' | 'g' | 'o' | 'r' | 'z' | 'n', tf.Tensor3D>>;

/** Result of {@link runRnn}. All tensors are new and owned by the caller (or the enclosing tf.tidy). */
export interface RnnOutput {
  /** Hidden state at every time step `[batch, time, H]` (PyTorch `output` with batch_first). */
  outputs: tf.Tensor3D;
  /** Final hidden state `[batch, H]` (= outputs[:, time - 1]; with lengths, at each row's last step). */
  h: tf.Tensor2D;
  /** Final cell state `[batch, H]`, LSTM only (see {@link RunRnnOptions.lengths}). */
  c?: tf.Tensor2D;
  /** Present when `recordGates` was set. */
  gates?: RnnGates;
}

/** Result of {@link runStackedRnn}. */
export interface StackedRnnOutput {
  /** The top layer's hidden states `[batch, time, H_top]`. */
  outputs: tf.Tensor3D;
  /** Final state of every layer, bottom first. */
  states: RnnState[];
  /** Gate activations of every layer, bottom first (when `recordGates` was set). */
  gates?: RnnGates[];
}
