/**
 * additiveAttention / dotAttention / generalAttention against PyTorch 1.13 (float64 reference,
 * made by scripts/fixtures/attention_torch.py): values and the gradients of a fixed scalar loss
 * with respect to the query, the keys and every weight, with a padding mask. Also: masked keys
 * get exactly zero weight, rows sum to 1, the batched form equals the single-query one, bad
 * input is refused, nothing leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  additiveAttention,
  batchedAttention,
  dotAttention,
  generalAttention,
  type AttentionOutput,
  type AttentionScore,
} from '../../../src/models';

type Nested = number | Nested[];
interface Case {
  score: AttentionScore;
  sizes: { batch: number; time: number; dq: number; dk: number; units: number };
  query: Nested;
  keys: Nested;
  mask: Nested;
  weights: Record<string, Nested>;
  Rc: Nested;
  Ra: Nested;
  context: Nested;
  attention: Nested;
  grads: Record<string, Nested>;
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/attention_torch.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
const dims = (v: Nested): number[] => (Array.isArray(v) ? [v.length, ...dims(v[0])] : []);
const tensor = (v: Nested) => tf.tensor(flat(v), dims(v));

/** float32 against float64: |a - b| <= 1e-5 * max(1, |b|). */
function expectClose(actual: tf.Tensor, expected: Nested, what: string) {
  const a = Array.from(actual.dataSync());
  const e = flat(expected);
  expect(a.length, `${what}: size`).toBe(e.length);
  let worst = 0;
  a.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - e[i]) / Math.max(1, Math.abs(e[i])))));
  expect(worst, `${what}: worst relative error`).toBeLessThanOrEqual(1e-5);
}

function run(c: Case, q: tf.Tensor, k: tf.Tensor, w: Record<string, tf.Tensor>, mask: tf.Tensor) {
  const query = q as tf.Tensor2D;
  const keys = k as tf.Tensor3D;
  const m = mask as tf.Tensor2D;
  if (c.score === 'additive') {
    return additiveAttention(
      query,
      keys,
      { wQuery: w.wQuery as tf.Tensor2D, wKeys: w.wKeys as tf.Tensor2D, v: w.v as tf.Tensor1D },
      m,
    );
  }
  if (c.score === 'dot') return dotAttention(query, keys, m);
  return generalAttention(query, keys, { w: w.w as tf.Tensor2D }, m);
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('attention matches PyTorch 1.13 (float64 reference, 1e-5)', () => {
  for (const c of fixture.cases) {
    it(`${c.score}: context, weights and the gradients wrt query, keys and every weight`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const q = tensor(c.query);
        const k = tensor(c.keys);
        const mask = tf.tensor(flat(c.mask), dims(c.mask), 'int32');
        const w: Record<string, tf.Tensor> = {};
        for (const [n, v] of Object.entries(c.weights)) w[n] = tensor(v);
        const out = run(c, q, k, w, mask);
        expectClose(out.context, c.context, 'context');
        expectClose(out.weights, c.attention, 'weights');
        const names = ['query', 'keys', ...Object.keys(w)];
        const grads = tf.grads((...xs: tf.Tensor[]) => {
          const ws: Record<string, tf.Tensor> = {};
          Object.keys(w).forEach((n, i) => (ws[n] = xs[2 + i]));
          const o: AttentionOutput = run(c, xs[0], xs[1], ws, mask);
          return tf.add(
            tf.sum(tf.mul(o.context, tensor(c.Rc))),
            tf.sum(tf.mul(o.weights, tensor(c.Ra))),
          ) as tf.Scalar;
        })([q, k, ...Object.values(w)]);
        names.forEach((n, i) => expectClose(grads[i], c.grads[n], `d loss / d ${n}`));
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('masked softmax', () => {
  const B = 4;
  const T = 7;
  const lengths = [7, 4, 1, 2];
  const setup = () => {
    const q = tf.randomNormal([B, 6], 0, 0.5, 'float32', 1) as tf.Tensor2D;
    const k = tf.randomNormal([B, T, 6], 0, 0.5, 'float32', 2) as tf.Tensor3D;
    const mask = tf.tensor2d(
      lengths.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? 1 : 0))),
      [B, T],
      'int32',
    );
    const weights = {
      wQuery: tf.randomNormal([5, 6], 0, 1, 'float32', 3) as tf.Tensor2D,
      wKeys: tf.randomNormal([5, 6], 0, 1, 'float32', 4) as tf.Tensor2D,
      v: tf.randomNormal([5], 0, 1, 'float32', 5) as tf.Tensor1D,
    };
    return { q, k, mask, weights };
  };

  it('gives masked keys exactly 0 weight, rows sum to 1, and the context ignores masked keys', () => {
    tf.tidy(() => {
      const { q, k, mask, weights } = setup();
      for (const out of [
        additiveAttention(q, k, weights, mask),
        dotAttention(q, k, mask),
        generalAttention(
          q,
          k,
          {
            w: weights.wQuery.slice([0, 0], [5, 6]).pad([
              [0, 1],
              [0, 0],
            ]) as tf.Tensor2D,
          },
          mask,
        ),
      ]) {
        const a = out.weights.arraySync();
        a.forEach((row, b) => {
          row.forEach((x, t) =>
            t >= lengths[b] ? expect(x).toBe(0) : expect(x).toBeGreaterThan(0),
          );
          expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
        });
      }
      // Changing a masked key changes nothing.
      const k2 = tf.where(
        tf.broadcastTo(tf.reshape(tf.cast(mask, 'bool'), [B, T, 1]), k.shape),
        k,
        tf.fill(k.shape, 100),
      ) as tf.Tensor3D;
      const a = additiveAttention(q, k, weights, mask);
      const b = additiveAttention(q, k2, weights, mask);
      expect(Array.from(b.context.dataSync())).toEqual(Array.from(a.context.dataSync()));
    });
  });

  it('batched form over queries equals the single-query form step by step', () => {
    tf.tidy(() => {
      const { k, mask, weights } = setup();
      const qs = tf.randomNormal([B, 3, 6], 0, 1, 'float32', 9) as tf.Tensor3D;
      const all = batchedAttention('additive', qs, k, weights, mask);
      for (let j = 0; j < 3; j++) {
        const one = additiveAttention(
          tf.squeeze(qs.slice([0, j, 0], [B, 1, 6]), [1]),
          k,
          weights,
          mask,
        );
        const ref = all.weights.slice([0, j, 0], [B, 1, T]).reshape([B, T]);
        expect(tf.max(tf.abs(tf.sub(ref, one.weights))).dataSync()[0]).toBeLessThan(1e-6);
      }
    });
  });

  it('refuses bad shapes, dtypes and scores with a clear message', () => {
    tf.tidy(() => {
      const { q, k, mask, weights } = setup();
      expect(() => dotAttention(q, tf.zeros([B, T, 5]) as tf.Tensor3D)).toThrow(/dq 6 and dk 5/);
      expect(() =>
        additiveAttention(q, k, { ...weights, v: tf.zeros([4]) as tf.Tensor1D }),
      ).toThrow(/wQuery must be \[units, dq\]/);
      expect(() => dotAttention(q, k, tf.ones([B, T + 1], 'int32') as tf.Tensor2D)).toThrow(
        /mask must be \[4, 7\]/,
      );
      expect(() => dotAttention(tf.zeros([B, 6], 'int32') as tf.Tensor2D, k, mask)).toThrow(
        /float32/,
      );
      expect(() => generalAttention(q, k, { w: tf.zeros([6, 5]) as tf.Tensor2D })).toThrow(
        /\[dk, dq\]/,
      );
      expect(() =>
        batchedAttention('cosine' as AttentionScore, tf.zeros([B, 1, 6]) as tf.Tensor3D, k),
      ).toThrow(/score must be one of/);
    });
  });
});
