/**
 * Dense products and layout helpers over row-major `Float32Array`s for the cpu backend's recurrent
 * op (./sequence.ts). Plain JavaScript, like tfjs-backend-cpu's own kernels. No React, no DOM.
 *
 * One product form, BLAS's "NT" (`C = A · Bᵀ` with both operands stored as rows over the shared
 * dimension k), because every inner loop is then a dot product of two contiguous rows. The
 * recurrence's products fit it without copies (h · W_hhᵀ reads PyTorch's `[G*H, H]` W_hh as is);
 * the others use one transposed copy made per sequence ({@link transpose}).
 *
 * Speed (Node 20 on one AMD EPYC core, shapes of the char LSTM: [32, 128] x
 * [128, 512] and [32, 512] x [512, 128] per step, [512, 2048] x [2048, 128] once): the i-k-j
 * "axpy" loop ran at 0.24-0.39 GMAC/s, a 4-accumulator dot product at 0.44-0.76, register blocks
 * of 2 x 2 outputs ~1.0, of 2 x 4 (kept here), 4 x 2, 3 x 4 and 4 x 4 outputs 1.3-2.2 GMAC/s,
 * within noise of each other; tfjs-cpu's matMul ran these shapes at 0.13-0.3 GMAC/s.
 */

/**
 * `C = A · Bᵀ`: C `[m, n]`, A `[m, k]`, B `[n, k]`, all row-major. Computes 2 x 4 blocks of C per
 * pass over k (8 sums in registers, each loaded value used 2 or 4 times), then the leftover rows
 * and columns one dot product at a time. Every entry is one double-precision sum over
 * p = 0 ... k-1 in order, rounded to float32 when stored (tfjs-cpu's matMul does the same per
 * block of 48 values of k).
 *
 * @param a - A `[m, k]` (at least m*k values; extra values are ignored).
 * @param bt - B `[n, k]`, i.e. the right operand of `A · Bᵀ` stored transposed.
 * @param c - output `[m, n]`, overwritten.
 */
export function gemmNT(
  a: Float32Array,
  bt: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
): void {
  const m2 = m - (m % 2);
  const n4 = n - (n % 4);
  for (let i = 0; i < m2; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    for (let j = 0; j < n4; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0; // prettier-ignore
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p];
        const x1 = a[a1 + p];
        let y = bt[b0 + p];
        s00 += x0 * y;
        s10 += x1 * y;
        y = bt[b1 + p];
        s01 += x0 * y;
        s11 += x1 * y;
        y = bt[b2 + p];
        s02 += x0 * y;
        s12 += x1 * y;
        y = bt[b3 + p];
        s03 += x0 * y;
        s13 += x1 * y;
      }
      const o = i * n + j;
      c[o] = s00;
      c[o + 1] = s01;
      c[o + 2] = s02;
      c[o + 3] = s03;
      c[o + n] = s10;
      c[o + n + 1] = s11;
      c[o + n + 2] = s12;
      c[o + n + 3] = s13;
    }
    for (let j = n4; j < n; j++) {
      c[i * n + j] = dot(a, a0, bt, j * k, k);
      c[(i + 1) * n + j] = dot(a, a1, bt, j * k, k);
    }
  }
  for (let i = m2; i < m; i++) {
    for (let j = 0; j < n; j++) c[i * n + j] = dot(a, i * k, bt, j * k, k);
  }
}

/** Σ_p x[xo + p] · y[yo + p] for p < k. */
/** The signature of {@link gemmNT}; the wasm backend passes ../wasm/kernels.ts's SIMD product. */
export type GemmNT = typeof gemmNT;

function dot(x: Float32Array, xo: number, y: Float32Array, yo: number, k: number): number {
  let s = 0;
  for (let p = 0; p < k; p++) s += x[xo + p] * y[yo + p];
  return s;
}

/** The transpose `[cols, rows]` of a row-major `[rows, cols]` matrix, as a new array. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const ro = r * cols;
    for (let j = 0; j < cols; j++) out[j * rows + r] = a[ro + j];
  }
  return out;
}

/** Column sums `[cols]` of a row-major `[rows, cols]` matrix (a bias gradient). */
export function columnSums(a: Float32Array, rows: number, cols: number): Float32Array {
  const sums = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const ro = r * cols;
    for (let j = 0; j < cols; j++) sums[j] += a[ro + j];
  }
  return Float32Array.from(sums);
}

/**
 * Reorders `[d0, d1, n]` to `[d1, d0, n]` (batch-major <-> time-major), as a new array.
 */
export function swapLeadingAxes(a: Float32Array, d0: number, d1: number, n: number): Float32Array {
  const out = new Float32Array(d0 * d1 * n);
  for (let i = 0; i < d0; i++) {
    for (let j = 0; j < d1; j++)
      out.set(a.subarray((i * d1 + j) * n, (i * d1 + j + 1) * n), (j * d0 + i) * n);
  }
  return out;
}
