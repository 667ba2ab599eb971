/**
 * transformerDecoderLayer against torch.nn.TransformerDecoderLayer (PyTorch 1.13, dropout 0,
 * batch_first, causal self-attention): both norm_first settings, ReLU and GELU, with and without
 * target and memory padding masks; the output and the gradients of x, memory and every weight to
 * 1e-4 on the cpu and wasm backends. Plus the attention callback, leaks and errors.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  transformerDecoderLayer,
  type TransformerDecoderLayerWeights,
} from '../../../../src/models/transformer';
import { selectBackend } from '../../../../src/train/backend';
import { expectClose, tensor, type Nested } from './torchFixture';

interface DecoderCase {
  normFirst: boolean;
  activation: 'relu' | 'gelu';
  mask: Nested | null;
  memoryMask: Nested | null;
  x: Nested;
  memory: Nested;
  r: Nested;
  weights: Record<string, Record<string, Nested>>;
  output: Nested;
  grads: Record<string, Nested | Record<string, Nested>>;
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/transformer_decoder_torch.json', import.meta.url), 'utf8'),
) as { sizes: { numHeads: number }; decoder: DecoderCase[] };

const TOL = 1e-4;
afterAll(async () => {
  await tf.setBackend('cpu');
});

const leaves = (tree: Record<string, Record<string, Nested>>): Array<[string, Nested]> =>
  Object.entries(tree).flatMap(([m, params]) =>
    Object.entries(params).map(([p, v]) => [`${m}.${p}`, v] as [string, Nested]),
  );

const build = (paths: string[], ts: tf.Tensor[]): TransformerDecoderLayerWeights => {
  const out: Record<string, Record<string, tf.Tensor>> = {};
  paths.forEach((path, i) => {
    const [m, p] = path.split('.');
    (out[m] ??= {})[p] = ts[i];
  });
  return out as unknown as TransformerDecoderLayerWeights;
};

const intMask = (m: Nested | null) =>
  m === null ? undefined : tf.tensor(m as number[], undefined, 'int32');

const label = (c: DecoderCase) =>
  `norm_first ${c.normFirst}, ${c.activation}${c.mask ? ', padding masks' : ''}`;

describe.each(['cpu', 'wasm'] as const)(
  'transformerDecoderLayer matches PyTorch 1.13 (%s)',
  (backend) => {
    it.each(fixture.decoder.map((c) => [label(c), c] as const))('%s', async (_, c) => {
      expect((await selectBackend(backend)).name).toBe(backend);
      const pairs = leaves(c.weights);
      const paths = pairs.map(([p]) => p);
      const ws = pairs.map(([, v]) => tensor(v));
      const x = tensor(c.x) as tf.Tensor3D;
      const memory = tensor(c.memory) as tf.Tensor3D;
      const r = tensor(c.r);
      const mask = intMask(c.mask);
      const memoryMask = intMask(c.memoryMask);
      const options = {
        numHeads: fixture.sizes.numHeads,
        normFirst: c.normFirst,
        activation: c.activation,
        mask,
        memoryMask,
      };
      const y = transformerDecoderLayer(x, memory, build(paths, ws), options);
      expectClose(y, c.output, TOL, 'output');
      const grads = tf.grads((xx: tf.Tensor, mm: tf.Tensor, ...rest: tf.Tensor[]) =>
        tf.sum(
          tf.mul(
            transformerDecoderLayer(
              xx as tf.Tensor3D,
              mm as tf.Tensor3D,
              build(paths, rest),
              options,
            ),
            r,
          ),
        ),
      )([x, memory, ...ws]);
      expectClose(grads[0], c.grads.x as Nested, TOL, 'dx');
      expectClose(grads[1], c.grads.memory as Nested, TOL, 'dmemory');
      const g = c.grads as Record<string, Record<string, Nested>>;
      paths.forEach((path, i) => {
        const [m, p] = path.split('.');
        expectClose(grads[i + 2], g[m][p], TOL, `d ${path}`);
      });
      tf.dispose([x, memory, r, mask, memoryMask, y, ...ws, ...grads].filter((t) => t));
    });
  },
);

describe('transformerDecoderLayer: attention callback, leaks, errors', () => {
  const c = fixture.decoder[3];
  const setup = () => {
    const pairs = leaves(c.weights);
    const ws = pairs.map(([, v]) => tensor(v));
    return {
      ws,
      weights: build(
        pairs.map(([p]) => p),
        ws,
      ),
      x: tensor(c.x) as tf.Tensor3D,
      memory: tensor(c.memory) as tf.Tensor3D,
      memoryMask: intMask(c.memoryMask)!,
    };
  };

  it('gives causal self-attention and masked cross-attention whose rows sum to 1', async () => {
    await selectBackend('cpu');
    const { ws, weights, x, memory, memoryMask } = setup();
    let self: tf.Tensor4D | null = null;
    let cross: tf.Tensor4D | null = null;
    const y = transformerDecoderLayer(
      x,
      memory,
      weights,
      { numHeads: 2, normFirst: true, memoryMask },
      (a) => {
        self = tf.keep(a.selfAttention);
        cross = tf.keep(a.crossAttention);
      },
    );
    expect(self!.shape).toEqual([2, 2, 5, 5]);
    expect(cross!.shape).toEqual([2, 2, 5, 6]);
    const s = self!.arraySync();
    const k = cross!.arraySync();
    for (let b = 0; b < 2; b++) {
      for (let h = 0; h < 2; h++) {
        for (let t = 0; t < 5; t++) {
          for (let j = t + 1; j < 5; j++) expect(s[b][h][t][j]).toBe(0);
          const rowSum = k[b][h][t].reduce((a, v) => a + v, 0);
          expect(Math.abs(rowSum - 1)).toBeLessThan(1e-5);
          // Row 1's memory has 3 real positions: keys 3..5 get exactly 0.
          if (b === 1) for (let j = 3; j < 6; j++) expect(k[b][h][t][j]).toBe(0);
        }
      }
    }
    tf.dispose([...ws, x, memory, memoryMask, y, self!, cross!]);
  });

  it('leaks no tensor', async () => {
    await selectBackend('cpu');
    const { ws, weights, x, memory, memoryMask } = setup();
    const run = () =>
      transformerDecoderLayer(x, memory, weights, { numHeads: 2, memoryMask }).dispose();
    run();
    const before = tf.memory().numTensors;
    run();
    run();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...ws, x, memory, memoryMask]);
  });

  it('throws clear errors naming the argument', async () => {
    await selectBackend('cpu');
    const { ws, weights, x, memory, memoryMask } = setup();
    expect(() =>
      transformerDecoderLayer(x, tf.zeros([2, 6, 4]) as tf.Tensor3D, weights, { numHeads: 2 }),
    ).toThrow(/memory must be \[2, 6, 8\]/);
    expect(() => transformerDecoderLayer(x, memory, weights, { numHeads: 3 })).toThrow(/numHeads/);
    expect(() =>
      transformerDecoderLayer(x, memory, weights, {
        numHeads: 2,
        activation: 'tanh' as 'relu',
      }),
    ).toThrow(/activation/);
    const { norm3: _, ...noNorm3 } = weights;
    expect(() =>
      transformerDecoderLayer(x, memory, noNorm3 as TransformerDecoderLayerWeights, {
        numHeads: 2,
      }),
    ).toThrow(/weights\.norm3\.weight/);
    tf.dispose([...ws, x, memory, memoryMask]);
  });
});
