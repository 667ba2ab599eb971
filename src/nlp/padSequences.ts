/**
 * Keras' `pad_sequences` (keras-preprocessing 1.1.2, `keras_preprocessing/sequence.py`).
 */
import type { Float32Matrix, Int32Matrix } from './matrix';

/** Options of {@link padSequences}; the defaults are Keras' defaults. */
export interface PadSequencesOptions<D extends 'int32' | 'float32' = 'int32' | 'float32'> {
  /** Length of every output row; default: the longest input sequence (0 if there is none). */
  maxlen?: number | null;
  /** Element type of the output. Default `'int32'` (values truncated toward zero, as numpy's astype). */
  dtype?: D;
  /** Where to pad short sequences: `'pre'` (default) or `'post'`. */
  padding?: 'pre' | 'post';
  /** Where to cut long sequences: `'pre'` (default: keep the last `maxlen`) or `'post'`. */
  truncating?: 'pre' | 'post';
  /** Fill value. Default 0 (the index Keras' Tokenizer reserves for padding). */
  value?: number;
}

/**
 * Pads (and truncates) ragged integer sequences into one dense row-major matrix of shape
 * `[sequences.length, maxlen]`, ready for `tf.tensor2d(data, [rows, cols], 'int32')`.
 *
 * Keras semantics: `padding: 'pre'` right-aligns each sequence (fill on the left),
 * `'post'` left-aligns it; `truncating: 'pre'` drops the beginning of a long sequence (keeps
 * the end), `'post'` drops the end. Empty sequences give a row of `value`.
 *
 * Differences from Keras, all on inputs where Keras fails: `[]` with no `maxlen` gives a
 * 0 x 0 matrix (numpy raises on the max of nothing); `maxlen: 0` gives zero-width rows (Keras
 * raises a broadcast error because `s[-0:]` keeps the whole sequence); invalid `padding` /
 * `truncating` are rejected up front (Keras only on the first non-empty sequence).
 * Only 1-D sequences of numbers are supported (Keras also pads sequences of vectors).
 *
 * @returns `{ rows, cols, data }` with `data` an `Int32Array` (default) or `Float32Array`.
 * @throws TypeError if `sequences` is not an array of number arrays; RangeError for a bad
 *   `maxlen`, `padding`, `truncating`, `dtype` or a non-finite `value`.
 * @see keras_preprocessing/sequence.py, `pad_sequences`.
 */
export function padSequences(
  sequences: readonly (readonly number[])[],
  options?: PadSequencesOptions<'int32'>,
): Int32Matrix;
export function padSequences(
  sequences: readonly (readonly number[])[],
  options: PadSequencesOptions<'float32'>,
): Float32Matrix;
export function padSequences(
  sequences: readonly (readonly number[])[],
  options: PadSequencesOptions = {},
): Int32Matrix | Float32Matrix {
  const {
    maxlen = null,
    dtype = 'int32',
    padding = 'pre',
    truncating = 'pre',
    value = 0,
  } = options;
  if (!Array.isArray(sequences)) throw new TypeError('padSequences: `sequences` must be an array.');
  sequences.forEach((s: unknown, i) => {
    if (!Array.isArray(s)) {
      throw new TypeError(
        `padSequences: sequences[${i}] is not an array (Keras: "must be a list of iterables").`,
      );
    }
    if (!s.every((x: unknown) => typeof x === 'number')) {
      throw new TypeError(`padSequences: sequences[${i}] must contain only numbers.`);
    }
  });
  if (padding !== 'pre' && padding !== 'post') {
    throw new RangeError(
      `Padding type ${JSON.stringify(padding)} not understood; use 'pre' or 'post'.`,
    );
  }
  if (truncating !== 'pre' && truncating !== 'post') {
    throw new RangeError(
      `Truncating type ${JSON.stringify(truncating)} not understood; use 'pre' or 'post'.`,
    );
  }
  if (dtype !== 'int32' && dtype !== 'float32') {
    throw new RangeError(
      `padSequences: dtype must be 'int32' or 'float32'; got ${JSON.stringify(dtype)}.`,
    );
  }
  if (maxlen !== null && (!Number.isInteger(maxlen) || maxlen < 0)) {
    throw new RangeError(
      `padSequences: maxlen must be a non-negative integer or null; got ${maxlen}.`,
    );
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`padSequences: value must be a finite number; got ${String(value)}.`);
  }
  const rows = sequences.length;
  const cols = maxlen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const data = dtype === 'int32' ? new Int32Array(rows * cols) : new Float32Array(rows * cols);
  data.fill(value); // Int32Array truncates toward zero, like numpy's astype('int32')
  if (cols === 0) return { rows, cols, data } as Int32Matrix | Float32Matrix;
  sequences.forEach((s, i) => {
    if (s.length === 0) return;
    const kept = truncating === 'pre' ? s.slice(-cols) : s.slice(0, cols);
    const offset = i * cols + (padding === 'pre' ? cols - kept.length : 0);
    data.set(dtype === 'int32' ? kept.map(Math.trunc) : kept, offset);
  });
  return { rows, cols, data } as Int32Matrix | Float32Matrix;
}
