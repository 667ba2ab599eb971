/**
 * Reading a step's scalars off the device, and small timing helpers for the runner. No React.
 */
import * as tf from '@tensorflow/tfjs';
import type { StepOutput } from './types';

/**
 * Reads `loss` and every metric of one step with async `data()` (never `dataSync`), then
 * disposes all of them, also when a read fails.
 *
 * @returns `{ loss, ...metrics }` as plain numbers.
 */
export async function readStepOutput(out: StepOutput): Promise<Record<string, number>> {
  const entries: [string, tf.Scalar][] = [['loss', out.loss]];
  for (const [name, scalar] of Object.entries(out.metrics ?? {})) {
    if (name !== 'loss') entries.push([name, scalar]);
  }
  try {
    const values = await Promise.all(entries.map(([, s]) => s.data()));
    const result: Record<string, number> = {};
    entries.forEach(([name], i) => {
      result[name] = values[i][0];
    });
    return result;
  } finally {
    for (const [, scalar] of entries) scalar.dispose();
    if (out.metrics?.loss && out.metrics.loss !== out.loss) out.metrics.loss.dispose();
  }
}

/** Exponential moving average: `previous` 0 means "no value yet" and returns `sample`. */
export function smooth(previous: number, sample: number, alpha = 0.2): number {
  if (!Number.isFinite(sample)) return previous;
  return previous === 0 ? sample : previous + alpha * (sample - previous);
}

/** Milliseconds, monotonic where available. */
export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Yields to the browser so it can handle input and paint, without waiting for the next
 * animation frame: `scheduler.yield()` where the browser has it (Chrome 129+), else a
 * MessageChannel task (what React's scheduler does), else `setTimeout(0)`. The runner trains in
 * slices of about `FRAME_BUDGET_MS` (12 ms); waiting a whole frame (requestAnimationFrame) after
 * each slice left the model idle for most of every frame on a slow, software-composited page.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves after `ms`, or at once with false if `promise` settles first (true = timed out). */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  const settled = promise.then(
    () => false,
    () => false,
  );
  const timedOut = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return timedOut;
}

/** The message of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
