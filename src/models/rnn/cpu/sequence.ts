/**
 * The whole-sequence recurrent op of the cpu backend: forward pass and hand-written
 * backpropagation through time (Werbos 1990) for the rnn, lstm and gru cells, as loops over
 * `Float32Array`s wrapped in ONE `tf.customGrad` op, the way tfjs-backend-cpu's own kernels are
 * loops over typed arrays. Same contract and results (to float32 rounding) as the op-by-op
 * `fusedSequence` of ../fused.ts, which it replaces on cpu through ../fusedCpu.ts. No React, no DOM.
 *
 * Why: on the cpu backend every tfjs op is a JavaScript kernel with bookkeeping around it, and
 * tfjs-cpu's matMul ran the char LSTM's shapes at 0.13-0.3 GMAC/s; the char LSTM (H 128, T 64,
 * B 32, one-hot input) spent ~3.4 s of its ~3.5 s step in matMul and column slices. Here the recurrent products
 * run at 1.3-2 GMAC/s (./gemm.ts), the gates and their derivatives are one elementwise pass per
 * step (./cells.ts), and one-hot or id inputs cost a row gather instead of a product (./input.ts).
 * Measured (char LSTM with ids input, Node 20, CPU time per training step, each version
 * interleaved with tf.layers in one process): the op-by-op loops 2742 ms against
 * tf.layers' 4146 ms (1.5x); this op 630 ms against 4008 ms (6.4x), of which the op itself is
 * ~300 ms (forward ~85 ms, three products of ~65 ms) and the decoder, softmax cross-entropy,
 * clipping and Adam of ../charLm.ts the rest.
 *
 * The wasm backend runs the same op for the GRU and the Elman RNN (../fusedWasm.ts's
 * WASM_SEQUENCE), with the products, the weight gradients, the column sums and the GRU's forward
 * pass in the WebAssembly SIMD kernels of ../wasm (the `wasm` argument below).
 *
 * Weight gradients over all steps at once, as cuDNN does (rows r = t*B + b):
 *   dW_ih = dXpᵀ · X (a scatter-add by id for sparse / id input), dW_hh = dHpᵀ · H_prev,
 *   db_ih = Σ_r dXp, db_hh = Σ_r dHp, dx = dXp · W_ih.
 *
 * Packed sequences (`lengths`, PyTorch's `pack_padded_sequence` semantics): inside the op the rows
 * are put in order of length, longest first (a stable sort; no copy when they already are), so
 * that step t runs the recurrent product, the gate pass and the backward pass's step on the prefix
 * of b_t rows still running; the other rows carry their state unchanged and get zero dXp and dHp,
 * so the weight-gradient products over all rows above need no change. Padded steps cost
 * nothing but that carry: the date model's encoder (lengths 8-24, T 24) runs ~2/3 of its steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { SequenceArgs, SequenceResult } from '../cells';
import { GATE_COUNT, GATE_NAMES, type RnnCellType } from '../types';
import {
  gruBackward,
  gruForward,
  lstmBackward,
  lstmForward,
  rnnBackward,
  rnnForward,
  type BackwardArgs,
  type BackwardResult,
  type ForwardArgs,
  type ForwardResult,
} from './cells';
import type { RnnWasmKernels } from '../wasm/kernels';
import { columnSums, gemmNT, swapLeadingAxes, transpose } from './gemm';
import { inputGrad, inputProjection, inputWeightGrad, readInput } from './input';

type T2 = tf.Tensor2D;

const PASSES: Record<
  RnnCellType,
  readonly [(a: ForwardArgs) => ForwardResult, (a: BackwardArgs) => BackwardResult]
> = {
  rnn: [rnnForward, rnnBackward],
  lstm: [lstmForward, lstmBackward],
  gru: [gruForward, gruBackward],
};

/** Counts calls that ran here (not the op loops): lets tests check which path ran. */
export const cpuSequenceStats = { calls: 0 };

/**
 * The row order and per-step row counts of packed sequences.
 * @param lengths - each row's length `[B]`, integers in [1, T], any order.
 * @returns `order` (row i of the sorted batch is row order[i] of the input; null when the lengths
 *   already never increase) and `counts` `[T]`: the rows whose length exceeds t.
 */
export function packOrder(
  lengths: Int32Array,
  T: number,
): { order: Int32Array | null; counts: Int32Array } {
  const B = lengths.length;
  let sorted = true;
  for (let b = 1; b < B; b++) if (lengths[b] > lengths[b - 1]) sorted = false;
  const order = sorted
    ? null
    : Int32Array.from(
        Array.from(lengths, (_, b) => b).sort((a, b) => lengths[b] - lengths[a] || a - b),
      );
  const counts = new Int32Array(T);
  for (const n of lengths) for (let t = 0; t < n && t < T; t++) counts[t]++;
  return { order, counts };
}

/**
 * Rows of `steps` blocks of B rows of width w, reordered within each block: `gather` makes row i
 * of a block from row order[i] (input order -> sorted), otherwise row order[i] from row i
 * (sorted -> input order). A new array.
 */
function reorderRows(
  a: Float32Array,
  steps: number,
  B: number,
  w: number,
  order: Int32Array,
  gather: boolean,
): Float32Array {
  const out = new Float32Array(steps * B * w);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < B; i++) {
      const from = (t * B + (gather ? order[i] : i)) * w;
      const to = (t * B + (gather ? i : order[i])) * w;
      for (let j = 0; j < w; j++) out[to + j] = a[from + j];
    }
  }
  return out;
}

/**
 * Runs one recurrent layer over a sequence on the cpu backend as one custom-gradient op.
 *
 * @param args - the validated inputs of {@link SequenceArgs}: `x` float32 `[B, T, I]` or int32 ids
 *   `[B, T]` (one-hot columns of W_ih, never materialised; ids get no gradient), the
 *   weights in PyTorch's layout, `h0` (`c0`) `[B, H]`, the probe `[T, B, H]`, `recordGates`.
 * @returns `hsTime` `[T, B, H]`, final `h` (and `c`) `[B, H]`, and with `recordGates` the gate
 *   activations `[B, T, H]` by name; gradients flow to x, the four weights, h0, c0 and the probe.
 *   undefined (the caller runs the op loops) for an input of another dtype or rank, or weights or
 *   states that are not float32. With `args.lengths` (packed sequences, PyTorch's
 *   `pack_padded_sequence(enforce_sorted=False)` then `pad_packed_sequence`): outputs (and gates)
 *   0 at t >= lengths[b], `h` (`c`) each row's state at its own last step, and the exact gradient
 *   of that (dy past a row's end is ignored); `packed` is then true in the result.
 * @param wasm - the WebAssembly SIMD kernels (../wasm/kernels.ts), for the wasm backend: every
 *   product and the GRU's forward pass (without a probe, H a multiple of 4) run there, in float32
 *   (so results match the tfjs op path to float32 rounding, not bit for bit). Default null: the
 *   JavaScript loops, bit-equal to tfjs-cpu's forward values.
 * @throws RangeError for an id outside `[0, I)`, lengths that are not B integers in [1, T], or
 *   lengths with a probe.
 */
export function cpuSequence(
  args: SequenceArgs,
  wasm: RnnWasmKernels | null = null,
): SequenceResult | undefined {
  const { cell, w, recordGates } = args;
  const x: tf.Tensor = args.x;
  const tensors = [w.wIh, w.wHh, w.bIh, w.bHh, args.h0, args.c0, args.probe];
  if (tensors.some((t) => t !== undefined && t.dtype !== 'float32')) return undefined;
  const [B, T] = x.shape;
  const H = w.wHh.shape[1];
  const I = w.wIh.shape[1];
  const N = GATE_COUNT[cell] * H;
  const R = T * B;
  const input = readInput(x, I);
  if (!input) return undefined;
  const lengths = args.lengths;
  if (lengths) {
    if (args.probe) throw new RangeError('runRnn (cpu): lengths cannot be combined with a probe');
    if (lengths.length !== B || lengths.some((n) => !(Number.isInteger(n) && n >= 1 && n <= T)))
      throw new RangeError(`runRnn (cpu): lengths must be ${B} integers in [1, ${T}]`);
  }
  const { order, counts } = lengths
    ? packOrder(lengths, T)
    : { order: null, counts: undefined as Int32Array | undefined };
  /** Input order -> sorted (gather) for `steps` blocks of width w; as is without a reorder. */
  const sortRows = (a: Float32Array, steps: number, w: number) =>
    order ? reorderRows(a, steps, B, w, order, true) : a;
  /** Sorted -> input order. */
  const unsortRows = (a: Float32Array, steps: number, w: number) =>
    order ? reorderRows(a, steps, B, w, order, false) : a;
  /** Time-major rows `[T*B, w]` (sorted order) with the rows past each row's end set to 0, in place. */
  const padToZero = (a: Float32Array, w: number) => {
    if (counts) for (let t = 0; t < T; t++) a.fill(0, (t * B + counts[t]) * w, (t + 1) * B * w);
    return a;
  };
  cpuSequenceStats.calls++;
  const lstm = cell === 'lstm';
  const [jsForward, backward] = PASSES[cell];
  const gemm = wasm ? wasm.gemmNT : gemmNT;
  const forward =
    wasm && cell === 'gru' && !args.probe && H % 4 === 0
      ? (a: ForwardArgs): ForwardResult => {
          const { states, hn } = wasm.gruForward(a.xp, a.wHh, a.bHh, a.h0, T, B, H, counts);
          const hPrev = states.subarray(0, R * H);
          return { hs: states.subarray(B * H), saved: { acts: a.xp, hPrev, hn } };
        }
      : jsForward;
  // Ids are read through the closure, not passed as an op input: they get no gradient (like
  // PyTorch's x.requires_grad = False), so no dx is computed for them.
  const ids = input.kind === 'sparse' && input.ids;
  const inputs: tf.Tensor[] = [w.wIh, w.wHh, w.bIh, w.bHh, args.h0];
  if (lstm) inputs.push(args.c0!);
  if (!ids) inputs.push(x);
  if (args.probe) inputs.push(args.probe);
  let acts: Float32Array | undefined;
  // The op's value, time-major: h_0 ... h_{T-1}, then h_{T-1} again (the final h, with its own
  // gradient), then the LSTM's final c.
  const rows = lstm ? T + 2 : T + 1;

  const op = tf.customGrad((...opArgs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const read = (k: number) => (opArgs[k] as tf.Tensor).dataSync() as Float32Array;
    const [wIh, wHh, bIh, bHh, h0] = [0, 1, 2, 3, 4].map(read);
    const bias = cell === 'gru' ? bIh : Float32Array.from(bIh, (v, j) => v + bHh[j]);
    // Packed and out of order: the op runs on the rows sorted by length (see sortRows).
    const fwd = forward({
      T,
      B,
      H,
      gemm,
      counts,
      xp: sortRows(inputProjection(input, wIh, bias, R, N, gemm), T, N),
      wHh,
      bHh,
      h0: sortRows(h0, 1, H),
      c0: lstm ? sortRows(read(5), 1, H) : undefined,
      probe: args.probe ? read(inputs.length - 1) : undefined,
    });
    if (recordGates) acts = unsortRows(padToZero(fwd.saved.acts, N), T, N);
    const packed = new Float32Array(rows * B * H);
    // The outputs, 0 past each row's end (fwd.hs has the carried states there, and shares its
    // array with saved.hPrev, so it is copied, not zeroed in place); then the final h (and c).
    packed.set(unsortRows(padToZero(fwd.hs.slice(0, R * H), H), T, H));
    packed.set(unsortRows(fwd.hs.subarray((T - 1) * B * H), 1, H), R * H);
    if (fwd.c) packed.set(unsortRows(fwd.c, 1, H), (T + 1) * B * H);
    const value = tf.tensor3d(packed, [rows, B, H]);

    const gradFunc = (dy: tf.Tensor) => {
      const dyV = dy.dataSync() as Float32Array;
      // dLoss/dh_t from the outputs (past a row's end they are the constant 0: no gradient);
      // the final h's own gradient enters the recurrence at each row's last step.
      const back = backward({
        T,
        B,
        H,
        gemm,
        counts,
        saved: fwd.saved,
        dy: sortRows(dyV.subarray(0, R * H), T, H),
        dhT: sortRows(dyV.subarray(R * H, (T + 1) * B * H), 1, H),
        dcT: lstm ? sortRows(dyV.subarray((T + 1) * B * H), 1, H) : undefined,
        wHhT: transpose(wHh, N, H),
        probing: args.probe !== undefined,
      });
      // dXp in input order for the input's own gradients; dW_hh and the bias sums do not depend
      // on the row order (dHp and hPrev are both in the sorted order).
      const dXp = unsortRows(back.dXp, T, N);
      const sameDHp = back.dHp === back.dXp;
      let dXpT: Float32Array | undefined;
      const dXpTransposed = () => (dXpT ??= transpose(dXp, R, N));
      let dWhh: Float32Array;
      if (wasm) {
        dWhh = wasm.gemmTN(back.dHp, fwd.saved.hPrev, R, N, H);
      } else {
        const dHpT = sameDHp && !order ? dXpTransposed() : transpose(back.dHp, R, N);
        dWhh = new Float32Array(N * H);
        gemm(dHpT, transpose(fwd.saved.hPrev, R, H), dWhh, N, R, H);
      }
      const colSums = wasm ? wasm.columnSums : columnSums;
      const dbIh = colSums(dXp, R, N);
      const grads: tf.Tensor[] = [
        tf.tensor2d(inputWeightGrad(input, dXp, dXpTransposed, R, N, gemm), [N, I]),
        tf.tensor2d(dWhh, [N, H]),
        tf.tensor1d(dbIh),
        tf.tensor1d(sameDHp ? dbIh.slice() : colSums(back.dHp, R, N)),
        tf.tensor2d(unsortRows(back.dh0, 1, H), [B, H]),
      ];
      if (lstm) grads.push(tf.tensor2d(unsortRows(back.dc0!, 1, H), [B, H]));
      if (!ids) {
        const dx = swapLeadingAxes(inputGrad(dXp, wIh, R, N, I, gemm), T, B, I);
        grads.push(tf.tensor3d(dx, [B, T, I]));
      }
      if (back.dProbe) grads.push(tf.tensor3d(back.dProbe, [T, B, H]));
      return grads;
    };
    return { value, gradFunc };
  });

  // One split (cpu: views of contiguous rows; gradient: one concat), not slices: the gradient of
  // a slice of the [T, B, H] outputs is a pad, which cost 63 ms of a ~700 ms char LSTM step.
  const [hsTime, hLast, cLast] = tf.split(op(...inputs), lstm ? [T, 1, 1] : [T, 1], 0);
  const h = tf.reshape(hLast, [B, H]) as T2;
  const c = cLast ? (tf.reshape(cLast, [B, H]) as T2) : undefined;
  return {
    hsTime: hsTime as tf.Tensor3D,
    h,
    c,
    gates: acts ? gateTensors(cell, acts, T, B, H) : undefined,
    packed: lengths !== undefined,
  };
}

/** Gate activations time-major `[T*B, G*H]` -> one `[B, T, H]` tensor per gate name. */
function gateTensors(
  cell: RnnCellType,
  acts: Float32Array,
  T: number,
  B: number,
  H: number,
): Record<string, tf.Tensor3D> {
  const N = GATE_COUNT[cell] * H;
  const out: Record<string, tf.Tensor3D> = {};
  GATE_NAMES[cell].forEach((name, k) => {
    const g = new Float32Array(B * T * H);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const from = (t * B + b) * N + k * H;
        g.set(acts.subarray(from, from + H), (b * T + t) * H);
      }
    }
    out[name] = tf.tensor3d(g, [B, T, H]);
  });
  return out;
}
