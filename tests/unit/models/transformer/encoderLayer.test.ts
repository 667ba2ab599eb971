/**
 * transformerEncoderLayer against torch.nn.TransformerEncoderLayer (PyTorch 1.13, dropout 0,
 * batch_first): both norm_first settings, ReLU and GELU, with and without the causal mask, and
 * with a padding mask; outputs and the gradients of the input and every weight to 1e-4 on the cpu
 * and wasm backends. Plus GELU's exact form, leaks and errors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  gelu,
  transformerEncoderLayer,
  type TransformerEncoderLayerWeights,
} from '../../../../src/models';
import { selectBackend } from '../../../../src/train/backend';
import { expectClose, fixture, tensor, type Nested } from './torchFixture';

const TOL = 1e-4;
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The weight tree's leaves in a fixed order, as [path, value] pairs. */
const leaves = (tree: Record<string, Record<string, Nested>>): Array<[string, Nested]> =>
  Object.entries(tree).flatMap(([m, params]) =>
    Object.entries(params).map(([p, v]) => [`${m}.${p}`, v] as [string, Nested]),
  );

const build = (paths: string[], ts: tf.Tensor[]): TransformerEncoderLayerWeights => {
  const out: Record<string, Record<string, tf.Tensor>> = {};
  paths.forEach((path, i) => {
    const [m, p] = path.split('.');
    (out[m] ??= {})[p] = ts[i];
  });
  return out as unknown as TransformerEncoderLayerWeights;
};

const label = (c: (typeof fixture.encoder)[number]) =>
  `norm_first ${c.normFirst}, ${c.activation}${c.causal ? ', causal' : ''}${c.mask ? ', padding mask' : ''}`;

describe.each(['cpu', 'wasm'] as const)(
  'transformerEncoderLayer matches PyTorch 1.13 (%s)',
  (backend) => {
    it.each(fixture.encoder.map((c) => [label(c), c] as const))('%s', async (_, c) => {
      expect((await selectBackend(backend)).name).toBe(backend);
      const pairs = leaves(c.weights);
      const paths = pairs.map(([p]) => p);
      const ws = pairs.map(([, v]) => tensor(v));
      const x = tensor(c.x) as tf.Tensor3D;
      const r = tensor(c.r);
      const mask = c.mask === null ? undefined : tf.tensor(c.mask as number[], undefined, 'int32');
      const options = {
        numHeads: fixture.sizes.numHeads,
        normFirst: c.normFirst,
        activation: c.activation,
        causal: c.causal,
        mask,
      };
      const y = transformerEncoderLayer(x, build(paths, ws), options);
      expectClose(y, c.output, TOL, 'output');
      const grads = tf.grads((xx: tf.Tensor, ...rest: tf.Tensor[]) =>
        tf.sum(tf.mul(transformerEncoderLayer(xx as tf.Tensor3D, build(paths, rest), options), r)),
      )([x, ...ws]);
      expectClose(grads[0], c.grads.x as Nested, TOL, 'dx');
      const g = c.grads as Record<string, Record<string, Nested>>;
      paths.forEach((path, i) => {
        const [m, p] = path.split('.');
        expectClose(grads[i + 1], g[m][p], TOL, `d ${path}`);
      });
      tf.dispose([x, r, mask, y, ...ws, ...grads]);
    });
  },
);

describe('transformerEncoderLayer: GELU, leaks, errors', () => {
  it('uses the exact erf GELU, not the tanh approximation', () => {
    // Values of x·Φ(x) (Python math.erf); the tanh form differs by 2e-4 at x = 1.5, 4e-4 at -3.
    const y = gelu(tf.tensor1d([-3, -1, 0, 0.5, 1.5])).dataSync();
    const want = [-0.00404969, -0.15865525, 0, 0.34573123, 1.3997892];
    want.forEach((w, i) => expect(Math.abs(y[i] - w)).toBeLessThan(2e-6));
  });

  it('does not leak tensors and rejects bad options and weights', () => {
    const c = fixture.encoder[0];
    const pairs = leaves(c.weights);
    const ws = pairs.map(([, v]) => tensor(v));
    const weights = build(
      pairs.map(([p]) => p),
      ws,
    );
    const x = tensor(c.x) as tf.Tensor3D;
    const opts = { numHeads: 2, normFirst: true, activation: 'gelu' as const, causal: true };
    tf.dispose(transformerEncoderLayer(x, weights, opts));
    const before = tf.memory().numTensors;
    tf.dispose(transformerEncoderLayer(x, weights, opts));
    expect(tf.memory().numTensors).toBe(before);
    expect(() =>
      transformerEncoderLayer(x, weights, { ...opts, activation: 'tanh' as 'relu' }),
    ).toThrow(/activation must be "relu" or "gelu"/);
    expect(() => transformerEncoderLayer(x, weights, { ...opts, numHeads: 3 })).toThrow(
      /numHeads must be a positive integer that divides/,
    );
    expect(() => transformerEncoderLayer(x, weights, { ...opts, layerNormEps: 0 })).toThrow(
      /layerNormEps/,
    );
    const bad = {
      ...weights,
      linear2: { ...weights.linear2, weight: tf.zeros([8, 15]) as tf.Tensor2D },
    };
    expect(() => transformerEncoderLayer(x, bad, opts)).toThrow(
      /weights.linear2.weight must be \[8, 16\], got \[8, 15\]/,
    );
    tf.dispose([x, ...ws, bad.linear2.weight]);
  });
});
