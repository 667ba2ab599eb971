/**
 * A trained model's weights as one downloadable file, in the safetensors layout
 * (https://github.com/huggingface/safetensors: an 8-byte little-endian header length, a JSON
 * header, then the raw little-endian float32 data), so Python reads it with
 * `safetensors.numpy.load_file`. The header names each variable as the model's snapshot does
 * (Keras names, e.g. `embedding/embeddings`) with its shape and byte range, and
 * `__metadata__` (string values, as the format asks) carries the {@link SaveHeader}: the format,
 * the build, the widget, the settings (as JSON) and the step, checked before anything is loaded.
 * No React, no DOM: unit-tested under Node.
 */
import type { WeightSnapshot } from '../../train/types';
import { isSaveHeader, type SaveHeader } from './saveFormat';

/** What a weights file holds. */
export interface WeightsFile {
  header: SaveHeader;
  weights: WeightSnapshot;
}

/** The file name of a widget's weights at a step, e.g. `sentiment-classifier-step120.safetensors`. */
export function weightsFileName(widget: string, step: number): string {
  return `${widget}-step${step}.safetensors`;
}

/** Encodes weights and their header as safetensors bytes (header padded to 8 bytes). */
export function encodeWeightsFile({ header, weights }: WeightsFile): Uint8Array {
  const json: Record<string, unknown> = {
    __metadata__: {
      format: String(header.format),
      build: header.build,
      widget: header.widget,
      settings: JSON.stringify(header.settings),
      step: String(header.step),
      savedAt: String(header.savedAt),
    },
  };
  let offset = 0;
  for (const [name, { shape, values }] of Object.entries(weights)) {
    json[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + values.length * 4] };
    offset += values.length * 4;
  }
  let text = JSON.stringify(json);
  text += ' '.repeat((8 - ((8 + new TextEncoder().encode(text).length) % 8)) % 8);
  const head = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const { values } of Object.values(weights)) {
    for (let i = 0; i < values.length; i++, at += 4) view.setFloat32(at, values[i], true);
  }
  return out;
}

/**
 * Reads a file written by {@link encodeWeightsFile}.
 * @throws Error "This is not a weights file of this book: <why>." for anything else (a
 *   truncated file, a header that is not JSON, a tensor that is not float32 or does not fit its
 *   byte range).
 */
export function decodeWeightsFile(bytes: Uint8Array): WeightsFile {
  const fail = (why: string): never => {
    throw new Error(`This is not a weights file of this book: ${why}.`);
  };
  if (bytes.length < 8) fail('it is too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = Number(view.getBigUint64(0, true));
  if (size > bytes.length - 8) fail('its header is cut off');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + size)),
    );
  } catch {
    fail('its header is not JSON');
  }
  const meta = (json.__metadata__ ?? {}) as Record<string, string>;
  let settings: unknown = null;
  try {
    settings = JSON.parse(meta.settings ?? 'null');
  } catch {
    fail('its settings are not JSON');
  }
  const header = {
    format: Number(meta.format),
    build: meta.build,
    widget: meta.widget,
    settings,
    step: Number(meta.step),
    savedAt: Number(meta.savedAt),
  };
  if (!isSaveHeader(header)) fail('it has no widget, build or settings');
  const data = 8 + size;
  const weights: WeightSnapshot = {};
  for (const [name, entry] of Object.entries(json)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: range } = entry as Record<string, unknown>;
    if (dtype !== 'F32') fail(`"${name}" is ${String(dtype)}, not F32`);
    const dims = Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0);
    const [begin, end] = Array.isArray(range) ? (range as number[]) : [NaN, NaN];
    const count = dims ? (shape as number[]).reduce((a, b) => a * b, 1) : NaN;
    if (!(end - begin === count * 4 && begin >= 0 && data + end <= bytes.length)) {
      fail(`"${name}" does not fit its shape and byte range`);
    }
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(data + begin + i * 4, true);
    weights[name] = { shape: [...(shape as number[])], values };
  }
  return { header: header as SaveHeader, weights };
}
