/**
 * The three recurrent cells as plain tfjs ops (the `autograd` implementation of {@link runRnn}):
 * one step of each cell written as its equations (see ./types.ts), and the time loop that tfjs's
 * tape differentiates. The `fused` implementation in ./fused.ts computes the same values with a
 * hand-written backward pass. No React, no DOM.
 *
 * Layout rules shared by both implementations (each tfjs op has a fixed cost, so fewer and larger
 * ops are faster):
 * - time-major inside: x `[B, T, I]` is transposed once to `[T*B, I]` so that step t is the
 *   contiguous row block `[t*B, (t+1)*B)`;
 * - the input projections of all time steps are ONE matMul `[T*B, I] x [I, G*H]` (+ bias);
 * - the gates of a step come from ONE matMul `h [B, H] x wHh^T [H, G*H]`, sliced afterwards;
 * - each step runs in `tf.tidy`, so only what later steps or the gradient need survives it.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../../train/embedding';
import { denseMatMul } from '../../train/matmul';
import type { RnnCellType, RnnWeights } from './types';

/** Inputs of one sequence pass (already validated). `probe` is time-major `[T, B, H]`. */
export interface SequenceArgs {
  cell: RnnCellType;
  /**
   * The input: float32 `[B, T, I]`, or int32 ids `[B, T]` of one-hot inputs (entry = the index
   * of the one in `[0, I)`, I = the columns of `w.wIh`); ids get no gradient.
   */
  x: tf.Tensor3D | tf.Tensor2D;
  w: RnnWeights;
  h0: tf.Tensor2D;
  c0?: tf.Tensor2D;
  /** Added to h_t at every step (h_t + probe_t feeds both the output and step t+1). */
  probe?: tf.Tensor3D;
  recordGates: boolean;
  /**
   * Packed sequences: each row's length `[B]` (integers in [1, T], any order; validated by
   * ./validate.ts's `checkLengths`; never with a probe). Only the whole-sequence op of the cpu
   * and wasm backends (./cpu/sequence.ts) uses them, and says so with `packed` in its result;
   * the other implementations ignore them and run every row for all T steps.
   */
  lengths?: Int32Array;
}

/** Result of one sequence pass: hidden states time-major, final state, gates `[B, T, H]`. */
export interface SequenceResult {
  hsTime: tf.Tensor3D;
  h: tf.Tensor2D;
  c?: tf.Tensor2D;
  gates?: Record<string, tf.Tensor3D>;
  /**
   * True when the run honoured `lengths` (packed sequences): outputs and gates 0 past each row's
   * end, h (and c) each row's state at its own last step.
   */
  packed?: boolean;
}

/** Gate tensors of one step, `[B, H]` each, by gate name. */
type StepGates = Record<string, tf.Tensor2D>;

/** `[B, T, I]` -> time-major rows `[T*B, I]`. */
export function timeMajorRows(x: tf.Tensor3D): tf.Tensor2D {
  const [B, T, I] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [T * B, I]);
}

/** `[B, T]` ids -> time-major `[T*B]` (entry t*B + b is ids[b, t]). */
export function timeMajorIds(ids: tf.Tensor2D): tf.Tensor1D {
  const [B, T] = ids.shape;
  return tf.reshape(tf.transpose(ids), [T * B]);
}

/**
 * The input projections of all steps, time-major rows `[T*B, G*H]`: `x_t W_ih^T + bias` for every
 * step, from float rows `[T*B, I]` by ONE matMul, or from time-major ids `[T*B]` by a row lookup:
 * a one-hot vector times a matrix is a row lookup (chapter 8), so the projection of the one-hot
 * vector of id k is row k of `W_ih^T` and no one-hot matrix is ever built (the char LM's wasm
 * step: the `[2048, 80] x [80, 512]` product and its `dX` are gone). The lookup is a `tf.gatherND`
 * of whole rows, for use where the gradient is hand-written (./fused.ts): on wasm (tfjs 4.22)
 * `tf.gather` of 2048 rows of a [78, 512] table took 70 ms, `tf.gatherND` ~1 ms. The autograd
 * path uses `embeddingLookup`, whose gradient works on every backend.
 */
export function inputProjection(
  xRows: tf.Tensor,
  wIhT: tf.Tensor2D,
  bias: tf.Tensor1D,
): tf.Tensor2D {
  const proj =
    xRows.rank === 1
      ? tf.gatherND(wIhT, tf.reshape(xRows, [-1, 1]))
      : denseMatMul(xRows as tf.Tensor2D, wIhT);
  return tf.add(proj, bias) as tf.Tensor2D;
}

/** Columns `[k*H, (k+1)*H)` of a `[B, G*H]` gate tensor. */
export const gateBlock = (z: tf.Tensor2D, k: number, H: number, n = 1): tf.Tensor2D =>
  tf.slice(z, [0, k * H], [-1, n * H]);

/** Stacks per-step `[B, H]` gate tensors into `[B, T, H]` per gate name. */
export function stackGates(steps: StepGates[]): Record<string, tf.Tensor3D> {
  const out: Record<string, tf.Tensor3D> = {};
  if (steps.length === 0) return out;
  for (const name of Object.keys(steps[0])) {
    out[name] = tf.stack(
      steps.map((s) => s[name]),
      1,
    ) as tf.Tensor3D;
  }
  return out;
}

/**
 * One step of `cell`, from this step's input projection `xp` `[B, G*H]` (= W_ih x_t + b_ih, plus
 * b_hh for rnn/lstm) and the recurrent projection `hp` `[B, G*H]` (= W_hh h + b_hh for the GRU,
 * W_hh h for the others).
 */
export function cellStep(
  cell: RnnCellType,
  xp: tf.Tensor2D,
  hp: tf.Tensor2D,
  hPrev: tf.Tensor2D,
  cPrev: tf.Tensor2D | undefined,
  H: number,
): { h: tf.Tensor2D; c?: tf.Tensor2D; gates: StepGates } {
  if (cell === 'rnn') {
    return { h: tf.tanh(tf.add(xp, hp)) as tf.Tensor2D, gates: {} };
  }
  if (cell === 'lstm') {
    const z = tf.add(xp, hp) as tf.Tensor2D;
    const i = tf.sigmoid(gateBlock(z, 0, H));
    const f = tf.sigmoid(gateBlock(z, 1, H));
    const g = tf.tanh(gateBlock(z, 2, H));
    const o = tf.sigmoid(gateBlock(z, 3, H));
    const c = tf.add(tf.mul(f, cPrev!), tf.mul(i, g)) as tf.Tensor2D;
    const h = tf.mul(o, tf.tanh(c)) as tf.Tensor2D;
    return { h, c, gates: { i, f, g, o } };
  }
  // GRU: r and z from one sigmoid over the first 2H columns; r multiplies (W_hn h + b_hn).
  const rz = tf.sigmoid(tf.add(gateBlock(xp, 0, H, 2), gateBlock(hp, 0, H, 2))) as tf.Tensor2D;
  const r = gateBlock(rz, 0, H);
  const zg = gateBlock(rz, 1, H);
  const n = tf.tanh(tf.add(gateBlock(xp, 2, H), tf.mul(r, gateBlock(hp, 2, H)))) as tf.Tensor2D;
  const h = tf.add(n, tf.mul(zg, tf.sub(hPrev, n))) as tf.Tensor2D;
  return { h, gates: { r, z: zg, n } };
}

/**
 * Runs `cell` over the sequence with plain tfjs ops; tfjs's tape differentiates every step.
 * Must be called with validated shapes (see ./validate.ts).
 */
export function autogradSequence(args: SequenceArgs): SequenceResult {
  const { cell, x, w, probe, recordGates } = args;
  const [B, T] = x.shape;
  const H = w.wHh.shape[1];
  // All input projections at once; b_hh folds into them except the GRU's (it sits inside r * (.)).
  const bias = cell === 'gru' ? w.bIh : (tf.add(w.bIh, w.bHh) as tf.Tensor1D);
  const wIhT = tf.transpose(w.wIh) as tf.Tensor2D;
  // Ids: looked up with the caller's [B, T] tensor itself (embeddingLookup's gradient reads the ids
  // later, and a time-major copy made here would be freed by runRnn's tidy before that).
  const xp =
    x.rank === 2
      ? (tf.add(timeMajorRows(embeddingLookup(wIhT, x) as tf.Tensor3D), bias) as tf.Tensor2D)
      : inputProjection(timeMajorRows(x as tf.Tensor3D), wIhT, bias);
  const whhT = tf.transpose(w.wHh) as tf.Tensor2D;
  let h = args.h0;
  let c = args.c0;
  const hs: tf.Tensor2D[] = [];
  const gates: StepGates[] = [];
  for (let t = 0; t < T; t++) {
    const step = tf.tidy(() => {
      const xpt = tf.slice(xp, [t * B, 0], [B, -1]) as tf.Tensor2D;
      let hp = denseMatMul(h, whhT);
      if (cell === 'gru') hp = tf.add(hp, w.bHh);
      const out = cellStep(cell, xpt, hp, h, c, H);
      if (probe) {
        out.h = tf.add(out.h, tf.reshape(tf.slice(probe, [t, 0, 0], [1, -1, -1]), [B, H]));
      }
      return { h: out.h, c: out.c, gates: recordGates ? out.gates : {} };
    });
    h = step.h;
    c = step.c;
    hs.push(h);
    if (recordGates) gates.push(step.gates);
  }
  const hsTime = tf.stack(hs, 0) as tf.Tensor3D;
  return { hsTime, h, c, gates: recordGates ? stackGates(gates) : undefined };
}
