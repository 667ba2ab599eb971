/**
 * The chapter-15 character Transformer written "the plain way" for tests/bench/transformer.mjs:
 * the same sizes, pre-LN blocks, GELU, tied output and AdamW-like training, but separate Q, K and V
 * products, a loop over heads, the causal mask rebuilt every step, and stock tf ops with tfjs
 * autograd (tf.matMul's own transposed gradients). The embedding uses the project's
 * embeddingLookup, because tf.gather's gradient does not exist on wasm (TFJS_NOTES.md).
 */
import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from '../../src/models/rnn/clip';
import { embeddingLookup } from '../../src/train/embedding';

export interface PlainSizes {
  vocab: number;
  layers: number;
  heads: number;
  dModel: number;
  dFf: number;
  context: number;
  batch: number;
}

export function createPlainTransformer(s: PlainSizes) {
  const { vocab: V, layers: N, heads: H, dModel: E, dFf: F, context: C, batch: B } = s;
  const dh = E / H;
  const normal = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.02, 'float32', 1));
  const zeros = (shape: number[]) => tf.variable(tf.zeros(shape));
  const ones = (shape: number[]) => tf.variable(tf.ones(shape));
  const tok = normal([V, E]);
  const pos = normal([C, E]);
  const blocks = Array.from({ length: N }, () => ({
    wq: normal([E, E]),
    wk: normal([E, E]),
    wv: normal([E, E]),
    bq: zeros([E]),
    bk: zeros([E]),
    bv: zeros([E]),
    wo: normal([E, E]),
    bo: zeros([E]),
    w1: normal([E, F]),
    b1: zeros([F]),
    w2: normal([F, E]),
    b2: zeros([E]),
    g1: ones([E]),
    n1: zeros([E]),
    g2: ones([E]),
    n2: zeros([E]),
  }));
  const lnG = ones([E]);
  const lnB = zeros([E]);
  const outB = zeros([V]);
  const vars = [tok, pos, ...blocks.flatMap((b) => Object.values(b)), lnG, lnB, outB];
  const opt = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const ln = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  const dense = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
    tf.add(tf.matMul(tf.reshape(x, [-1, w.shape[0]]) as tf.Tensor2D, w as tf.Tensor2D), b);
  let seed = 1;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);

  return {
    step(): tf.Scalar {
      const ids = Int32Array.from({ length: B * (C + 1) }, () => rand(V));
      const inp = new Int32Array(B * C);
      const tgt = new Int32Array(B * C);
      for (let b = 0; b < B; b++) {
        inp.set(ids.subarray(b * (C + 1), b * (C + 1) + C), b * C);
        tgt.set(ids.subarray(b * (C + 1) + 1, (b + 1) * (C + 1)), b * C);
      }
      return tf.tidy(() => {
        const x0 = tf.tensor2d(inp, [B, C], 'int32');
        const y = tf.oneHot(tf.tensor1d(tgt, 'int32'), V);
        const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([C, C]), -1, 0)), -1e9);
        const { value, grads } = tf.variableGrads(() => {
          let x: tf.Tensor = tf.add(embeddingLookup(tok, x0), pos);
          for (const w of blocks) {
            const h = ln(x, w.g1, w.n1);
            const q = tf.reshape(dense(h, w.wq, w.bq), [B, C, E]);
            const k = tf.reshape(dense(h, w.wk, w.bk), [B, C, E]);
            const v = tf.reshape(dense(h, w.wv, w.bv), [B, C, E]);
            const heads: tf.Tensor[] = [];
            for (let i = 0; i < H; i++) {
              const qi = tf.slice(q, [0, 0, i * dh], [B, C, dh]);
              const ki = tf.slice(k, [0, 0, i * dh], [B, C, dh]);
              const vi = tf.slice(v, [0, 0, i * dh], [B, C, dh]);
              const sc = tf.add(tf.div(tf.matMul(qi, ki, false, true), Math.sqrt(dh)), mask);
              heads.push(tf.matMul(tf.softmax(sc), vi));
            }
            x = tf.add(x, tf.reshape(dense(tf.concat(heads, 2), w.wo, w.bo), [B, C, E]));
            const h2 = ln(x, w.g2, w.n2);
            const a = dense(h2, w.w1, w.b1);
            const g = tf.mul(tf.mul(a, 0.5), tf.add(1, tf.erf(tf.mul(a, Math.SQRT1_2))));
            x = tf.add(x, tf.reshape(dense(g, w.w2, w.b2), [B, C, E]));
          }
          const logits = tf.add(
            tf.matMul(tf.reshape(ln(x, lnG, lnB), [B * C, E]), tok, false, true),
            outB,
          );
          return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
        }, vars);
        (opt as tf.Optimizer).applyGradients(clipByGlobalNorm(grads, 1).grads);
        return value;
      });
    },
    dispose() {
      tf.dispose(vars);
      opt.dispose();
    },
  };
}
