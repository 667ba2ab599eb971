/**
 * Checkpoint snapshots of a task's variables: the `getWeights` / `setWeights` halves of the
 * `TrainingTask` contract (src/train/types.ts), shared by every model.
 */
import * as tf from '@tensorflow/tfjs';
import type { WeightSnapshot } from './types';

/**
 * Copies `variables` off the backend (async `data()`, never `dataSync`) into a snapshot keyed by
 * `names` (same order). The values are copies: later training does not change them.
 */
export async function snapshotVariables(
  names: readonly string[],
  variables: readonly tf.Tensor[],
): Promise<WeightSnapshot> {
  const values = await Promise.all(variables.map((t) => t.data() as Promise<Float32Array>));
  const snapshot: WeightSnapshot = {};
  names.forEach((name, i) => {
    snapshot[name] = { shape: [...variables[i].shape], values: Float32Array.from(values[i]) };
  });
  return snapshot;
}

/**
 * Assigns a snapshot to `variables` (keyed by `names`, same order). Every entry is checked before
 * any is assigned, so a bad snapshot changes nothing.
 *
 * @param owner - the model's name for messages, e.g. "neural LM".
 * @throws RangeError `<owner>: the snapshot has no "<name>"`, or `<owner>: "<name>" has shape
 *   [..] (N values), expected [..]`.
 */
export function restoreVariables(
  owner: string,
  names: readonly string[],
  variables: readonly tf.Variable[],
  snapshot: WeightSnapshot,
): void {
  names.forEach((name, i) => {
    const w = snapshot[name];
    const want = variables[i].shape;
    if (!w) throw new RangeError(`${owner}: the snapshot has no "${name}"`);
    const size = want.reduce((a, b) => a * b, 1);
    if (
      w.shape.length !== want.length ||
      w.shape.some((d, k) => d !== want[k]) ||
      w.values.length !== size
    ) {
      throw new RangeError(
        `${owner}: "${name}" has shape [${w.shape.join(', ')}] (${w.values.length} values), expected [${want.join(', ')}]`,
      );
    }
  });
  names.forEach((name, i) => {
    tf.tidy(() => variables[i].assign(tf.tensor(snapshot[name].values, variables[i].shape)));
  });
}
