/**
 * The "naive" baseline of the word2vec benchmark (the book's model aims at 20 times its speed): the
 * same skip-gram negative-sampling model written the way a tfjs tutorial would, with two embedding
 * tables as `tf.variable`s, `tf.gather` lookups, autograd (`optimizer.minimize`) and Adam. Same
 * batches as the fast task (src/models/word2vec BatchStream), so the words/s compare like for like.
 *
 * `lookup: 'gather'` is the stock path (tf.gather's gradient is UnsortedSegmentSum: slow on cpu
 * and webgl, missing on wasm, where it throws); `lookup: 'embeddingLookup'` uses the project's
 * src/train/embedding.ts gradient (a dense scatterND), so that wasm has a baseline at all.
 * Bench-only code: not shipped.
 */
import * as tf from '@tensorflow/tfjs';
import { BatchStream, type Word2VecCorpus } from '../../src/models/word2vec';
import { embeddingLookup } from '../../src/train/embedding';
import { adam } from '../../src/train/optim';

export interface NaiveWord2Vec {
  /** One Adam step on the next batch; resolves to its mean loss per row and the words consumed. */
  step(): Promise<{ loss: number; words: number }>;
  dispose(): void;
}

export function createNaiveWord2Vec(
  corpus: Word2VecCorpus,
  options: {
    dim: number;
    window: number;
    negative: number;
    batchSize: number;
    lookup: 'gather' | 'embeddingLookup';
    learningRate?: number;
    seed?: number;
  },
): NaiveWord2Vec {
  const { dim: d, negative: K, batchSize: B } = options;
  const V = corpus.vocab.words.length;
  const stream = new BatchStream(corpus, {
    architecture: 'skipgram',
    window: options.window,
    negative: K,
    sample: 1e-3,
    epochs: 1000,
    batchSize: B,
    seed: options.seed ?? 1,
  });
  const input = tf.variable(tf.randomUniform([V, d], -0.5 / d, 0.5 / d, 'float32', 1));
  const output = tf.variable(tf.zeros([V, d]));
  const optimizer = adam(options.learningRate ?? 0.001);
  const labels = tf.tensor2d(
    Float32Array.from({ length: B * (K + 1) }, (_, i) => (i % (K + 1) === 0 ? 1 : 0)),
    [B, K + 1],
  );
  const look = (table: tf.Variable, ids: tf.Tensor) =>
    options.lookup === 'gather' ? tf.gather(table, ids) : embeddingLookup(table, ids);
  return {
    async step() {
      const b = stream.next();
      const loss = tf.tidy(() => {
        const inIds = tf.tensor1d(b.inputIds, 'int32');
        const outIds = tf.tensor2d(b.outputIds, [B, K + 1], 'int32');
        const mask = tf.tensor2d(b.outputMask, [B, K + 1]);
        return optimizer.minimize(() => {
          const h = look(input, inIds); // [B, d]
          const u = look(output, outIds); // [B, K+1, d]
          const scores = tf.sum(tf.mul(u, tf.expandDims(h, 1)), 2);
          const sign = tf.sub(tf.mul(labels, 2), 1);
          const l = tf.mul(tf.softplus(tf.neg(tf.mul(sign, scores))), mask);
          return tf.div(tf.sum(l), Math.max(1, b.rows)) as tf.Scalar;
        }, true) as tf.Scalar;
      });
      const value = (await loss.data())[0];
      loss.dispose();
      return { loss: value, words: b.words };
    },
    dispose() {
      tf.dispose([input, output, labels]);
      optimizer.dispose();
    },
  };
}
