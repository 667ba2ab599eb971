/**
 * The baseline of the char-LSTM benchmark (the book's model aims at 3 times its speed): the same
 * character LSTM built the usual tfjs way, from `tf.layers.lstm` (+ a time-distributed dense
 * softmax), trained with `model.trainOnBatch` (what `model.fit` runs per batch, without its epoch
 * bookkeeping). Same sizes and the same TBPTT batches as the project's model
 * (src/models/rnn/charData.ts), one-hot input `[batch, seqLen, V]`, stateful so the state carries
 * across batches as in truncated BPTT, Adam (lr 2e-3, epsilon 1e-7), categorical cross-entropy. The
 * recurrent initializer is glorotUniform instead of Keras's default orthogonal (TFJS_NOTES pitfall
 * 5: tfjs's orthogonal initializer takes tens of seconds on a software WebGL); the step time does
 * not depend on it. Bench-only code: not shipped.
 */
import * as tf from '@tensorflow/tfjs';
import { tbpttBatcher } from '../../src/models/rnn/charData';

export interface LayersCharLstm {
  /** One trainOnBatch on the next TBPTT chunk; resolves to its loss (nats per character). */
  step(): Promise<number>;
  dispose(): void;
}

export function createLayersCharLstm(
  ids: Int32Array,
  vocabSize: number,
  options: { hidden: number; seqLen: number; batch: number; learningRate?: number },
): LayersCharLstm {
  const { hidden, seqLen, batch } = options;
  const batcher = tbpttBatcher(ids, batch, seqLen);
  const model = tf.sequential();
  model.add(
    tf.layers.lstm({
      units: hidden,
      returnSequences: true,
      stateful: true,
      batchInputShape: [batch, seqLen, vocabSize],
      recurrentInitializer: 'glorotUniform',
    }),
  );
  model.add(
    tf.layers.timeDistributed({
      layer: tf.layers.dense({ units: vocabSize, activation: 'softmax' }),
    }),
  );
  const optimizer = tf.train.adam(options.learningRate ?? 2e-3, 0.9, 0.999, 1e-7);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  let k = 0;
  return {
    async step() {
      if (k === batcher.chunksPerEpoch) {
        k = 0;
        model.resetStates();
      }
      const { inputs, targets } = batcher.chunk(k++);
      const [x, y] = tf.tidy(() => [
        tf.oneHot(tf.tensor2d(inputs, [batch, seqLen], 'int32'), vocabSize).toFloat(),
        tf.oneHot(tf.tensor2d(targets, [batch, seqLen], 'int32'), vocabSize).toFloat(),
      ]);
      try {
        const loss = await model.trainOnBatch(x, y);
        return Array.isArray(loss) ? loss[0] : loss;
      } finally {
        x.dispose();
        y.dispose();
      }
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
}
