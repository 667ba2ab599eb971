/**
 * A compressed sparse row (CSR) matrix of float64 values, the layout of `scipy.sparse.csr_matrix`
 * that scikit-learn's vectorizers return, plus the dense input type the similarity functions
 * accept.
 */

/** A dense matrix given as rows: plain arrays or typed arrays, all of the same length. */
export type DenseRows = readonly (ArrayLike<number> & Iterable<number>)[];

/** The plain fields of a {@link CsrMatrix}: what survives `structuredClone` / `postMessage`. */
export interface CsrMatrixData {
  /** `rows + 1` offsets: row `i` holds entries `indptr[i]` to `indptr[i + 1] - 1`. */
  indptr: Int32Array;
  /** Column of each stored entry, strictly increasing within a row. */
  indices: Int32Array;
  /** Value of each stored entry. */
  data: Float64Array;
  /** `[rows, cols]`. */
  shape: readonly [number, number];
}

/** One row of a CSR matrix: parallel views (no copy) of its column indices and values. */
export interface SparseRow {
  indices: Int32Array;
  data: Float64Array;
}

/**
 * A CSR sparse matrix (scipy.sparse.csr_matrix layout) with sorted column indices in every row
 * and no duplicate entries. Immutable by convention: the vectorizers and similarity functions
 * never write to a matrix they receive.
 *
 * Send one to a Web Worker (or back) as `matrix.toJSON()` with its three buffers in the
 * transfer list, and rebuild it with `CsrMatrix.from(received)`.
 */
export class CsrMatrix implements CsrMatrixData {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;
  readonly shape: readonly [number, number];

  /**
   * Wraps the arrays (no copy) after checking their lengths, that `indptr` is non-decreasing
   * from 0 to `nnz`, and that every row's indices are strictly increasing and in `[0, cols)`.
   *
   * @throws RangeError naming the first inconsistency.
   */
  constructor(
    indptr: Int32Array,
    indices: Int32Array,
    data: Float64Array,
    shape: readonly [number, number],
  ) {
    const [rows, cols] = shape;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`CsrMatrix: bad shape [${String(rows)}, ${String(cols)}].`);
    }
    if (indptr.length !== rows + 1 || indptr[0] !== 0) {
      throw new RangeError(
        `CsrMatrix: indptr must have rows + 1 = ${rows + 1} entries starting at 0.`,
      );
    }
    if (indices.length !== data.length || indptr[rows] !== indices.length) {
      throw new RangeError(
        'CsrMatrix: indices and data must both have indptr[rows] (= nnz) entries.',
      );
    }
    for (let i = 0; i < rows; i++) {
      const start = indptr[i];
      const end = indptr[i + 1];
      if (end < start) throw new RangeError(`CsrMatrix: indptr decreases at row ${i}.`);
      let prev = -1;
      for (let p = start; p < end; p++) {
        const j = indices[p];
        if (j <= prev || j >= cols) {
          throw new RangeError(
            `CsrMatrix: row ${i} has column ${j} out of order or out of range [0, ${cols}).`,
          );
        }
        prev = j;
      }
    }
    this.indptr = indptr;
    this.indices = indices;
    this.data = data;
    this.shape = [rows, cols];
  }

  /** Rebuilds a matrix from its plain fields (e.g. after `postMessage`), validating them. */
  static from(m: CsrMatrixData): CsrMatrix {
    return m instanceof CsrMatrix ? m : new CsrMatrix(m.indptr, m.indices, m.data, m.shape);
  }

  /** Builds a CSR matrix from dense rows, storing the non-zero entries. */
  static fromDense(rows: DenseRows, cols?: number): CsrMatrix {
    const n = rows.length;
    const width = cols ?? (n > 0 ? rows[0].length : 0);
    const indptr = new Int32Array(n + 1);
    const idx: number[] = [];
    const val: number[] = [];
    rows.forEach((row, i) => {
      if (row.length !== width) {
        throw new RangeError(
          `CsrMatrix.fromDense: row ${i} has ${row.length} columns, expected ${width}.`,
        );
      }
      for (let j = 0; j < width; j++) {
        const v = row[j];
        if (typeof v !== 'number' || Number.isNaN(v)) {
          throw new TypeError(`CsrMatrix.fromDense: entry (${i}, ${j}) is not a number.`);
        }
        if (v !== 0) {
          idx.push(j);
          val.push(v);
        }
      }
      indptr[i + 1] = idx.length;
    });
    return new CsrMatrix(indptr, Int32Array.from(idx), Float64Array.from(val), [n, width]);
  }

  /** Number of rows. */
  get rows(): number {
    return this.shape[0];
  }

  /** Number of columns. */
  get cols(): number {
    return this.shape[1];
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.data.length;
  }

  /**
   * Row `i` as views (no copy) into `indices` and `data`.
   *
   * @throws RangeError unless `0 <= i < rows`.
   */
  getRow(i: number): SparseRow {
    this.checkRow(i, 'getRow');
    const start = this.indptr[i];
    const end = this.indptr[i + 1];
    return { indices: this.indices.subarray(start, end), data: this.data.subarray(start, end) };
  }

  /** Element `(i, j)` (0 where nothing is stored); binary search in row `i`. */
  get(i: number, j: number): number {
    this.checkRow(i, 'get');
    let lo = this.indptr[i];
    let hi = this.indptr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.indices[mid];
      if (c === j) return this.data[mid];
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Row `i` as a dense Float64Array of length `cols`. */
  denseRow(i: number): Float64Array {
    const { indices, data } = this.getRow(i);
    const out = new Float64Array(this.cols);
    for (let p = 0; p < indices.length; p++) out[indices[p]] = data[p];
    return out;
  }

  /** The whole matrix as dense rows (for small matrices: tables, heatmaps, tests). */
  toDense(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.denseRow(i)));
    return out;
  }

  /** Plain fields for `postMessage` / `structuredClone` (the arrays are shared, not copied). */
  toJSON(): CsrMatrixData {
    return { indptr: this.indptr, indices: this.indices, data: this.data, shape: this.shape };
  }

  private checkRow(i: number, fn: string): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new RangeError(`CsrMatrix.${fn}: row ${i} is out of range [0, ${this.rows}).`);
    }
  }
}

/**
 * Compares two strings by Unicode code point, as Python's `<` on `str` (which orders
 * scikit-learn's vocabulary). JavaScript's default sort compares UTF-16 code units, which puts
 * astral characters (emoji, U+10000 and up, stored as surrogates U+D800-U+DFFF) before
 * U+E000-U+FFFF (e.g. fullwidth forms); this comparator does not.
 *
 * @returns negative, zero or positive, like `Array.prototype.sort` expects.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    let x = a.charCodeAt(k);
    let y = b.charCodeAt(k);
    if (x !== y) {
      // Surrogates (code points >= U+10000) sort after everything in the BMP.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Accepts a CSR matrix (or its plain fields) or dense rows; returns a CSR matrix. */
export function toCsr(m: CsrMatrixData | DenseRows, fn: string): CsrMatrix {
  if (m instanceof CsrMatrix) return m;
  if (Array.isArray(m)) return CsrMatrix.fromDense(m as DenseRows);
  const o = m as Partial<CsrMatrixData> | null;
  if (
    o &&
    o.indptr instanceof Int32Array &&
    o.indices instanceof Int32Array &&
    o.data instanceof Float64Array &&
    Array.isArray(o.shape)
  ) {
    return CsrMatrix.from(o as CsrMatrixData);
  }
  throw new TypeError(`${fn}: expected a CsrMatrix or an array of dense rows.`);
}
