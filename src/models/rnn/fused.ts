/**
 * The `fused` implementation of {@link runRnn}: the whole sequence is ONE `tf.customGrad` op whose
 * backward pass is hand-written backpropagation through time (Werbos 1990; the LSTM and GRU
 * derivatives are those of the equations in ./types.ts). No React, no DOM.
 *
 * Why: differentiated by tfjs's tape, every step leaves ~15 tape nodes, each backward node with its
 * own broadcasting and bookkeeping; here the tape holds one node, and the backward pass does per
 * step only what is inherently sequential (dh_{t-1} = dZ_t · W_hh plus elementwise products;
 * the per-cell loops and their op counts are in ./fusedCells.ts), then the weight gradients as
 * ONE matMul each over all time steps, as cuDNN does:
 *   dW_ih = dZ^T · X  ([G*H, T*B] x [T*B, I]),  dW_hh = dZ^T · H_prev,  db = Σ_rows dZ,
 *   dX = dZ · W_ih.
 * With ids input (int32 `[B, T]`, see {@link inputProjection}) the input projection is a row
 * lookup of W_ih^T, dW_ih a scatter-add of dZ rows by id, and there is no dX.
 * All products are plain matMuls of explicitly transposed operands (the transposed forms ran
 * 10-15x slower on the wasm backend; see src/train/matmul.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { inputProjection, stackGates, timeMajorIds, timeMajorRows } from './cells';
import type { SequenceArgs, SequenceResult } from './cells';
import {
  gruBackward,
  gruForward,
  lstmBackward,
  lstmForward,
  rnnBackward,
  rnnForward,
  type CellBackward,
  type CellForward,
} from './fusedCells';
import { CPU_SEQUENCE } from './fusedCpu';
import { WASM_LOOPS, WASM_SEQUENCE } from './fusedWasm';
import { WEBGL_LOOPS } from './fusedWebgl';

type T2 = tf.Tensor2D;

const LOOPS = {
  rnn: [rnnForward, rnnBackward],
  lstm: [lstmForward, lstmBackward],
  gru: [gruForward, gruBackward],
} as const satisfies Record<string, readonly [CellForward, CellBackward]>;

/** The loops of `cell` on the active backend: a backend's own programs where it has them. */
function loopsFor(cell: SequenceArgs['cell']): readonly [CellForward, CellBackward] {
  const backend = tf.getBackend();
  const own =
    backend === 'webgl' ? WEBGL_LOOPS[cell] : backend === 'wasm' ? WASM_LOOPS[cell] : undefined;
  return own ?? LOOPS[cell];
}

/**
 * Runs the sequence as one custom-gradient op (see the module comment). Same contract as
 * {@link autogradSequence}; gradients flow to x, the four weights, h0, c0 and the probe.
 */
export function fusedSequence(args: SequenceArgs): SequenceResult {
  const backend = tf.getBackend();
  const whole =
    backend === 'cpu' && CPU_SEQUENCE
      ? CPU_SEQUENCE(args)
      : backend === 'wasm'
        ? WASM_SEQUENCE(args)
        : undefined;
  if (whole) return whole;
  const { cell, x, w, recordGates } = args;
  const [B, T] = x.shape;
  const H = w.wHh.shape[1];
  const lstm = cell === 'lstm';
  const [forward, backward] = loopsFor(cell);
  // Ids (int32 [B, T]) are read through the closure, not passed as an op input: they get no
  // gradient (like PyTorch's x.requires_grad = False), so neither dX nor its matMul is computed.
  const ids = x.rank === 2 ? (x as T2) : undefined;
  const inputs: tf.Tensor[] = [w.wIh, w.wHh, w.bIh, w.bHh, args.h0];
  if (lstm) inputs.push(args.c0!);
  const xIndex = ids ? -1 : inputs.push(x) - 1;
  const probeIndex = args.probe ? inputs.push(args.probe) - 1 : -1;
  let keptGates: Record<string, tf.Tensor3D> | undefined;

  const op = tf.customGrad((...opArgs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = opArgs[opArgs.length - 1] as tf.GradSaveFunc;
    const [wIh, wHh, bIh, bHh, h0] = opArgs as [T2, T2, tf.Tensor1D, tf.Tensor1D, T2];
    const probe = probeIndex >= 0 ? (opArgs[probeIndex] as tf.Tensor3D) : undefined;

    // Runs inside the engine's tidy with the tape off: only the value and `save`d tensors survive.
    // xRows: time-major float rows [T*B, I], or time-major ids [T*B].
    const xRows = ids ? timeMajorIds(ids) : timeMajorRows(opArgs[xIndex] as tf.Tensor3D);
    const bias = cell === 'gru' ? bIh : (tf.add(bIh, bHh) as tf.Tensor1D);
    const xp = inputProjection(xRows, tf.transpose(wIh), bias);
    const loop = forward({
      xp,
      T,
      B,
      whhT: tf.transpose(wHh),
      bHh,
      h0,
      c0: lstm ? (opArgs[5] as T2) : undefined,
      probe,
      recordGates,
      H,
    });
    const hsTime = tf.stack(loop.hs, 0) as tf.Tensor3D;
    const value = lstm ? tf.concat([hsTime, tf.expandDims(loop.c!, 0)], 0) : hsTime;
    if (recordGates) {
      keptGates = stackGates(loop.gates);
      Object.values(keptGates).forEach((g) => tf.keep(g));
    }
    // h_{t-1} for every step, time-major [T*B, H]: the left operand of dW_hh.
    const hPrevRows = tf.concat([h0, ...loop.hs.slice(0, T - 1)], 0) as T2;
    save([xRows, wIh, wHh, hPrevRows, ...loop.saved]);

    const gradFunc = (dy: tf.Tensor, kept: tf.Tensor[]) => {
      const [sx, sWih, sWhh, sHPrev, ...cellSaved] = kept as T2[];
      const back = backward(dy as tf.Tensor3D, cellSaved, sWhh, probeIndex >= 0);
      // Weight gradients as (A^T · dZ)^T: transposing the thin [T*B, I] / [T*B, H] operands and
      // the small results is far cheaper than transposing dZ [T*B, G*H] (wasm: 77 ms vs a few).
      // The bias gradient (Σ_rows dZ) rides along as an extra row of ones under A^T: one matMul
      // gives [dW^T; db], no column sum (wasm: 75 ms) and no separate ones · dZ product.
      const ones = tf.ones([1, T * B]);
      const dWeightBias = (a: T2, d: T2): [tf.Tensor, tf.Tensor] => {
        const n = a.shape[1];
        const wb = tf.matMul(tf.concat([tf.transpose(a), ones], 0) as T2, d);
        return [
          tf.transpose(tf.slice(wb, [0, 0], [n, -1])),
          tf.reshape(tf.slice(wb, [n, 0], [1, -1]), [-1]),
        ];
      };
      // Given dZ^T (the wasm loops), the same product the other way round: dZ^T · [A, 1] =
      // [dW | db] in W's own layout, no transposes (wasm: ~7 ms less than the form above).
      const dWeightBiasT = (dT: T2, a: T2): [tf.Tensor, tf.Tensor] => {
        const n = a.shape[1];
        const wb = tf.matMul(dT, tf.concat([a, tf.ones([T * B, 1])], 1) as T2);
        return [tf.slice(wb, [0, 0], [-1, n]), tf.reshape(tf.slice(wb, [0, n], [-1, 1]), [-1])];
      };
      const [dWhh, dbHh] = back.dHpT
        ? dWeightBiasT(back.dHpT, sHPrev)
        : dWeightBias(sHPrev, back.dHp);
      const grads: tf.Tensor[] = [];
      if (ids) {
        // dW_ih of a row lookup: row k of dW_ih^T is the sum of the dZ rows whose id is k, a
        // scatter-add (duplicates accumulate); db_ih = Σ_rows dZ, the same as db_hh except for
        // the GRU, whose dXp differs from dHp.
        const I = sWih.shape[1];
        // On webgl a shader cannot scatter (ScatterNd scans all updates per output texel), so
        // there it is one-hot(ids)^T · dZ, a plain matMul, as in src/train/embedding.ts.
        const dWihT =
          tf.getBackend() === 'webgl'
            ? tf.matMul(tf.cast(tf.oneHot(sx, I), 'float32'), back.dXp, true, false)
            : tf.scatterND(tf.reshape(sx, [-1, 1]), back.dXp, [I, back.dXp.shape[1]]);
        // Every dZ row lands in exactly one row of dW_ih^T, so Σ_rows dZ is the sum of its I rows:
        // a [I, G*H] sum instead of ones · dZ over all T*B rows (wasm: 10-20 ms per sequence).
        const dbIh = cell === 'gru' ? tf.sum(dWihT, 0) : dbHh;
        grads.push(tf.transpose(dWihT), dWhh, dbIh, dbHh, back.dh0);
      } else {
        const [dWih, dbIh] =
          back.dHpT && back.dXp === back.dHp
            ? dWeightBiasT(back.dHpT, sx)
            : dWeightBias(sx, back.dXp);
        grads.push(dWih, dWhh, dbIh, cell === 'gru' ? dbHh : dbIh, back.dh0);
      }
      if (lstm) grads.push(back.dc0!);
      if (!ids) {
        grads.push(tf.transpose(tf.reshape(tf.matMul(back.dXp, sWih), [T, B, -1]), [1, 0, 2]));
      }
      if (back.dProbe) grads.push(back.dProbe);
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
