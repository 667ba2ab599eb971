/**
 * Scaled dot-product and multi-head attention against PyTorch 1.13 (float64 reference from
 * scripts/fixtures/transformer_torch.py): outputs, attention weights and the gradients of every
 * input and weight, to 1e-4, on the cpu and wasm backends; masked weights exactly 0, rows sum to 1;
 * errors for bad shapes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  causalMask,
  multiHeadAttention,
  scaledDotProductAttention,
  type MultiHeadAttentionWeights,
} from '../../../../src/models';
import { selectBackend } from '../../../../src/train/backend';
import { expectClose, fixture, tensor, type Nested } from './torchFixture';

const TOL = 1e-4;
afterAll(async () => {
  await tf.setBackend('cpu');
});

const intMask = (m: Nested | null) =>
  m === null ? undefined : tf.tensor(m as number[], undefined, 'int32');

const drop = (o: { output: tf.Tensor; weights: tf.Tensor }) => tf.dispose([o.output, o.weights]);

/** Every masked weight is exactly 0 and every row sums to 1. */
function expectMaskedRows(weights: tf.Tensor, keep: (index: number[]) => boolean) {
  const values = weights.arraySync() as Nested;
  const walk = (v: Nested, index: number[]) => {
    if (!Array.isArray((v as Nested[])[0])) {
      const row = v as number[];
      expect(Math.abs(row.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-5);
      row.forEach((x, j) => {
        if (!keep([...index, j])) expect(x, `weight at ${[...index, j]}`).toBe(0);
      });
      return;
    }
    (v as Nested[]).forEach((w, i) => walk(w, [...index, i]));
  };
  walk(values, []);
}

describe.each(['cpu', 'wasm'] as const)('attention matches PyTorch 1.13 (%s)', (backend) => {
  it.each(fixture.sdpa.map((c) => [c.name, c] as const))(
    'scaledDotProductAttention: %s',
    async (_, c) => {
      expect((await selectBackend(backend)).name).toBe(backend);
      const [q, k, v, r, ra] = [c.q, c.k, c.v, c.r, c.ra].map(tensor) as tf.Tensor3D[];
      const mask = intMask(c.mask);
      const run = (qq: tf.Tensor3D, kk: tf.Tensor3D, vv: tf.Tensor3D) =>
        scaledDotProductAttention(qq, kk, vv, { causal: c.causal, mask });
      const res = run(q, k, v);
      expectClose(res.output, c.output, TOL, 'output');
      expectClose(res.weights, c.weights, TOL, 'weights');
      const keepRows = c.mask === null ? null : (c.mask as number[][]);
      expectMaskedRows(
        res.weights,
        ([b, i, j]) => (!c.causal || j <= i) && (!keepRows || keepRows[b][j] === 1),
      );
      const grads = tf.grads((qq: tf.Tensor, kk: tf.Tensor, vv: tf.Tensor) => {
        const o = run(qq as tf.Tensor3D, kk as tf.Tensor3D, vv as tf.Tensor3D);
        return tf.add(tf.sum(tf.mul(o.output, r)), tf.sum(tf.mul(o.weights, ra)));
      })([q, k, v]);
      ['q', 'k', 'v'].forEach((n, i) => expectClose(grads[i], c.grads[n as 'q'], TOL, `d${n}`));
      tf.dispose([q, k, v, r, ra, mask, res.output, res.weights, ...grads]);
    },
  );

  it.each(fixture.mha.map((c) => [c.name, c] as const))('multiHeadAttention: %s', async (_, c) => {
    expect((await selectBackend(backend)).name).toBe(backend);
    const query = tensor(c.query) as tf.Tensor3D;
    const key = c.key ? (tensor(c.key) as tf.Tensor3D) : query;
    const value = c.value ? (tensor(c.value) as tf.Tensor3D) : key;
    const names = ['inProjWeight', 'inProjBias', 'outProjWeight', 'outProjBias'] as const;
    const w = names.map((n) => tensor(c.weights[n]));
    const [r, ra] = [tensor(c.r), tensor(c.ra)];
    const mask = intMask(c.mask);
    const numHeads = fixture.sizes.numHeads;
    const run = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, ws: tf.Tensor[]) => {
      const weights = Object.fromEntries(
        names.map((n, i) => [n, ws[i]]),
      ) as unknown as MultiHeadAttentionWeights;
      return multiHeadAttention(q as tf.Tensor3D, k as tf.Tensor3D, v as tf.Tensor3D, weights, {
        numHeads,
        causal: c.causal,
        mask,
      });
    };
    const res = run(query, key, value, w);
    expectClose(res.output, c.output, TOL, 'output');
    expect(res.weights.shape).toEqual([query.shape[0], numHeads, query.shape[1], key.shape[1]]);
    expectClose(res.weights, c.attention, TOL, 'per-head weights');
    const keepRows = c.mask === null ? null : (c.mask as number[][]);
    expectMaskedRows(
      res.weights,
      ([b, , i, j]) => (!c.causal || j <= i) && (!keepRows || keepRows[b][j] === 1),
    );
    // Differentiate with respect to the distinct inputs (self-attention: one tensor used thrice).
    const inputs =
      c.kind === 'self' ? [query] : c.kind === 'cross' ? [query, key] : [query, key, value];
    const grads = tf.grads((...args: tf.Tensor[]) => {
      const [q, k = q, v = k] = args.slice(0, inputs.length);
      const o = run(q, k, v, args.slice(inputs.length));
      return tf.add(tf.sum(tf.mul(o.output, r)), tf.sum(tf.mul(o.weights, ra)));
    })([...inputs, ...w]);
    const gradNames = ['query', 'key', 'value'].slice(0, inputs.length).concat(names);
    gradNames.forEach((n, i) => expectClose(grads[i], c.grads[n], TOL, `d${n}`));
    tf.dispose([query, key, value, ...w, r, ra, mask, res.output, res.weights, ...grads]);
  });
});

describe('attention: masks and errors', () => {
  it('builds the causal mask once per length and keeps it', () => {
    const a = causalMask(4);
    expect(causalMask(4)).toBe(a);
    const m = a.arraySync();
    expect(m[0]).toEqual([0, -1e9, -1e9, -1e9]);
    expect(m[3]).toEqual([0, 0, 0, 0]);
    tf.tidy(() => causalMask(6));
    expect(causalMask(6).isDisposed).toBe(false);
    expect(() => causalMask(0)).toThrow(/positive integer/);
  });

  it('does not leak tensors', () => {
    const x = tf.randomNormal([2, 5, 8]) as tf.Tensor3D;
    const w: MultiHeadAttentionWeights = {
      inProjWeight: tf.randomNormal([24, 8]),
      inProjBias: tf.zeros([24]),
      outProjWeight: tf.randomNormal([8, 8]),
      outProjBias: tf.zeros([8]),
    };
    drop(multiHeadAttention(x, x, x, w, { numHeads: 2, causal: true }));
    const before = tf.memory().numTensors;
    drop(multiHeadAttention(x, x, x, w, { numHeads: 2, causal: true }));
    drop(scaledDotProductAttention(x, x, x, { causal: true }));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, ...Object.values(w)]);
  });

  it('throws clear errors for bad shapes, heads and masks', () => {
    const x = tf.zeros([2, 5, 8]) as tf.Tensor3D;
    const w: MultiHeadAttentionWeights = {
      inProjWeight: tf.zeros([24, 8]),
      inProjBias: tf.zeros([24]),
      outProjWeight: tf.zeros([8, 8]),
      outProjBias: tf.zeros([8]),
    };
    expect(() => multiHeadAttention(x, x, x, w, { numHeads: 3 })).toThrow(
      /numHeads.*divides.*E = 8, got 3/,
    );
    expect(() =>
      multiHeadAttention(
        x,
        x,
        x,
        { ...w, inProjBias: tf.zeros([8]) as tf.Tensor1D },
        { numHeads: 2 },
      ),
    ).toThrow(/weights.inProjBias must be \[24\], got \[8\]/);
    expect(() =>
      multiHeadAttention(x, tf.zeros([2, 5, 4]) as tf.Tensor3D, x, w, { numHeads: 2 }),
    ).toThrow(/key must be \[2, 5, 8\]/);
    const k = tf.zeros([2, 6, 4]) as tf.Tensor3D;
    const q = tf.zeros([2, 5, 4]) as tf.Tensor3D;
    expect(() => scaledDotProductAttention(q, k, k, { causal: true })).toThrow(
      /causal mask needs as many queries as keys/,
    );
    expect(() => scaledDotProductAttention(q, k, k, { mask: tf.ones([2, 5], 'int32') })).toThrow(
      /mask must be \[B, Tk\] = \[2, 6\]/,
    );
    expect(() => scaledDotProductAttention(q, tf.zeros([2, 6, 3]) as tf.Tensor3D, k)).toThrow(
      /k must be \[2, 6, 4\]/,
    );
    expect(() =>
      scaledDotProductAttention(tf.zeros([5, 4]) as unknown as tf.Tensor3D, k, k),
    ).toThrow(/q must have rank 3/);
  });
});
