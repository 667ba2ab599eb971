/**
 * textCnnForward, conv1dOutputLength and receptiveField against PyTorch 1.13 (float64 reference,
 * made by scripts/fixtures/textcnn_torch.py): logits, pooled features, winning positions and the
 * gradients of the mean cross-entropy with respect to every weight, on the cpu and wasm backends.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  conv1dOutputLength,
  receptiveField,
  textCnnForward,
  type Conv1dPadding,
  type TextCnnWeights,
} from '../../../src/models';

type Nested = number | Nested[];
interface WeightsJson {
  embedding: Nested[];
  convs: Array<{ weight: Nested[]; bias: Nested[] }>;
  fc: { weight: Nested[]; bias: Nested[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/textcnn_torch.json', import.meta.url), 'utf8'),
) as {
  model: {
    ids: number[][];
    labels: number[];
    weights: WeightsJson;
    pooled: Nested;
    positions: Nested;
    logits: Nested;
    loss: number;
    grads: WeightsJson;
  };
  outputLength: Array<[number, number, number, Conv1dPadding, number, number | null]>;
  receptiveField: Array<{
    length: number;
    kernel: number;
    stride: number;
    padding: Conv1dPadding;
    dilation: number;
    fields: number[][];
  }>;
};

const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
function shape(v: Nested): number[] {
  return Array.isArray(v) ? [v.length, ...shape(v[0])] : [];
}
const tensor = (v: Nested) => tf.tensor(flat(v), shape(v));

/** float32 against float64: |a - b| <= 1e-5 * max(1, |b|). */
function expectClose(actual: tf.Tensor, expected: Nested, what: string) {
  const a = Array.from(actual.dataSync());
  const e = flat(expected);
  expect(actual.shape, `${what}: shape`).toEqual(shape(expected));
  let worst = 0;
  a.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - e[i]) / Math.max(1, Math.abs(e[i])))));
  expect(worst, `${what}: worst relative error`).toBeLessThanOrEqual(1e-5);
}

const toWeights = (w: WeightsJson): TextCnnWeights => ({
  embedding: tensor(w.embedding),
  convs: w.convs.map((c) => ({ weight: tensor(c.weight), bias: tensor(c.bias) })),
  fc: { weight: tensor(w.fc.weight), bias: tensor(w.fc.bias) },
});
const list = (w: TextCnnWeights) => [
  w.embedding,
  ...w.convs.flatMap((c) => [c.weight, c.bias]),
  w.fc.weight,
  w.fc.bias,
];

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each([
  ['cpu', 'sparse'],
  ['cpu', 'dense'],
  ['wasm', 'sparse'],
  ['wasm', 'dense'],
] as const)('textCnnForward matches PyTorch 1.13 on %s, %s gradient', (backend, backward) => {
  it('logits, pooled features, winning positions and every weight gradient', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const m = fixture.model;
    const before = tf.memory().numTensors;
    const weights = toWeights(m.weights);
    const ids = tf.tensor2d(m.ids.flat(), [m.ids.length, m.ids[0].length], 'int32');
    const out = tf.tidy(() => textCnnForward(ids, weights, { inspect: true }));
    expectClose(out.logits, m.logits, 'logits');
    expectClose(out.pooled, m.pooled, 'pooled');
    expect(Array.from(out.positions!.dataSync())).toEqual(flat(m.positions));
    // Each pooled value is the activation at its winning position.
    const act = out.activations!.arraySync();
    const pos = out.positions!.arraySync();
    const pooled = out.pooled.arraySync();
    pos.forEach((row, b) => row.forEach((p, f) => expect(act[b][p][f]).toBe(pooled[b][f])));

    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(m.labels, 'int32'), shape(m.logits)[1]));
    const vars = list(weights);
    const { value, grads } = tf.tidy(() =>
      tf.valueAndGrads((...w: tf.Tensor[]) => {
        const [embedding, ...rest] = w;
        const convs = m.weights.convs.map((_, i) => ({
          weight: rest[2 * i],
          bias: rest[2 * i + 1],
        }));
        const n = 2 * convs.length;
        const { logits } = textCnnForward(
          ids,
          { embedding, convs, fc: { weight: rest[n], bias: rest[n + 1] } },
          { backward },
        );
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      })(vars),
    );
    expect(value.dataSync()[0]).toBeCloseTo(m.loss, 5);
    const expected = list(toWeights(m.grads));
    const names = [
      'embedding',
      ...m.grads.convs.flatMap((_, i) => [`conv${i}.weight`, `conv${i}.bias`]),
      'fc.weight',
      'fc.bias',
    ];
    grads.forEach((g, i) =>
      expectClose(g, expected[i].arraySync() as Nested, `d loss / d ${names[i]}`),
    );
    tf.dispose([out, ids, labels, value, grads, vars, expected]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('conv1dOutputLength and receptiveField match nn.Conv1d', () => {
  it(`the output length of ${fixture.outputLength.length} (length, kernel, stride, padding, dilation) cases, or an error where PyTorch raises`, () => {
    const wrong = fixture.outputLength.filter(
      ([length, kernel, stride, padding, dilation, expected]) => {
        try {
          return conv1dOutputLength(length, kernel, { stride, padding, dilation }) !== expected;
        } catch (e) {
          return expected !== null || !(e instanceof RangeError);
        }
      },
    );
    expect(wrong).toEqual([]);
    expect(fixture.outputLength.filter((c) => c[5] === null).length).toBeGreaterThan(0);
  });

  it.each(fixture.receptiveField)(
    'receptive fields, length $length kernel $kernel stride $stride padding $padding dilation $dilation',
    ({ length, kernel, stride, padding, dilation, fields }) => {
      const options = { stride, padding, dilation, length };
      expect(conv1dOutputLength(length, kernel, options)).toBe(fields.length);
      fields.forEach((field, p) => {
        const { indices, start, stop } = receptiveField(p, kernel, options);
        expect(indices.filter((i) => i >= 0 && i < length)).toEqual(field);
        expect([start, stop - 1]).toEqual([indices[0], indices[kernel - 1]]);
      });
      expect(() => receptiveField(fields.length, kernel, options)).toThrow(/out of range/);
    },
  );

  it('rejects bad values with a message naming them', () => {
    expect(() => conv1dOutputLength(0, 3)).toThrow(/length must be a positive integer/);
    expect(() => conv1dOutputLength(5, 2.5)).toThrow(/kernel must be a positive integer/);
    expect(() => conv1dOutputLength(5, 3, { stride: 0 })).toThrow(/stride/);
    expect(() => conv1dOutputLength(5, 3, { dilation: -1 })).toThrow(/dilation/);
    expect(() => conv1dOutputLength(5, 3, { padding: -1 })).toThrow(/padding/);
    expect(() => conv1dOutputLength(5, 3, { padding: 'same', stride: 2 })).toThrow(/stride 1/);
    expect(() => receptiveField(-1, 3)).toThrow(/position/);
  });
});
