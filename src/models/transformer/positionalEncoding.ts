/**
 * The sinusoidal positional encoding of Vaswani et al. (2017, section 3.5) as a tensor; the
 * formula, the even-`d_model` rule and the plain-array form are in ./positionalEncodingTable.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { positionalEncodingTable } from './positionalEncodingTable';

export { POSITIONAL_ENCODING_BASE, positionalEncodingTable } from './positionalEncodingTable';

/**
 * The sinusoidal table as a tensor, to be added to token embeddings of width `dModel`
 * (`x + positionalEncoding(T, d).expandDims(0)` for a batch `x` of shape [batch, T, d]).
 *
 * @param length - Number of positions T, ≥ 0.
 * @param dModel - Model width d_model; even, ≥ 2.
 * @returns A float32 tensor of shape [length, dModel]; the caller disposes it.
 * @throws {Error} as {@link positionalEncodingTable}.
 */
export function positionalEncoding(length: number, dModel: number): tf.Tensor2D {
  return tf.tensor2d(positionalEncodingTable(length, dModel), [length, dModel], 'float32');
}
