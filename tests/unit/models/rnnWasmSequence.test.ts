/**
 * The wasm backend's whole-sequence recurrent op (src/models/rnn/fusedWasm.ts's WASM_SEQUENCE:
 * ./cpu/sequence.ts's loops with the WebAssembly SIMD kernels of src/models/rnn/wasm): the kernels
 * against plain loops (odd sizes included), the committed bytes against their .wat source, every
 * output and gradient of the GRU and the Elman RNN against the op-by-op autograd implementation on
 * the same backend (dense, one-hot and ids input, with and without a probe, H a multiple of 4 and
 * not), that runRnn on wasm really runs it, and no tensor leak per step. Packed sequences
 * (`lengths`): the op with lengths against the op without on each row's own prefix (values, final
 * states, gates, every gradient; sorted, unsorted and tied lengths), the kernel's per-step row
 * counts, runRnn's masked fallback, errors, and no leak.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRnnWeights, runRnn, type RnnCellType } from '../../../src/models';
import { autogradSequence } from '../../../src/models/rnn/cells';
import { gruForward } from '../../../src/models/rnn/cpu/cells';
import { cpuSequenceStats, packOrder } from '../../../src/models/rnn/cpu/sequence';
import { WASM_SEQUENCE, WASM_SEQUENCE_CELLS } from '../../../src/models/rnn/fusedWasm';
import { rnnWasmKernels, type RnnWasmKernels } from '../../../src/models/rnn/wasm/kernels';
import { WASM_BASE64 } from '../../../src/models/rnn/wasm/rnn.wasm';
import { selectBackend } from '../../../src/train/backend';
import {
  expectPackedSame,
  expectSame,
  makeArgs,
  referenceNT,
  relErr,
  run,
  uniform,
  worstRelErr,
  type SequenceDims,
} from './sequenceChecks';
// @ts-expect-error: a plain ES module without types (the build script).
import { assemble } from '../../../scripts/build-wasm.mjs';

let k: RnnWasmKernels;
beforeAll(async () => {
  expect((await selectBackend('wasm')).name).toBe('wasm');
  const kernels = rnnWasmKernels();
  expect(kernels, 'Node has WebAssembly SIMD').not.toBeNull();
  k = kernels!;
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const worst = worstRelErr;

describe('the WebAssembly kernels', () => {
  it('the committed module is what rnn.wat assembles to', async () => {
    const text: string = await assemble(
      new URL('../../../src/models/rnn/wasm/rnn.wat', import.meta.url).pathname,
    );
    expect(text).toContain(`'${WASM_BASE64}'`);
  });

  const SHAPES = [
    [1, 1, 1],
    [3, 5, 7],
    [2, 4, 4],
    [7, 13, 9],
    [128, 64, 192],
  ];

  it('gemmNT equals the plain triple loop (odd m, k and n not multiples of 4)', () => {
    for (const [m, kk, n] of SHAPES) {
      const a = uniform(m * kk, `a${m}`);
      const bt = uniform(n * kk, `b${n}`);
      const want = referenceNT(a, bt, m, kk, n);
      const c = uniform(m * n, 'stale'); // overwritten, not added to
      k.gemmNT(a, bt, c, m, kk, n);
      expect(worst(c, want), `${m}x${kk}x${n}`).toBeLessThan(1e-5);
    }
  });

  it('gemmTN equals Aᵀ B and columnSums the column sums (R not a multiple of 4, odd widths)', () => {
    for (const [R, n, h] of [
      [1, 1, 1],
      [5, 3, 7],
      [9, 6, 4],
      [3072, 192, 64],
    ]) {
      const a = uniform(R * n, `ta${R}`);
      const b = uniform(R * h, `tb${R}`);
      const want = new Float64Array(n * h);
      const sums = new Float64Array(n);
      for (let r = 0; r < R; r++) {
        for (let i = 0; i < n; i++) {
          sums[i] += a[r * n + i];
          for (let j = 0; j < h; j++) want[i * h + j] += a[r * n + i] * b[r * h + j];
        }
      }
      expect(worst(k.gemmTN(a, b, R, n, h), want), `${R}x${n}x${h}`).toBeLessThan(1e-4);
      expect(worst(k.columnSums(a, R, n), sums)).toBeLessThan(1e-4);
    }
  });

  it('gruForward equals the JavaScript GRU pass: activations, states, hn', () => {
    const [T, B, H] = [5, 3, 8];
    const N = 3 * H;
    const xp = uniform(T * B * N, 'xp', 2);
    const wHh = uniform(N * H, 'whh', 0.5);
    const bHh = uniform(N, 'bhh', 0.5);
    const h0 = uniform(B * H, 'h0');
    const js = gruForward({ T, B, H, xp: Float32Array.from(xp), wHh, bHh, h0 });
    const acts = Float32Array.from(xp);
    const ours = k.gruForward(acts, wHh, bHh, h0, T, B, H);
    expect(worst(acts, js.saved.acts)).toBeLessThan(1e-6);
    expect(worst(ours.states.subarray(B * H), js.hs)).toBeLessThan(1e-6);
    expect(worst(ours.hn, js.saved.hn!)).toBeLessThan(1e-6);
    // Saturated gates (|x| up to 100) stay finite: σ and tanh clamp the exponent.
    const big = Float32Array.from(xp, (v) => v * 50);
    const sat = k.gruForward(big, wHh, bHh, h0, T, B, H);
    expect(sat.states.every(Number.isFinite)).toBe(true);
    expect(big.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  it('gruForward with per-step row counts equals the JavaScript pass with the same counts', () => {
    const [T, B, H] = [6, 5, 8];
    const N = 3 * H;
    const counts = Int32Array.from([5, 4, 4, 2, 1, 0]);
    const xp = uniform(T * B * N, 'xpc', 2);
    const wHh = uniform(N * H, 'whhc', 0.5);
    const bHh = uniform(N, 'bhhc', 0.5);
    const h0 = uniform(B * H, 'h0c');
    // Stale values in the module's memory must not leak into the carried rows.
    k.gruForward(uniform(T * B * N, 'junk', 9), wHh, bHh, uniform(B * H, 'j'), T, B, H);
    const js = gruForward({ T, B, H, counts, xp: Float32Array.from(xp), wHh, bHh, h0 });
    const acts = Float32Array.from(xp);
    const ours = k.gruForward(acts, wHh, bHh, h0, T, B, H, counts);
    expect(worst(ours.states.subarray(B * H), js.hs)).toBeLessThan(1e-6);
    for (let t = 0; t < T; t++) {
      const n = counts[t];
      const rows = (a: Float32Array, w: number) => a.subarray(t * B * w, (t * B + n) * w);
      expect(worst(rows(acts, N), rows(js.saved.acts, N))).toBeLessThan(1e-6);
      expect(worst(rows(ours.hn, H), rows(js.saved.hn!, H))).toBeLessThan(1e-6);
      // A row past its end carries its state: h_{t+1} = h_t.
      for (let b = n; b < B; b++) {
        const at = (s: number) => ours.states.subarray((s * B + b) * H, (s * B + b + 1) * H);
        expect(Array.from(at(t + 1))).toEqual(Array.from(at(t)));
      }
    }
    expect(() =>
      k.gruForward(acts, wHh, bHh, h0, T, B, H, Int32Array.from([6, 0, 0, 0, 0, 0])),
    ).toThrow(/counts/);
  });

  it('gruForward refuses H not a multiple of 4 and sizes that do not match', () => {
    const f = (H: number, xpLength: number) => () =>
      k.gruForward(
        new Float32Array(xpLength),
        new Float32Array(3 * H * H),
        new Float32Array(3 * H),
        new Float32Array(2 * H),
        1,
        2,
        H,
      );
    expect(f(6, 36)).toThrow(/multiple of 4/);
    expect(f(8, 10)).toThrow(/sizes do not match/);
  });
});

const CELLS: RnnCellType[] = ['rnn', 'gru'];
// H 8: the GRU's forward pass runs in wasm; H 6: its JavaScript loop (with the wasm products).
const DIMS: SequenceDims[] = [
  { B: 3, T: 5, I: 7, H: 8 },
  { B: 3, T: 5, I: 7, H: 6 },
];
const TOL = 2e-5; // float32 sums in another order, σ and tanh from a vectorised exp

describe('WASM_SEQUENCE against the op-by-op autograd implementation on wasm', () => {
  it('serves the GRU and the Elman RNN; the LSTM keeps its own wasm loops (measured no faster)', () => {
    expect(WASM_SEQUENCE_CELLS).toEqual({ rnn: true, lstm: false, gru: true });
    tf.tidy(() => {
      expect(WASM_SEQUENCE(makeArgs(DIMS[0], 'lstm'))).toBeUndefined();
    });
  });

  for (const dims of DIMS) {
    for (const cell of CELLS) {
      for (const probe of [false, true]) {
        it(`${cell}, H ${dims.H}${probe ? ', with a probe' : ''}: outputs, gates, every gradient`, () => {
          tf.tidy(() => {
            const args = makeArgs(dims, cell, { probe });
            const calls = cpuSequenceStats.calls;
            expectSame(run(WASM_SEQUENCE, args), run(autogradSequence, args), cell, TOL);
            expect(cpuSequenceStats.calls).toBe(calls + 1);
          });
        });
      }
    }
  }

  it('ids input equals one-hot input (values, gates, weight and state gradients)', () => {
    const { B, T, I } = DIMS[0];
    const ids = Int32Array.from({ length: B * T }, (_, q) => (q * 3 + (q % 4)) % I);
    tf.tidy(() => {
      for (const cell of CELLS) {
        const idsArgs = makeArgs(DIMS[0], cell, { x: tf.tensor2d(ids, [B, T], 'int32') });
        const oneHot = tf.oneHot(tf.tensor2d(ids, [B, T], 'int32'), I).toFloat() as tf.Tensor3D;
        const a = run(WASM_SEQUENCE, idsArgs);
        const b = run(autogradSequence, { ...idsArgs, x: oneHot });
        b.grads.pop(); // dx: ids get no gradient
        expectSame(a, b, `${cell} ids`, TOL);
      }
    });
  });
});

describe('packed sequences (lengths) in WASM_SEQUENCE', () => {
  it('packOrder: a stable sort by length, longest first (none when sorted), and the counts', () => {
    expect(packOrder(Int32Array.from([5, 3, 3, 1]), 5)).toEqual({
      order: null,
      counts: Int32Array.from([4, 3, 3, 1, 1]),
    });
    const { order, counts } = packOrder(Int32Array.from([2, 5, 2, 4]), 6);
    expect(Array.from(order!)).toEqual([1, 3, 0, 2]);
    expect(Array.from(counts)).toEqual([4, 4, 2, 2, 1, 0]);
  });

  const LENGTHS: Array<[string, number[]]> = [
    ['sorted', [5, 3, 1]],
    ['unsorted', [2, 5, 4]],
    ['tied, one full', [3, 5, 3]],
    ['all full', [5, 5, 5]],
  ];
  for (const dims of DIMS) {
    for (const cell of CELLS) {
      for (const [name, lengths] of LENGTHS) {
        it(`${cell}, H ${dims.H}, ${name} lengths: = the op without lengths on each row's prefix`, () => {
          tf.tidy(() => {
            const args = { ...makeArgs(dims, cell), lengths: Int32Array.from(lengths) };
            const calls = cpuSequenceStats.calls;
            expectPackedSame(WASM_SEQUENCE, args, `${cell} ${name}`, 1e-5);
            // One packed call, and B unpacked calls for the reference, all through the op.
            expect(cpuSequenceStats.calls).toBe(calls + 1 + dims.B);
          });
        });
      }
    }
  }

  it('ids input, a larger odd batch (B 7, T 9): gradients to the weights and h0', () => {
    const dims = { B: 7, T: 9, I: 5, H: 8 };
    const lengths = Int32Array.from([1, 9, 4, 9, 2, 7, 3]);
    const ids = Int32Array.from({ length: 7 * 9 }, (_, q) => (q * 7 + (q % 3)) % 5);
    tf.tidy(() => {
      for (const cell of CELLS) {
        const args = makeArgs(dims, cell, { x: tf.tensor2d(ids, [7, 9], 'int32') });
        expectPackedSame(WASM_SEQUENCE, { ...args, lengths }, `${cell} ids`, 1e-5);
      }
    });
  });

  it('refuses lengths out of range, of the wrong count, or with a probe', () => {
    tf.tidy(() => {
      const args = makeArgs(DIMS[0], 'gru');
      const withLengths = (l: number[]) => () =>
        WASM_SEQUENCE({ ...args, lengths: Int32Array.from(l) });
      expect(withLengths([5, 0, 1])).toThrow(/lengths must be 3 integers in \[1, 5\]/);
      expect(withLengths([6, 1, 1])).toThrow(/lengths/);
      expect(withLengths([5, 1])).toThrow(/lengths/);
      const probed = makeArgs(DIMS[0], 'gru', { probe: true });
      expect(() => WASM_SEQUENCE({ ...probed, lengths: Int32Array.from([5, 4, 3]) })).toThrow(
        /probe/,
      );
    });
  });
});

describe('through runRnn on wasm', () => {
  it('runRnn with lengths: the op (GRU) and the masked fallback (autograd, LSTM) agree', () => {
    const { B, T, I, H } = DIMS[0];
    const lengths = [3, 5, 1];
    tf.tidy(() => {
      const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
      for (const cell of ['gru', 'rnn', 'lstm'] as RnnCellType[]) {
        const w = initRnnWeights(cell, I, H, { seed: `packed-${cell}` });
        const calls = cpuSequenceStats.calls;
        const fused = runRnn(cell, x, w, undefined, { lengths, recordGates: true });
        expect(cpuSequenceStats.calls).toBe(calls + (cell === 'lstm' ? 0 : 1));
        const ref = runRnn(cell, x, w, undefined, {
          lengths,
          backward: 'autograd',
          recordGates: true,
        });
        expect(relErr(fused.outputs, ref.outputs), cell).toBeLessThan(TOL);
        expect(relErr(fused.h, ref.h), cell).toBeLessThan(TOL);
        for (const [name, g] of Object.entries(fused.gates!))
          expect(relErr(g, ref.gates![name as 'r']!), `${cell} ${name}`).toBeLessThan(TOL);
        // The final state is the output at each row's last step; the masked fallback has no c.
        const out = fused.outputs.arraySync();
        const h = fused.h.arraySync();
        lengths.forEach((n, b) => expect(h[b]).toEqual(out[b][n - 1]));
        expect(ref.c).toBeUndefined();
        Object.values(w).forEach((v) => (v as tf.Tensor).dispose());
      }
    });
  });

  it('runRnn refuses bad lengths with a message naming them', () => {
    const { B, T, I, H } = DIMS[0];
    tf.tidy(() => {
      const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
      const w = initRnnWeights('gru', I, H, { seed: 'packed-bad' });
      expect(() => runRnn('gru', x, w, undefined, { lengths: [5, 2] })).toThrow(
        /one length per row \(3\)/,
      );
      expect(() => runRnn('gru', x, w, undefined, { lengths: [5, 2.5, 1] })).toThrow(
        /lengths\[1\] = 2.5 is not an integer in \[1, 5\]/,
      );
      expect(() => runRnn('gru', x, w, undefined, { lengths: [5, 2, 6] })).toThrow(/lengths\[2\]/);
      Object.values(w).forEach((v) => (v as tf.Tensor).dispose());
    });
  });

  it('runRnn (fused, the default) runs the op for a GRU and matches autograd', () => {
    tf.tidy(() => {
      const { B, T, I, H } = DIMS[0];
      const w = initRnnWeights('gru', I, H, { seed: 'wasm-runRnn' });
      const calls = cpuSequenceStats.calls;
      const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
      const fused = runRnn('gru', x, w);
      const ref = runRnn('gru', x, w, undefined, { backward: 'autograd' });
      expect(cpuSequenceStats.calls).toBe(calls + 1);
      expect(relErr(fused.outputs, ref.outputs)).toBeLessThan(TOL);
      Object.values(w).forEach((v) => (v as tf.Tensor).dispose());
    });
  });

  for (const lengths of [undefined, [2, 5, 4]]) {
    it(`leaks no tensor per gradient step after a warm-up${lengths ? ' (packed)' : ''}`, () => {
      const { B, T, I, H } = DIMS[0];
      const w = initRnnWeights('gru', I, H, { seed: 'wasm-leak' });
      const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
      const step = () =>
        tf.tidy(() => {
          const { grads, value } = tf.variableGrads(() => {
            const res = runRnn('gru', x, w, undefined, { lengths });
            return tf.add(tf.sum(res.outputs), tf.sum(res.h)) as tf.Scalar;
          });
          value.dataSync();
          return Object.values(grads).length;
        });
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) expect(step()).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
      Object.values(w).forEach((v) => (v as tf.Tensor).dispose());
      x.dispose();
    });
  }
});
