/**
 * runRnn and helpers: shapes, recorded gates, bad input, tensor ownership and leaks, seeded init,
 * clipping switches, the TBPTT state hand-over and training through optimizer.minimize.
 * (Numbers against PyTorch: rnnTorch.test.ts; gradient norms per step: rnnInstrument.test.ts.)
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clipByGlobalNorm,
  detachState,
  disposeRnnWeights,
  disposeState,
  initRnnWeights,
  namedRnnWeights,
  rnnWeightList,
  runRnn,
  runStackedRnn,
  type RnnCellType,
  type RnnVariables,
} from '../../../src/models';

const CELLS: RnnCellType[] = ['rnn', 'lstm', 'gru'];
const B = 3;
const T = 6;
const I = 5;
const H = 4;
const live: RnnVariables[] = [];
const weights = (cell: RnnCellType, input = I, hidden = H, seed: number | string = 7) => {
  const w = initRnnWeights(cell, input, hidden, { seed });
  live.push(w);
  return w;
};
const input = (seed = 1, b = B, t = T, i = I) =>
  tf.randomNormal([b, t, i], 0, 1, 'float32', seed) as tf.Tensor3D;
afterEach(() => live.splice(0).forEach(disposeRnnWeights));

describe('runRnn shapes and values', () => {
  for (const cell of CELLS) {
    it(`${cell}: outputs [B, T, H], h = last output, c only for the LSTM`, () => {
      tf.tidy(() => {
        const out = runRnn(cell, input(), weights(cell));
        expect(out.outputs.shape).toEqual([B, T, H]);
        expect(out.h.shape).toEqual([B, H]);
        expect(out.c?.shape).toEqual(cell === 'lstm' ? [B, H] : undefined);
        expect(out.gates).toBeUndefined();
        const last = tf.reshape(tf.slice(out.outputs, [0, T - 1, 0], [-1, 1, -1]), [B, H]);
        expect(Array.from(out.h.dataSync())).toEqual(Array.from(last.dataSync()));
        // A zero initial state is the default, like PyTorch.
        const zeros = {
          h: tf.zeros([B, H]) as tf.Tensor2D,
          c: cell === 'lstm' ? (tf.zeros([B, H]) as tf.Tensor2D) : undefined,
        };
        const again = runRnn(
          cell,
          input(),
          weights(cell),
          cell === 'lstm' ? zeros : { h: zeros.h },
        );
        expect(Array.from(again.outputs.dataSync())).toEqual(Array.from(out.outputs.dataSync()));
      });
    });
  }

  it('lstm: the recorded gates reproduce c and h (c_t = f c_{t-1} + i g, h_t = o tanh c_t)', () => {
    tf.tidy(() => {
      const out = runRnn('lstm', input(), weights('lstm'), undefined, { recordGates: true });
      const { i, f, g, o } = out.gates!;
      for (const gate of [i, f, g, o]) expect(gate!.shape).toEqual([B, T, H]);
      let c = tf.zeros([B, 1, H]);
      const at = (t3: tf.Tensor3D, t: number) => tf.slice(t3, [0, t, 0], [-1, 1, -1]);
      for (let t = 0; t < T; t++) {
        c = tf.add(tf.mul(at(f!, t), c), tf.mul(at(i!, t), at(g!, t)));
        const h = tf.mul(at(o!, t), tf.tanh(c));
        const diff = tf.max(tf.abs(tf.sub(h, at(out.outputs, t)))).dataSync()[0];
        expect(diff).toBeLessThan(1e-6);
      }
      expect(tf.max(tf.abs(tf.sub(tf.reshape(c, [B, H]), out.c!))).dataSync()[0]).toBeLessThan(
        1e-6,
      );
      expect(tf.min(g!).dataSync()[0]).toBeLessThan(0); // tanh gate takes negative values
      expect(tf.min(i!).dataSync()[0]).toBeGreaterThan(0);
    });
  });

  it('gru: the recorded gates reproduce h (h_t = (1 - z) n + z h_{t-1}); both implementations agree', () => {
    tf.tidy(() => {
      const w = weights('gru');
      const fused = runRnn('gru', input(), w, undefined, { recordGates: true });
      const ref = runRnn('gru', input(), w, undefined, { recordGates: true, backward: 'autograd' });
      const { r, z, n } = fused.gates!;
      for (const name of ['r', 'z', 'n'] as const) {
        expect(Array.from(fused.gates![name]!.dataSync())).toEqual(
          Array.from(ref.gates![name]!.dataSync()),
        );
      }
      expect(r!.shape).toEqual([B, T, H]);
      let h = tf.zeros([B, 1, H]);
      for (let t = 0; t < T; t++) {
        const at = (t3: tf.Tensor3D) => tf.slice(t3, [0, t, 0], [-1, 1, -1]);
        h = tf.add(tf.mul(tf.sub(1, at(z!)), at(n!)), tf.mul(at(z!), h));
        expect(tf.max(tf.abs(tf.sub(h, at(fused.outputs)))).dataSync()[0]).toBeLessThan(1e-6);
      }
    });
  });

  it('runStackedRnn: layer 2 reads layer 1 outputs; one state per layer', () => {
    tf.tidy(() => {
      const l0 = weights('gru', I, 6, 1);
      const l1 = weights('gru', 6, H, 2);
      const out = runStackedRnn('gru', input(), [l0, l1], undefined, { recordGates: true });
      const manual = runRnn('gru', runRnn('gru', input(), l0).outputs, l1);
      expect(out.outputs.shape).toEqual([B, T, H]);
      expect(out.states.map((s) => s.h.shape)).toEqual([
        [B, 6],
        [B, H],
      ]);
      expect(out.gates!.map((g) => g.z!.shape)).toEqual([
        [B, T, 6],
        [B, T, H],
      ]);
      expect(Array.from(out.outputs.dataSync())).toEqual(Array.from(manual.outputs.dataSync()));
    });
  });
});

describe('bad input fails with a message naming the shape', () => {
  it('x of the wrong rank or input size, time 0', () => {
    const w = weights('lstm');
    const x2 = tf.zeros([B, I]) as unknown as tf.Tensor3D;
    expect(() => runRnn('lstm', x2, w)).toThrow(/x must be \[batch, time, input\].*\[3, 5\]/);
    const xWide = tf.zeros([B, T, I + 1]) as tf.Tensor3D;
    expect(() => runRnn('lstm', xWide, w)).toThrow(/input size 6 .*\[3, 6, 6\].*expect 5/);
    const x0 = tf.zeros([B, 0, I]) as tf.Tensor3D;
    expect(() => runRnn('lstm', x0, w)).toThrow(
      /at least one sequence and one time step.*\[3, 0, 5\]/,
    );
    const xInt = tf.zeros([B, T, I], 'int32') as tf.Tensor3D;
    expect(() => runRnn('lstm', xInt, w)).toThrow(/float32/);
    tf.dispose([x2, xWide, x0, xInt]);
  });

  it('weights of another cell or size, unknown cell', () => {
    const x = input();
    expect(() => runRnn('gru', x, weights('lstm'))).toThrow(
      /gru.*wHh must be \[3\*H, H\].*\[16, 4\]/,
    );
    const w = weights('rnn');
    const bad = { ...w, bIh: tf.zeros([5]) as tf.Tensor1D };
    expect(() => runRnn('rnn', x, bad)).toThrow(/bIh must be \[4\], got \[5\]/);
    expect(() => runRnn('tanh' as RnnCellType, x, w)).toThrow(/unknown cell "tanh"/);
    tf.dispose([x, bad.bIh]);
  });

  it('states: LSTM without c, c given to a GRU, wrong batch, wrong count of stacked states', () => {
    const x = input();
    const h = tf.zeros([B, H]) as tf.Tensor2D;
    expect(() => runRnn('lstm', x, weights('lstm'), { h })).toThrow(
      /state\.c must be \[batch, H\] = \[3, 4\], got none/,
    );
    expect(() => runRnn('gru', x, weights('gru'), { h, c: h })).toThrow(/only for the LSTM/);
    const h2 = tf.zeros([2, H]) as tf.Tensor2D;
    expect(() => runRnn('rnn', x, weights('rnn'), { h: h2 })).toThrow(
      /state\.h must be \[batch, H\] = \[3, 4\], got \[2, 4\]/,
    );
    expect(() => runStackedRnn('rnn', x, [weights('rnn')], [{ h }, { h }])).toThrow(
      /2 initial state\(s\) for 1 layer/,
    );
    expect(() => runStackedRnn('rnn', x, [])).toThrow(/at least one layer/);
    tf.dispose([x, h, h2]);
  });

  it('initRnnWeights rejects bad sizes and a forget bias outside the LSTM', () => {
    expect(() => initRnnWeights('lstm', 0, 4, { seed: 1 })).toThrow(
      /inputSize must be a positive integer, got 0/,
    );
    expect(() => initRnnWeights('lstm', 3, 2.5, { seed: 1 })).toThrow(/hiddenSize/);
    expect(() => initRnnWeights('gru', 3, 4, { seed: 1, forgetBias: 1 })).toThrow(/LSTM only/);
  });
});

describe('tensor ownership', () => {
  for (const cell of CELLS) {
    for (const backward of ['fused', 'autograd'] as const) {
      it(`${cell} (${backward}): no leak inside tf.tidy; outside, only the returned tensors`, () => {
        const w = weights(cell);
        const x = input();
        runRnn(cell, x, w, undefined, { backward, recordGates: true }); // warm-up
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          runRnn(cell, x, w, undefined, { backward, recordGates: true });
        });
        expect(tf.memory().numTensors).toBe(before);
        const out = runRnn(cell, x, w, undefined, { backward });
        expect(tf.memory().numTensors - before).toBe(cell === 'lstm' ? 3 : 2);
        tf.dispose([out.outputs, out.h, out.c].filter((t) => t) as tf.Tensor[]);
        expect(tf.memory().numTensors).toBe(before);
        x.dispose();
      });
    }
  }

  it('training with optimizer.minimize: loss falls, tensor count constant per step, dispose frees all', () => {
    // Many-to-one: output the first input value of each sequence after T steps (needs memory).
    const start = tf.memory().numTensors;
    const w = initRnnWeights('lstm', 1, 8, { seed: 3, forgetBias: 1 });
    const head = tf.tidy(() => tf.variable(tf.randomNormal([8, 1], 0, 0.3, 'float32', 5)));
    const x = tf.randomUniform([16, T, 1], -1, 1, 'float32', 9) as tf.Tensor3D;
    const y = tf.tidy(() => tf.reshape(tf.slice(x, [0, 0, 0], [-1, 1, -1]), [16, 1]));
    const optimizer = tf.train.adam(0.03);
    const losses: number[] = [];
    let afterWarmup = 0;
    for (let s = 0; s < 60; s++) {
      const loss = optimizer.minimize(
        () => tf.losses.meanSquaredError(y, tf.matMul(runRnn('lstm', x, w).h, head)) as tf.Scalar,
        true,
        [...rnnWeightList(w), head],
      )!;
      losses.push(loss.dataSync()[0]);
      loss.dispose();
      if (s === 1) afterWarmup = tf.memory().numTensors;
      if (s > 1) expect(tf.memory().numTensors).toBe(afterWarmup);
    }
    expect(losses[59]).toBeLessThan(losses[0] * 0.3);
    optimizer.dispose();
    disposeRnnWeights(w);
    disposeRnnWeights(w); // twice is safe
    tf.dispose([head, x, y]);
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('fused and autograd agree at the edges', () => {
  for (const cell of CELLS) {
    it(`${cell}: time 1 and 2, given state, gradients w.r.t. x, weights and state`, () => {
      for (const t of [1, 2]) {
        const w = weights(cell);
        const x = input(4, B, t);
        const h0 = tf.randomNormal([B, H], 0, 1, 'float32', 5) as tf.Tensor2D;
        const c0 = tf.randomNormal([B, H], 0, 1, 'float32', 6) as tf.Tensor2D;
        const R = tf.randomNormal([B, t, H], 0, 1, 'float32', 7);
        const grads = (backward: 'fused' | 'autograd') =>
          tf.grads((...a: tf.Tensor[]) => {
            const [xx, wIh, wHh, bIh, bHh, h, c] = a;
            const state =
              cell === 'lstm'
                ? { h: h as tf.Tensor2D, c: c as tf.Tensor2D }
                : { h: h as tf.Tensor2D };
            const ww = { wIh, wHh, bIh, bHh } as typeof w;
            const out = runRnn(cell, xx as tf.Tensor3D, ww, state, { backward });
            let loss = tf.add(tf.sum(tf.mul(out.outputs, R)), tf.sum(tf.square(out.h)));
            if (out.c) loss = tf.add(loss, tf.sum(out.c));
            return loss as tf.Scalar;
          })([x, w.wIh, w.wHh, w.bIh, w.bHh, h0, ...(cell === 'lstm' ? [c0] : [])]);
        const a = grads('fused');
        const b = grads('autograd');
        a.forEach((g, k) => {
          const diff = tf.max(tf.abs(tf.sub(g, b[k]))).dataSync()[0];
          expect(diff, `${cell} T=${t} grad ${k}`).toBeLessThan(1e-5);
        });
        tf.dispose([x, h0, c0, R, ...a, ...b]);
      }
    });
  }
});

describe('initRnnWeights', () => {
  it("PyTorch's range, seeded, PyTorch's shapes and names", () => {
    const a = weights('lstm', 3, 16, 'x');
    const b = weights('lstm', 3, 16, 'x');
    const c = weights('lstm', 3, 16, 'y');
    expect(a.wIh.shape).toEqual([64, 3]);
    expect(a.wHh.shape).toEqual([64, 16]);
    expect(a.bHh.shape).toEqual([64]);
    const va = a.wHh.dataSync();
    expect(Array.from(va)).toEqual(Array.from(b.wHh.dataSync()));
    expect(Array.from(va)).not.toEqual(Array.from(c.wHh.dataSync()));
    expect(Math.max(...va.map(Math.abs))).toBeLessThanOrEqual(0.25);
    expect(Math.max(...va.map(Math.abs))).toBeGreaterThan(0.2); // spread over the whole range
    expect(namedRnnWeights([a, b]).names).toEqual([
      'rnn0.wIh',
      'rnn0.wHh',
      'rnn0.bIh',
      'rnn0.bHh',
      'rnn1.wIh',
      'rnn1.wHh',
      'rnn1.bIh',
      'rnn1.bHh',
    ]);
  });

  it('forgetBias: b_ih + b_hh over the f block equals it', () => {
    const w = initRnnWeights('lstm', 3, 4, { seed: 1, forgetBias: 1 });
    live.push(w);
    const sum = tf.tidy(() => tf.add(w.bIh, w.bHh).dataSync());
    expect(Array.from(sum.slice(4, 8))).toEqual([1, 1, 1, 1]);
    expect(Array.from(sum.slice(0, 4)).some((v) => v !== 1)).toBe(true);
  });
});

describe('clipping switches and the TBPTT hand-over', () => {
  it('maxNorm 0 or Infinity: no clipping (the same tensors); negative or NaN: RangeError', () => {
    const g = { a: tf.tensor1d([3, 4]) };
    for (const off of [0, Infinity]) {
      const res = clipByGlobalNorm(g, off);
      expect(res.grads.a).toBe(g.a);
      expect(res.globalNorm.dataSync()[0]).toBeCloseTo(5, 5);
      res.globalNorm.dispose();
    }
    const on = clipByGlobalNorm(g, 1);
    expect(Array.from(on.grads.a.dataSync()).map((v) => +v.toFixed(5))).toEqual([0.6, 0.8]);
    expect(() => clipByGlobalNorm(g, -1)).toThrow(RangeError);
    expect(() => clipByGlobalNorm(g, NaN)).toThrow(/maxNorm must be >= 0/);
    tf.dispose([g.a, on.grads.a, on.globalNorm]);
  });

  it('carrying a detached state across chunks gives the same outputs as one long run', () => {
    const w = weights('lstm');
    const x = input(4, B, 8);
    const full = runRnn('lstm', x, w);
    let carried: ReturnType<typeof detachState> | undefined;
    const parts: tf.Tensor[] = [];
    const before = tf.memory().numTensors;
    for (const [t0, len] of [
      [0, 3],
      [3, 5],
    ]) {
      tf.tidy(() => {
        const chunk = tf.slice(x, [0, t0, 0], [-1, len, -1]) as tf.Tensor3D;
        const out = runRnn('lstm', chunk, w, carried);
        parts.push(tf.keep(out.outputs));
        carried = detachState(out, carried); // the old carried state is disposed here
      });
    }
    // Alive now: the two kept chunk outputs and one carried state (h, c).
    expect(tf.memory().numTensors - before).toBe(4);
    const joined = tf.concat(parts, 1);
    expect(tf.max(tf.abs(tf.sub(joined, full.outputs))).dataSync()[0]).toBeLessThan(1e-6);
    expect(Array.from(carried!.c!.dataSync())).toEqual(Array.from(full.c!.dataSync()));
    disposeState(carried!);
    disposeState(carried!);
    tf.dispose([x, full.outputs, full.h, full.c!, joined, ...parts]);
  });
});
