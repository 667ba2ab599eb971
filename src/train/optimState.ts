/**
 * Saving and restoring a tfjs optimiser's state (its iteration count and slots, e.g. Adam's
 * first and second moments), so a resumed run takes exactly the steps the uninterrupted one
 * would have (src/train/types.ts `TrainingState`). No React, no DOM.
 *
 * tfjs keeps an optimiser's slots in a list, not by variable: `applyGradients` creates slot i for
 * the i-th key of the gradient map, which `tf.variableGrads` keys by variable name (tfjs names
 * variables with integers, so the keys come in increasing-name order). A snapshot therefore names
 * the slots by position (`slot/0`, `slot/1`, ...); slot j belongs to variable j mod n in that
 * order (Adam: the n first moments, then the n second moments).
 */
import * as tf from '@tensorflow/tfjs';
import type { WeightSnapshot } from './types';

/** The snapshot entry of the iteration count (a scalar). */
export const ITERATIONS_KEY = 'iterations';

/**
 * Copies an optimiser's state off the device: `iterations` (shape `[]`) and its slots in order
 * as `slot/0` ... (none before the first step). Async `data()` only; frees what it made.
 */
export async function snapshotOptimizer(optimizer: tf.Optimizer): Promise<WeightSnapshot> {
  const named = await optimizer.getWeights();
  const out: WeightSnapshot = {};
  try {
    for (let i = 0; i < named.length; i++) {
      const { tensor } = named[i];
      const values = Float32Array.from(await tensor.data());
      out[i === 0 ? ITERATIONS_KEY : `slot/${i - 1}`] = { shape: [...tensor.shape], values };
    }
  } finally {
    // getWeights makes a new scalar for the iteration count; the slots are the optimiser's own.
    named[0]?.tensor.dispose();
  }
  return out;
}

/** The variables in the order tfjs optimisers keep their slots (see the module comment). */
function slotOrder(variables: readonly tf.Variable[]): tf.Variable[] {
  const byName: Record<string, tf.Variable> = {};
  for (const v of variables) byName[v.name] = v;
  return Object.values(byName);
}

/**
 * Loads a {@link snapshotOptimizer} snapshot into a FRESH optimiser of the same kind (one that has
 * taken no step: tfjs would leak the slots of a used one). Everything is checked first.
 *
 * @param owner - the model's name for messages.
 * @param variables - the variables the optimiser updates (any order).
 * @throws RangeError `<owner>: the optimiser state ...` when the iteration count is missing or
 *   bad, the slots are not a multiple of the variables, or a slot's shape differs.
 */
export async function restoreOptimizer(
  owner: string,
  optimizer: tf.Optimizer,
  snapshot: WeightSnapshot,
  variables: readonly tf.Variable[],
): Promise<void> {
  const iterations = snapshot[ITERATIONS_KEY];
  const count = iterations?.values[0];
  if (iterations?.values.length !== 1 || !Number.isInteger(count) || count < 0) {
    throw new RangeError(`${owner}: the optimiser state has no valid iteration count`);
  }
  const slots = Object.keys(snapshot).filter((k) => k !== ITERATIONS_KEY);
  const ordered = slotOrder(variables);
  if (slots.length % ordered.length !== 0) {
    throw new RangeError(
      `${owner}: the optimiser state has ${slots.length} slots for ${ordered.length} variables`,
    );
  }
  slots.forEach((key, j) => {
    const want = ordered[j % ordered.length].shape;
    const got = snapshot[`slot/${j}`];
    const size = want.reduce((a, b) => a * b, 1);
    if (!got || got.shape.join() !== want.join() || got.values.length !== size) {
      throw new RangeError(
        `${owner}: optimiser slot ${j} (${key}) does not fit a variable of shape [${want.join(', ')}]`,
      );
    }
  });
  const named = [
    { name: 'iter', tensor: tf.scalar(count, 'int32') as tf.Tensor },
    ...slots.map((_, j) => {
      const { values, shape } = snapshot[`slot/${j}`];
      return { name: `slot/${j}`, tensor: tf.tensor(values, shape) };
    }),
  ];
  try {
    await optimizer.setWeights(named);
  } finally {
    // The optimiser made its own variables of them.
    tf.dispose(named.map((n) => n.tensor));
  }
}
