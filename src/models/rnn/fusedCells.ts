/**
 * Per-cell forward loops and hand-written backward passes of the `fused` implementation of
 * {@link runRnn} (the shared custom-gradient wrapper and the weight gradients are in ./fused.ts).
 * No React, no DOM.
 *
 * Speed rules (every tfjs op is one kernel call with fixed overhead: a shader dispatch
 * on webgl, JS bookkeeping on cpu and wasm, so the count of ops per time step is what costs):
 * - per-step rows of a time-major tensor come from {@link timeRows}, one call per tensor before
 *   the loop, never a slice or gather per step;
 * - LSTM forward: one sigmoid over the whole `[B, 4H]` pre-activation (the g block's result is
 *   unused), one tanh over the g block, tanh(c_t) computed once;
 * - every derivative factor that does not depend on the incoming gradient (sigmoid' and tanh' of
 *   the saved activations, times the other factor of each product) is computed ONCE for all time
 *   steps after the forward loop, as a few ops over `[T, B, G*H]`; the backward loop then does
 *   only what is inherently sequential: LSTM 7 ops per step (dh, dc, dz, dc_{t-1}, dh_{t-1}),
 *   RNN 3, GRU as the equations need.
 */
import * as tf from '@tensorflow/tfjs';
import { cellStep, gateBlock } from './cells';

type T2 = tf.Tensor2D;
type T3 = tf.Tensor3D;

/**
 * Splits a time-major `[T, B, N]` tensor into T tensors `[B, N]`.
 *
 * wasm (tfjs 4.22): `tf.slice` / `tf.unstack` copy the WHOLE input off the heap for every piece,
 * and `tf.gather` of one row costs ~1 ms per call (measured: 129 gathers = 126 ms of a 450 ms LSTM
 * forward + backward); reading the tensor once (a plain copy on the CPU, no GPU to wait for) and
 * uploading the T rows costs one copy in total. Elsewhere one `tf.unstack` (cpu: views of the
 * buffer; webgl: one slice program per row).
 */
export function timeRows(t3: T3): T2[] {
  const [T, B, N] = t3.shape;
  if (tf.getBackend() === 'wasm') {
    const all = t3.dataSync() as Float32Array;
    const n = B * N;
    return Array.from({ length: T }, (_, t) =>
      tf.tensor2d(all.subarray(t * n, (t + 1) * n), [B, N], 'float32'),
    );
  }
  return tf.unstack(t3, 0) as T2[];
}

/** Inputs of one cell's forward loop (inside the custom op: the tape is off). */
export interface LoopArgs {
  /**
   * Input projections of all steps, time-major rows `[T*B, G*H]` (step t is rows
   * `[t*B, (t+1)*B)`; rnn/lstm: + b_ih + b_hh; gru: + b_ih).
   */
  xp: T2;
  /** Sequence length T and batch B. */
  T: number;
  B: number;
  /** `transpose(wHh)` `[H, G*H]`. */
  whhT: T2;
  /** GRU only: b_hh `[G*H]`. */
  bHh: tf.Tensor1D;
  h0: T2;
  c0?: T2;
  /** Additive hidden-state probe, time-major `[T, B, H]`. */
  probe?: T3;
  recordGates: boolean;
  H: number;
}

/** What a forward loop hands back: states per step, gates, and what its backward pass needs. */
export interface LoopResult {
  /** Hidden state after every step (probe included). */
  hs: T2[];
  /** Final cell state (LSTM). */
  c?: T2;
  /** Gate activations per step (when recording). */
  gates: Array<Record<string, T2>>;
  /** Tensors to save for {@link CellBackward} (time-major, computed once for all steps). */
  saved: tf.Tensor[];
}

/** Gradients of one sequence from a cell's backward loop. */
export interface BackwardResult {
  /** dLoss/d(input projection) for every step, `[T*B, G*H]` time-major. */
  dXp: T2;
  /** dLoss/d(recurrent projection) `[T*B, G*H]` (the same tensor except for the GRU). */
  dHp: T2;
  /**
   * Optional: `transpose(dHp)` `[G*H, T*B]`, from loops that have it at little cost; the weight
   * gradients then take the form dZ^T · [A, 1] (see ./fused.ts).
   */
  dHpT?: T2;
  dh0: T2;
  dc0?: T2;
  /** dLoss/d(probe) `[T, B, H]` when probing. */
  dProbe?: T3;
}

/**
 * Backward loop of a cell: `dy` is dLoss/d(output) time-major `[T, B, H]`, for the LSTM
 * `[T + 1, B, H]` (the last row is the final c's gradient).
 */
export type CellForward = (a: LoopArgs) => LoopResult;

/** Per-step views of the loop inputs for the op-by-op loops below. */
function rowsOf(a: LoopArgs): { xpRows: T2[]; probeRows?: T2[] } {
  return {
    xpRows: timeRows(tf.reshape(a.xp, [a.T, a.B, -1]) as T3),
    probeRows: a.probe ? timeRows(a.probe) : undefined,
  };
}

export type CellBackward = (
  dy: T3,
  saved: tf.Tensor[],
  wHh: T2,
  probing: boolean,
) => BackwardResult;

const one = () => tf.scalar(1);

// ---------------------------------------------------------------- LSTM

/**
 * LSTM forward loop. Saves, time-major: `qd` `[T, B, 4H]` = [g σ'(i), c_{t-1} σ'(f), i tanh'(g),
 * tanh(c) σ'(o)] (dz_t = [dc, dc, dc, dh] ⊙ qd_t), `ot` = o tanh'(c) (dc += dh ⊙ ot) and `f`.
 */
export function lstmForward(a: LoopArgs): LoopResult {
  const { H, whhT, T } = a;
  const { xpRows, probeRows } = rowsOf(a);
  const hs: T2[] = [];
  // Per-step factors, stacked once after the loop (stacks are cheap everywhere; slicing gate
  // blocks out of a [T, B, 4H] tensor is not: wasm copies the whole input per slice).
  const per: Record<'c' | 'i' | 'f' | 'g' | 'o' | 'tc', T2[]> = {
    c: [],
    i: [],
    f: [],
    g: [],
    o: [],
    tc: [],
  };
  const gates: Array<Record<string, T2>> = [];
  let h = a.h0;
  let c = a.c0!;
  for (let t = 0; t < T; t++) {
    const step = tf.tidy(() => {
      const z = tf.add(tf.matMul(h, whhT), xpRows[t]) as T2;
      const s = tf.sigmoid(z) as T2; // i, f, o blocks; the g block is not used
      const i = gateBlock(s, 0, H);
      const f = gateBlock(s, 1, H);
      const o = gateBlock(s, 3, H);
      const g = tf.tanh(gateBlock(z, 2, H)) as T2;
      const cNew = tf.add(tf.mul(f, c), tf.mul(i, g)) as T2;
      const tc = tf.tanh(cNew) as T2;
      let hNew = tf.mul(o, tc) as T2;
      if (probeRows) hNew = tf.add(hNew, probeRows[t]);
      return { h: hNew, c: cNew, i, f, g, o, tc };
    });
    h = step.h;
    c = step.c;
    hs.push(h);
    for (const k of ['c', 'i', 'f', 'g', 'o', 'tc'] as const) per[k].push(step[k]);
    if (a.recordGates) gates.push({ i: step.i, f: step.f, g: step.g, o: step.o });
  }
  const saved = tf.tidy(() => {
    const [I, F, G, O, TC] = (['i', 'f', 'g', 'o', 'tc'] as const).map((k) => tf.stack(per[k], 0));
    const Cprev = tf.stack([a.c0!, ...per.c.slice(0, T - 1)], 0);
    const dSig = (s: tf.Tensor) => tf.sub(s, tf.square(s)); // σ' = s (1 - s)
    const dTanh = (v: tf.Tensor) => tf.sub(one(), tf.square(v));
    const qd = tf.concat(
      [tf.mul(G, dSig(I)), tf.mul(Cprev, dSig(F)), tf.mul(I, dTanh(G)), tf.mul(TC, dSig(O))],
      2,
    );
    return [qd, tf.mul(O, dTanh(TC)), F];
  });
  // Early frees (the custom op's scope would free them anyway); recorded gates stay.
  tf.dispose([...per.tc, ...per.c.slice(0, T - 1)]);
  if (!a.recordGates) tf.dispose([...per.i, ...per.f, ...per.g, ...per.o]);
  return { hs, c, gates, saved };
}

/** LSTM backward loop (see {@link lstmForward} for the saved factors). */
export const lstmBackward: CellBackward = (dy, saved, wHh, probing) => {
  const dyRows = timeRows(dy);
  const [qd, ot, f] = saved as T3[];
  const T = qd.shape[0];
  const qdRows = timeRows(qd);
  const otRows = timeRows(ot);
  const fRows = timeRows(f);
  let dhRec: T2 | undefined;
  let dc = dyRows[T];
  const dzs: T2[] = new Array(T);
  const dhs: T2[] = new Array(T);
  for (let t = T - 1; t >= 0; t--) {
    const res = tf.tidy(() => {
      const dh = dhRec ? (tf.add(dyRows[t], dhRec) as T2) : dyRows[t];
      const dcT = tf.add(tf.mul(dh, otRows[t]), dc) as T2;
      const dz = tf.mul(tf.concat([dcT, dcT, dcT, dh], 1), qdRows[t]) as T2;
      return { dh, dz, dc: tf.mul(dcT, fRows[t]) as T2, dhPrev: tf.matMul(dz, wHh) as T2 };
    });
    dzs[t] = res.dz;
    if (probing) dhs[t] = res.dh;
    dhRec = res.dhPrev;
    dc = res.dc;
  }
  const dXp = tf.concat(dzs, 0) as T2;
  return {
    dXp,
    dHp: dXp,
    dh0: dhRec!,
    dc0: dc,
    dProbe: probing ? (tf.stack(dhs, 0) as T3) : undefined,
  };
};

// ---------------------------------------------------------------- RNN

/** Elman RNN forward loop. Saves tanh'(a_t) = 1 - a_t^2 `[T, B, H]` (a_t before the probe). */
export function rnnForward(a: LoopArgs): LoopResult {
  const { xpRows, probeRows } = rowsOf(a);
  const hs: T2[] = [];
  const acts: T2[] = [];
  let h = a.h0;
  for (let t = 0; t < a.T; t++) {
    const step = tf.tidy(() => {
      const act = tf.tanh(tf.add(tf.matMul(h, a.whhT), xpRows[t])) as T2;
      return { act, h: probeRows ? (tf.add(act, probeRows[t]) as T2) : act };
    });
    h = step.h;
    hs.push(h);
    if (probeRows) acts.push(step.act);
  }
  const saved = tf.tidy(() => {
    const A = tf.stack(probeRows ? acts : hs, 0);
    return [tf.sub(one(), tf.square(A))];
  });
  tf.dispose(acts);
  return { hs, gates: [], saved };
}

/** RNN backward loop: dz_t = dh_t ⊙ tanh'(a_t), dh_{t-1} = dz_t · W_hh. */
export const rnnBackward: CellBackward = (dy, saved, wHh, probing) => {
  const dyRows = timeRows(dy);
  const T = saved[0].shape[0];
  const dRows = timeRows(saved[0] as T3);
  let dhRec: T2 | undefined;
  const dzs: T2[] = new Array(T);
  const dhs: T2[] = new Array(T);
  for (let t = T - 1; t >= 0; t--) {
    const res = tf.tidy(() => {
      const dh = dhRec ? (tf.add(dyRows[t], dhRec) as T2) : dyRows[t];
      const dz = tf.mul(dh, dRows[t]) as T2;
      return { dh, dz, dhPrev: tf.matMul(dz, wHh) as T2 };
    });
    dzs[t] = res.dz;
    if (probing) dhs[t] = res.dh;
    dhRec = res.dhPrev;
  }
  const dXp = tf.concat(dzs, 0) as T2;
  return { dXp, dHp: dXp, dh0: dhRec!, dProbe: probing ? (tf.stack(dhs, 0) as T3) : undefined };
};

// ---------------------------------------------------------------- GRU

/** GRU forward loop. Saves per step (as one flat list) r, z, n and W_hn h + b_hn, plus h_{t-1}. */
export function gruForward(a: LoopArgs): LoopResult {
  const { H } = a;
  const { xpRows, probeRows } = rowsOf(a);
  const hs: T2[] = [];
  const saved: T2[] = [];
  const gates: Array<Record<string, T2>> = [];
  let h = a.h0;
  for (let t = 0; t < a.T; t++) {
    const hPrev = h;
    const step = tf.tidy(() => {
      const hp = tf.add(tf.matMul(h, a.whhT), a.bHh) as T2;
      const out = cellStep('gru', xpRows[t], hp, h, undefined, H);
      const { r, z, n } = out.gates;
      const hOut = probeRows ? (tf.add(out.h, probeRows[t]) as T2) : out.h;
      return { h: hOut, acts: [r, z, n, gateBlock(hp, 2, H)], gates: out.gates };
    });
    h = step.h;
    hs.push(h);
    saved.push(...step.acts, hPrev);
    if (a.recordGates) gates.push(step.gates);
  }
  return { hs, gates, saved };
}

/** GRU backward loop (h = n + z (h_{t-1} - n); n = tanh(x_n + r ⊙ (W_hn h + b_hn))). */
export const gruBackward: CellBackward = (dy, saved, wHh, probing) => {
  const dyRows = timeRows(dy);
  const T = saved.length / 5;
  const dXps: T2[] = new Array(T);
  const dHps: T2[] = new Array(T);
  const dhs: T2[] = new Array(T);
  let dhRec: T2 | undefined;
  for (let t = T - 1; t >= 0; t--) {
    const [r, z, n, hn, hPrev] = saved.slice(5 * t, 5 * t + 5) as T2[];
    const res = tf.tidy(() => {
      const dh = dhRec ? (tf.add(dyRows[t], dhRec) as T2) : dyRows[t];
      const dnPre = tf.mul(tf.mul(dh, tf.sub(one(), z)), tf.sub(one(), tf.square(n))) as T2;
      const dzPre = tf.mul(tf.mul(dh, tf.sub(hPrev, n)), tf.mul(z, tf.sub(one(), z)));
      const drPre = tf.mul(tf.mul(dnPre, hn), tf.mul(r, tf.sub(one(), r)));
      const dHp = tf.concat([drPre, dzPre, tf.mul(dnPre, r)], 1) as T2;
      const dhPrev = tf.add(tf.matMul(dHp, wHh), tf.mul(dh, z)) as T2;
      return { dh, dXp: tf.concat([drPre, dzPre, dnPre], 1) as T2, dHp, dhPrev };
    });
    dXps[t] = res.dXp;
    dHps[t] = res.dHp;
    if (probing) dhs[t] = res.dh;
    dhRec = res.dhPrev;
  }
  return {
    dXp: tf.concat(dXps, 0) as T2,
    dHp: tf.concat(dHps, 0) as T2,
    dh0: dhRec!,
    dProbe: probing ? (tf.stack(dhs, 0) as T3) : undefined,
  };
};
