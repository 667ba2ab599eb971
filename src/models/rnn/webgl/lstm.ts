/**
 * LSTM forward and backward loops of the `fused` {@link runRnn} on the webgl backend, with the
 * programs of ./programs.ts: per time step 3 shader dispatches forward (z_t = xp_t + h W_hh^T,
 * then c_t, then h_t) and 2 backward (one elementwise program for dz_t and the carried dc, one
 * product dz_t W_hh), against ~30 for the op-by-op loops of ../fusedCells.ts
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
  lstmPreactProgram,
  lstmRecurrentGradProgram,
  packedCopyProgram,
  stackColumnsProgram,
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
 * `[n, B, cols]`: the first `cols` columns of n packed `[B, W]` tensors stacked, in groups of as
 * many inputs as a shader may read (two levels: 16 x 16 = 256 steps, then a third, and so on).
 */
function stackColumns(xs: tf.Tensor[], cols: number): T3 {
  const B = xs[0].shape[xs[0].rank - 2];
  const most = Math.max(2, Math.min(16, tf.env().getNumber('WEBGL_MAX_TEXTURES_IN_SHADER')));
  let level = xs;
  do {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += most) {
      const group = level.slice(i, i + most);
      const counts = group.map((x) => (x.rank === 3 ? x.shape[0] : 0));
      next.push(run(stackColumnsProgram(counts, B, cols), group));
    }
    if (level !== xs) tf.dispose(level);
    level = next;
  } while (level.length > 1);
  return level[0] as T3;
}

/**
 * LSTM forward loop (see the module comment). Saves `[z_0 ... z_{T-1}, c_0 ... c_T]`: each
 * step's gate pre-activations `[B, 4H]` and the cell states `[B, H]`; the backward program
 * recomputes the gates from them.
 */
export const lstmForwardWebgl: CellForward = (a) => {
  const { T, B, H } = a;
  if (a.recordGates || a.probe || H % 2 !== 0) return lstmForward(a);
  const xp3 = packed(tf.reshape(a.xp, [T, B, 4 * H]) as T3);
  const whhT = packed(a.whhT);
  const preact = lstmPreactProgram(B, H);
  const cell = lstmCellProgram(B, H);
  const hidden = lstmHiddenProgram(B, H);
  const hs: T2[] = [];
  const zs: T2[] = [];
  const cs: T2[] = [a.c0!];
  let h = a.h0;
  for (let t = 0; t < T; t++) {
    const z = run<T2>(preact, [h, whhT, xp3], t);
    const c = run<T2>(cell, [z, cs[t]]);
    h = run<T2>(hidden, [z, c]);
    zs.push(z);
    cs.push(c);
    hs.push(h);
  }
  OURS.add(zs[0].dataId);
  return { hs, c: cs[T], gates: [], saved: [...zs, ...cs] };
};

/** LSTM backward loop for {@link lstmForwardWebgl} (the op-by-op one for its fallbacks). */
export const lstmBackwardWebgl: CellBackward = (dy, saved, wHh, probing) => {
  if (!OURS.has(saved[0].dataId)) return lstmBackward(dy, saved, wHh, probing);
  const T = (saved.length - 1) / 2;
  const zs = saved.slice(0, T) as T2[];
  const cs = saved.slice(T) as T2[];
  const [B, G] = zs[0].shape;
  const H = G / 4;
  const dyP = packed(dy);
  const whh = packed(wHh);
  const step = lstmBackwardProgram(B, H, T);
  const recurrent = lstmRecurrentGradProgram(B, H);
  const outs: T2[] = new Array(T);
  let dhRec = tf.zeros([B, H]) as T2;
  let carry = tf.zeros([B, 5 * H]) as T2;
  for (let t = T - 1; t >= 0; t--) {
    carry = run<T2>(step, [dyP, dhRec, carry, zs[t], cs[t], cs[t + 1]], t);
    dhRec = run<T2>(recurrent, [carry, whh]);
    outs[t] = carry;
  }
  const dXp = tf.reshape(stackColumns(outs, 4 * H), [T * B, 4 * H]) as T2;
  const dc0 = tf.slice(outs[0], [0, 4 * H], [B, H]) as T2;
  return { dXp, dHp: dXp, dh0: dhRec, dc0 };
};
