/**
 * Shape checks for the recurrent cells: every public entry point validates its tensors here first,
 * so that bad input fails with a message naming the tensor, the expected and the actual shape
 * instead of a matMul error deep inside the time loop. No React, no DOM.
 */
import type * as tf from '@tensorflow/tfjs';
import { getBackend } from '@tensorflow/tfjs';
import {
  GATE_COUNT,
  RNN_CELL_TYPES,
  type RnnCellType,
  type RnnState,
  type RnnWeights,
} from './types';

const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Sizes of one layer, read from its weights. */
export interface RnnSizes {
  /** Number of gate blocks G. */
  gates: number;
  /** Input size I. */
  input: number;
  /** Hidden size H. */
  hidden: number;
}

/**
 * Checks that `cell` is one of `rnn`, `lstm`, `gru`.
 * @throws Error `<who>: unknown cell "<cell>" (expected rnn, lstm or gru)`.
 */
export function checkCell(who: string, cell: string): asserts cell is RnnCellType {
  if (!(RNN_CELL_TYPES as readonly string[]).includes(cell)) {
    throw new Error(`${who}: unknown cell "${cell}" (expected ${RNN_CELL_TYPES.join(', ')})`);
  }
}

/**
 * Checks one layer's weights against PyTorch's layout for `cell` and returns its sizes.
 * @throws Error naming the weight, the expected and the actual shape.
 */
export function checkWeights(who: string, cell: RnnCellType, w: RnnWeights): RnnSizes {
  const G = GATE_COUNT[cell];
  if (!w || !w.wIh || !w.wHh || !w.bIh || !w.bHh) {
    throw new Error(`${who}: weights need wIh, wHh, bIh and bHh`);
  }
  for (const [name, t] of Object.entries({ wIh: w.wIh, wHh: w.wHh, bIh: w.bIh, bHh: w.bHh })) {
    if ((t as tf.Tensor).dtype !== 'float32') {
      throw new Error(`${who}: ${name} must be float32, got ${(t as tf.Tensor).dtype}`);
    }
  }
  if (w.wHh.rank !== 2 || w.wHh.shape[0] % G !== 0 || w.wHh.shape[0] !== G * w.wHh.shape[1]) {
    throw new Error(
      `${who}(${cell}): wHh must be [${G}*H, H] = [${G}H, H], got ${fmt(w.wHh.shape)}`,
    );
  }
  const H = w.wHh.shape[1];
  if (H < 1) throw new Error(`${who}(${cell}): the hidden size must be at least 1, got ${H}`);
  if (w.wIh.rank !== 2 || w.wIh.shape[0] !== G * H || w.wIh.shape[1] < 1) {
    throw new Error(
      `${who}(${cell}): wIh must be [${G}*H, I] = [${G * H}, I] (H = ${H}), got ${fmt(w.wIh.shape)}`,
    );
  }
  for (const [name, b] of [
    ['bIh', w.bIh],
    ['bHh', w.bHh],
  ] as const) {
    if (b.rank !== 1 || b.shape[0] !== G * H) {
      throw new Error(`${who}(${cell}): ${name} must be [${G * H}], got ${fmt(b.shape)}`);
    }
  }
  return { gates: G, input: w.wIh.shape[1], hidden: H };
}

/**
 * Checks the input sequence against the layer's input size: float32 `x` `[batch, time, input]`,
 * or int32 ids `[batch, time]` of one-hot inputs with values in `[0, input)`. The range of the ids
 * is checked where reading them is cheap (cpu and wasm: a plain copy); on webgl it would wait for
 * the GPU, so there it is not (an out-of-range id reads a zero row there).
 * @returns `[batch, time]`.
 * @throws Error naming `x`, the expected and the actual shape, dtype or the first bad id.
 */
export function checkInput(who: string, x: tf.Tensor, input: number): [number, number] {
  const float = x && x.rank === 3 && x.dtype === 'float32';
  const ids = x && x.rank === 2 && x.dtype === 'int32';
  if (!float && !ids) {
    const got = x ? `${x.dtype} ${fmt(x.shape)}` : String(x);
    throw new Error(
      `${who}: x must be [batch, time, input] (rank 3, float32) or ids [batch, time] (rank 2, int32), got ${got}`,
    );
  }
  const [B, T] = x.shape as [number, number];
  if (B < 1 || T < 1) {
    throw new Error(`${who}: x needs at least one sequence and one time step, got ${fmt(x.shape)}`);
  }
  if (x.rank === 3 && x.shape[2] !== input) {
    throw new Error(
      `${who}: x has input size ${x.shape[2]} (shape ${fmt(x.shape)}), the weights expect ${input} (wIh [G*H, ${input}])`,
    );
  }
  if (x.rank === 2 && getBackend() !== 'webgl') {
    const ids = x.dataSync();
    for (let k = 0; k < ids.length; k++) {
      if (!(ids[k] >= 0 && ids[k] < input)) {
        throw new Error(
          `${who}: ids x must be in [0, ${input}) (the columns of wIh), got ${ids[k]} at [${Math.floor(k / T)}, ${k % T}]`,
        );
      }
    }
  }
  return [B, T];
}

/**
 * Checks an initial state: `h` `[batch, H]`, and `c` `[batch, H]` exactly when the cell is an LSTM.
 * @throws Error naming the state tensor and its expected shape.
 */
export function checkState(
  who: string,
  cell: RnnCellType,
  state: RnnState,
  batch: number,
  hidden: number,
): void {
  const want = `[${batch}, ${hidden}]`;
  if (!state.h || state.h.rank !== 2 || state.h.shape[0] !== batch || state.h.shape[1] !== hidden) {
    throw new Error(
      `${who}: state.h must be [batch, H] = ${want}, got ${state.h ? fmt(state.h.shape) : String(state.h)}`,
    );
  }
  if (cell === 'lstm') {
    if (
      !state.c ||
      state.c.rank !== 2 ||
      state.c.shape[0] !== batch ||
      state.c.shape[1] !== hidden
    ) {
      throw new Error(
        `${who}(lstm): state.c must be [batch, H] = ${want}, got ${state.c ? fmt(state.c.shape) : 'none'}`,
      );
    }
  } else if (state.c) {
    throw new Error(`${who}(${cell}): state.c is only for the LSTM; this cell has no cell state`);
  }
}

/**
 * Checks per-row sequence lengths for packed sequences (PyTorch's `pack_padded_sequence` with
 * `enforce_sorted=False`: any order).
 * @param lengths - one length per row, `[batch]`, each an integer in [1, time].
 * @returns the lengths as a new `Int32Array`.
 * @throws Error naming the first bad length, or a count that is not the batch size.
 */
export function checkLengths(
  who: string,
  lengths: ArrayLike<number>,
  batch: number,
  time: number,
): Int32Array {
  if (!lengths || lengths.length !== batch) {
    throw new Error(
      `${who}: lengths must give one length per row (${batch}), got ${lengths ? lengths.length : String(lengths)}`,
    );
  }
  const out = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const n = lengths[b];
    if (!(Number.isInteger(n) && n >= 1 && n <= time)) {
      throw new Error(`${who}: lengths[${b}] = ${n} is not an integer in [1, ${time}]`);
    }
    out[b] = n;
  }
  return out;
}
