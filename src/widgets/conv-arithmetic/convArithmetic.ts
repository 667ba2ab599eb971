/**
 * The arithmetic of a 1-D convolution over a sentence matrix, as chapter 11's convolution
 * arithmetic widget draws it: how much zero padding goes on each side, how many output positions
 * there are, and which input rows each output position reads. Pure TypeScript, no React.
 *
 * Conventions are PyTorch's `torch.nn.Conv1d` (1.13): output length
 * `floor((T + p_left + p_right - r (k - 1) - 1) / s) + 1` for T input positions, kernel width k,
 * stride s and dilation r (PyTorch's `dilation`, Keras's `dilation_rate`); `padding='same'` pads
 * r (k - 1) zeros in all, the extra one on the right when that is odd, and is refused with a
 * stride above 1, as PyTorch refuses it.
 *
 * The arithmetic itself (padding split, output length, each window's taps) is the model code's
 * (`conv1dPadding`, `conv1dOutputLength`, `receptiveField` in src/models/textcnn/arithmetic.ts);
 * this module checks the settings first so that a refused one gets a message for the reader,
 * naming the control to change, instead of the model code's terse one.
 * tests/unit/widgets/convArithmetic.test.ts checks it against the formula.
 */
import { conv1dOutputLength, conv1dPadding, receptiveField } from '../../models/textcnn/arithmetic';

/** Padding of a convolution: zeros on each side, or Keras/PyTorch's `'valid'` / `'same'`. */
export type ConvPadding = number | 'valid' | 'same';

/** Options of a 1-D convolution; each defaults to PyTorch's default. */
export interface ConvOptions {
  /** Step between output positions, in input positions (default 1). */
  stride?: number;
  /** `'valid'` (= 0, the default), `'same'`, or the number of zeros added on each side. */
  padding?: ConvPadding;
  /** Distance between the kernel's taps, in input positions (default 1: adjacent rows). */
  dilation?: number;
}

function checkPositiveInteger(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`The ${name} must be a whole number of at least 1, got ${v}.`);
  }
}

/**
 * The zeros added before and after the input: `[left, right]`.
 * `'valid'` gives `[0, 0]`; a number p gives `[p, p]`; `'same'` gives r (k - 1) zeros in all,
 * split as PyTorch splits them (left = floor(total / 2), the rest on the right).
 *
 * @throws RangeError for a kernel or dilation below 1, a negative or fractional padding, or
 *   `'same'` with a stride above 1 (PyTorch: "padding='same' is not supported for strided
 *   convolutions").
 */
export function padAmounts(kernel: number, options: ConvOptions = {}): [number, number] {
  const { stride = 1, padding = 'valid', dilation = 1 } = options;
  checkPositiveInteger('kernel width', kernel);
  checkPositiveInteger('stride', stride);
  checkPositiveInteger('dilation', dilation);
  if (padding === 'same') {
    if (stride !== 1) {
      throw new RangeError(
        `Padding 'same' keeps the length only with stride 1 (PyTorch refuses it with stride ${stride}): set the stride to 1, or pad with explicit zeros.`,
      );
    }
  } else if (padding !== 'valid' && (!Number.isInteger(padding) || padding < 0)) {
    throw new RangeError(`The padding must be a whole number of zeros, 0 or more, got ${padding}.`);
  }
  const { left, right } = conv1dPadding(kernel, { stride, padding, dilation });
  return [left, right];
}

/** How far one output position reaches on its input: r (k - 1) + 1 consecutive positions. */
export function windowSpan(kernel: number, dilation = 1): number {
  checkPositiveInteger('kernel width', kernel);
  checkPositiveInteger('dilation', dilation);
  return dilation * (kernel - 1) + 1;
}

/**
 * Number of output positions of a 1-D convolution over `length` input positions, by PyTorch's
 * formula `floor((T + p_left + p_right - r (k - 1) - 1) / s) + 1`.
 *
 * @throws RangeError for a length below 1, a bad option (see {@link padAmounts}), or when the
 *   kernel's span is longer than the padded input (PyTorch: "Kernel size can't be greater than
 *   actual input size"), so that there is no output position.
 */
export function convOutputLength(
  length: number,
  kernel: number,
  options: ConvOptions = {},
): number {
  checkPositiveInteger('input length', length);
  const { dilation = 1 } = options;
  const [left, right] = padAmounts(kernel, options);
  const padded = length + left + right;
  const span = windowSpan(kernel, dilation);
  if (span > padded) {
    throw new RangeError(
      `The kernel spans ${span} positions (r(k − 1) + 1 with k = ${kernel}, r = ${dilation}) but the padded input has only ${padded}: there is no output position. Shorten the kernel or the dilation, or add padding.`,
    );
  }
  return conv1dOutputLength(length, kernel, options);
}

/** Everything the widget draws for one setting: padding, lengths and every window. */
export interface ConvLayout {
  /** Input positions T (tokens). */
  length: number;
  padLeft: number;
  padRight: number;
  /** T + padLeft + padRight: the rows drawn, zeros included. */
  paddedLength: number;
  /** r (k - 1) + 1. */
  span: number;
  /** Number of output positions. */
  outputLength: number;
  /**
   * For output position i (0-based), the padded-row indices of its k taps:
   * i s + j r for j = 0..k-1. Row q is token q - padLeft, or a zero row when that is outside
   * 0..T-1.
   */
  windows: number[][];
}

/**
 * The full layout of a 1-D convolution over `length` positions.
 * @throws RangeError as {@link convOutputLength} does.
 */
export function convLayout(length: number, kernel: number, options: ConvOptions = {}): ConvLayout {
  const { dilation = 1 } = options;
  const outputLength = convOutputLength(length, kernel, options);
  const [padLeft, padRight] = padAmounts(kernel, options);
  const windows = Array.from({ length: outputLength }, (_, i) =>
    receptiveField(i, kernel, options).indices.map((q) => q + padLeft),
  );
  return {
    length,
    padLeft,
    padRight,
    paddedLength: length + padLeft + padRight,
    span: windowSpan(kernel, dilation),
    outputLength,
    windows,
  };
}

/** The token index of padded row q, or null for a zero (padding) row. */
export function tokenAt(layout: ConvLayout, row: number): number | null {
  const t = row - layout.padLeft;
  return t >= 0 && t < layout.length ? t : null;
}

/**
 * A made-up embedding row for a token, for drawing only: d values in [-1, 1] from a hash of the
 * lowercased token (FNV-1a, then a linear congruential sequence), so the same word always gets
 * the same colours. Not a trained vector.
 */
export function pseudoEmbedding(token: string, d: number): number[] {
  let h = 0x811c9dc5;
  for (const ch of token.toLowerCase()) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const out: number[] = [];
  for (let i = 0; i < d; i++) {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
    out.push((h / 0xffffffff) * 2 - 1);
  }
  return out;
}
