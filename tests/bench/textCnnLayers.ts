/**
 * The baseline of the TextCNN benchmark: Kim's CNN-rand built the usual tfjs way from
 * `tf.layers` (embedding, one conv1d per width with ReLU, globalMaxPooling1d, concatenate,
 * dropout, dense softmax), trained with `model.fit` on one batch per call, Adam (epsilon 1e-7),
 * categorical cross-entropy. Bench-only code: not shipped.
 */
import * as tf from '@tensorflow/tfjs';

export interface LayersTextCnn {
  /** One `fit` epoch of one batch; resolves to its loss. */
  step(): Promise<number>;
  dispose(): void;
}

export function createLayersTextCnn(
  ids: Int32Array,
  labels: Int32Array,
  o: { vocab: number; dim: number; filters: number; length: number; batch: number },
): LayersTextCnn {
  const input = tf.input({ shape: [o.length], dtype: 'int32' });
  const x = tf.layers
    .embedding({ inputDim: o.vocab, outputDim: o.dim })
    .apply(input) as tf.SymbolicTensor;
  const pooled = [3, 4, 5].map(
    (k) =>
      tf.layers
        .globalMaxPooling1d()
        .apply(
          tf.layers.conv1d({ filters: o.filters, kernelSize: k, activation: 'relu' }).apply(x),
        ) as tf.SymbolicTensor,
  );
  const h = tf.layers.dropout({ rate: 0.5 }).apply(tf.layers.concatenate().apply(pooled));
  const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  model.compile({
    optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-7),
    loss: 'categoricalCrossentropy',
  });
  const rows = ids.length / o.length;
  let next = 0;
  return {
    async step() {
      const start = (next * o.batch) % (rows - o.batch + 1);
      next++;
      const xs = tf.tensor2d(
        ids.subarray(start * o.length, (start + o.batch) * o.length),
        [o.batch, o.length],
        'int32',
      );
      const ys = tf.tidy(() =>
        tf.cast(
          tf.oneHot(tf.tensor1d(labels.subarray(start, start + o.batch), 'int32'), 2),
          'float32',
        ),
      );
      try {
        const history = await model.fit(xs, ys, { batchSize: o.batch, epochs: 1, verbose: 0 });
        return history.history.loss[0] as number;
      } finally {
        tf.dispose([xs, ys]);
      }
    },
    dispose: () => model.dispose(),
  };
}
