/**
 * Tensor-leak helpers for tests and the runtime. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';

/** Number of live tensors on the active backend (`tf.memory().numTensors`). */
export function numTensors(): number {
  return tf.memory().numTensors;
}

/**
 * Runs `fn` (sync or async) and returns how many tensors it left alive, net.
 * Positive: a leak (or tensors deliberately kept); negative: it freed older tensors.
 */
export async function tensorDelta(fn: () => unknown | Promise<unknown>): Promise<number> {
  const before = numTensors();
  await fn();
  return numTensors() - before;
}

/**
 * Runs `fn` and throws if it leaves more than `allowed` tensors alive.
 *
 * @param fn - the code under test (sync or async).
 * @param options - `label` for the message; `allowed` extra tensors (default 0).
 * @returns whatever `fn` returned.
 * @throws Error naming the label and the number of leaked tensors.
 */
export async function assertNoLeak<T>(
  fn: () => T | Promise<T>,
  options: { label?: string; allowed?: number } = {},
): Promise<T> {
  const { label = 'operation', allowed = 0 } = options;
  const before = numTensors();
  const result = await fn();
  const leaked = numTensors() - before;
  if (leaked > allowed) {
    throw new Error(
      `${label} leaked ${leaked} tensor(s) (${before} before, ${before + leaked} after; ${allowed} allowed)`,
    );
  }
  return result;
}
