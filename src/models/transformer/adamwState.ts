/**
 * The `getTrainingState` / `setTrainingState` halves of the `TrainingTask` contract
 * (src/train/types.ts) for chapter 15's Transformers, which train with our own {@link AdamW} (not
 * a tf.train optimiser, so src/models/trainingState.ts does not apply) and draw each step's batch
 * with a seeded generator: the weights, AdamW's step count and moments, and the step, from which
 * the generator is replayed. No React, no DOM.
 */
import type * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../train/random';
import type { TrainingState, WeightSnapshot } from '../../train/types';
import { restoreVariables } from '../../train/weights';
import type { AdamW } from './adamw';

/** Copies a task's state off the device: `weights` (its `getWeights()`), AdamW's state, `step`. */
export async function captureAdamWState(
  step: number,
  weights: Promise<WeightSnapshot>,
  optimizer: AdamW,
): Promise<TrainingState> {
  const [w, slots] = await Promise.all([weights, optimizer.snapshot()]);
  return { weights: w, optimizer: slots, step };
}

/**
 * Loads a {@link captureAdamWState} state: AdamW's state into a fresh optimiser made by
 * `makeOptimizer` (left fresh when `state.optimizer` is null), then the weights into `variables`
 * (keyed by `names`, same order). Everything is checked before anything changes: on an error the
 * fresh optimiser is freed and the variables keep their values. The caller swaps in the returned
 * optimiser (disposing its old one) and moves its step and batch generator to `state.step`.
 *
 * @throws RangeError `<owner>: the step must be an integer >= 0`, or from `AdamW.restore` (a slot
 *   of another shape) and `restoreVariables` (a missing or misshapen weight).
 */
export function loadAdamWState(
  owner: string,
  state: TrainingState,
  names: readonly string[],
  variables: readonly tf.Variable[],
  makeOptimizer: () => AdamW,
): AdamW {
  if (!Number.isInteger(state.step) || state.step < 0) {
    throw new RangeError(`${owner}: the step must be an integer >= 0, got ${state.step}`);
  }
  const next = makeOptimizer();
  try {
    if (state.optimizer) next.restore(owner, state.optimizer);
    restoreVariables(owner, names, variables, state.weights);
  } catch (err) {
    next.dispose();
    throw err;
  }
  return next;
}

/**
 * `createRng(seed)` after `draws` calls of `next()` (each `int()` is one): where a task that draws
 * `B` batch rows a step stands after `step` steps is `replayDraws(seed, B * step)`.
 */
export function replayDraws(seed: string, draws: number): Rng {
  const rng = createRng(seed);
  for (let i = 0; i < draws; i++) rng.next();
  return rng;
}
