/**
 * TEMPORARY copy of the sinusoidal positional encoding, with the API of
 * src/models/transformer/positionalEncoding.ts (written on branch tfm-pe). Delete this file once
 * that branch is merged and import from './positionalEncoding' instead.
 *
 * Vaswani et al. (2017) section 3.5: PE(pos, 2i) = sin(pos / 10000^(2i / d_model)),
 * PE(pos, 2i + 1) = cos(pos / 10000^(2i / d_model)).
 */
import * as tf from '@tensorflow/tfjs';

/** The table row-major `[length, dModel]`. @throws RangeError for non-positive integer sizes. */
export function positionalEncodingTable(length: number, dModel: number): Float32Array {
  for (const [name, v] of [
    ['length', length],
    ['dModel', dModel],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`positionalEncoding: ${name} must be a positive integer, got ${v}`);
    }
  }
  const out = new Float32Array(length * dModel);
  for (let pos = 0; pos < length; pos++) {
    for (let j = 0; j < dModel; j++) {
      const angle = pos / Math.pow(10000, (2 * Math.floor(j / 2)) / dModel);
      out[pos * dModel + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

/** The table as a tensor `[length, dModel]`. */
export function positionalEncoding(length: number, dModel: number): tf.Tensor2D {
  return tf.tensor2d(positionalEncodingTable(length, dModel), [length, dModel]);
}
