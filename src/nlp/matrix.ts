/**
 * Small dense matrix types shared by the Keras-compatible helpers.
 *
 * A matrix is stored flat and row-major, so it can be handed to TensorFlow.js without a copy:
 * `tf.tensor2d(m.data, [m.rows, m.cols])`.
 */

/** A dense row-major matrix of float32 values: element (i, j) is `data[i * cols + j]`. */
export interface Float32Matrix {
  /** Number of rows (documents / sequences). */
  rows: number;
  /** Number of columns (vocabulary size or time steps). */
  cols: number;
  /** `rows * cols` values, row-major. */
  data: Float32Array;
}

/** A dense row-major matrix of int32 values: element (i, j) is `data[i * cols + j]`. */
export interface Int32Matrix {
  /** Number of rows (sequences). */
  rows: number;
  /** Number of columns (time steps). */
  cols: number;
  /** `rows * cols` values, row-major. */
  data: Int32Array;
}

/**
 * Copies row `i` of a flat matrix into a plain array (handy in tests and tables).
 *
 * @throws RangeError if `i` is not an integer in `[0, rows)`.
 */
export function matrixRow(m: Float32Matrix | Int32Matrix, i: number): number[] {
  if (!Number.isInteger(i) || i < 0 || i >= m.rows) {
    throw new RangeError(`matrixRow: row ${i} is out of range [0, ${m.rows}).`);
  }
  return Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
}

/** Converts a flat matrix to an array of row arrays (for display and tests; copies). */
export function matrixToArrays(m: Float32Matrix | Int32Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(matrixRow(m, i));
  return out;
}
