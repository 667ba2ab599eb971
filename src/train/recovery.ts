/**
 * Rebuilding a task after a lost WebGL context: get a working backend back (the restored
 * WebGL context, else the next backend in the fallback order), build a fresh task and load the
 * checkpoint into it. Used by the runner; no React, no DOM access beyond the given canvas.
 */
import { fallbackBackend, restartBackend } from './backend';
import type { BackendInfo, TrainingTask, WeightSnapshot } from './types';
import { waitForEvent } from './webgl-context';

/** What {@link rebuildAfterContextLoss} needs. */
export interface RebuildInput {
  factory: () => TrainingTask;
  /** Weights to load, or null to start from the fresh task's initial weights. */
  weights: WeightSnapshot | null;
  /** The lost WebGL canvas; null when the runner was not on WebGL (simulated loss). */
  canvas: EventTarget | null;
  /** The backend before the loss (kept when `canvas` is null). */
  backend: BackendInfo | null;
  /** How long to wait for `webglcontextrestored`, ms. */
  restoreTimeoutMs: number;
  /**
   * `webglcontextrestored` as listened for from the moment of the loss (the browser may restore
   * the context before the rebuild starts). Default: listen from now on.
   */
  restored?: Promise<boolean>;
  /** True once the caller no longer wants the result (reset/dispose happened meanwhile). */
  isStale: () => boolean;
}

/**
 * @returns the new task (initialised, weights loaded) and its backend, or null when the result
 *   became stale (anything built is disposed).
 * @throws Error when no backend can start or the task cannot be built (nothing is left alive).
 */
export async function rebuildAfterContextLoss(
  input: RebuildInput,
): Promise<{ task: TrainingTask; backend: BackendInfo | null } | null> {
  const { canvas } = input;
  let backend = input.backend;
  if (canvas != null) {
    const restored = await (input.restored ??
      waitForEvent(canvas, 'webglcontextrestored', input.restoreTimeoutMs));
    backend = restored
      ? await restartBackend('webgl', 'The WebGL context was lost and restored', canvas)
      : null;
    backend ??= await fallbackBackend('webgl', 'The WebGL context was lost');
  }
  if (input.isStale()) return null;
  const task = input.factory();
  try {
    await task.init();
    if (input.weights) task.setWeights(input.weights);
  } catch (err) {
    task.dispose();
    throw err;
  }
  if (input.isStale()) {
    task.dispose();
    return null;
  }
  return { task, backend };
}
