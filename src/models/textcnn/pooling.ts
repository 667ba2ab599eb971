/**
 * The TextCNN's convolution block after the tap products: bias, ReLU, max over time, and its two
 * gradients (the dense GPU form and the sparse CPU form). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { shiftAndAdd, tapColumns, tapProduct } from './shiftConv';

/** The sizes of one batch's convolutions; F = sum of counts, P = T - min(widths) + 1. */
export interface ConvGeometry {
  T: number;
  B: number;
  E: number;
  widths: readonly number[];
  counts: readonly number[];
  P: number;
  F: number;
  /** float32 `[P * F]`: 1 where filter f's window starting at p lies inside the sentence. */
  valid: Float32Array;
}

/** The {@link ConvGeometry} of ids `[B, T]` and the convs' widths and counts. */
export function convGeometry(
  B: number,
  T: number,
  E: number,
  widths: readonly number[],
  counts: readonly number[],
): ConvGeometry {
  const P = T - Math.min(...widths) + 1;
  const F = counts.reduce((a, b) => a + b, 0);
  const valid = new Float32Array(P * F);
  let f0 = 0;
  widths.forEach((k, i) => {
    for (let p = 0; p <= T - k; p++) valid.fill(1, p * F + f0, p * F + f0 + counts[i]);
    f0 += counts[i];
  });
  return { T, B, E, widths, counts, P, F, valid };
}

/**
 * Pre-activations `[B, P * F]` of every filter at every window start: the tap products of x
 * (`[T * B + 1, E]`, time-major, last row zero) with taps (`[E, sum_i k_i C_i]`), added by shift
 * ({@link shiftAndAdd}), plus the bias `[F]`, batch-major.
 */
export function convolve(
  x: tf.Tensor2D,
  taps: tf.Tensor2D,
  bias: tf.Tensor1D,
  g: ConvGeometry,
): tf.Tensor2D {
  const { T, B, P, F } = g;
  const zTime = shiftAndAdd(tapProduct(x, taps), T, B, g.widths, g.counts); // [P, B, F]
  const z = tf.reshape(tf.add(tf.reshape(zTime, [P * B, F]), bias), [P, B, F]);
  return tf.reshape(tf.transpose(z, [1, 0, 2]), [B, P * F]) as tf.Tensor2D;
}

/**
 * `[B, P, F]` (from z `[B, P * F]`): relu(z) at the valid window starts, -1 (below any ReLU output,
 * so never the maximum) past each filter's last start. Rank-2 broadcasts only: on wasm a rank-3
 * broadcast multiply ran about 10x slower.
 */
function candidatesOf(z: tf.Tensor, g: ConvGeometry): tf.Tensor3D {
  const keep = tf.tensor1d(g.valid);
  const floor = tf.tensor1d(g.valid.map((v) => v - 1));
  return tf.reshape(tf.add(tf.mul(tf.relu(z), keep), floor), [-1, g.P, g.F]);
}

/**
 * Each filter's max over time of relu(z) at its valid starts, `pooled` float32 `[B, F]`, and the
 * start that won it, `positions` int32 `[B, F]` (the first maximum on ties, as `tf.argMax`), from
 * z `[B, P * F]` (pre-activation). Forward only.
 */
export function maxOverTimeWinners(
  z: tf.Tensor,
  g: ConvGeometry,
): { pooled: tf.Tensor2D; positions: tf.Tensor2D } {
  const candidates = candidatesOf(z, g);
  return {
    pooled: tf.max(candidates, 1) as tf.Tensor2D,
    positions: tf.argMax(candidates, 1) as tf.Tensor2D,
  };
}

/**
 * Max over time of relu(z) at the valid starts: `[B, F]` from z `[B, P * F]` (pre-activation).
 * The gradient goes to ONE position per filter, the first maximum (as `tf.argMax`; PyTorch's
 * `max` also sends it to a single index), times relu' there: one scatterND on cpu and wasm
 * (the stock max gradient, an Equal with a middle-axis broadcast, took 250 ms of a 500 ms step on
 * wasm at Kim's sizes); on webgl, where a scatter scans every update per output, an equality
 * mask built on the GPU. The gradient into z is dense (`[B, P * F]`), and so are the products
 * that carry it back to the taps and the tokens: the form for webgl.
 */
export function maxOverTime(z: tf.Tensor, g: ConvGeometry): tf.Tensor2D {
  const { P, F } = g;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const { pooled, positions } = maxOverTimeWinners(x, g);
    save([positions, pooled]);
    return {
      value: pooled,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [pos, top] = saved;
        const B = pos.shape[0] as number;
        const update = tf.mul(dy, tf.cast(tf.greater(top, 0), 'float32')); // relu' at the winner
        if (tf.getBackend() === 'webgl') {
          const at = tf.equal(
            tf.reshape(pos, [B, 1, F]),
            tf.reshape(tf.range(0, P, 1, 'int32'), [1, P, 1]),
          );
          return tf.reshape(tf.mul(tf.cast(at, 'float32'), tf.reshape(update, [B, 1, F])), [
            B,
            P * F,
          ]);
        }
        // Flat index of (b, pos, f) in [B, P, F]: b * P * F + pos * F + f.
        const base = Int32Array.from(
          { length: B * F },
          (_, i) => Math.floor(i / F) * P * F + (i % F),
        );
        const index = tf.add(
          tf.mul(pos, tf.scalar(F, 'int32')),
          tf.tensor2d(base, [B, F], 'int32'),
        );
        return tf.reshape(
          tf.scatterND(tf.reshape(index, [B * F, 1]), tf.reshape(update, [B * F]), [B * P * F]),
          [B, P * F],
        );
      },
    };
  });
  return op(z) as tf.Tensor2D;
}

/**
 * The whole block, `relu(max_p conv(x)[b, p, f] + bias[f])` as `[B, F]`, with a SPARSE gradient
 * computed in plain TypeScript on the tensors' CPU copies (for the cpu and wasm backends, where
 * `dataSync` is a memory copy).
 *
 * Why: the max pool passes each filter's gradient to one window (its winner), and a window of
 * width k touches k tokens through k taps. So of the `[T * B, sum_i k_i C_i]` gradient of the tap
 * products only B · sum_i k_i C_i entries (2% at Kim's sizes: 60,000 of 3 million) are non-zero,
 * fewer still after dropout and dead ReLUs, and the two products that carry a dense gradient back
 * (`[T·B, 1200] x [1200, E]` and `[1200, T·B] x [T·B, E]`, 2 x 768 MFLOP at Kim's sizes, half
 * the step on wasm) reduce to, for each winning (b, f) with gradient u and each tap j < k_f:
 *
 *   dx[(p + j) B + b, :] += u · taps[:, col(f, j)],   dtaps[:, col(f, j)] += u · x[(p + j) B + b, :]
 *
 * with p the winning start: about 2 · 60,000 · E multiply-adds (15 MFLOP). Same values as the dense
 * form up to the order of the sums (tests/unit/models/textcnnTorch.test.ts checks both against
 * PyTorch). Speed: docs/performance.md, chapter 11.
 *
 * @param x - float32 `[T * B + 1, E]`, time-major token vectors (row t B + b), last row zero.
 * @param taps - float32 `[E, sum_i k_i C_i]`, columns as `tapColumns`.
 * @param bias - float32 `[F]`.
 */
export function convMaxPoolSparse(
  x: tf.Tensor2D,
  taps: tf.Tensor2D,
  bias: tf.Tensor1D,
  g: ConvGeometry,
): tf.Tensor2D {
  const { B, E, F, widths, counts } = g;
  const { offsets, total } = tapColumns(widths, counts);
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xIn, tapsIn, biasIn, save] = args as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor1D,
      tf.GradSaveFunc,
    ];
    const { pooled, positions } = maxOverTimeWinners(convolve(xIn, tapsIn, biasIn, g), g);
    save([xIn, tapsIn, positions, pooled]);
    return {
      value: pooled,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, top] = [saved[0], saved[1], saved[3]].map(
          (t) => t.dataSync() as Float32Array,
        );
        const { dx, dwT, db } = winnerGradients(
          xs,
          ws,
          saved[2].dataSync() as Int32Array,
          top,
          dy.dataSync() as Float32Array,
          { B, E, F, widths, counts, offsets, total },
        );
        return [
          tf.tensor2d(dx, [xs.length / E, E]),
          tf.transpose(tf.tensor2d(dwT, [total, E])),
          tf.tensor1d(db),
        ];
      },
    };
  });
  return op(x, taps, bias) as tf.Tensor2D;
}

/**
 * The loops of {@link convMaxPoolSparse}'s gradient, at module level so that V8 optimises them
 * once (a function literal inside the per-call `tf.customGrad` closure starts cold at every step:
 * 2.7x slower measured). `xs` `[R, E]`, `ws` `[E, total]`, `pos`, `top` and `up` `[B, F]`.
 * @returns dx `[R, E]`, the taps' gradient transposed `[total, E]`, and the bias gradient `[F]`.
 */
function winnerGradients(
  xs: Float32Array,
  ws: Float32Array,
  pos: Int32Array,
  top: Float32Array,
  up: Float32Array,
  s: {
    B: number;
    E: number;
    F: number;
    widths: readonly number[];
    counts: readonly number[];
    offsets: readonly number[];
    total: number;
  },
): { dx: Float32Array; dwT: Float32Array; db: Float32Array } {
  const { B, E, F, widths, counts, offsets, total } = s;
  // taps transposed to [total, E], so that both inner loops run over contiguous rows.
  const wT = new Float32Array(total * E);
  for (let e = 0; e < E; e++) {
    for (let c = 0; c < total; c++) wT[c * E + e] = ws[e * total + c];
  }
  const dx = new Float32Array(xs.length);
  const dwT = new Float32Array(total * E);
  const db = new Float32Array(F);
  for (let b = 0; b < B; b++) {
    let f = 0;
    for (let i = 0; i < widths.length; i++) {
      const k = widths[i];
      const C = counts[i];
      for (let c = 0; c < C; c++, f++) {
        const u = up[b * F + f];
        // relu'(0) = 0, as PyTorch; a NaN winner also stops here (as the dense form's mask).
        if (u === 0 || !(top[b * F + f] > 0)) continue;
        db[f] += u;
        const p = pos[b * F + f];
        for (let j = 0; j < k; j++) {
          const xo = ((p + j) * B + b) * E;
          const wo = (offsets[i] + j * C + c) * E;
          for (let e = 0; e < E; e++) {
            dx[xo + e] += u * wT[wo + e];
            dwT[wo + e] += u * xs[xo + e];
          }
        }
      }
    }
  }
  return { dx, dwT, db };
}
