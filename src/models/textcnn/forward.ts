/**
 * Kim's (2014) multi-width convolutional sentence classifier, forward pass in raw tfjs ops
 * (differentiable with tfjs autograd), weights in PyTorch's layouts. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../../train/embedding';
import { denseMatMul } from '../../train/matmul';
import {
  convGeometry,
  convMaxPoolSparse,
  convolve,
  maxOverTime,
  maxOverTimeWinners,
} from './pooling';

/** One convolution of one width k, as `nn.Conv1d(E, C, k)` stores it. */
export interface TextCnnConv {
  /** float32 `[C, E, k]`: C filters, each E channels (embedding dims) by k taps (tokens). */
  weight: tf.Tensor;
  /** float32 `[C]`. */
  bias: tf.Tensor;
}

/** The weights of {@link textCnnForward}: `nn.Embedding`, one `nn.Conv1d` per width, `nn.Linear`. */
export interface TextCnnWeights {
  /** float32 `[V, E]`: row v is the vector of token id v. */
  embedding: tf.Tensor;
  /** One convolution per filter width, in the order their pooled features are concatenated. */
  convs: TextCnnConv[];
  /** The classifier: weight float32 `[K, F]` with F = sum of the convs' C, bias `[K]`. */
  fc: { weight: tf.Tensor; bias: tf.Tensor };
}

/** Options of {@link textCnnForward}. */
export interface TextCnnForwardOptions {
  /** Apply dropout to the pooled features (training mode). Default false. */
  training?: boolean;
  /** Dropout rate in [0, 1) used when `training`. Default 0.5 (Kim 2014). */
  dropout?: number;
  /** Seed of the dropout mask (tfjs' `tf.dropout` seed); unseeded when omitted. */
  seed?: number;
  /** Also return each filter's winning position and its activations at every position. */
  inspect?: boolean;
  /**
   * How the convolution's gradient is computed: `sparse` from each filter's winning window only,
   * in TypeScript on the CPU copies (`convMaxPoolSparse`, pooling.ts); `dense` as tensor ops
   * (products of the whole `[T * B, sum_i k_i C_i]` gradient, the form for a GPU). Default `auto`:
   * dense on webgl, sparse elsewhere. The values are the same either way.
   */
  backward?: 'auto' | 'sparse' | 'dense';
}

/** What {@link textCnnForward} returns; F = total number of filters, P = T - (narrowest k) + 1. */
// A type alias, not an interface, so that tf.tidy accepts it as a TensorContainer.
export type TextCnnOutput = {
  /** float32 `[B, K]`, before softmax. */
  logits: tf.Tensor2D;
  /** float32 `[B, F]`: each filter's max over time (after ReLU), before dropout. */
  pooled: tf.Tensor2D;
  /**
   * int32 `[B, F]` (with `inspect`): the window start that won each filter's max pool; filter f's
   * window covers tokens `[p, p + k_f)`. On ties the first position wins.
   */
  positions?: tf.Tensor2D;
  /**
   * float32 `[B, P, F]` (with `inspect`): ReLU activation of each filter at each window start;
   * 0 at starts past `T - k_f`, where filter f's window would leave the sentence.
   */
  activations?: tf.Tensor3D;
};

const PREFIX = 'textCnnForward:';

function shapeOf(t: tf.Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/** Checks every shape against the embedding and the ids; returns widths, counts and classes. */
export function checkTextCnnWeights(weights: TextCnnWeights): {
  widths: number[];
  counts: number[];
  embeddingDim: number;
  numClasses: number;
} {
  const { embedding, convs, fc } = weights;
  if (embedding.rank !== 2) {
    throw new TypeError(`${PREFIX} embedding must be [V, E], got ${shapeOf(embedding)}`);
  }
  const E = embedding.shape[1] as number;
  if (!Array.isArray(convs) || convs.length === 0) {
    throw new RangeError(`${PREFIX} convs must hold at least one convolution`);
  }
  const widths: number[] = [];
  const counts: number[] = [];
  convs.forEach(({ weight, bias }, i) => {
    if (weight.rank !== 3 || weight.shape[1] !== E) {
      throw new TypeError(
        `${PREFIX} convs[${i}].weight must be [C, E = ${E}, k] (nn.Conv1d layout), got ${shapeOf(weight)}`,
      );
    }
    if (bias.rank !== 1 || bias.shape[0] !== weight.shape[0]) {
      throw new TypeError(
        `${PREFIX} convs[${i}].bias must be [C = ${weight.shape[0]}], got ${shapeOf(bias)}`,
      );
    }
    const [C, , k] = weight.shape as [number, number, number];
    counts.push(C);
    widths.push(k);
  });
  const F = counts.reduce((a, b) => a + b, 0);
  if (fc.weight.rank !== 2 || fc.weight.shape[1] !== F) {
    throw new TypeError(
      `${PREFIX} fc.weight must be [K, F = ${F}] (nn.Linear layout), got ${shapeOf(fc.weight)}`,
    );
  }
  const K = fc.weight.shape[0] as number;
  if (fc.bias.rank !== 1 || fc.bias.shape[0] !== K) {
    throw new TypeError(`${PREFIX} fc.bias must be [K = ${K}], got ${shapeOf(fc.bias)}`);
  }
  return { widths, counts, embeddingDim: E, numClasses: K };
}

/**
 * Logits of Kim's (2014) CNN for sentence classification ("Convolutional Neural Networks for
 * Sentence Classification", EMNLP 2014, section 2), with PyTorch's semantics:
 * - `x = embedding[ids]`: `[B, T, E]` (`nn.Embedding`);
 * - for each conv i (width k_i, C_i filters): `c_i[b, p, f] = relu(bias[f] + sum_{e, j}
 *   weight[f, e, j] x[b, p + j, e])`, p = 0 .. T - k_i (`nn.Conv1d`: cross-correlation, valid
 *   padding, stride 1), then `h_i[b, f] = max_p c_i[b, p, f]` (max over time);
 * - `h = concat(h_0, h_1, ...)`: `[B, F]` in the order of `convs`;
 * - `training`: inverted dropout on h (kept features scaled by 1 / (1 - rate));
 * - `logits = h fc.weight^T + fc.bias`: `[B, K]` (`nn.Linear`).
 *
 * How it runs (no loop over filters or widths), the shift-and-add form of the convolution,
 * `conv_i = sum_j shift_j(x) W_i[:, :, j]`: ONE embedding lookup gives the tokens' vectors
 * time-major as `[T * B, E]`; ONE matMul with every tap of every filter stacked as
 * `[E, sum_i k_i C_i]` gives each token times each tap (`[T * B, 1200]` at Kim's sizes, no
 * zero-padded taps, so exactly PyTorch's FLOPs); one GatherNd per tap offset j picks, for each
 * start p, the rows of token p + j and the columns of tap j and adds them (`shiftAndAdd` in
 * shiftConv.ts); a constant mask removes the starts past each width's last valid one before the
 * max. The gradient (`backward`): on cpu and wasm only each filter's winning window gets one,
 * so it is computed from those windows in plain loops (`convMaxPoolSparse`, pooling.ts; 2% of the
 * dense gradient's entries at Kim's sizes); on webgl as dense untransposed products and one
 * GatherNd. Speed (docs/performance.md, chapter 11): on wasm the sparse gradient cut the step to
 * about half (0.64-0.80x PyTorch's one-thread rate in headless Chromium, from 0.37x).
 * `tf.conv1d` per width is not an option for training on wasm: tfjs-backend-wasm 4.22 has no
 * Conv2DBackpropFilter kernel, so its filter gradient throws.
 *
 * Inputs shorter than the widest kernel (T < kMax) are REJECTED (PyTorch's nn.Conv1d fails the same
 * way): pad the ids to at least kMax tokens first, as Kim's code and the book's task do.
 *
 * Gradients: the max pool sends each filter's gradient to ONE position, the first maximum (see
 * `maxOverTime`); PyTorch's `max` also picks a single index, so the two agree whenever the maximum
 * is unique (the fixture's inputs are chosen without ties). Forward and gradients match PyTorch 1.13
 * to 1e-5 (tests/unit/models/textcnnTorch.test.ts). Call it inside `tf.tidy` / `tf.variableGrads`:
 * it returns new tensors and leaves its intermediates to the enclosing scope.
 *
 * @param ids - int32 `[B, T]` token ids in `[0, V)` (not checked here: validate where they are made).
 * @throws TypeError for a wrong rank, dtype or weight shape; RangeError for T < kMax or a bad rate.
 */
export function textCnnForward(
  ids: tf.Tensor,
  weights: TextCnnWeights,
  options: TextCnnForwardOptions = {},
): TextCnnOutput {
  const { widths, counts, embeddingDim: E } = checkTextCnnWeights(weights);
  if (ids.rank !== 2 || ids.dtype !== 'int32') {
    throw new TypeError(`${PREFIX} ids must be int32 [B, T], got ${ids.dtype} ${shapeOf(ids)}`);
  }
  const [B, T] = ids.shape as [number, number];
  const kMax = Math.max(...widths);
  if (T < kMax) {
    throw new RangeError(
      `${PREFIX} the sequences have ${T} tokens, fewer than the widest filter (${kMax}): pad the ids to at least ${kMax} tokens`,
    );
  }
  const { training = false, dropout = 0.5, seed, inspect = false, backward = 'auto' } = options;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    throw new RangeError(`${PREFIX} dropout must be a number in [0, 1), got ${String(dropout)}`);
  }
  if (backward !== 'auto' && backward !== 'sparse' && backward !== 'dense') {
    throw new RangeError(
      `${PREFIX} backward must be auto, sparse or dense, got ${String(backward)}`,
    );
  }
  const geometry = convGeometry(B, T, E, widths, counts);

  // Time-major token vectors [T * B, E] and one zero row (what the taps past a width read).
  // (The lookup's gradient reads `ids`, so it takes the caller's tensor, not a transposed copy.)
  const embedded = tf.transpose(embeddingLookup(weights.embedding, ids), [1, 0, 2]);
  const x = tf.pad(tf.reshape(embedded, [T * B, E]), [
    [0, 1],
    [0, 0],
  ]) as tf.Tensor2D;
  // Every tap of every filter as one [E, sum k_i C_i] matrix: conv i's [C, E, k] -> [E, k * C].
  const taps = tf.concat(
    weights.convs.map(({ weight }, i) =>
      tf.reshape(tf.transpose(weight, [1, 2, 0]), [E, widths[i] * counts[i]]),
    ),
    1,
  ) as tf.Tensor2D;
  const bias = tf.concat(weights.convs.map((c) => c.bias)) as tf.Tensor1D;
  const sparse = backward === 'sparse' || (backward === 'auto' && tf.getBackend() !== 'webgl');
  // The inspection needs every position's activation, so it takes the dense form's z.
  const z = sparse && !inspect ? null : convolve(x, taps, bias, geometry); // [B, P * F]
  const pooled = z ? maxOverTime(z, geometry) : convMaxPoolSparse(x, taps, bias, geometry);
  const features = (
    training && dropout > 0 ? tf.dropout(pooled, dropout, undefined, seed) : pooled
  ) as tf.Tensor2D;
  const logits = tf.add(
    denseMatMul(features, tf.transpose(weights.fc.weight) as tf.Tensor2D),
    weights.fc.bias,
  ) as tf.Tensor2D;
  if (!inspect || !z) return { logits, pooled };
  const { P, F } = geometry;
  return {
    logits,
    pooled,
    positions: maxOverTimeWinners(z, geometry).positions,
    activations: tf.reshape(tf.mul(tf.relu(z), tf.tensor1d(geometry.valid)), [
      B,
      P,
      F,
    ]) as tf.Tensor3D,
  };
}
