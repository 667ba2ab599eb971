/**
 * runRnn / runStackedRnn with int32 ids `[batch, time]` instead of one-hot float input: the same
 * outputs, final states and gradients of every weight and of the initial state as the one-hot
 * input, for all three cells, both gradient implementations, stacked layers, on the cpu and the
 * wasm backend (whose ScatterNd / Gather kernels the ids path uses); and clear errors for bad ids.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  disposeRnnWeights,
  hiddenStateGradNorms,
  initRnnWeights,
  rnnWeightList,
  runRnn,
  runStackedRnn,
  type RnnBackward,
  type RnnCellType,
  type RnnVariables,
} from '../../../src/models';
import { selectBackend } from '../../../src/train/backend';

const CELLS: RnnCellType[] = ['rnn', 'lstm', 'gru'];
const B = 3;
const T = 7;
const V = 6; // input size = vocabulary
const H = 4;
const live: RnnVariables[] = [];
afterEach(() => live.splice(0).forEach(disposeRnnWeights));

/** Ids with repeats (the scatter-add must accumulate duplicates); id 0 and V - 1 both occur. */
const IDS = Int32Array.from({ length: B * T }, (_, k) => (k * 5 + (k % 3)) % V);

const maxDiff = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

/** Loss over the outputs and final state with fixed random weights (every path gets gradient). */
function lossOf(outputs: tf.Tensor3D, h: tf.Tensor2D): tf.Scalar {
  const r = tf.randomNormal(outputs.shape, 0, 1, 'float32', 3);
  return tf.add(tf.sum(tf.mul(outputs, r)), tf.sum(tf.square(h))) as tf.Scalar;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`ids input on ${backend}`, () => {
    beforeAll(async () => {
      const info = await selectBackend(backend);
      expect(info.name).toBe(backend);
    });

    for (const cell of CELLS) {
      for (const backward of ['fused', 'autograd'] as RnnBackward[]) {
        it(`${cell} (${backward}): ids == one-hot for outputs, states and every gradient`, () => {
          const layers = [0, 1].map((l) => {
            const w = initRnnWeights(cell, l === 0 ? V : H, H, { seed: `ids/${cell}/${l}` });
            live.push(w);
            return w;
          });
          const vars = layers.flatMap(rnnWeightList) as tf.Variable[];
          const before = tf.memory().numTensors;
          tf.tidy(() => {
            const ids = tf.tensor2d(IDS, [B, T], 'int32');
            const oneHot = tf.cast(tf.oneHot(ids, V), 'float32') as tf.Tensor3D;
            const h0 = tf.randomNormal([B, H], 0, 0.5, 'float32', 9) as tf.Tensor2D;
            const c0 = tf.randomNormal([B, H], 0, 0.5, 'float32', 10) as tf.Tensor2D;
            const state0 = cell === 'lstm' ? { h: h0, c: c0 } : { h: h0 };
            const top = { h: tf.zeros([B, H]) as tf.Tensor2D, c: tf.zeros([B, H]) as tf.Tensor2D };
            const states = [state0, cell === 'lstm' ? top : { h: top.h }];
            const run = (x: tf.Tensor2D | tf.Tensor3D) => {
              const out = runStackedRnn(cell, x, layers, states, { backward });
              // Gradients w.r.t. the weights of both layers and the bottom layer's initial state.
              const g = tf.grads((h: tf.Tensor, ...ws: tf.Tensor[]) => {
                const swap = layers.map((_, l) => ({
                  wIh: ws[4 * l] as tf.Tensor2D,
                  wHh: ws[4 * l + 1] as tf.Tensor2D,
                  bIh: ws[4 * l + 2] as tf.Tensor1D,
                  bHh: ws[4 * l + 3] as tf.Tensor1D,
                }));
                const res = runStackedRnn(
                  cell,
                  x,
                  swap,
                  [{ ...state0, h: h as tf.Tensor2D }, states[1]],
                  { backward },
                );
                return lossOf(res.outputs, res.states[1].h);
              })([h0, ...vars]);
              return { out, g };
            };
            const a = run(ids);
            const b = run(oneHot);
            expect(maxDiff(a.out.outputs, b.out.outputs)).toBeLessThan(1e-6);
            a.out.states.forEach((s, l) => {
              expect(maxDiff(s.h, b.out.states[l].h)).toBeLessThan(1e-6);
              if (cell === 'lstm') expect(maxDiff(s.c!, b.out.states[l].c!)).toBeLessThan(1e-6);
            });
            expect(a.g).toHaveLength(b.g.length);
            a.g.forEach((g, k) => {
              expect(g.shape).toEqual(b.g[k].shape);
              expect(maxDiff(g, b.g[k])).toBeLessThan(1e-5);
              // Not trivially equal: every gradient carries signal (dW_ih has rows of unused ids
              // at zero only for ids that never occur; here every id occurs).
              expect(tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0])).toBeGreaterThan(1e-4);
            });
          });
          expect(tf.memory().numTensors).toBe(before);
        });
      }
    }

    it('hiddenStateGradNorms: ids == one-hot (probe gradients)', () => {
      const w = initRnnWeights('lstm', V, H, { seed: 'ids/probe' });
      live.push(w);
      tf.tidy(() => {
        const ids = tf.tensor2d(IDS, [B, T], 'int32');
        const oneHot = tf.cast(tf.oneHot(ids, V), 'float32') as tf.Tensor3D;
        const loss = (o: { outputs: tf.Tensor3D; h: tf.Tensor2D }) => lossOf(o.outputs, o.h);
        const a = hiddenStateGradNorms('lstm', ids, w, loss);
        const b = hiddenStateGradNorms('lstm', oneHot, w, loss);
        expect(a).toHaveLength(T);
        a.forEach((v, t) => expect(v).toBeCloseTo(b[t], 5));
      });
    });

    it('bad ids: float ids, wrong rank, out of range (named, with the position)', () => {
      const w = initRnnWeights('gru', V, H, { seed: 'ids/bad' });
      live.push(w);
      tf.tidy(() => {
        expect(() => runRnn('gru', tf.zeros([B, T]) as tf.Tensor2D, w)).toThrow(
          /x must be \[batch, time, input\] \(rank 3, float32\) or ids \[batch, time\] \(rank 2, int32\), got float32 \[3, 7\]/,
        );
        expect(() => runRnn('gru', tf.zeros([B], 'int32') as unknown as tf.Tensor2D, w)).toThrow(
          /x must be \[batch, time, input\].*or ids \[batch, time\]/,
        );
        const bad = Int32Array.from(IDS);
        bad[T + 2] = V;
        expect(() => runRnn('gru', tf.tensor2d(bad, [B, T], 'int32'), w)).toThrow(
          /ids x must be in \[0, 6\).*got 6 at \[1, 2\]/,
        );
        bad[T + 2] = -1;
        expect(() => runStackedRnn('gru', tf.tensor2d(bad, [B, T], 'int32'), [w])).toThrow(
          /got -1 at \[1, 2\]/,
        );
      });
    });
  });
}
