/**
 * Checks shared by the whole-sequence recurrent ops' tests (rnnCpu.test.ts for the cpu backend,
 * rnnWasmSequence.test.ts for the wasm one): seeded inputs, a random-weighted loss and its
 * gradients with respect to every input, and the comparison of two implementations.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { RnnCellType } from '../../../src/models';
import type { autogradSequence, SequenceArgs } from '../../../src/models/rnn/cells';
import { createRng } from '../../../src/train/random';

/** Sizes of the sequences the checks build. */
export interface SequenceDims {
  B: number;
  T: number;
  I: number;
  H: number;
}

/** `n` seeded values uniform in [-scale, scale). */
export function uniform(n: number, seed: string, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
}

/** `A · Bᵀ` `[m, n]` by the plain triple loop in double precision (A `[m, k]`, B `[n, k]`). */
export function referenceNT(
  a: Float32Array,
  bt: Float32Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) c[i * n + j] += a[i * k + p] * bt[j * k + p];
    }
  }
  return c;
}

/** Worst |a - b| / max(1, |b|) over two arrays of one length. */
export function worstRelErr(av: ArrayLike<number>, bv: ArrayLike<number>): number {
  expect(av.length).toBe(bv.length);
  let worst = 0;
  for (let q = 0; q < av.length; q++)
    worst = Math.max(worst, Math.abs(av[q] - bv[q]) / Math.max(1, Math.abs(bv[q])));
  return worst;
}

/** Worst |a - b| / max(1, |b|) over two tensors of one shape. */
export function relErr(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return worstRelErr(a.dataSync(), b.dataSync());
}

/** Random-weighted loss over outputs, h and c, and its gradients w.r.t. every input of `args`. */
export function run(
  impl: (a: SequenceArgs) => ReturnType<typeof autogradSequence> | undefined,
  args: SequenceArgs,
) {
  const lstm = args.cell === 'lstm';
  const diff: tf.Tensor[] = [args.w.wIh, args.w.wHh, args.w.bIh, args.w.bHh, args.h0];
  if (lstm) diff.push(args.c0!);
  if (args.probe) diff.push(args.probe);
  if (args.x.dtype === 'float32') diff.push(args.x);
  let gates: Record<string, tf.Tensor3D> | undefined;
  let values: tf.Tensor[] = [];
  const f = (...ts: tf.Tensor[]) => {
    const [wIh, wHh, bIh, bHh, h0, ...rest] = ts as tf.Tensor2D[];
    const c0 = lstm ? rest.shift() : undefined;
    const probe = args.probe ? (rest.shift() as unknown as tf.Tensor3D) : undefined;
    const x = args.x.dtype === 'float32' ? (rest.shift() as unknown as tf.Tensor3D) : args.x;
    const w = { wIh, wHh, bIh: bIh as unknown as tf.Tensor1D, bHh: bHh as unknown as tf.Tensor1D };
    const res = impl({ ...args, x, w, h0, c0, probe })!;
    gates =
      res.gates && Object.fromEntries(Object.entries(res.gates).map(([k, g]) => [k, tf.keep(g)]));
    values = [res.hsTime, res.h, ...(res.c ? [res.c] : [])].map((v) => tf.keep(v));
    const r = (t: tf.Tensor, s: string) =>
      tf.sum(tf.mul(t, tf.tensor(uniform(t.size, s), t.shape)));
    let loss = tf.add(r(res.hsTime, 'ro'), r(res.h, 'rh'));
    if (res.c) loss = tf.add(loss, r(res.c, 'rc'));
    return loss as tf.Scalar;
  };
  const grads = tf.grads(f)(diff);
  return { values, grads, gates };
}

/** Seeded weights, input (or `opts.x`), initial states and optional probe for `cell`. */
export function makeArgs(
  { B, T, I, H }: SequenceDims,
  cell: RnnCellType,
  opts: { probe?: boolean; x?: tf.Tensor3D | tf.Tensor2D } = {},
) {
  const G = { rnn: 1, lstm: 4, gru: 3 }[cell];
  const w = {
    wIh: tf.tensor2d(uniform(G * H * I, `wih${cell}`, 0.5), [G * H, I]),
    wHh: tf.tensor2d(uniform(G * H * H, `whh${cell}`, 0.5), [G * H, H]),
    bIh: tf.tensor1d(uniform(G * H, `bih${cell}`, 0.5)),
    bHh: tf.tensor1d(uniform(G * H, `bhh${cell}`, 0.5)),
  };
  const args: SequenceArgs = {
    cell,
    x: opts.x ?? tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]),
    w,
    h0: tf.tensor2d(uniform(B * H, 'h0'), [B, H]),
    c0: cell === 'lstm' ? tf.tensor2d(uniform(B * H, 'c0'), [B, H]) : undefined,
    probe: opts.probe ? tf.tensor3d(uniform(T * B * H, 'p', 0.3), [T, B, H]) : undefined,
    recordGates: true,
  };
  return args;
}

/** Values, gradients and gates of two runs agree to `tolerance` (relative, see relErr). */
export function expectSame(
  a: ReturnType<typeof run>,
  b: ReturnType<typeof run>,
  what: string,
  tolerance = 1e-5,
) {
  a.values.forEach((v, k) =>
    expect(relErr(v, b.values[k]), `${what} value ${k}`).toBeLessThan(tolerance),
  );
  expect(a.grads.length).toBe(b.grads.length);
  a.grads.forEach((g, k) =>
    expect(relErr(g, b.grads[k]), `${what} grad ${k}`).toBeLessThan(tolerance),
  );
  expect(Object.keys(a.gates ?? {}).sort()).toEqual(Object.keys(b.gates ?? {}).sort());
  for (const [name, g] of Object.entries(a.gates ?? {})) {
    expect(relErr(g, b.gates![name]), `${what} gate ${name}`).toBeLessThan(tolerance);
  }
}

/**
 * The reference for packed sequences (`args.lengths`): `impl` WITHOUT lengths, run on each row's
 * own prefix x[b, :lengths[b]] (and its h0, c0) separately, its outputs and gates padded with 0 to
 * T steps and the rows put back together. Its final h and c are each row's state at its own last
 * step, and its gradients are those of the unpacked op with dy masked to the valid positions
 * (PyTorch's pack_padded_sequence semantics).
 */
export function packedReference(
  impl: (a: SequenceArgs) => ReturnType<typeof autogradSequence> | undefined,
): (a: SequenceArgs) => ReturnType<typeof autogradSequence> {
  return (args) => {
    const lengths = args.lengths!;
    const [B, T] = args.x.shape;
    const rows = Array.from({ length: B }, (_, b) => {
      const L = lengths[b];
      const x =
        args.x.rank === 3
          ? tf.slice(args.x, [b, 0, 0], [1, L, -1])
          : tf.slice(args.x as tf.Tensor2D, [b, 0], [1, L]);
      const row = (s: tf.Tensor2D | undefined) => s && tf.slice(s, [b, 0], [1, -1]);
      const res = impl({
        ...args,
        x: x as tf.Tensor3D | tf.Tensor2D,
        h0: row(args.h0)!,
        c0: row(args.c0),
        lengths: undefined,
      })!;
      return { res, L };
    });
    const hsTime = tf.concat(
      rows.map(({ res, L }) =>
        tf.pad(res.hsTime, [
          [0, T - L],
          [0, 0],
          [0, 0],
        ]),
      ),
      1,
    ) as tf.Tensor3D;
    const h = tf.concat(rows.map(({ res }) => res.h)) as tf.Tensor2D;
    const c = rows[0].res.c ? (tf.concat(rows.map(({ res }) => res.c!)) as tf.Tensor2D) : undefined;
    let gates: Record<string, tf.Tensor3D> | undefined;
    if (rows[0].res.gates) {
      gates = {};
      for (const name of Object.keys(rows[0].res.gates)) {
        gates[name] = tf.concat(
          rows.map(({ res, L }) =>
            tf.pad(res.gates![name], [
              [0, 0],
              [0, T - L],
              [0, 0],
            ]),
          ),
        ) as tf.Tensor3D;
      }
    }
    return { hsTime, h, c, gates };
  };
}

/**
 * The packed op (`impl` with `lengths`) against {@link packedReference} of the same op: values,
 * gates and every gradient to `tolerance`; outputs and gates exactly 0 past each row's end.
 */
export function expectPackedSame(
  impl: (a: SequenceArgs) => ReturnType<typeof autogradSequence> | undefined,
  args: SequenceArgs,
  what: string,
  tolerance = 1e-5,
) {
  const lengths = args.lengths!;
  const packed = run(impl, args);
  expectSame(packed, run(packedReference(impl), args), what, tolerance);
  const [T, B, H] = packed.values[0].shape;
  const hs = packed.values[0].dataSync();
  const gates = Object.values(packed.gates ?? {}).map((g) => g.dataSync());
  for (let b = 0; b < B; b++) {
    for (let t = lengths[b]; t < T; t++) {
      for (let j = 0; j < H; j++) {
        expect(hs[(t * B + b) * H + j], `${what} output [${t}, ${b}]`).toBe(0);
        for (const g of gates) expect(g[(b * T + t) * H + j], `${what} gate`).toBe(0);
      }
    }
  }
}
