/**
 * The cpu backend's whole-sequence recurrent op (src/models/rnn/cpu): the blocked product against
 * a plain triple loop; every cell's outputs, final state, gates and every gradient (x, the four
 * weights, h0, c0 and the additive probe) against the op-by-op `autograd` implementation; ids
 * input == one-hot input == dense product; that runRnn on cpu really runs it; no tensor leak per
 * char-LM step; clear errors and fallbacks; packed sequences (`lengths`) against the op without
 * lengths on each row's own prefix, LSTM included (its final c at each row's last step). (The PyTorch fixtures of rnnTorch.test.ts run through
 * it too: they run on cpu with the `fused` default.)
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCharLmTask, initRnnWeights, runRnn, type RnnCellType } from '../../../src/models';
import { autogradSequence } from '../../../src/models/rnn/cells';
import { gemmNT } from '../../../src/models/rnn/cpu/gemm';
import { cpuSequence, cpuSequenceStats } from '../../../src/models/rnn/cpu/sequence';
import {
  expectPackedSame,
  expectSame,
  makeArgs as makeArgsOf,
  referenceNT,
  relErr,
  run,
  uniform,
  type SequenceDims,
} from './sequenceChecks';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const CELLS: RnnCellType[] = ['rnn', 'lstm', 'gru'];
// Odd sizes: B odd and G*H not a multiple of 4 for rnn and gru exercise the product's edge loops.
const [B, T, I, H] = [3, 5, 7, 6];
const DIMS: SequenceDims = { B, T, I, H };
const makeArgs = (cell: RnnCellType, opts?: Parameters<typeof makeArgsOf>[2]) =>
  makeArgsOf(DIMS, cell, opts);

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
      const want = referenceNT(a, bt, m, k, n);
      const c = uniform(m * n, 'stale'); // overwritten, not added to
      gemmNT(a, bt, c, m, k, n);
      c.forEach((v, q) => expect(v).toBe(Math.fround(want[q])));
    }
  });
});

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

describe('packed sequences (lengths) in cpuSequence', () => {
  for (const cell of CELLS) {
    for (const lengths of [
      [5, 3, 1],
      [2, 5, 4],
      [3, 5, 3],
    ]) {
      it(`${cell}, lengths ${lengths}: outputs, final h and c, gates, every gradient`, () => {
        tf.tidy(() => {
          const args = { ...makeArgs(cell), lengths: Int32Array.from(lengths) };
          expectPackedSame(cpuSequence, args, `${cell} ${lengths}`, 1e-5);
        });
      });
    }
  }

  it('one-hot (sparse) input, B 6, rows of length 1: the sparse path with reordered rows', () => {
    const dims = { B: 6, T: 4, I: 7, H: 6 };
    const ids = Int32Array.from({ length: 24 }, (_, q) => (q * 5 + 1) % 7);
    tf.tidy(() => {
      const x = tf.oneHot(tf.tensor2d(ids, [6, 4], 'int32'), 7).toFloat() as tf.Tensor3D;
      for (const cell of CELLS) {
        const args = {
          ...makeArgsOf(dims, cell, { x }),
          lengths: Int32Array.from([1, 4, 2, 1, 3, 4]),
        };
        expectPackedSame(cpuSequence, args, `${cell} one-hot`, 1e-5);
      }
    });
  });

  it('through runRnn: an LSTM with lengths runs the op, its c is the state at each row end', () => {
    tf.tidy(() => {
      const w = initRnnWeights('lstm', I, H, { seed: 'packed-lstm' });
      const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
      const calls = cpuSequenceStats.calls;
      const packed = runRnn('lstm', x, w, undefined, { lengths: [2, 5, 4] });
      expect(cpuSequenceStats.calls).toBe(calls + 1);
      const row1 = runRnn('lstm', tf.slice(x, [0, 0, 0], [1, 2, -1]), w);
      expect(relErr(tf.slice(packed.c!, [0, 0], [1, -1]), row1.c!)).toBeLessThan(1e-6);
      // The masked fallback (autograd) gives the same outputs and h, and no c.
      const ref = runRnn('lstm', x, w, undefined, { lengths: [2, 5, 4], backward: 'autograd' });
      expect(relErr(packed.outputs, ref.outputs)).toBeLessThan(1e-5);
      expect(relErr(packed.h, ref.h)).toBeLessThan(1e-5);
      expect(ref.c).toBeUndefined();
      Object.values(w).forEach((v) => (v as tf.Tensor).dispose());
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
