/**
 * The wasm backend's own LSTM loops (src/models/rnn/fusedWasm.ts: matMul in wasm, the cell
 * equations as a typed-array loop) against the autograd reference on the same backend: recorded
 * gates, hidden-state probe gradients (with a loss at the last step and at every step), the
 * gradients of every input with an initial state, and no tensor leak. (Outputs and gradients
 * against PyTorch on wasm: rnnTorch.test.ts.)
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  disposeRnnWeights,
  hiddenStateGradNorms,
  initRnnWeights,
  runRnn,
  type RnnVariables,
} from '../../../src/models';
import { WASM_LOOPS } from '../../../src/models/rnn/fusedWasm';
import { selectBackend } from '../../../src/train/backend';

const B = 3;
const T = 9;
const I = 5;
const H = 6;
const live: RnnVariables[] = [];
afterEach(() => live.splice(0).forEach(disposeRnnWeights));
beforeAll(async () => {
  expect((await selectBackend('wasm')).name).toBe('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('wasm LSTM loops', () => {
  it('are the ones the fused path uses on wasm', () => {
    expect(WASM_LOOPS.lstm).toBeDefined();
  });

  it('recorded gates, outputs and final state equal the autograd reference', () => {
    const w = initRnnWeights('lstm', I, H, { seed: 'wasm/gates', forgetBias: 1 });
    live.push(w);
    tf.tidy(() => {
      const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 4) as tf.Tensor3D;
      const state = {
        h: tf.randomNormal([B, H], 0, 1, 'float32', 5) as tf.Tensor2D,
        c: tf.randomNormal([B, H], 0, 1, 'float32', 6) as tf.Tensor2D,
      };
      const a = runRnn('lstm', x, w, state, { recordGates: true });
      const b = runRnn('lstm', x, w, state, { recordGates: true, backward: 'autograd' });
      expect(maxDiff(a.outputs, b.outputs)).toBeLessThan(1e-6);
      expect(maxDiff(a.c!, b.c!)).toBeLessThan(1e-6);
      for (const g of ['i', 'f', 'g', 'o'] as const) {
        expect(a.gates![g]!.shape).toEqual([B, T, H]);
        expect(maxDiff(a.gates![g]!, b.gates![g]!)).toBeLessThan(1e-6);
      }
    });
  });

  it('probe gradients (hiddenStateGradNorms) equal the autograd reference', () => {
    const w = initRnnWeights('lstm', I, H, { seed: 'wasm/probe' });
    live.push(w);
    tf.tidy(() => {
      const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 7) as tf.Tensor3D;
      const r = tf.randomNormal([B, T, H], 0, 1, 'float32', 8);
      const losses = {
        last: (o: { h: tf.Tensor2D }) => tf.sum(tf.square(o.h)) as tf.Scalar,
        all: (o: { outputs: tf.Tensor3D }) => tf.sum(tf.mul(o.outputs, r)) as tf.Scalar,
      };
      for (const loss of Object.values(losses)) {
        const a = hiddenStateGradNorms('lstm', x, w, loss);
        const b = hiddenStateGradNorms('lstm', x, w, loss, { backward: 'autograd' });
        a.forEach((v, t) => expect(Math.abs(v - b[t])).toBeLessThan(1e-5 * Math.max(1, b[t])));
        expect(a[0]).toBeGreaterThan(0);
      }
    });
  });

  it('gradients of x, the weights, h0 and c0 equal the autograd reference; no leak', () => {
    const w = initRnnWeights('lstm', I, H, { seed: 'wasm/grads' });
    live.push(w);
    const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 9) as tf.Tensor3D;
    const h0 = tf.randomNormal([B, H], 0, 1, 'float32', 10) as tf.Tensor2D;
    const c0 = tf.randomNormal([B, H], 0, 1, 'float32', 11) as tf.Tensor2D;
    const r = tf.randomNormal([B, T, H], 0, 1, 'float32', 12);
    const grads = (backward: 'fused' | 'autograd') =>
      tf.grads((...a: tf.Tensor[]) => {
        const [xx, wIh, wHh, bIh, bHh, h, c] = a;
        const o = runRnn(
          'lstm',
          xx as tf.Tensor3D,
          {
            wIh: wIh as tf.Tensor2D,
            wHh: wHh as tf.Tensor2D,
            bIh: bIh as tf.Tensor1D,
            bHh: bHh as tf.Tensor1D,
          },
          { h: h as tf.Tensor2D, c: c as tf.Tensor2D },
          { backward },
        );
        return tf.add(tf.sum(tf.mul(o.outputs, r)), tf.sum(tf.mul(o.c!, o.c!))) as tf.Scalar;
      })([x, w.wIh, w.wHh, w.bIh, w.bHh, h0, c0]);
    tf.dispose(grads('fused')); // warm-up
    const before = tf.memory().numTensors;
    const a = grads('fused');
    const b = grads('autograd');
    a.forEach((g, k) => expect(maxDiff(g, b[k])).toBeLessThan(1e-5));
    tf.dispose([...a, ...b]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, h0, c0, r]);
  });
});
