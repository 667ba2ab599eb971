/**
 * Convolution arithmetic of a 1-D convolution over a sequence, as PyTorch's `nn.Conv1d` defines it
 * (https://pytorch.org/docs/1.13/generated/torch.nn.Conv1d.html): output length and the input
 * positions each output position reads. No tfjs, no React, no DOM.
 */

/** Padding: a number of zeros on EACH side, `'valid'` (= 0) or `'same'` (output length = input). */
export type Conv1dPadding = number | 'same' | 'valid';

/** Options of {@link conv1dOutputLength} and {@link receptiveField}; defaults as `nn.Conv1d`. */
export interface Conv1dArithmeticOptions {
  /** Step between windows, a positive integer. Default 1. */
  stride?: number;
  /** Zeros added on each side, `'valid'` (no padding) or `'same'` (stride 1 only). Default 0. */
  padding?: Conv1dPadding;
  /** Spacing between the kernel's taps, a positive integer (1 = contiguous). Default 1. */
  dilation?: number;
}

/** The input positions one output position reads. */
export interface ReceptiveField {
  /** First input index read (negative = a left padding zero). */
  start: number;
  /** One past the last input index read (`>= length` = a right padding zero). */
  stop: number;
  /** The `kernel` input indices read, `start, start + dilation, ...` (not contiguous when dilated). */
  indices: number[];
}

const PREFIX = 'conv1d:';

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${PREFIX} ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function nonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${PREFIX} ${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Zeros added on the left and on the right. `'same'` follows PyTorch 1.13: the total padding
 * `dilation * (kernel - 1)` is split with the smaller half on the left (`left = floor(total / 2)`),
 * and it is only defined for stride 1 (PyTorch raises "padding='same' is not supported for strided
 * convolutions").
 * @throws RangeError for bad values, or `'same'` with stride > 1.
 */
export function conv1dPadding(
  kernel: number,
  { stride = 1, padding = 0, dilation = 1 }: Conv1dArithmeticOptions = {},
): { left: number; right: number } {
  positiveInteger('kernel', kernel);
  positiveInteger('stride', stride);
  positiveInteger('dilation', dilation);
  if (padding === 'valid') return { left: 0, right: 0 };
  if (padding === 'same') {
    if (stride !== 1) {
      throw new RangeError(
        `${PREFIX} padding 'same' is only defined for stride 1 (as in PyTorch), got stride ${stride}`,
      );
    }
    const total = dilation * (kernel - 1);
    const left = Math.floor(total / 2);
    return { left, right: total - left };
  }
  if (typeof padding !== 'number') {
    throw new RangeError(
      `${PREFIX} padding must be a non-negative integer, 'same' or 'valid', got ${String(padding)}`,
    );
  }
  const p = nonNegativeInteger('padding', padding);
  return { left: p, right: p };
}

/**
 * Output length of a 1-D convolution, PyTorch's `nn.Conv1d` formula
 * `L_out = floor((L_in + 2 p - d (k - 1) - 1) / s + 1)` (with `2 p` the total padding, which
 * `'same'` may split unevenly).
 * @param length - input length `L_in`, a positive integer (positions, e.g. tokens).
 * @param kernel - kernel width `k`, a positive integer.
 * @returns the number of output positions, >= 1.
 * @throws RangeError for a non-positive or non-integer value, `'same'` with stride > 1, or an
 *   input too short for the (dilated) kernel: `L_in + 2p < d (k - 1) + 1`, where PyTorch also fails.
 */
export function conv1dOutputLength(
  length: number,
  kernel: number,
  options: Conv1dArithmeticOptions = {},
): number {
  positiveInteger('length', length);
  const { left, right } = conv1dPadding(kernel, options);
  const stride = options.stride ?? 1;
  const dilation = options.dilation ?? 1;
  const span = dilation * (kernel - 1) + 1;
  const padded = length + left + right;
  if (padded < span) {
    throw new RangeError(
      `${PREFIX} the input (length ${length}, padded to ${padded}) is shorter than the kernel's span dilation * (kernel - 1) + 1 = ${span}`,
    );
  }
  return Math.floor((padded - span) / stride) + 1;
}

/**
 * Receptive field of output position `position`: the input indices its window reads,
 * `position * stride - left + j * dilation` for `j = 0 .. kernel - 1`, where `left` is the left
 * padding ({@link conv1dPadding}). Indices below 0 or at/after the input length are padding zeros.
 * @param position - output index, an integer in `[0, L_out)` when `options.length` is given.
 * @param options.length - the input length; when given, `position` is checked against
 *   {@link conv1dOutputLength}.
 * @throws RangeError for a negative or non-integer position, one at or past `L_out`, or bad options.
 */
export function receptiveField(
  position: number,
  kernel: number,
  options: Conv1dArithmeticOptions & { length?: number } = {},
): ReceptiveField {
  nonNegativeInteger('position', position);
  const { left } = conv1dPadding(kernel, options);
  const stride = options.stride ?? 1;
  const dilation = options.dilation ?? 1;
  if (options.length !== undefined) {
    const outLength = conv1dOutputLength(options.length, kernel, options);
    if (position >= outLength) {
      throw new RangeError(
        `${PREFIX} output position ${position} is out of range: an input of length ${options.length} gives ${outLength} output positions [0, ${outLength})`,
      );
    }
  }
  const start = position * stride - left;
  const indices = Array.from({ length: kernel }, (_, j) => start + j * dilation);
  return { start, stop: start + dilation * (kernel - 1) + 1, indices };
}
