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
 * Runs one recurrent layer over a sequence on the cpu backend as one custom-gradient op.
 *
 * @param args - the validated inputs of {@link SequenceArgs}: `x` float32 `[B, T, I]` or int32 ids
 *   `[B, T]` (one-hot columns of W_ih, never materialised; ids get no gradient), the
 *   weights in PyTorch's layout, `h0` (`c0`) `[B, H]`, the probe `[T, B, H]`, `recordGates`.
 * @returns `hsTime` `[T, B, H]`, final `h` (and `c`) `[B, H]`, and with `recordGates` the gate
 *   activations `[B, T, H]` by name; gradients flow to x, the four weights, h0, c0 and the probe.
 *   undefined (the caller runs the op loops) for an input of another dtype or rank, or weights or
 *   states that are not float32.
 * @param wasm - the WebAssembly SIMD kernels (../wasm/kernels.ts), for the wasm backend: every
 *   product and the GRU's forward pass (without a probe, H a multiple of 4) run there, in float32
 *   (so results match the tfjs op path to float32 rounding, not bit for bit). Default null: the
 *   JavaScript loops, bit-equal to tfjs-cpu's forward values.
 * @throws RangeError for an id outside `[0, I)`.
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
  cpuSequenceStats.calls++;
  const lstm = cell === 'lstm';
  const [jsForward, backward] = PASSES[cell];
  const gemm = wasm ? wasm.gemmNT : gemmNT;
  const forward =
    wasm && cell === 'gru' && !args.probe && H % 4 === 0
      ? (a: ForwardArgs): ForwardResult => {
          const { states, hn } = wasm.gruForward(a.xp, a.wHh, a.bHh, a.h0, T, B, H);
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
    const fwd = forward({
      T,
      B,
      H,
      gemm,
      xp: inputProjection(input, wIh, bias, R, N, gemm),
      wHh,
      bHh,
      h0,
      c0: lstm ? read(5) : undefined,
      probe: args.probe ? read(inputs.length - 1) : undefined,
    });
    if (recordGates) acts = fwd.saved.acts;
    const packed = new Float32Array(rows * B * H);
    packed.set(fwd.hs);
    packed.set(fwd.hs.subarray((T - 1) * B * H), R * H);
    if (fwd.c) packed.set(fwd.c, (T + 1) * B * H);
    const value = tf.tensor3d(packed, [rows, B, H]);

    const gradFunc = (dy: tf.Tensor) => {
      const dyV = dy.dataSync() as Float32Array;
      // dLoss/dh_t from the outputs, plus the final h's own gradient on the last step.
      const dHs = dyV.slice(0, R * H);
      for (let q = 0; q < B * H; q++) dHs[(T - 1) * B * H + q] += dyV[R * H + q];
      const back = backward({
        T,
        B,
        H,
        gemm,
        saved: fwd.saved,
        dy: dHs,
        dcT: lstm ? dyV.subarray((T + 1) * B * H) : undefined,
        wHhT: transpose(wHh, N, H),
        probing: args.probe !== undefined,
      });
      let dXpT: Float32Array | undefined;
      const dXpTransposed = () => (dXpT ??= transpose(back.dXp, R, N));
      let dWhh: Float32Array;
      if (wasm) {
        dWhh = wasm.gemmTN(back.dHp, fwd.saved.hPrev, R, N, H);
      } else {
        const dHpT = back.dHp === back.dXp ? dXpTransposed() : transpose(back.dHp, R, N);
        dWhh = new Float32Array(N * H);
        gemm(dHpT, transpose(fwd.saved.hPrev, R, H), dWhh, N, R, H);
      }
      const colSums = wasm ? wasm.columnSums : columnSums;
      const dbIh = colSums(back.dXp, R, N);
      const grads: tf.Tensor[] = [
        tf.tensor2d(inputWeightGrad(input, back.dXp, dXpTransposed, R, N, gemm), [N, I]),
        tf.tensor2d(dWhh, [N, H]),
        tf.tensor1d(dbIh),
        tf.tensor1d(back.dHp === back.dXp ? dbIh.slice() : colSums(back.dHp, R, N)),
        tf.tensor2d(back.dh0, [B, H]),
      ];
      if (lstm) grads.push(tf.tensor2d(back.dc0!, [B, H]));
      if (!ids) {
        const dx = swapLeadingAxes(inputGrad(back.dXp, wIh, R, N, I, gemm), T, B, I);
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
