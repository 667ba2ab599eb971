/**
 * runRnn / runStackedRnn / clipByGlobalNorm against PyTorch 1.13 (float64 reference, made by
 * scripts/fixtures/rnn_torch.py): forward values and the gradients of a fixed scalar loss with
 * respect to every weight, the input and the initial state, for both backward implementations.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipByGlobalNorm,
  runRnn,
  runStackedRnn,
  type RnnBackward,
  type RnnCellType,
  type RnnState,
  type RnnWeights,
} from '../../../src/models';

type Nested = number | Nested[];
type Weights = Record<'wIh' | 'wHh' | 'bIh' | 'bHh', Nested>;
interface Case {
  cell: RnnCellType;
  sizes: { batch: number; time: number; input: number; hidden: number; layers: number };
  layers: Weights[];
  x: Nested;
  h0: Nested[];
  c0?: Nested[];
  R: Nested;
  Rh: Nested[];
  Rc?: Nested[];
  outputs: Nested;
  hn: Nested[];
  cn?: Nested[];
  grads: { layers: Weights[]; x: Nested; h0: Nested[]; c0?: Nested[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/rnn_torch.json', import.meta.url), 'utf8'),
) as {
  cells: Case[];
  stacked: Case;
  clip: { grads: Nested[]; cases: Array<{ maxNorm: number; norm: number; clipped: Nested[] }> };
};

const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);

/** float32 against float64: |a - b| <= 1e-5 * max(1, |b|). */
function expectClose(actual: tf.Tensor | ArrayLike<number>, expected: Nested, what: string) {
  const a = Array.from(actual instanceof tf.Tensor ? actual.dataSync() : actual);
  const e = flat(expected);
  expect(a.length, `${what}: size`).toBe(e.length);
  let worst = 0;
  a.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - e[i]) / Math.max(1, Math.abs(e[i])))));
  expect(worst, `${what}: worst relative error`).toBeLessThanOrEqual(1e-5);
}

const KEYS = ['wIh', 'wHh', 'bIh', 'bHh'] as const;
const toWeights = (w: Weights): RnnWeights => ({
  wIh: tf.tensor2d(flat(w.wIh), [(w.wIh as Nested[]).length, (w.wIh as Nested[][])[0].length]),
  wHh: tf.tensor2d(flat(w.wHh), [(w.wHh as Nested[]).length, (w.wHh as Nested[][])[0].length]),
  bIh: tf.tensor1d(flat(w.bIh)),
  bHh: tf.tensor1d(flat(w.bHh)),
});

/**
 * Runs `c` through runStackedRnn (one layer = runRnn) and returns the outputs, final states and the
 * gradients of sum(out*R) + Σ_l sum(h_l*Rh_l) (+ sum(c_l*Rc_l)) w.r.t. [x, weights..., h0s, c0s].
 */
function runCase(c: Case, backward: RnnBackward) {
  const { batch: B, time: T, input: I, hidden: H, layers: L } = c.sizes;
  const lstm = c.cell === 'lstm';
  const run = () => {
    const x = tf.tensor3d(flat(c.x), [B, T, I]);
    const weights = c.layers.map(toWeights);
    const h0 = c.h0.map((h) => tf.tensor2d(flat(h), [B, H]));
    const c0 = lstm ? c.c0!.map((v) => tf.tensor2d(flat(v), [B, H])) : [];
    const R = tf.tensor3d(flat(c.R), [B, T, H]);
    const Rh = c.Rh.map((r) => tf.tensor2d(flat(r), [B, H]));
    const Rc = lstm ? c.Rc!.map((r) => tf.tensor2d(flat(r), [B, H])) : [];
    const inputs = [x, ...weights.flatMap((w) => KEYS.map((k) => w[k] as tf.Tensor)), ...h0, ...c0];
    let forward: { outputs: tf.Tensor; states: RnnState[] } | undefined;
    const f = (...args: tf.Tensor[]) => {
      let k = 1;
      const ws = Array.from({ length: L }, () => {
        const w = { wIh: args[k], wHh: args[k + 1], bIh: args[k + 2], bHh: args[k + 3] };
        k += 4;
        return w as RnnWeights;
      });
      const hs = args.slice(k, k + L) as tf.Tensor2D[];
      const cs = args.slice(k + L, k + 2 * L) as tf.Tensor2D[];
      const states = hs.map((h, l) => (lstm ? { h, c: cs[l] } : { h }));
      const out =
        L === 1
          ? (() => {
              const o = runRnn(c.cell, args[0] as tf.Tensor3D, ws[0], states[0], { backward });
              return { outputs: o.outputs, states: [o.c ? { h: o.h, c: o.c } : { h: o.h }] };
            })()
          : runStackedRnn(c.cell, args[0] as tf.Tensor3D, ws, states, { backward });
      forward = {
        outputs: tf.keep(out.outputs),
        states: out.states.map((s) => ({ h: tf.keep(s.h), c: s.c && tf.keep(s.c) })),
      };
      let loss = tf.sum(tf.mul(out.outputs, R));
      out.states.forEach((s, l) => {
        loss = tf.add(loss, tf.sum(tf.mul(s.h, Rh[l])));
        if (s.c) loss = tf.add(loss, tf.sum(tf.mul(s.c, Rc[l])));
      });
      return loss as tf.Scalar;
    };
    const grads = tf.grads(f)(inputs);
    return { forward: forward!, grads };
  };
  return tf.tidy(run as unknown as () => tf.TensorContainer) as unknown as ReturnType<typeof run>;
}

function checkCase(c: Case, backward: RnnBackward) {
  const L = c.sizes.layers;
  const { forward, grads } = runCase(c, backward);
  const label = `${c.cell} x${L} ${backward}`;
  expectClose(forward.outputs, c.outputs, `${label} outputs`);
  forward.states.forEach((s, l) => {
    expectClose(s.h, c.hn[l], `${label} h_n[${l}]`);
    if (c.cn) expectClose(s.c!, c.cn[l], `${label} c_n[${l}]`);
  });
  expectClose(grads[0], c.grads.x, `${label} dx`);
  let k = 1;
  for (let l = 0; l < L; l++) {
    for (const key of KEYS)
      expectClose(grads[k++], c.grads.layers[l][key], `${label} d${key}[${l}]`);
  }
  for (let l = 0; l < L; l++) expectClose(grads[k++], c.grads.h0[l], `${label} dh0[${l}]`);
  if (c.grads.c0)
    for (let l = 0; l < L; l++) expectClose(grads[k++], c.grads.c0[l], `${label} dc0[${l}]`);
  tf.dispose(
    [forward.outputs, ...forward.states.flatMap((s) => [s.h, s.c]), ...grads].filter(
      Boolean,
    ) as tf.Tensor[],
  );
}

// Importing the wasm backend makes it the default: the main cases run on cpu.
beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('runRnn matches PyTorch 1.13 (float64 reference, 1e-5)', () => {
  for (const c of fixture.cells) {
    for (const backward of ['fused', 'autograd'] as const) {
      it(`${c.cell} (${backward}): outputs, final state and every gradient`, () => {
        checkCase(c, backward);
      });
    }
  }
  for (const backward of ['fused', 'autograd'] as const) {
    it(`two stacked ${fixture.stacked.cell} layers (${backward})`, () => {
      checkCase(fixture.stacked, backward);
    });
  }
});

// The fused path reads per-step rows differently on wasm (one read + uploads instead of unstack).
describe('runRnn matches PyTorch 1.13 on the wasm backend (fused)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of [...fixture.cells, fixture.stacked]) {
    it(`${c.cell} x${c.sizes.layers}: outputs, final state and every gradient`, () => {
      expect(tf.getBackend()).toBe('wasm');
      checkCase(c, 'fused');
    });
  }
});

describe('clipByGlobalNorm matches torch.nn.utils.clip_grad_norm_', () => {
  for (const { maxNorm, norm, clipped } of fixture.clip.cases) {
    it(`maxNorm ${maxNorm}`, () => {
      const shapes = [[4, 3], [5], [2, 2]];
      const grads = Object.fromEntries(
        fixture.clip.grads.map((g, i) => [`g${i}`, tf.tensor(flat(g), shapes[i])]),
      );
      const res = clipByGlobalNorm(grads, maxNorm);
      expectClose(res.globalNorm, norm, 'norm');
      clipped.forEach((g, i) => expectClose(res.grads[`g${i}`], g, `g${i}`));
      tf.dispose([...Object.values(grads), ...Object.values(res.grads), res.globalNorm]);
    });
  }
});
