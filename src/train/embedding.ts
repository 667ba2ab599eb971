/**
 * An embedding lookup whose gradient works, and is fast, on every tfjs backend.
 *
 * `tf.gather(table, ids)` is the forward pass of a Keras `Embedding` layer. Its stock gradient in
 * tfjs 4.22 is `UnsortedSegmentSum`, which the wasm backend does not implement at all (training
 * an embedding on wasm throws), which the cpu backend runs as one set of ops per vocabulary row,
 * and which the webgl backend runs in time proportional to vocab x ids. This module replaces that
 * gradient with `tf.scatterND`, a kernel that exists on cpu, wasm and webgl and that ADDS the
 * updates of duplicate indices (TensorFlow's `scatter_nd` semantics), which is exactly the
 * gradient of a gather: row `v` of the table gradient is the sum of the output gradients of every
 * position whose id is `v`.
 *
 * Cost of the backward pass, N = number of ids, D = embedding dim, V = vocabulary size:
 * cpu and wasm O(N·D) (one pass over the updates, plus zero-filling the V x D output). On webgl
 * every formulation costs O(V·D·N) (a shader cannot scatter: each output texel scans the
 * updates), so there the default is `oneHot(ids, V)^T · dy`, a packed matMul that ran 1.6-2x
 * faster than webgl's ScatterNd and 2.5x faster than the stock gradient on SwiftShader
 * (Chromium, V 1000-5000, D 16, N 640-1600), while its one-hot [N, V] fits in
 * {@link ONE_HOT_LIMIT} elements; above that it falls back to ScatterNd.
 *
 * No React, no DOM: runs in Node unit tests.
 */
import * as tf from '@tensorflow/tfjs';

/** Largest one-hot matrix (N x V elements, 16 MiB of float32) the webgl backward pass builds. */
export const ONE_HOT_LIMIT = 4 * 1024 * 1024;

/** How the table gradient is computed; `auto` picks per backend (see the module comment). */
export type EmbeddingBackward = 'auto' | 'scatter' | 'onehot';

/**
 * Looks up rows of an embedding table, with a gradient that works on the cpu, wasm and webgl
 * backends (see the module comment for why `tf.gather`'s own gradient does not).
 *
 * Forward: `out[..., :] = table[ids[...], :]`, identical to `tf.gather(table, ids)` and to the
 * Keras `Embedding` layer (https://keras.io/api/layers/core_layers/embedding/).
 * Backward: `dTable[v] = sum of dOut at the positions where ids == v` (duplicates accumulate),
 * as `tf.scatterND(ids, dOut, [V, D])` or, on webgl, `oneHot(ids, V)^T · dOut`.
 *
 * Out-of-range ids are NOT checked here (that would need a synchronous read of `ids`): on the cpu
 * backend `tf.gather` throws, on webgl it silently returns zeros. Validate ids where they are made.
 *
 * @param table - float32 `[V, D]`: a `tf.Variable` (to train it) or any rank-2 tensor.
 * @param ids - int32 tensor of any shape `[...S]` with values in `[0, V)`. It must stay alive until
 *   the gradient has been computed (normal inside one `tf.tidy` / `tf.variableGrads`).
 * @param backward - force a gradient formulation (for tests and benchmarks); default `auto`.
 * @returns float32 `[...S, D]`.
 * @throws TypeError if `table` is not rank 2 or `ids` is not int32.
 */
export function embeddingLookup(
  table: tf.Tensor,
  ids: tf.Tensor,
  backward: EmbeddingBackward = 'auto',
): tf.Tensor {
  if (table.rank !== 2) {
    throw new TypeError(
      `embeddingLookup: the table must be rank 2 [vocab, dim], got shape [${table.shape.join(', ')}]`,
    );
  }
  if (ids.dtype !== 'int32') {
    throw new TypeError(`embeddingLookup: ids must be int32, got ${ids.dtype}`);
  }
  const [vocab, dim] = table.shape as [number, number];
  const lookup = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const t = args[0] as tf.Tensor;
    return {
      // Same rows either way; on wasm (tfjs 4.22) GatherV2 is 3-14x slower than GatherNd
      // (measured: 2,048 rows of a [78, 512] table 44 ms vs 9 ms; 1,536 of [6235, 64] 6 vs 0.4).
      value:
        tf.getBackend() === 'wasm' ? tf.gatherND(t, tf.expandDims(ids, -1)) : tf.gather(t, ids),
      gradFunc: (dy: tf.Tensor) => {
        const n = ids.size;
        const flatDy = tf.reshape(dy, [n, dim]);
        const oneHot =
          backward === 'onehot' ||
          (backward === 'auto' && tf.getBackend() === 'webgl' && n * vocab <= ONE_HOT_LIMIT);
        if (oneHot) {
          return tf.matMul(tf.oneHot(tf.reshape(ids, [n]), vocab), flatDy, true, false);
        }
        return tf.scatterND(tf.reshape(ids, [n, 1]), flatDy, [vocab, dim]);
      },
    };
  });
  return lookup(table);
}
