/**
 * The LSTM loops of the `fused` implementation of {@link runRnn} on the `wasm` backend:
 * the recurrent matMul of every step runs in wasm (XNNPACK), the elementwise cell equations of the
 * step run as one plain loop over typed arrays. No React, no DOM.
 *
 * Why: on wasm every tfjs op costs a fixed ~20 µs of bookkeeping whatever its size, and a step of
 * the op-by-op loop (./fusedCells.ts) is 13 ops forward and 7 backward on `[32, 128]` tensors, so
 * the bookkeeping was most of the loop's time. Here a step is one matMul, one read of its result
 * (the wasm heap is ordinary memory: a copy, no GPU to wait for) and one upload of the new h (or
 * dz); the derivative factors that the backward pass needs are written into preallocated arrays
 * during the forward loop, and uploaded once. Same contract, same saved tensors and the same
 * numbers (to float32 rounding) as {@link lstmForward} / {@link lstmBackward}, which stay the
 * readable version of the same equations.
 */
import * as tf from '@tensorflow/tfjs';
import type { SequenceArgs, SequenceResult } from './cells';
import { cpuSequence } from './cpu/sequence';
import { timeRows, type CellBackward, type CellForward, type LoopResult } from './fusedCells';
import type { RnnCellType } from './types';
import { rnnWasmKernels } from './wasm/kernels';

type T2 = tf.Tensor2D;

/** Reads a tensor's values (a copy on wasm). */
const read = (t: tf.Tensor) => t.dataSync() as Float32Array;

/**
 * LSTM forward loop on wasm. Per step, with z = h_{t-1} W_hh^T + xp_t (gate blocks i, f, g, o):
 * i, f, o = σ(z), g = tanh(z_g), c_t = f c_{t-1} + i g, h_t = o tanh(c_t) (+ probe). Saves what
 * {@link lstmForward} saves: qd `[T, B, 4H]`, ot = o tanh'(c) `[T, B, H]` and f `[T, B, H]`.
 */
export const lstmForwardWasm: CellForward = (a) => {
  const { T, B, H } = a;
  const G = 4 * H;
  // σ runs in wasm (a vectorised kernel, ~20x faster per element than Math.exp in JS), over the
  // whole [B, 4H] pre-activation of a step. The g block gets tanh the same way: tanh(x) =
  // 2 σ(2x) - 1, so its columns of W_hh^T and of the input projections are doubled once here.
  const gScale = tf.concat([tf.ones([2 * H]), tf.fill([H], 2), tf.ones([H])]); // i f g o
  const whhT = tf.mul(a.whhT, gScale) as T2;
  const xpRows = timeRows(tf.reshape(tf.mul(a.xp, gScale), [T, B, G]) as tf.Tensor3D);
  const probe = a.probe ? read(a.probe) : undefined;
  const qd = new Float32Array(T * B * G);
  const ot = new Float32Array(T * B * H);
  const fs = new Float32Array(T * B * H);
  const rec = a.recordGates ? ['i', 'f', 'g', 'o'].map(() => new Float32Array(T * B * H)) : [];
  let c = Float32Array.from(read(a.c0!));
  const hs: T2[] = [];
  let h = a.h0;
  for (let t = 0; t < T; t++) {
    const sT = tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(h, whhT), xpRows[t])));
    const s = read(sT);
    sT.dispose();
    xpRows[t].dispose();
    const hNew = new Float32Array(B * H);
    const cNew = new Float32Array(B * H);
    for (let b = 0; b < B; b++) {
      const r = b * G; // row b of the step's gates; row t*B + b of qd
      const q = t * B * G + r;
      for (let j = 0; j < H; j++) {
        const i = s[r + j];
        const f = s[r + H + j];
        const g = 2 * s[r + 2 * H + j] - 1;
        const o = s[r + 3 * H + j];
        const k = b * H + j;
        const cp = c[k];
        const cn = f * cp + i * g;
        const tc = 2 / (1 + Math.exp(-2 * cn)) - 1; // tanh(c)
        cNew[k] = cn;
        const n = t * B * H + k;
        hNew[k] = probe ? o * tc + probe[n] : o * tc;
        // The derivative factors of the backward pass (see lstmForward): σ' = s (1 - s) etc.
        qd[q + j] = g * i * (1 - i);
        qd[q + H + j] = cp * f * (1 - f);
        qd[q + 2 * H + j] = i * (1 - g * g);
        qd[q + 3 * H + j] = tc * o * (1 - o);
        ot[n] = o * (1 - tc * tc);
        fs[n] = f;
        if (rec.length) {
          rec[0][n] = i;
          rec[1][n] = f;
          rec[2][n] = g;
          rec[3][n] = o;
        }
      }
    }
    c = cNew;
    h = tf.tensor2d(hNew, [B, H]);
    hs.push(h);
  }
  tf.dispose([gScale, whhT]);
  const gates: LoopResult['gates'] = [];
  if (rec.length) {
    const n = B * H;
    for (let t = 0; t < T; t++) {
      const [i, f, g, o] = rec.map((r) => tf.tensor2d(r.subarray(t * n, (t + 1) * n), [B, H]));
      gates.push({ i, f, g, o });
    }
  }
  return {
    hs,
    c: tf.tensor2d(c, [B, H]),
    gates,
    saved: [tf.tensor3d(qd, [T, B, G]), tf.tensor3d(ot, [T, B, H]), tf.tensor3d(fs, [T, B, H])],
  };
};

/**
 * LSTM backward loop on wasm (the equations of {@link lstmBackward}): per step
 * dh = dy_t + dh_rec, dc = dh ⊙ ot + dc, dz = [dc, dc, dc, dh] ⊙ qd_t, dc_{t-1} = dc ⊙ f,
 * dh_rec = dz · W_hh (the matMul in wasm).
 */
export const lstmBackwardWasm: CellBackward = (dy, saved, wHh, probing) => {
  const [qdT, otT, fT] = saved;
  const [T, B, G] = qdT.shape as [number, number, number];
  const H = G / 4;
  const n = B * H;
  const dyv = read(dy);
  const qd = read(qdT);
  const ot = read(otT);
  const fs = read(fT);
  const dXp = new Float32Array(T * B * G);
  const TB = T * B;
  const dzT = new Float32Array(G * TB);
  const dProbe = probing ? new Float32Array(T * n) : undefined;
  let dc = Float32Array.from(dyv.subarray(T * n, (T + 1) * n)); // the final c's gradient
  let dhRec: Float32Array | undefined;
  for (let t = T - 1; t >= 0; t--) {
    const dz = dXp.subarray(t * B * G, (t + 1) * B * G);
    const dcPrev = new Float32Array(n);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const m = t * n + k;
        const dh = dyv[m] + (dhRec ? dhRec[k] : 0);
        if (dProbe) dProbe[m] = dh;
        const dcT = dh * ot[m] + dc[k];
        const r = b * G + j;
        const q = t * B * G + r;
        const zi = dcT * qd[q];
        const zf = dcT * qd[q + H];
        const zg = dcT * qd[q + 2 * H];
        const zo = dh * qd[q + 3 * H];
        dz[r] = zi;
        dz[r + H] = zf;
        dz[r + 2 * H] = zg;
        dz[r + 3 * H] = zo;
        // dZ^T as well, column j of the gates at row t*B + b (the rows of one step are
        // contiguous in every column, so these writes stay in cache).
        const w = j * TB + t * B + b;
        dzT[w] = zi;
        dzT[w + H * TB] = zf;
        dzT[w + 2 * H * TB] = zg;
        dzT[w + 3 * H * TB] = zo;
        dcPrev[k] = dcT * fs[m];
      }
    }
    dc = dcPrev;
    const dhT = tf.tidy(() => tf.matMul(tf.tensor2d(dz, [B, G]), wHh));
    dhRec = Float32Array.from(read(dhT));
    dhT.dispose();
  }
  const dXpT = tf.tensor2d(dXp, [T * B, G]);
  return {
    dXp: dXpT,
    dHp: dXpT,
    // dZ^T for the weight gradients, written in the loop above: a separate typed-array
    // transpose of [2048, 512] took 5-7 ms, wasm's Transpose kernel ~10 ms.
    dHpT: tf.tensor2d(dzT, [G, TB]),
    dh0: tf.tensor2d(dhRec!, [B, H]),
    dc0: tf.tensor2d(dc, [B, H]),
    dProbe: dProbe ? tf.tensor3d(dProbe, [T, B, H]) : undefined,
  };
};

/** The wasm loops per cell; a missing cell uses the op-by-op loops. */
export const WASM_LOOPS: Partial<Record<RnnCellType, readonly [CellForward, CellBackward]>> = {
  lstm: [lstmForwardWasm, lstmBackwardWasm],
};

/**
 * The cells that use {@link WASM_SEQUENCE} on the wasm backend. CPU time per training step in
 * Node on tfjs-wasm (char LM, H 128, T 64, batch 32; medians of 8 alternating steps):
 * GRU 114 ms with the op loops, 64 ms with this op; Elman RNN 53 and 45 ms; LSTM 107 and 110 ms
 * (its own loops above already run the products in XNNPACK and the cell in one JavaScript pass),
 * so the LSTM keeps them.
 */
export const WASM_SEQUENCE_CELLS: Record<RnnCellType, boolean> = {
  rnn: true,
  lstm: false,
  gru: true,
};

/**
 * The wasm backend's whole-sequence op for the cells in {@link WASM_SEQUENCE_CELLS}: the loops of
 * ./cpu/sequence.ts over typed arrays, with every product and the GRU's forward pass in the
 * WebAssembly SIMD kernels of ./wasm/kernels.ts, as one custom-gradient op. undefined (the caller
 * runs the op loops above) where WebAssembly SIMD is missing or for inputs it does not handle.
 */
export function WASM_SEQUENCE(args: SequenceArgs): SequenceResult | undefined {
  if (!WASM_SEQUENCE_CELLS[args.cell]) return undefined;
  const kernels = rnnWasmKernels();
  return kernels ? cpuSequence(args, kernels) : undefined;
}
