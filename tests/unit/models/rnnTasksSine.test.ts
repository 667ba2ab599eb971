import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSineForecastTask,
  resolveSineConfig,
  SINE_WEIGHT_NAMES,
  sineSeries,
} from '../../../src/models/rnn/sineTask';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

async function run(task: ReturnType<typeof createSineForecastTask>, steps: number) {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const out = task.step();
    losses.push((await out.loss.data())[0]);
    out.loss.dispose();
  }
  return losses;
}

describe('sine forecasting task (SimpleRNN, many-to-one)', () => {
  it('generates sin(2πt/period) plus seeded Gaussian noise', () => {
    const a = sineSeries(100, 20, 0.1, 1);
    const b = sineSeries(100, 20, 0.1, 1);
    expect(a.clean[5]).toBeCloseTo(1, 6);
    expect(a.noisy).toEqual(b.noisy);
    let sq = 0;
    for (let t = 0; t < 100; t++) sq += (a.noisy[t] - a.clean[t]) ** 2;
    expect(Math.sqrt(sq / 100)).toBeGreaterThan(0.05);
    expect(Math.sqrt(sq / 100)).toBeLessThan(0.2);
    expect(sineSeries(10, 20, 0, 1).noisy).toEqual(sineSeries(10, 20, 0, 1).clean);
  });

  it('learns: the held-out MSE falls well below the variance of the sine (0.5)', async () => {
    const task = createSineForecastTask({ window: 10, hiddenSize: 8, trainLength: 300, seed: 3 });
    task.init();
    const before = await task.evaluate();
    const losses = await run(task, 150);
    const after = await task.evaluate();
    expect(before.val_loss).toBeGreaterThan(0.1);
    expect(after.val_loss).toBeLessThan(0.05);
    expect(after.val_loss).toBeLessThan(before.val_loss / 4);
    // noise 0.1: the noisy targets cannot be predicted below noise² = 0.01 on average
    expect(after.val_loss).toBeGreaterThan(0.005);
    expect(losses.slice(-10).reduce((a, b) => a + b) / 10).toBeLessThan(losses[0]);
    const curve = await task.predictCurve();
    expect(curve.prediction).toHaveLength(200);
    expect(curve.t[0]).toBe(300);
    expect(curve.truth[0]).toBeCloseTo(Math.sin((2 * Math.PI * 300) / 40), 5);
    // free-running: the first point is the one-step prediction; later ones feed back predictions
    const free = await task.forecast(40);
    expect(free).toHaveLength(40);
    expect(free[0]).toBeCloseTo(curve.prediction[0], 5);
    let err = 0;
    for (let i = 0; i < 40; i++) err += (free[i] - curve.truth[i]) ** 2;
    expect(err / 40).toBeLessThan(0.25); // one period ahead, still shaped like the sine
    await expect(task.forecast(0)).rejects.toThrow('forecast steps');
    task.dispose();
  });

  it('leaks no tensor per step and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const task = createSineForecastTask({ window: 5, hiddenSize: 4, trainLength: 100 });
    task.init();
    await run(task, 2);
    await task.evaluate();
    const warm = tf.memory().numTensors;
    await run(task, 3);
    await task.predictCurve();
    await task.forecast(5);
    expect(tf.memory().numTensors).toBe(warm);
    task.dispose();
    task.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => task.step()).toThrow('disposed');
  });

  it('snapshots and restores the weights under PyTorch names', async () => {
    const task = createSineForecastTask({ window: 5, hiddenSize: 4, trainLength: 100 });
    task.init();
    const snap = await task.getWeights();
    expect(Object.keys(snap)).toEqual([...SINE_WEIGHT_NAMES]);
    expect(snap['rnn.weight_hh_l0'].shape).toEqual([4, 4]);
    const before = (await task.predictCurve()).prediction;
    await run(task, 5);
    task.setWeights(snap);
    expect((await task.predictCurve()).prediction).toEqual(before);
    expect(() => task.setWeights({})).toThrow('has no "rnn.weight_ih_l0"');
    task.dispose();
  });

  it('rejects bad hyperparameters with a message naming the field', () => {
    expect(() => resolveSineConfig({ window: 0 })).toThrow('window must be an integer in [1, 100]');
    expect(() => resolveSineConfig({ hiddenSize: 2.5 })).toThrow('hiddenSize');
    expect(() => resolveSineConfig({ learningRate: NaN })).toThrow('learningRate');
    expect(() => resolveSineConfig({ noise: -1 })).toThrow('noise');
    expect(() => resolveSineConfig(null as unknown as object)).toThrow(TypeError);
    expect(() => createSineForecastTask({ window: 50, trainLength: 50 })).toThrow(
      'must be shorter than the training stretch',
    );
    expect(() => createSineForecastTask().step()).toThrow('call init()');
  });
});
