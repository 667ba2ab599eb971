import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/train/backend';
import { TrainingRunner } from '../../../src/train/runner';
import { Scheduler } from '../../../src/train/scheduler';
import { toyFactory } from './toy-task';

describe('the runner on the wasm backend (Node)', () => {
  it('trains the toy task without leaks and reproduces with the same seed', async () => {
    const info = await selectBackend('wasm');
    expect(info.name).toBe('wasm');
    const baseline = tf.memory().numTensors;
    const run = async () => {
      const runner = new TrainingRunner(
        toyFactory({ seed: 4, epochs: 3, optimizer: 'adam', lr: 0.1 }).factory,
        {
          scheduler: new Scheduler(),
        },
      );
      await runner.play();
      const state = runner.getState();
      await runner.dispose();
      return state;
    };
    const a = await run();
    expect(a.status).toBe('done');
    expect(a.backend?.name).toBe('wasm');
    const loss = a.history.loss;
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
    expect(tf.memory().numTensors).toBe(baseline);
    const b = await run();
    expect(b.history.loss).toEqual(a.history.loss);
  });
});
