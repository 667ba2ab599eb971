/**
 * The `fused` implementation of {@link runRnn}: the whole sequence is ONE `tf.customGrad` op whose
 * backward pass is hand-written backpropagation through time (Werbos 1990; the LSTM and GRU
 * derivatives are those of the equations in ./types.ts). No React, no DOM.
 *
 * Why: differentiated by tfjs's tape, every step leaves ~15 tape nodes, each backward node with its
 * own broadcasting and bookkeeping; here the tape holds one node, and the backward pass does per
 * step only what is inherently sequential (dh_{t-1} = dZ_t · W_hh plus elementwise products),
 * then the weight gradients as ONE matMul each over all time steps, as cuDNN does:
 *   dW_ih = dZ^T · X  ([G*H, T*B] x [T*B, I]),  dW_hh = dZ^T · H_prev,  db = Σ_rows dZ,
 *   dX = dZ · W_ih.
 * All products are plain matMuls of explicitly transposed operands (the transposed forms ran
 * 10-15x slower on the wasm backend; see src/train/matmul.ts).
 *
 * Forward values are computed by the same {@link cellStep} as the `autograd` implementation.
 */
import * as tf from '@tensorflow/tfjs';
import { cellStep, gateBlock, stackGates, timeMajorRows } from './cells';
import type { SequenceArgs, SequenceResult } from './cells';
import type { RnnCellType } from './types';

type T2 = tf.Tensor2D;

/** Per-step tensors the backward pass needs, by cell (all `[B, H]`). */
interface Saved {
  /** Hidden state after step t (what step t+1 and the output see). */
  hs: T2[];
  /** rnn: tanh output (differs from hs only with a probe); lstm: i, f, g, o, c, tanh(c); gru: r, z, n, W_hn h + b_hn. */
  acts: T2[][];
}

/**
 * Row block `t` of a time-major `[T, B, N]` tensor as `[B, N]`. On the wasm backend (tfjs 4.22)
 * `tf.slice` / `tf.unstack` copy the WHOLE input off the heap (`readSync`) before cutting, so
 * T slices of a `[T*B, G*H]` tensor cost T full copies (64 x 4 MB per LSTM step set, measured
 * 5 ms per slice); `tf.gather` reads in place (1.5 ms, same machine). Gather's gradient is never
 * needed here: the tape is off inside the custom op.
 */
function timeRow(t3: tf.Tensor3D, t: number): T2 {
  const [, B, N] = t3.shape;
  if (tf.getBackend() === 'wasm') {
    return tf.reshape(tf.gather(tf.reshape(t3, [t3.shape[0], B * N]), [t], 0), [B, N]);
  }
  return tf.reshape(tf.slice(t3, [t, 0, 0], [1, -1, -1]), [B, N]);
}

/** Splits `dy` `[T(+1), B, H]` into per-step `[B, H]` tensors. */
const unstackRows = (t: tf.Tensor3D): T2[] =>
  Array.from({ length: t.shape[0] }, (_, k) => timeRow(t, k));

/**
 * Backward pass of one step. `dh` is the total gradient reaching h_t (output + recurrence + probe).
 * Returns the gradient of the input projection `dXp` and of the recurrent projection `dHp`
 * (`[B, G*H]`; the same tensor except for the GRU), the part of dh_{t-1} that bypasses W_hh
 * (`dhDirect`, GRU only) and dc_{t-1} (LSTM only).
 */
function stepBackward(
  cell: RnnCellType,
  dh: T2,
  dcNext: T2 | undefined,
  acts: T2[],
  hPrev: T2,
  cPrev: T2 | undefined,
): { dXp: T2; dHp: T2; dhDirect?: T2; dc?: T2 } {
  const one = tf.scalar(1);
  // 1 - a^2 (tanh') and a (1 - a) (sigmoid') from the saved activations.
  const dTanh = (a: T2) => tf.sub(one, tf.square(a));
  const dSig = (a: T2) => tf.mul(a, tf.sub(one, a));
  if (cell === 'rnn') {
    const dz = tf.mul(dh, dTanh(acts[0])) as T2;
    return { dXp: dz, dHp: dz };
  }
  if (cell === 'lstm') {
    const [i, f, g, o, , tc] = acts;
    let dc = tf.mul(tf.mul(dh, o), dTanh(tc)) as T2;
    if (dcNext) dc = tf.add(dc, dcNext);
    const dz = tf.concat(
      [
        tf.mul(tf.mul(dc, g), dSig(i)),
        tf.mul(tf.mul(dc, cPrev!), dSig(f)),
        tf.mul(tf.mul(dc, i), dTanh(g)),
        tf.mul(tf.mul(dh, tc), dSig(o)),
      ],
      1,
    ) as T2;
    return { dXp: dz, dHp: dz, dc: tf.mul(dc, f) as T2 };
  }
  const [r, z, n, hn] = acts;
  // h = n + z (hPrev - n)
  const dnPre = tf.mul(tf.mul(dh, tf.sub(one, z)), dTanh(n)) as T2;
  const dzPre = tf.mul(tf.mul(dh, tf.sub(hPrev, n)), dSig(z));
  const drPre = tf.mul(tf.mul(dnPre, hn), dSig(r));
  return {
    dXp: tf.concat([drPre, dzPre, dnPre], 1) as T2,
    dHp: tf.concat([drPre, dzPre, tf.mul(dnPre, r)], 1) as T2,
    dhDirect: tf.mul(dh, z) as T2,
  };
}

/**
 * Runs the sequence as one custom-gradient op (see the module comment). Same contract as
 * {@link autogradSequence}; gradients flow to x, the four weights, h0, c0 and the probe.
 */
export function fusedSequence(args: SequenceArgs): SequenceResult {
  const { cell, x, w, recordGates } = args;
  const [B, T] = x.shape;
  const H = w.wHh.shape[1];
  const lstm = cell === 'lstm';
  const inputs: tf.Tensor[] = [x, w.wIh, w.wHh, w.bIh, w.bHh, args.h0];
  if (lstm) inputs.push(args.c0!);
  const probeIndex = args.probe ? inputs.push(args.probe) - 1 : -1;
  let keptGates: Record<string, tf.Tensor3D> | undefined;

  const op = tf.customGrad((...opArgs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = opArgs[opArgs.length - 1] as tf.GradSaveFunc;
    const [xIn, wIh, wHh, bIh, bHh, h0] = opArgs as [
      tf.Tensor3D,
      T2,
      T2,
      tf.Tensor1D,
      tf.Tensor1D,
      T2,
    ];
    const c0 = lstm ? (opArgs[6] as T2) : undefined;
    const probe = probeIndex >= 0 ? (opArgs[probeIndex] as tf.Tensor3D) : undefined;
    const probeRows = probe ? unstackRows(probe) : undefined;

    // Runs inside the engine's tidy with the tape off: only the value and `save`d tensors survive.
    const xRows = timeMajorRows(xIn);
    const bias = cell === 'gru' ? bIh : tf.add(bIh, bHh);
    const xp = tf.add(tf.matMul(xRows, tf.transpose(wIh)), bias) as T2;
    const xpTime = tf.reshape(xp, [T, B, -1]) as tf.Tensor3D;
    const whhT = tf.transpose(wHh) as T2;
    const saved: Saved = { hs: [], acts: [] };
    const stepGates: Array<Record<string, T2>> = [];
    let h = h0;
    let c = c0;
    for (let t = 0; t < T; t++) {
      const step = tf.tidy(() => {
        const xpt = timeRow(xpTime, t);
        let hp: T2 = tf.matMul(h, whhT);
        if (cell === 'gru') hp = tf.add(hp, bHh);
        const out = cellStep(cell, xpt, hp, h, c, H);
        let acts: T2[];
        if (cell === 'rnn') acts = [out.h];
        else if (lstm) {
          const { i, f, g, o } = out.gates;
          acts = [i, f, g, o, out.c!, tf.tanh(out.c!)];
        } else {
          const { r, z, n } = out.gates;
          acts = [r, z, n, gateBlock(hp, 2, H)];
        }
        const hOut = probeRows ? (tf.add(out.h, probeRows[t]) as T2) : out.h;
        return { h: hOut, c: out.c, acts, gates: recordGates ? out.gates : {} };
      });
      h = step.h;
      c = step.c;
      saved.hs.push(h);
      saved.acts.push(step.acts);
      if (recordGates) stepGates.push(step.gates);
    }
    const hsTime = tf.stack(saved.hs, 0) as tf.Tensor3D;
    const value = lstm ? tf.concat([hsTime, tf.expandDims(c!, 0)], 0) : hsTime;
    if (recordGates) {
      keptGates = stackGates(stepGates);
      Object.values(keptGates).forEach((g) => tf.keep(g));
    }
    const actsPerStep = saved.acts[0].length;
    save([xRows, wIh, wHh, h0, ...(c0 ? [c0] : []), ...saved.hs, ...saved.acts.flat()]);

    const gradFunc = (dy: tf.Tensor, kept: tf.Tensor[]) => {
      let k = 0;
      const sx = kept[k++] as T2;
      const sWih = kept[k++] as T2;
      const sWhh = kept[k++] as T2;
      const sH0 = kept[k++] as T2;
      const sC0 = lstm ? (kept[k++] as T2) : undefined;
      const hs = kept.slice(k, k + T) as T2[];
      k += T;
      const acts = Array.from(
        { length: T },
        (_, t) => kept.slice(k + t * actsPerStep, k + (t + 1) * actsPerStep) as T2[],
      );
      const dyRows = unstackRows(dy as tf.Tensor3D);
      let dhRec: T2 | undefined;
      let dc: T2 | undefined = lstm ? dyRows[T] : undefined;
      const dXps: T2[] = new Array(T);
      const dHps: T2[] = new Array(T);
      const dProbe: T2[] = new Array(T);
      for (let t = T - 1; t >= 0; t--) {
        const hPrev = t > 0 ? hs[t - 1] : sH0;
        const cPrev = lstm ? (t > 0 ? acts[t - 1][4] : sC0) : undefined;
        const res = tf.tidy(() => {
          const dh = dhRec ? (tf.add(dyRows[t], dhRec) as T2) : dyRows[t];
          const back = stepBackward(cell, dh, dc, acts[t], hPrev, cPrev);
          let dhPrev = tf.matMul(back.dHp, sWhh) as T2;
          if (back.dhDirect) dhPrev = tf.add(dhPrev, back.dhDirect);
          return { dh, dXp: back.dXp, dHp: back.dHp, dhPrev, dc: back.dc };
        });
        dXps[t] = res.dXp;
        dHps[t] = res.dHp;
        if (probeIndex >= 0) dProbe[t] = res.dh;
        dhRec = res.dhPrev;
        dc = res.dc;
      }
      const dXp = tf.concat(dXps, 0) as T2;
      const dHp = cell === 'gru' ? (tf.concat(dHps, 0) as T2) : dXp;
      const hPrevRows = tf.concat([sH0, ...hs.slice(0, T - 1)], 0) as T2;
      // Weight gradients as (A^T · dZ)^T: transposing the thin [T*B, I] / [T*B, H] operands and
      // the small results is far cheaper than transposing dZ [T*B, G*H] (wasm: 77 ms vs a few);
      // bias gradients as ones[1, T*B] · dZ, a matMul instead of a column sum (wasm: 75 ms each).
      const ones = tf.ones([1, T * B]) as T2;
      const dWeight = (a: T2, d: T2) => tf.transpose(tf.matMul(tf.transpose(a) as T2, d));
      const dBias = (d: T2) => tf.reshape(tf.matMul(ones, d), [-1]);
      const dx = tf.transpose(tf.reshape(tf.matMul(dXp, sWih), [T, B, -1]), [1, 0, 2]);
      const grads: tf.Tensor[] = [
        dx,
        dWeight(sx, dXp),
        dWeight(hPrevRows, dHp),
        dBias(dXp),
        cell === 'gru' ? dBias(dHp) : dBias(dXp),
        dhRec!,
      ];
      if (lstm) grads.push(dc!);
      if (probeIndex >= 0) grads.push(tf.stack(dProbe, 0));
      return grads;
    };
    return { value, gradFunc };
  });

  const packed = op(...inputs) as tf.Tensor3D;
  const hsTime = (lstm ? tf.slice(packed, [0, 0, 0], [T, -1, -1]) : packed) as tf.Tensor3D;
  const h = tf.reshape(tf.slice(packed, [T - 1, 0, 0], [1, -1, -1]), [B, H]) as T2;
  const c = lstm ? (tf.reshape(tf.slice(packed, [T, 0, 0], [1, -1, -1]), [B, H]) as T2) : undefined;
  let gates: Record<string, tf.Tensor3D> | undefined;
  if (keptGates) {
    // Hand the kept tensors over to the caller's scope (clones share the data), then unkeep.
    gates = {};
    for (const [name, g] of Object.entries(keptGates)) {
      gates[name] = tf.clone(g);
      g.dispose();
    }
  }
  return { hsTime, h, c, gates };
}
