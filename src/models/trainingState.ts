/**
 * The `getTrainingState` / `setTrainingState` halves of the `TrainingTask` contract
 * (src/train/types.ts) for models that shuffle their rows with a seeded generator at the start of
 * every epoch: the weights, a tfjs optimiser's state (src/train/optimState.ts) and the step, from
 * which the batch order is replayed. Shared by the neural LM, the linear classifier, the sine
 * forecaster and the TextCNN. No React, no DOM.
 */
import type * as tf from '@tensorflow/tfjs';
import { restoreOptimizer, snapshotOptimizer } from '../train/optimState';
import { createRng, type Rng } from '../train/random';
import type { TrainingState, WeightSnapshot } from '../train/types';
import { restoreVariables } from '../train/weights';

/**
 * Copies a task's training state off the device: `weights` (the task's `getWeights()`), the
 * optimiser's iteration count and slots, and `step`. Async reads only.
 */
export async function captureTrainingState(
  step: number,
  weights: Promise<WeightSnapshot>,
  optimizer: tf.Optimizer,
): Promise<TrainingState> {
  const [w, slots] = await Promise.all([weights, snapshotOptimizer(optimizer)]);
  return { weights: w, optimizer: slots, step };
}

/**
 * Loads a {@link captureTrainingState} state: the optimiser state into a fresh optimiser made by
 * `makeOptimizer` (or none restored when `state.optimizer` is null), then the weights into
 * `variables` (keyed by `names`, same order). Everything is checked before anything changes: on
 * an error the fresh optimiser is freed and the variables keep their values. The caller swaps in
 * the returned optimiser (disposing its old one) and moves its batch cursor to `state.step`.
 *
 * @param owner - the model's name for messages, e.g. "neural LM".
 * @param variables - the variables in the order the task passes them to `tf.variableGrads`.
 * @throws RangeError `<owner>: the step must be an integer >= 0`, or from `restoreOptimizer`
 *   (a slot of another shape) and `restoreVariables` (a missing or misshapen weight).
 */
export async function loadTrainingState(
  owner: string,
  state: TrainingState,
  names: readonly string[],
  variables: readonly tf.Variable[],
  makeOptimizer: () => tf.Optimizer,
): Promise<tf.Optimizer> {
  if (!Number.isInteger(state.step) || state.step < 0) {
    throw new RangeError(`${owner}: the step must be an integer >= 0, got ${state.step}`);
  }
  const next = makeOptimizer();
  try {
    if (state.optimizer) await restoreOptimizer(owner, next, state.optimizer, variables);
    restoreVariables(owner, names, variables, state.weights);
  } catch (err) {
    next.dispose();
    throw err;
  }
  return next;
}

/** Where a replayed batch order stands: see {@link replayShuffles}. */
export interface ReplayedOrder {
  /** The generator, positioned to draw the next epoch's shuffle. */
  rng: Rng;
  /** The step at which the current epoch's order was drawn, or -1 before the first draw. */
  shuffledFor: number;
}

/**
 * Puts `order` where it is after `step` steps of a task that, at the start of every epoch of
 * `stepsPerEpoch` steps, shuffles it with `createRng(seed).shuffle` (Fisher-Yates): resets it to
 * 0..n-1 and replays the ceil(step / stepsPerEpoch) shuffles drawn so far, in place.
 */
export function replayShuffles(
  seed: string,
  order: Int32Array | number[],
  step: number,
  stepsPerEpoch: number,
): ReplayedOrder {
  const rng = createRng(seed);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const draws = Math.ceil(step / stepsPerEpoch);
  for (let d = 0; d < draws; d++) rng.shuffle(order as number[]);
  return { rng, shuffledFor: draws > 0 ? (draws - 1) * stepsPerEpoch : -1 };
}
