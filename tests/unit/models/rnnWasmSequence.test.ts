/**
 * The wasm backend's whole-sequence recurrent op (src/models/rnn/fusedWasm.ts's WASM_SEQUENCE:
 * ./cpu/sequence.ts's loops with the WebAssembly SIMD kernels of src/models/rnn/wasm): the kernels
 * against plain loops (odd sizes included), the committed bytes against their .wat source, every
 * output and gradient of the GRU and the Elman RNN against the op-by-op autograd implementation on
 * the same backend (dense, one-hot and ids input, with and without a probe, H a multiple of 4 and
 * not), that runRnn on wasm really runs it, and no tensor leak per step.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRnnWeights, runRnn, type RnnCellType } from '../../../src/models';
import { autogradSequence } from '../../../src/models/rnn/cells';
import { gruForward } from '../../../src/models/rnn/cpu/cells';
import { cpuSequenceStats } from '../../../src/models/rnn/cpu/sequence';
import { WASM_SEQUENCE, WASM_SEQUENCE_CELLS } from '../../../src/models/rnn/fusedWasm';
import { rnnWasmKernels, type RnnWasmKernels } from '../../../src/models/rnn/wasm/kernels';
import { WASM_BASE64 } from '../../../src/models/rnn/wasm/rnn.wasm';
import { selectBackend } from '../../../src/train/backend';
import {
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

describe('through runRnn on wasm', () => {
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

  it('leaks no tensor per gradient step after a warm-up', () => {
    const { B, T, I, H } = DIMS[0];
    const w = initRnnWeights('gru', I, H, { seed: 'wasm-leak' });
    const x = tf.tensor3d(uniform(B * T * I, 'x'), [B, T, I]);
    const step = () =>
      tf.tidy(() => {
        const { grads, value } = tf.variableGrads(
          () => tf.sum(runRnn('gru', x, w).outputs) as tf.Scalar,
        );
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
});
