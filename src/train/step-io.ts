/**
 * Reading a step's scalars off the device, and small timing helpers for the runner. No React.
 */
import type { Scalar } from '@tensorflow/tfjs';
import type { AnyStepOutput } from './types';

/**
 * Reads `loss` and every metric of one step with async `data()` (never `dataSync`), then
 * disposes all of them, also when a read fails. Values that are already plain numbers (a step
 * run in a Web Worker) are taken as they are; when every value is a number nothing is read.
 *
 * @returns `{ loss, ...metrics }` as plain numbers.
 */
export async function readStepOutput(out: AnyStepOutput): Promise<Record<string, number>> {
  const entries: [string, Scalar | number][] = [['loss', out.loss]];
  for (const [name, value] of Object.entries(out.metrics ?? {})) {
    if (name !== 'loss') entries.push([name, value]);
  }
  const scalars = (v: Scalar | number | undefined): v is Scalar =>
    v != null && typeof v !== 'number';
  try {
    const values = await Promise.all(
      entries.map(([, v]) => (scalars(v) ? v.data() : Promise.resolve([v]))),
    );
    const result: Record<string, number> = {};
    entries.forEach(([name], i) => {
      result[name] = Number(values[i][0]);
    });
    return result;
  } finally {
    for (const [, v] of entries) if (scalars(v)) v.dispose();
    const extra = out.metrics?.loss;
    if (scalars(extra) && extra !== out.loss) extra.dispose();
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

/** Longest time between two painted frames the training loop allows, ms (about 30 fps). */
export const MAX_FRAME_GAP_MS = 33;

let lastFrameAt = 0;

/** Resolves after the next paint: a message posted from a requestAnimationFrame callback. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      lastFrameAt = now();
      postTask(resolve);
    });
  });
}

/** Runs `fn` in a new task (MessageChannel, else setTimeout). */
function postTask(fn: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(fn, 0);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

/**
 * Yields to the browser so it can handle input and paint. Usually a plain task
 * (MessageChannel, as React's scheduler does), so the model is not idle for the rest of a
 * frame after each slice of about `FRAME_BUDGET_MS` (12 ms); but when no frame has been
 * painted for {@link MAX_FRAME_GAP_MS}, it waits until after the next paint, so charts keep
 * moving at about 30 frames per second or more. (Waiting a whole frame after every slice, as
 * `tf.nextFrame()` does, cut throughput tenfold on a software-composited page;
 * `scheduler.yield()` continuations outrank rendering and left about 8 frames per second.)
 */
export function yieldToBrowser(): Promise<void> {
  if (typeof requestAnimationFrame !== 'undefined' && now() - lastFrameAt > MAX_FRAME_GAP_MS) {
    return afterNextPaint();
  }
  return new Promise((resolve) => postTask(resolve));
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
