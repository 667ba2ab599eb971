/**
 * Rebuilding a task after a lost WebGL context: get a working backend back (for a task on the
 * page's backend: the restored WebGL context, else the next backend in the fallback order, see
 * ./pageDevice.ts), build a fresh task and load the checkpoint into it. Used by the runner; no
 * React, no DOM, no TensorFlow.js (a task in a worker is rebuilt without loading tfjs on the page).
 */
import type { BackendInfo, TrainingTask, WeightSnapshot } from './types';

/** What {@link rebuildAfterContextLoss} needs. */
export interface RebuildInput {
  factory: () => TrainingTask;
  /** Weights to load, or null to start from the fresh task's initial weights. */
  weights: WeightSnapshot | null;
  /** The backend before the loss (kept when there is no `restoreBackend`). */
  backend: BackendInfo | null;
  /**
   * For a task on the page's WebGL backend: brings a backend back (the restored context or a
   * fallback). Absent for a simulated loss and for a task on its own backend (a worker's task gets
   * a fresh worker from the factory).
   */
  restoreBackend?: () => Promise<BackendInfo>;
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
  let backend = input.backend;
  if (input.restoreBackend) backend = await input.restoreBackend();
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
