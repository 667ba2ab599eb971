/**
 * Chapter 9's first recurrent model: a SimpleRNN (Elman 1990, tanh) forecasting a noisy sine wave,
 * many-to-one, as a {@link TrainingTask}. Raw tfjs ops and the project's `runRnn` (no tf.layers),
 * mean squared error, Adam. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { denseMatMul } from '../../train/matmul';
import { adam } from '../../train/optim';
import { createRng } from '../../train/random';
import { yieldToBrowser } from '../../train/step-io';
import type {
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../../train/types';
import { restoreVariables, snapshotVariables } from '../../train/weights';
import { captureTrainingState, loadTrainingState, replayShuffles } from '../trainingState';
import { runRnn } from './runRnn';
import {
  resolveSineConfig,
  sineSeries,
  type ResolvedSineForecastConfig,
  type SineForecastConfig,
} from './sineConfig';
import { disposeRnnWeights, initRnnWeights, namedRnnWeights, type RnnVariables } from './weights';

export {
  resolveSineConfig,
  SINE_DEFAULTS,
  SINE_LIMITS,
  sineSeries,
  type ResolvedSineForecastConfig,
  type SineForecastConfig,
} from './sineConfig';

/** The one-step-ahead forecast over the evaluation stretch, for drawing over the true curve. */
export interface SineCurve {
  /** Time index of every point (sample number in the generated series), `[evalLength]`. */
  t: Float32Array;
  /** The noise-free sine sin(2π t / period), `[evalLength]`. */
  truth: Float32Array;
  /** The noisy series the model reads and is scored against, `[evalLength]`. */
  observed: Float32Array;
  /** The model's prediction of each point from the n noisy values before it, `[evalLength]`. */
  prediction: Float32Array;
}

/** The sine forecasting task, plus what the widget reads. */
export interface SineForecastTask extends TrainingTask {
  readonly config: Readonly<ResolvedSineForecastConfig>;
  /** Trainable parameters: H·1 + H·H + 2H (RNN) + H + 1 (readout). */
  readonly parameterCount: number;
  /** One-step-ahead predictions over the fixed evaluation stretch (one forward pass, async read). */
  predictCurve(): Promise<SineCurve>;
  /**
   * Free-running forecast over the evaluation stretch: starting from the n noisy values before
   * it, each prediction is appended to the window and the next one is predicted from it (the
   * model's own outputs fed back, no observed values after the start). `[steps]`, aligned with
   * `predictCurve().t`. One small forward pass and one async read per point, yielding to the
   * page every 16 points.
   * @throws RangeError for steps outside [1, evalLength].
   */
  forecast(steps?: number): Promise<Float32Array>;
}

/** Weight names in snapshots: PyTorch's names for nn.RNN and nn.Linear. */
export const SINE_WEIGHT_NAMES = [
  'rnn.weight_ih_l0',
  'rnn.weight_hh_l0',
  'rnn.bias_ih_l0',
  'rnn.bias_hh_l0',
  'readout.weight',
  'readout.bias',
] as const;

const PREFIX = 'sine forecast:';

/**
 * Creates the sine forecasting task. The config is validated now; variables are built by `init()`.
 *
 * Data: one series of `trainLength + evalLength` samples ({@link sineSeries}). Training examples
 * are every window of n consecutive noisy values inside the first `trainLength` samples with the
 * next noisy value as target (`trainLength - n` examples, shuffled each epoch); the evaluation
 * stretch is the `evalLength` samples after them, each predicted from the n noisy values before
 * it (so the first windows reach back into the training stretch, as a forecast would).
 *
 * Model (many-to-one): x `[B, n, 1]` -> SimpleRNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} +
 * b_hh) from h_0 = 0 (`runRnn('rnn', ...)`, PyTorch layout) -> ŷ = w_out · h_n + b_out (a linear
 * readout of the last hidden state, PyTorch `nn.Linear(H, 1)`). Loss: mean squared error
 * (ŷ - y)². Initialisation: PyTorch's defaults, uniform(±1/sqrt(H)) for the RNN and the readout.
 * Adam (Kingma & Ba 2015), epsilon 1e-7.
 *
 * `evaluate()` returns `val_loss` (MSE against the noisy targets, the quantity trained) and
 * `val_mse_clean` (against the noise-free sine: below noise² means the model filters the noise).
 * After `setWeights`, Adam's moments restart from zero. `getTrainingState` / `setTrainingState`
 * save and restore the weights, Adam's moments and iteration count and the step, from which the
 * seeded shuffles are replayed: the restored task continues with the uninterrupted run's batches.
 * No hidden state is carried between steps (every window starts from h_0 = 0), so none is saved.
 *
 * @throws TypeError / RangeError from {@link resolveSineConfig}, naming the field; RangeError when
 *   the window does not fit in the training stretch.
 */
export function createSineForecastTask(config: SineForecastConfig = {}): SineForecastTask {
  const cfg = resolveSineConfig(config);
  const { window: n, hiddenSize: H, batchSize, trainLength, evalLength } = cfg;
  const nTrain = trainLength - n;
  if (nTrain < 1) {
    throw new RangeError(
      `${PREFIX} the window (${n}) must be shorter than the training stretch (${trainLength})`,
    );
  }
  const { clean, noisy } = sineSeries(trainLength + evalLength, cfg.period, cfg.noise, cfg.seed);
  const stepsPerEpoch = Math.ceil(nTrain / batchSize);
  const order = Array.from({ length: nTrain }, (_, i) => i);
  let shuffleRng = createRng(`${cfg.seed}/batches`);
  /** Windows starting at `starts`, as `[rows, n, 1]` values and `[rows, 1]` targets. */
  const windows = (starts: ArrayLike<number>) => {
    const x = new Float32Array(starts.length * n);
    const y = new Float32Array(starts.length);
    for (let r = 0; r < starts.length; r++) {
      x.set(noisy.subarray(starts[r], starts[r] + n), r * n);
      y[r] = noisy[starts[r] + n];
    }
    return { x, y };
  };
  const evalStarts = Int32Array.from({ length: evalLength }, (_, i) => trainLength - n + i);
  const evalData = windows(evalStarts);

  let rnn: RnnVariables | null = null;
  let readoutW: tf.Variable | null = null;
  let readoutB: tf.Variable | null = null;
  let optimizer: tf.Optimizer | null = null;
  let stepCount = 0;
  let disposed = false;

  const live = () => {
    if (disposed) throw new Error('sine forecast: the task was disposed');
    if (!rnn || !readoutW || !readoutB) {
      throw new Error('sine forecast: call init() before training or evaluating');
    }
    return { rnn, readoutW, readoutB };
  };
  const list = (): tf.Variable[] => {
    const v = live();
    return [...(namedRnnWeights([v.rnn]).tensors as tf.Variable[]), v.readoutW, v.readoutB];
  };
  /** Predictions `[rows, 1]` of windows `[rows, n]`. */
  const predict = (x: Float32Array, rows: number): tf.Tensor2D => {
    const v = live();
    const input = tf.tensor3d(x, [rows, n, 1]);
    const { h } = runRnn('rnn', input, v.rnn);
    return tf.add(
      denseMatMul(h, tf.transpose(v.readoutW) as tf.Tensor2D),
      v.readoutB,
    ) as tf.Tensor2D;
  };

  const task: SineForecastTask = {
    name: 'sine forecaster',
    config: cfg,
    parameterCount: H + H * H + 2 * H + H + 1,
    divergenceHint: {
      knob: 'learningRate',
      advice: 'Lower the learning rate (try 0.01 or 0.003).',
      // The MSE starts near 0.5 (the variance of a sine): far above that the weights blew up.
      maxLoss: 100,
    },

    init(): void {
      if (disposed) throw new Error('sine forecast: the task was disposed');
      if (rnn) return;
      rnn = initRnnWeights('rnn', 1, H, { seed: `${cfg.seed}/rnn` });
      const rng = createRng(`${cfg.seed}/readout`);
      const k = 1 / Math.sqrt(H);
      const w = Float32Array.from({ length: H }, () => (rng.next() * 2 - 1) * k);
      const b = (rng.next() * 2 - 1) * k;
      readoutW = tf.tidy(() => tf.variable(tf.tensor2d(w, [1, H])));
      readoutB = tf.tidy(() => tf.variable(tf.tensor1d([b])));
      optimizer = adam(cfg.learningRate);
    },

    step(): StepOutput {
      const vars = list();
      const epochStep = stepCount % stepsPerEpoch;
      if (epochStep === 0) shuffleRng.shuffle(order);
      const starts = order.slice(epochStep * batchSize, (epochStep + 1) * batchSize);
      const { x, y } = windows(starts);
      const loss = tf.tidy(() => {
        const target = tf.tensor2d(y, [starts.length, 1]);
        const { value, grads } = tf.variableGrads(
          () => tf.mean(tf.squaredDifference(predict(x, starts.length), target)) as tf.Scalar,
          vars,
        );
        optimizer!.applyGradients(grads);
        return value;
      });
      stepCount++;
      return { loss };
    },

    async evaluate(): Promise<Record<string, number>> {
      const curve = await task.predictCurve();
      let noisyErr = 0;
      let cleanErr = 0;
      for (let i = 0; i < evalLength; i++) {
        noisyErr += (curve.prediction[i] - curve.observed[i]) ** 2;
        cleanErr += (curve.prediction[i] - curve.truth[i]) ** 2;
      }
      return { val_loss: noisyErr / evalLength, val_mse_clean: cleanErr / evalLength };
    },

    async predictCurve(): Promise<SineCurve> {
      live();
      await yieldToBrowser();
      const p = tf.tidy(() => predict(evalData.x, evalLength));
      let prediction: Float32Array;
      try {
        prediction = Float32Array.from(await p.data());
      } finally {
        p.dispose();
      }
      live();
      return {
        t: Float32Array.from(evalStarts, (s) => s + n),
        truth: clean.slice(trainLength, trainLength + evalLength),
        observed: noisy.slice(trainLength, trainLength + evalLength),
        prediction,
      };
    },

    async forecast(steps = evalLength): Promise<Float32Array> {
      live();
      if (!Number.isInteger(steps) || steps < 1 || steps > evalLength) {
        throw new RangeError(
          `${PREFIX} forecast steps must be an integer in [1, ${evalLength}], got ${steps}`,
        );
      }
      const window = noisy.slice(trainLength - n, trainLength);
      const out = new Float32Array(steps);
      for (let i = 0; i < steps; i++) {
        if (i % 16 === 0) await yieldToBrowser();
        live();
        const p = tf.tidy(() => predict(window, 1));
        try {
          out[i] = (await p.data())[0];
        } finally {
          p.dispose();
        }
        window.copyWithin(0, 1);
        window[n - 1] = out[i];
      }
      return out;
    },

    progress(): TaskProgress {
      return {
        step: stepCount,
        epoch: stepCount / stepsPerEpoch,
        stepsPerEpoch,
        totalSteps: stepsPerEpoch * cfg.epochs,
      };
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(SINE_WEIGHT_NAMES, list());
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables('sine forecast', SINE_WEIGHT_NAMES, list(), snapshot);
      optimizer?.dispose();
      optimizer = adam(cfg.learningRate);
    },

    async getTrainingState(): Promise<TrainingState> {
      return captureTrainingState(stepCount, task.getWeights(), optimizer!);
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const make = () => adam(cfg.learningRate);
      const next = await loadTrainingState('sine forecast', state, SINE_WEIGHT_NAMES, list(), make);
      optimizer?.dispose();
      optimizer = next;
      // The step shuffles at every epoch start itself: only the generator and order are needed.
      shuffleRng = replayShuffles(`${cfg.seed}/batches`, order, state.step, stepsPerEpoch).rng;
      stepCount = state.step;
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      optimizer?.dispose();
      optimizer = null;
      if (rnn) disposeRnnWeights(rnn);
      readoutW?.dispose();
      readoutB?.dispose();
      rnn = readoutW = readoutB = null;
    },
  };
  return task;
}
