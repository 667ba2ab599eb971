/**
 * The shift-and-add form of a multi-width 1-D convolution (stride 1, valid padding), the second
 * half of `textCnnForward`'s convolution. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { denseMatMul } from '../../train/matmul';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Column layout of the tap products: conv i, tap j, filter c is column `offsets[i] + j C_i + c`.
 * @returns the first column of each conv and the total `sum_i k_i C_i`.
 */
export function tapColumns(
  widths: readonly number[],
  counts: readonly number[],
): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  widths.forEach((k, i) => {
    offsets.push(total);
    total += k * counts[i];
  });
  return { offsets, total };
}

/**
 * Row indices of the forward gathers (one per tap j < kMax, each `[P * B * F / g]`) and of the
 * backward gather (`[rowsY]`), rows being blocks of g = gcd(C_i) consecutive columns.
 */
function shiftIndices(
  T: number,
  B: number,
  widths: readonly number[],
  counts: readonly number[],
  g: number,
) {
  const { offsets, total } = tapColumns(widths, counts);
  const [kMin, kMax] = [Math.min(...widths), Math.max(...widths)];
  const P = T - kMin + 1;
  const F = counts.reduce((a, b) => a + b, 0);
  const [perRowY, perRowZ] = [total / g, F / g];
  const zeroY = T * B * perRowY; // y's last row (time T, all zeros): the taps past a width
  const zeroZ = P * B * perRowZ; // dz's appended zero row
  const forward = Array.from({ length: kMax }, () => new Int32Array(P * B * perRowZ).fill(zeroY));
  const backward = new Int32Array((T * B + 1) * perRowY).fill(zeroZ);
  let f0 = 0;
  widths.forEach((k, i) => {
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < P && p + j < T; p++) {
        for (let b = 0; b < B; b++) {
          for (let q = 0; q < counts[i] / g; q++) {
            const zRow = (p * B + b) * perRowZ + f0 / g + q;
            const yRow = ((p + j) * B + b) * perRowY + (offsets[i] + j * counts[i]) / g + q;
            forward[j][zRow] = yRow;
            backward[yRow] = zRow;
          }
        }
      }
    }
    f0 += counts[i];
  });
  return { forward, backward, P, F, g };
}

/**
 * Adds the shifted tap products of every convolution, TIME-MAJOR. From y float32
 * `[T * B + 1, sum_i k_i C_i]`, where row `t B + b` holds
 * `y[t B + b, offsets[i] + j C_i + c] = sum_e x[b, t, e] W_i[c, e, j]` (one matMul of the embedded
 * tokens with every tap of every filter, columns as {@link tapColumns}) and the LAST row is zero,
 * returns z float32 `[P, B, F]` with P = T - min(widths) + 1, F = sum_i C_i, filters in the
 * order of `widths`:
 *
 *   z[p, b, F_i + c] = sum_{j < k_i, p + j < T} y[(p + j) B + b, offsets[i] + j C_i + c],
 *
 * `nn.Conv1d`'s cross-correlation without bias (conv = sum over offsets j of the tokens shifted
 * by j times tap j's weights) at the starts p <= T - k_i; at later starts (where width k_i's
 * window would leave the sentence) a partial sum, to be masked by the caller.
 *
 * Why gathers: on wasm (tfjs 4.22) `tf.slice` copies its WHOLE input to JS before slicing (a
 * `readSync`), 10-18 ms per slice of y, and a concat on an inner axis copies row by row in JS;
 * GatherNd and Add run in C++. So each tap j is one GatherNd of rows of g = gcd(C_i) columns
 * (taps past a width read the zero row), and the gradient is ONE GatherNd of dz's rows back into
 * y's layout (each entry of y feeds exactly one entry of z).
 *
 * @throws RangeError when y is not `[T * B + 1, sum_i k_i C_i]` or T < max(widths).
 */
export function shiftAndAdd(
  y: tf.Tensor2D,
  T: number,
  B: number,
  widths: readonly number[],
  counts: readonly number[],
): tf.Tensor3D {
  const { total } = tapColumns(widths, counts);
  if (y.shape[0] !== T * B + 1 || y.shape[1] !== total || T < Math.max(...widths)) {
    throw new RangeError(
      `shiftAndAdd: y must be [T * B + 1 = ${T * B + 1}, ${total}] with T >= ${Math.max(...widths)}, got [${y.shape.join(', ')}]`,
    );
  }
  const g = counts.reduce(gcd);
  const ix = shiftIndices(T, B, widths, counts, g);
  const { P, F } = ix;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const rows = tf.reshape(args[0] as tf.Tensor, [-1, g]);
    let z = tf.gatherND(rows, tf.tensor2d(ix.forward[0], [ix.forward[0].length, 1], 'int32'));
    for (let j = 1; j < ix.forward.length; j++) {
      const at = tf.tensor2d(ix.forward[j], [ix.forward[j].length, 1], 'int32');
      z = tf.add(z, tf.gatherND(rows, at));
    }
    return {
      value: tf.reshape(z, [P, B, F]),
      gradFunc: (dz: tf.Tensor) => {
        const dRows = tf.pad(tf.reshape(dz, [-1, g]), [
          [0, 1],
          [0, 0],
        ]);
        const at = tf.tensor2d(ix.backward, [ix.backward.length, 1], 'int32');
        return tf.reshape(tf.gatherND(dRows, at), [T * B + 1, total]);
      },
    };
  });
  return op(y) as tf.Tensor3D;
}

/**
 * `x · w` (`[N, E] x [E, M] -> [N, M]`, float32) for the tap products: `denseMatMul`
 * (src/train/matmul.ts: explicit transposes, because tfjs-wasm's transposed matMuls bypass
 * XNNPACK) with its `tallX` weight gradient dw = (dyᵀ · x)ᵀ, as N = T B is much larger than E and
 * M. Stock `tf.matMul` on webgl.
 */
export function tapProduct(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  return denseMatMul(x, w, { tallX: true });
}
