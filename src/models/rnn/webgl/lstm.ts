/**
 * LSTM forward and backward loops of the `fused` {@link runRnn} on the webgl backend, with the
 * programs of ./programs.ts: per time step 2 shader dispatches forward (c_t, then h_t, each with
 * its own share of the recurrent product) and 2 backward (one elementwise program for dz_t and the
 * carried dc, one matMul for dh_{t-1}), against ~30 for the op-by-op loops of ../fusedCells.ts
 * (every tfjs op is one dispatch, plus the pack / unpack programs between packed matMul outputs
 * and unpacked elementwise programs). Same contract ({@link CellForward} / {@link CellBackward}),
 * same values to float32 rounding. No React, no DOM.
 *
 * Falls back to the op-by-op loops (rare calls, simpler code) when gates are recorded, a
 * hidden-state probe is given, or H is odd (a packed texel would straddle two gate blocks).
 */
import * as tf from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { lstmBackward, lstmForward, type CellBackward, type CellForward } from '../fusedCells';
import {
  lstmBackwardProgram,
  lstmCellProgram,
  lstmHiddenProgram,
  packedCopyProgram,
} from './programs';

type T2 = tf.Tensor2D;
type T3 = tf.Tensor3D;

/**
 * Data ids of the tensors our forward saved, so the backward knows whose saved list it got (the
 * custom-gradient wrapper hands back clones, which share the data id).
 */
const OURS = new WeakSet<object>();

/** The active backend as a webgl backend (only called when `tf.getBackend() === 'webgl'`). */
const webgl = () => tf.backend() as unknown as MathBackendWebGL;

/** Runs `program` on the webgl backend; the result is a tensor of the enclosing scope. */
function run<R extends tf.Tensor>(program: GPGPUProgram, inputs: tf.Tensor[], t?: number): R {
  const info = webgl().compileAndRun(
    program,
    inputs,
    'float32',
    t === undefined ? undefined : [[t]],
  );
  return tf.engine().makeTensorFromTensorInfo(info) as R;
}

/**
 * `x` in a packed texture: a tensor read by a program every step must not be re-packed every
 * step (the backend packs an unpacked input for each program call and frees it afterwards).
 */
function packed<R extends tf.Tensor>(x: R): R {
  const data = webgl().texData.get(x.dataId);
  if (data.texture == null || data.isPacked) return x; // uploaded packed on first use
  return run<R>(packedCopyProgram(x.shape), [x]);
}

/**
 * LSTM forward loop (see the module comment). Saves `[xp3, zr3, cs]`: the input projections
 * `[T, B, 4H]`, the recurrent projections zr = H_prev W_hh^T `[T, B, 4H]` (one matMul over all
 * steps after the loop) and the cell states c_0 ... c_T `[T + 1, B, H]`; the backward program
 * recomputes the gates from them.
 */
export const lstmForwardWebgl: CellForward = (a) => {
  const { T, B, H } = a;
  if (a.recordGates || a.probe || H % 2 !== 0) return lstmForward(a);
  const xp3 = packed(tf.reshape(a.xp, [T, B, 4 * H]) as T3);
  const whhT = packed(a.whhT);
  const cellProgram = lstmCellProgram(B, H);
  const hiddenProgram = lstmHiddenProgram(B, H);
  const hs: T2[] = [];
  const cs: T2[] = [a.c0!];
  let h = a.h0;
  for (let t = 0; t < T; t++) {
    const c = run<T2>(cellProgram, [h, cs[t], whhT, xp3], t);
    h = run<T2>(hiddenProgram, [h, c, whhT, xp3], t);
    cs.push(c);
    hs.push(h);
  }
  const hPrev = tf.concat([a.h0, ...hs.slice(0, T - 1)], 0);
  const zr3 = tf.reshape(tf.matMul(hPrev, whhT), [T, B, 4 * H]);
  const csAll = tf.stack(cs, 0);
  OURS.add(csAll.dataId);
  tf.dispose([hPrev, ...cs.slice(1, T)]);
  return { hs, c: cs[T], gates: [], saved: [xp3, zr3, csAll] };
};

/** LSTM backward loop for {@link lstmForwardWebgl} (the op-by-op one for its fallbacks). */
export const lstmBackwardWebgl: CellBackward = (dy, saved, wHh, probing) => {
  const csAll = saved[saved.length - 1];
  if (!OURS.has(csAll.dataId)) return lstmBackward(dy, saved, wHh, probing);
  const [xp3, zr3] = saved as T3[];
  const [T, B, G] = xp3.shape;
  const H = G / 4;
  const dyP = packed(dy);
  // [W_hh; 0] `[5H, H]`: the fifth block of each step's output (the carried dc) meets zeros.
  const wExt = tf.concat([wHh, tf.zeros([H, H])], 0) as T2;
  const program = lstmBackwardProgram(B, H, T);
  const outs: T2[] = new Array(T);
  let dhRec = tf.zeros([B, H]) as T2;
  let carry = tf.zeros([B, 5 * H]) as T2;
  for (let t = T - 1; t >= 0; t--) {
    const out = run<T2>(program, [dyP, dhRec, carry, xp3, zr3, csAll], t);
    dhRec = tf.matMul(out, wExt);
    carry = out;
    outs[t] = out;
  }
  const all = tf.concat(outs, 0) as T2;
  const dXp = tf.slice(all, [0, 0], [T * B, 4 * H]) as T2;
  const dc0 = tf.slice(outs[0], [0, 4 * H], [B, H]) as T2;
  return { dXp, dHp: dXp, dh0: dhRec, dc0 };
};
