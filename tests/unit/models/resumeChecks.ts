/**
 * The three checks of an exact resume (the pattern of sentimentResume.test.ts), for any task with
 * `getTrainingState` / `setTrainingState`: a restored task's next losses equal the uninterrupted
 * run's (first one exactly), restoring without the optimiser state gives another run (so the
 * check can fail), and a state of another shape is refused with nothing changed and no leak.
 */
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import type { TrainingTask } from '../../../src/train/types';

/** Runs `n` steps and returns their losses (Scalars read and disposed). */
export async function stepLosses(task: TrainingTask, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const { loss, metrics } = task.step();
    out.push((await loss.data())[0]);
    tf.dispose([loss, ...Object.values(metrics ?? {})]);
  }
  return out;
}

export interface ResumeCase {
  /** A fresh task of the config under test, after `init()`. */
  make(): TrainingTask;
  /** A fresh task whose first weight (in the snapshot's order) has another shape. */
  makeOther(): TrainingTask;
  /** Steps after which to save: include 0, and steps before and after epoch boundaries. */
  saveAt: readonly number[];
  /** Tensors the optimiser holds after a step (Adam: two moments per variable). */
  slotTensors: number;
  /** How the weights-only refusal names the misshapen weight. */
  weightError: RegExp;
  /** Steps compared after the restore (default 5). */
  after?: number;
  /** Digits of the later losses' agreement (default 5; Adam's restored bias correction). */
  digits?: number;
}

/** Declares the three checks as `it` blocks (call inside a `describe` that sets the backend). */
export function itResumesExactly(c: ResumeCase): void {
  const after = c.after ?? 5;
  it.each([...c.saveAt])(
    'resumed after %i steps, the next losses equal the uninterrupted run',
    async (k) => {
      const a = c.make();
      await stepLosses(a, k);
      const state = await a.getTrainingState!();
      expect(state.step).toBe(k);
      const expected = await stepLosses(a, after);
      const b = c.make();
      const before = tf.memory().numTensors;
      await b.setTrainingState!(state);
      expect(b.progress().step).toBe(k);
      expect(tf.memory().numTensors).toBe(before + (k > 0 ? c.slotTensors : 0));
      const got = await stepLosses(b, after);
      // The next loss depends only on the restored weights and batch: exactly equal.
      expect(got[0]).toBe(expected[0]);
      got.forEach((l, i) => expect(l).toBeCloseTo(expected[i], c.digits ?? 5));
      a.dispose();
      b.dispose();
    },
  );

  it('without the optimiser state the run differs (the test can fail)', async () => {
    const k = c.saveAt[c.saveAt.length - 1];
    const a = c.make();
    await stepLosses(a, k);
    const state = await a.getTrainingState!();
    const expected = await stepLosses(a, 3);
    const b = c.make();
    await b.setTrainingState!({ ...state, optimizer: null });
    const got = await stepLosses(b, 3);
    expect(got[0]).toBe(expected[0]);
    expect(Math.abs(got[2] - expected[2])).toBeGreaterThan(1e-6);
    a.dispose();
    b.dispose();
  });

  it('refuses a state of another shape and keeps its own weights and optimiser', async () => {
    const a = c.makeOther();
    await stepLosses(a, 2);
    const other = await a.getTrainingState!();
    const b = c.make();
    await stepLosses(b, 2);
    const mine = await b.getTrainingState!();
    const tensors = tf.memory().numTensors;
    await expect(b.setTrainingState!(other)).rejects.toThrow(/optimiser slot|shape/);
    await expect(b.setTrainingState!({ ...other, optimizer: null })).rejects.toThrow(c.weightError);
    await expect(b.setTrainingState!({ ...mine, step: -1 })).rejects.toThrow(/step/);
    await expect(b.setTrainingState!({ ...mine, step: 1.5 })).rejects.toThrow(/step/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await b.getTrainingState!()).toEqual(mine);
    a.dispose();
    b.dispose();
  });
}
