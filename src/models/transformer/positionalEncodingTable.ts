/**
 * The sinusoidal positional encoding of the Transformer (Vaswani et al., 2017, "Attention Is
 * All You Need", section 3.5):
 *
 *     PE(pos, 2i)     = sin(pos / 10000^(2i / d_model))
 *     PE(pos, 2i + 1) = cos(pos / 10000^(2i / d_model))
 *
 * for positions `pos = 0 .. length - 1` and `i = 0 .. d_model / 2 - 1`: column pair `(2i, 2i+1)`
 * is a sine and a cosine of one frequency, with wavelengths from 2π (i = 0) to about 10000 · 2π.
 * The same table as the PyTorch tutorial's `PositionalEncoding` module
 * (`pe[:, 0::2] = sin(position * div_term)`, `pe[:, 1::2] = cos(position * div_term)`).
 *
 * `d_model` must be even. The PyTorch tutorial fails on an odd `d_model` (its cosine half has one
 * column too few); here an odd `d_model` is rejected with a message instead of being padded, so
 * that every dimension belongs to a sine/cosine pair and the dot product of two rows depends only
 * on their offset.
 *
 * No tfjs here (the positional-encoding explorer imports this module without loading
 * TensorFlow.js); the tensor form is `positionalEncoding` in ./positionalEncoding.ts.
 */

/** The base of the wavelengths' geometric progression in the paper. */
export const POSITIONAL_ENCODING_BASE = 10000;

function checkArgs(length: number, dModel: number): void {
  if (!Number.isInteger(length) || length < 0) {
    throw new Error(`positionalEncoding: length must be a whole number ≥ 0, got ${length}.`);
  }
  if (!Number.isInteger(dModel) || dModel < 2 || dModel % 2 !== 0) {
    throw new Error(
      `positionalEncoding: dModel must be an even whole number ≥ 2 (one sine and one cosine per ` +
        `frequency, Vaswani et al. 2017, section 3.5), got ${dModel}.`,
    );
  }
}

/**
 * The sinusoidal table as plain numbers.
 *
 * @param length - Number of positions T (rows), ≥ 0.
 * @param dModel - Model width d_model (columns); even, ≥ 2.
 * @returns Row-major `[length, dModel]`: entry `pos * dModel + j` is PE(pos, j). Angles are
 *   computed in float64 and rounded to float32 once.
 * @throws {Error} when `length` is not a whole number ≥ 0 or `dModel` is not an even whole
 *   number ≥ 2.
 */
export function positionalEncodingTable(length: number, dModel: number): Float32Array {
  checkArgs(length, dModel);
  const table = new Float32Array(length * dModel);
  const half = dModel / 2;
  // 1 / 10000^(2i / d_model), as the PyTorch tutorial's div_term = exp(2i · -ln(10000) / d_model).
  const inverseWavelength = new Float64Array(half);
  for (let i = 0; i < half; i++) {
    inverseWavelength[i] = Math.exp((-2 * i * Math.log(POSITIONAL_ENCODING_BASE)) / dModel);
  }
  for (let pos = 0; pos < length; pos++) {
    const row = pos * dModel;
    for (let i = 0; i < half; i++) {
      const angle = pos * inverseWavelength[i];
      table[row + 2 * i] = Math.sin(angle);
      table[row + 2 * i + 1] = Math.cos(angle);
    }
  }
  return table;
}
