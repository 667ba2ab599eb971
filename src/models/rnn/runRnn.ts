/**
 * Running recurrent layers over a batch of sequences: {@link runRnn} (one layer) and
 * {@link runStackedRnn} (layers stacked, each layer's outputs the next one's inputs).
 * No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { autogradSequence, type SequenceArgs, type SequenceResult } from './cells';
import { fusedSequence } from './fused';
import type {
  RnnCellType,
  RnnOutput,
  RnnState,
  RnnWeights,
  RunRnnOptions,
  StackedRnnOutput,
} from './types';
import { checkCell, checkInput, checkLengths, checkState, checkWeights } from './validate';

/** `tf.tidy` for functions returning our result interfaces (tfjs types them as TensorContainer). */
const tidyResult = <R>(fn: () => R): R =>
  tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as R;

/**
 * Validates, fills in a zero initial state, and runs one layer; `probe` (time-major `[T, B, H]`)
 * is the additive hidden-state probe of {@link hiddenStateGradNorms}.
 * @internal
 */
export function runRnnInternal(
  who: string,
  cell: RnnCellType,
  x: tf.Tensor3D | tf.Tensor2D,
  weights: RnnWeights,
  state: RnnState | undefined,
  options: RunRnnOptions,
  probe?: tf.Tensor3D,
): SequenceResult {
  checkCell(who, cell);
  const { input, hidden } = checkWeights(who, cell, weights);
  const [batch, time] = checkInput(who, x, input);
  if (state) checkState(who, cell, state, batch, hidden);
  const lengths = options.lengths && checkLengths(who, options.lengths, batch, time);
  if (lengths && probe) throw new Error(`${who}: lengths cannot be combined with a probe`);
  const backward = options.backward ?? 'fused';
  if (backward !== 'fused' && backward !== 'autograd') {
    throw new Error(`${who}: backward must be "fused" or "autograd", got "${String(backward)}"`);
  }
  const args: SequenceArgs = {
    cell,
    x,
    w: weights,
    h0: state?.h ?? tf.zeros([batch, hidden]),
    c0: cell === 'lstm' ? (state?.c ?? tf.zeros([batch, hidden])) : undefined,
    probe,
    recordGates: options.recordGates === true,
    lengths,
  };
  const res = backward === 'fused' ? fusedSequence(args) : autogradSequence(args);
  return lengths && !res.packed ? maskPadding(res, lengths) : res;
}

/**
 * Packed-sequence results from a run over all steps (the implementations that do not skip the
 * padding): outputs and gates times a 0/1 mask of each row's steps, h the output at each row's
 * last step (a masked sum over time), no `c` (the LSTM's c at an earlier step is not kept).
 */
function maskPadding(res: SequenceResult, lengths: Int32Array): SequenceResult {
  const [T, B] = res.hsTime.shape;
  const mask = new Float32Array(T * B);
  const last = new Float32Array(T * B);
  lengths.forEach((n, b) => {
    for (let t = 0; t < n; t++) mask[t * B + b] = 1;
    last[(n - 1) * B + b] = 1;
  });
  const maskTime = tf.tensor3d(mask, [T, B, 1]);
  const out: SequenceResult = {
    hsTime: tf.mul(res.hsTime, maskTime),
    h: tf.sum(tf.mul(res.hsTime, tf.tensor3d(last, [T, B, 1])), 0),
    packed: true,
  };
  if (res.gates) {
    const maskBatch = tf.transpose(maskTime, [1, 0, 2]);
    out.gates = Object.fromEntries(
      Object.entries(res.gates).map(([k, g]) => [k, tf.mul(g, maskBatch) as tf.Tensor3D]),
    );
  }
  return out;
}

/**
 * Runs one recurrent layer over a batch of sequences, like `torch.nn.RNN` / `LSTM` / `GRU` with
 * `num_layers=1, batch_first=True` and the same weights (layout and equations: ./types.ts).
 *
 * Differentiable with tfjs autograd (`tf.grads`, `tf.variableGrads`, `optimizer.minimize`) with
 * respect to `x`, the four weights and the initial state. Speed: the input projections of
 * all steps are one matMul, the gates of a step one matMul sliced afterwards, each step runs in
 * `tf.tidy`, and by default (`backward: 'fused'`) the backward pass is hand-written BPTT with the
 * weight gradients as one matMul each over all steps (./fused.ts).
 *
 * @param cell - `rnn` (tanh), `lstm` or `gru`.
 * @param x - float32 `[batch, time, input]`, time >= 1; or int32 ids `[batch, time]` with values
 *   in `[0, input)` (input = the columns of `wIh`), which is the same as the one-hot input
 *   `tf.oneHot(x, input)` but faster: a one-hot vector times a matrix is a row lookup (chapter 8),
 *   so the input projection is a gather of rows of `wIh^T` and its gradient a scatter-add; like
 *   PyTorch's `x.requires_grad = False`, ids get no gradient (char LM on wasm: see ./fused.ts).
 * @param weights - one layer in PyTorch's layout, `wIh` `[G*H, input]` ... (see {@link RnnWeights}).
 * @param state - initial state `h` `[batch, H]` (+ `c` `[batch, H]` for the LSTM, and only there);
 *   default zeros, like PyTorch. Not disposed.
 * @param options - `recordGates` (default false): also return the gate activations
 *   `[batch, time, H]` per gate; `backward` (default `fused`); `lengths` `[batch]` (default none):
 *   packed sequences, PyTorch's `pack_padded_sequence` semantics (see {@link RunRnnOptions}).
 * @returns `outputs` `[batch, time, H]`, final `h` `[batch, H]`, final `c` (LSTM), `gates`. New
 *   tensors owned by the caller or the enclosing `tf.tidy`.
 * @throws Error naming the tensor and its expected and actual shape for a wrong rank or size, a
 *   non-float32 input (non-int32 ids, or ids outside `[0, input)` on cpu and wasm), an unknown cell, a missing LSTM `c` or a `c` given to another cell,
 *   or `lengths` that are not one integer in [1, time] per row.
 */
export function runRnn(
  cell: RnnCellType,
  x: tf.Tensor3D | tf.Tensor2D,
  weights: RnnWeights,
  state?: RnnState,
  options: RunRnnOptions = {},
): RnnOutput {
  // The tidy frees the zero state, projections and slices; the tape keeps what backprop needs.
  return tidyResult(() => {
    const res = runRnnInternal('runRnn', cell, x, weights, state, options);
    const out: RnnOutput = { outputs: tf.transpose(res.hsTime, [1, 0, 2]), h: res.h };
    if (res.c) out.c = res.c;
    if (res.gates) out.gates = res.gates;
    return out;
  });
}

/**
 * Runs stacked recurrent layers (PyTorch's `num_layers`, without dropout between layers): layer l
 * reads layer l-1's outputs, so layer 0's `wIh` is `[G*H0, input]` and layer l's `[G*Hl, H(l-1)]`.
 *
 * @param cell - the cell of every layer.
 * @param x - float32 `[batch, time, input]`, or int32 ids `[batch, time]` (see {@link runRnn}).
 * @param layers - one {@link RnnWeights} per layer, bottom first (at least one).
 * @param states - initial state per layer (default zeros); if given, one per layer.
 * @param options - as {@link runRnn}; `recordGates` records every layer.
 * @returns the top layer's `outputs` `[batch, time, H_top]`, every layer's final state, and gates.
 * @throws Error as {@link runRnn}, with the layer index in the message, or for an empty `layers` or
 *   a `states` array of the wrong length.
 */
export function runStackedRnn(
  cell: RnnCellType,
  x: tf.Tensor3D | tf.Tensor2D,
  layers: readonly RnnWeights[],
  states?: readonly RnnState[],
  options: RunRnnOptions = {},
): StackedRnnOutput {
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new Error('runStackedRnn: needs at least one layer of weights');
  }
  if (states && states.length !== layers.length) {
    throw new Error(
      `runStackedRnn: got ${states.length} initial state(s) for ${layers.length} layer(s)`,
    );
  }
  // Check every layer before running any, so a bad top layer costs no computation.
  layers.forEach((w, l) => checkWeights(`runStackedRnn layer ${l}`, cell, w));
  return tidyResult(() => {
    let outputs: tf.Tensor3D | undefined;
    const outStates: RnnState[] = [];
    const gates: NonNullable<StackedRnnOutput['gates']> = [];
    layers.forEach((w, l) => {
      const res = runRnn(cell, outputs ?? x, w, states?.[l], options);
      outputs = res.outputs;
      outStates.push(res.c ? { h: res.h, c: res.c } : { h: res.h });
      if (res.gates) gates.push(res.gates);
    });
    const out: StackedRnnOutput = { outputs: outputs!, states: outStates };
    if (options.recordGates) out.gates = gates;
    return out;
  });
}
