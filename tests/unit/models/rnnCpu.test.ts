/**
 * The cpu backend's whole-sequence recurrent op (src/models/rnn/cpu): the blocked product against
 * a plain triple loop; every cell's outputs, final state, gates and every gradient (x, the four
 * weights, h0, c0 and the additive probe) against the op-by-op `autograd` implementation; ids
 * input == one-hot input == dense product; that runRnn on cpu really runs it; no tensor leak per
 * char-LM step; clear errors and fallbacks. (The PyTorch fixtures of rnnTorch.test.ts run through
 * it too: they run on cpu with the `fused` default.)
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCharLmTask, initRnnWeights, runRnn, type RnnCellType } from '../../../src/models';
import { autogradSequence, type SequenceArgs } from '../../../src/models/rnn/cells';
import { gemmNT } from '../../../src/models/rnn/cpu/gemm';
import { cpuSequence, cpuSequenceStats } from '../../../src/models/rnn/cpu/sequence';
import { createRng } from '../../../src/train/random';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const CELLS: RnnCellType[] = ['rnn', 'lstm', 'gru'];
// Odd sizes: B odd and G*H not a multiple of 4 for rnn and gru exercise the product's edge loops.
const [B, T, I, H] = [3, 5, 7, 6];

function uniform(n: number, seed: string, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
}

/** Worst |a - b| / max(1, |b|). */
function relErr(a: tf.Tensor, b: tf.Tensor): number {
  const av = a.dataSync();
  const bv = b.dataSync();
  expect(a.shape).toEqual(b.shape);
  let worst = 0;
  av.forEach(
    (v, q) => (worst = Math.max(worst, Math.abs(v - bv[q]) / Math.max(1, Math.abs(bv[q])))),
  );
  return worst;
}

describe('gemmNT', () => {
  it('equals the plain triple loop for edge shapes (odd m, n not a multiple of 4)', () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [3, 5, 7],
      [4, 9, 8],
      [5, 2, 6],
    ]) {
      const a = uniform(m * k, `a${m}`);
      const bt = uniform(n * k, `b${n}`);
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          for (let p = 0; p < k; p++) want[i * n + j] += a[i * k + p] * bt[j * k + p];
        }
      }
      const c = uniform(m * n, 'stale'); // overwritten, not added to
      gemmNT(a, bt, c, m, k, n);
      c.forEach((v, q) => expect(v).toBe(Math.fround(want[q])));
    }
  });
});

/** Random-weighted loss over outputs, h and c, and its gradients w.r.t. every input of `args`. */
function run(
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

function makeArgs(
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

function expectSame(a: ReturnType<typeof run>, b: ReturnType<typeof run>, what: string) {
  a.values.forEach((v, k) =>
    expect(relErr(v, b.values[k]), `${what} value ${k}`).toBeLessThan(1e-5),
  );
  expect(a.grads.length).toBe(b.grads.length);
  a.grads.forEach((g, k) => expect(relErr(g, b.grads[k]), `${what} grad ${k}`).toBeLessThan(1e-5));
  expect(Object.keys(a.gates ?? {}).sort()).toEqual(Object.keys(b.gates ?? {}).sort());
  for (const [name, g] of Object.entries(a.gates ?? {})) {
    expect(relErr(g, b.gates![name]), `${what} gate ${name}`).toBeLessThan(1e-5);
  }
}

describe('cpuSequence against the op-by-op autograd implementation', () => {
  for (const cell of CELLS) {
    for (const probe of [false, true]) {
      it(`${cell}${probe ? ' with a probe' : ''}: outputs, h, c, gates and every gradient`, () => {
        tf.tidy(() => {
          const args = makeArgs(cell, { probe });
          const calls = cpuSequenceStats.calls;
          expectSame(run(cpuSequence, args), run(autogradSequence, args), cell);
          expect(cpuSequenceStats.calls).toBe(calls + 1);
        });
      });
    }
  }

  it('forward values and gates equal the op-by-op path bit for bit (sums shorter than 48)', () => {
    tf.tidy(() => {
      for (const cell of CELLS) {
        for (const probe of [false, true]) {
          const args = makeArgs(cell, { probe });
          const ours = cpuSequence(args)!;
          const ref = autogradSequence(args);
          const same = (a: tf.Tensor, b: tf.Tensor) =>
            expect(Array.from(a.dataSync()), cell).toEqual(Array.from(b.dataSync()));
          same(ours.hsTime, ref.hsTime);
          if (ref.c) same(ours.c!, ref.c);
          for (const name of Object.keys(ref.gates!)) same(ours.gates![name], ref.gates![name]);
        }
      }
    });
  });

  it('one time step (T = 1) and the gradient through the final state only', () => {
    tf.tidy(() => {
      for (const cell of CELLS) {
        const args = { ...makeArgs(cell), x: tf.tensor3d(uniform(B * I, 'x1'), [B, 1, I]) };
        const lossOnH = (impl: typeof autogradSequence) =>
          tf.grads((wHh: tf.Tensor) =>
            tf.sum(tf.square(impl({ ...args, w: { ...args.w, wHh: wHh as tf.Tensor2D } }).h)),
          )([args.w.wHh])[0];
        expect(
          relErr(
            lossOnH((a) => cpuSequence(a)!),
            lossOnH(autogradSequence),
          ),
        ).toBeLessThan(1e-5);
      }
    });
  });

  it('sparse float input (mostly zeros, values other than 1) takes the sparse path correctly', () => {
    tf.tidy(() => {
      const v = uniform(B * T * I, 'sparse').map((u, q) => (q % 5 === 0 ? u : 0));
      const args = makeArgs('lstm', { x: tf.tensor3d(v, [B, T, I]) });
      expectSame(run(cpuSequence, args), run(autogradSequence, args), 'sparse lstm');
    });
  });
});

describe('ids input', () => {
  const ids = Int32Array.from({ length: B * T }, (_, k) => (k * 3 + (k % 4)) % I);
  for (const cell of CELLS) {
    it(`${cell}: ids == one-hot input for values, gates and every weight/state gradient`, () => {
      tf.tidy(() => {
        const idsArgs = makeArgs(cell, { probe: true, x: tf.tensor2d(ids, [B, T], 'int32') });
        const oneHot = tf.oneHot(tf.tensor2d(ids, [B, T], 'int32'), I).toFloat() as tf.Tensor3D;
        const hotArgs = { ...idsArgs, x: oneHot };
        const a = run(cpuSequence, idsArgs);
        const b = run(autogradSequence, hotArgs);
        b.grads.pop(); // dx: ids get no gradient
        expectSame(a, b, `${cell} ids`);
        // One-hot float input takes the sparse path: the same as ids, plus a dense dx.
        const c = run(cpuSequence, hotArgs);
        expect(
          relErr(c.grads[c.grads.length - 1], run(autogradSequence, hotArgs).grads.pop()!),
        ).toBeLessThan(1e-5);
      });
    });
  }

  it('an id outside [0, I) is a RangeError naming it', () => {
    tf.tidy(() => {
      const bad = Int32Array.from(ids);
      bad[4] = I;
      const args = makeArgs('gru', { x: tf.tensor2d(bad, [B, T], 'int32') });
      expect(() => cpuSequence(args)).toThrow(RangeError);
      expect(() => cpuSequence(args)).toThrow(`input id ${I} at [0, 4]`);
    });
  });
});

describe('use through runRnn and fallbacks', () => {
  it('runRnn (fused, the default) runs the cpu op on the cpu backend', () => {
    tf.tidy(() => {
      const w = initRnnWeights('lstm', I, H, { seed: 'runRnn' });
      const calls = cpuSequenceStats.calls;
      const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
      const fused = runRnn('lstm', x, w);
      const ref = runRnn('lstm', x, w, undefined, { backward: 'autograd' });
      expect(cpuSequenceStats.calls).toBe(calls + 1);
      expect(relErr(fused.outputs, ref.outputs)).toBeLessThan(1e-5);
      Object.values(w).forEach((v) => (v as tf.Tensor).dispose());
    });
  });

  it('declines (undefined, nothing counted) what it does not handle: int32 weights, int32 3-D x', () => {
    tf.tidy(() => {
      const calls = cpuSequenceStats.calls;
      const args = makeArgs('rnn');
      expect(
        cpuSequence({ ...args, x: tf.zeros([B, T, I], 'int32') as tf.Tensor3D }),
      ).toBeUndefined();
      const intW = { ...args.w, bIh: tf.zeros([H], 'int32') as tf.Tensor1D };
      expect(cpuSequence({ ...args, w: intW })).toBeUndefined();
      expect(cpuSequenceStats.calls).toBe(calls);
    });
  });

  it('leaks no tensor per char-LM step on cpu (after warm-up)', async () => {
    const task = createCharLmTask({
      trainText: 'the cat sat on the mat. '.repeat(60),
      heldoutText: 'the cat sat.',
      cell: 'lstm',
      hiddenSize: 12,
      seqLen: 8,
      batchSize: 3,
      seed: 1,
    });
    task.init();
    const step = () => {
      const out = task.step();
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
    };
    step();
    step();
    const warm = tf.memory().numTensors;
    const calls = cpuSequenceStats.calls;
    for (let k = 0; k < 5; k++) step();
    expect(tf.memory().numTensors).toBe(warm);
    expect(cpuSequenceStats.calls).toBe(calls + 5);
    task.dispose();
  });
});
