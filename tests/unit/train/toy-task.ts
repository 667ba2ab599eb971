/**
 * A small TrainingTask for the runtime's tests: linear regression y = X·w + b + noise, trained
 * with minibatch SGD or Adam on mean squared error.
 */
import * as tf from '@tensorflow/tfjs';
import { adam } from '../../../src/train/backend';
import { createRng, seedForInit } from '../../../src/train/random';
import type {
  StepOutput,
  TaskProgress,
  TrainingTask,
  WeightSnapshot,
} from '../../../src/train/types';

export interface ToyOptions {
  seed?: number;
  lr?: number;
  optimizer?: 'sgd' | 'adam';
  epochs?: number;
  batchSize?: number;
  /** Number of training examples. */
  n?: number;
  /** Input dimension. */
  dim?: number;
  /** Throw from step() at this 1-based step (to test failures). */
  throwAtStep?: number;
  /** divergenceHint.maxLoss: a finite loss above it counts as divergence. */
  maxLoss?: number;
}

export class ToyRegression implements TrainingTask {
  readonly name = 'toy regression';
  readonly divergenceHint: { knob: string; advice: string; maxLoss?: number };
  private readonly o: Required<Omit<ToyOptions, 'throwAtStep' | 'maxLoss'>> & {
    throwAtStep?: number;
  };
  private x: tf.Tensor2D | null = null;
  private y: tf.Tensor2D | null = null;
  private valX: tf.Tensor2D | null = null;
  private valY: tf.Tensor2D | null = null;
  private w: tf.Variable | null = null;
  private b: tf.Variable | null = null;
  private opt: tf.Optimizer | null = null;
  private order: number[] = [];
  private rng;
  private steps = 0;
  disposeCount = 0;

  constructor(options: ToyOptions = {}) {
    this.o = {
      seed: 1,
      lr: 0.05,
      optimizer: 'sgd',
      epochs: 3,
      batchSize: 8,
      n: 64,
      dim: 3,
      ...options,
    };
    this.rng = createRng(this.o.seed);
    this.divergenceHint = {
      knob: 'lr',
      advice: 'Lower the learning rate (try 0.01).',
      ...(options.maxLoss != null ? { maxLoss: options.maxLoss } : {}),
    };
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.o.n / this.o.batchSize);
  }

  init(): void {
    const { n, dim, seed, lr } = this.o;
    const data = createRng(`${seed}/data`);
    const trueW = Array.from({ length: dim }, (_, i) => i + 1);
    const make = (count: number): [tf.Tensor2D, tf.Tensor2D] => {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let r = 0; r < count; r++) {
        let target = 0.5;
        for (let c = 0; c < dim; c++) {
          const v = data.normal();
          xs.push(v);
          target += trueW[c] * v;
        }
        ys.push(target + 0.1 * data.normal());
      }
      return [tf.tensor2d(xs, [count, dim]), tf.tensor2d(ys, [count, 1])];
    };
    [this.x, this.y] = make(n);
    [this.valX, this.valY] = make(32);
    const w0 = tf.randomNormal([dim, 1], 0, 0.1, 'float32', seedForInit(seed, 'w'));
    const b0 = tf.zeros([1]);
    this.w = tf.variable(w0);
    this.b = tf.variable(b0);
    w0.dispose();
    b0.dispose();
    this.opt = this.o.optimizer === 'adam' ? adam(lr) : tf.train.sgd(lr);
  }

  private nextBatch(): number[] {
    if (this.order.length < this.o.batchSize) {
      const fresh = this.rng.shuffle(Array.from({ length: this.o.n }, (_, i) => i));
      this.order.push(...fresh);
    }
    return this.order.splice(0, this.o.batchSize);
  }

  step(): StepOutput {
    if (this.o.throwAtStep === this.steps + 1) throw new Error('boom');
    const idx = this.nextBatch();
    const { x, y, w, b, opt } = this.need();
    const out = tf.tidy(() => {
      const ids = tf.tensor1d(idx, 'int32');
      const bx = tf.gather(x, ids);
      const by = tf.gather(y, ids);
      let mae: tf.Scalar | null = null;
      const loss = opt.minimize(
        () => {
          const err = tf.sub(tf.add(tf.matMul(bx, w), b), by);
          mae = tf.keep(tf.mean(tf.abs(err)) as tf.Scalar);
          return tf.mean(tf.square(err)) as tf.Scalar;
        },
        true,
        [w, b],
      ) as tf.Scalar;
      return { loss, mae: mae as unknown as tf.Scalar };
    });
    this.steps++;
    return { loss: out.loss, metrics: { mae: out.mae } };
  }

  async evaluate(): Promise<Record<string, number>> {
    const { valX, valY, w, b } = this.need();
    const loss = tf.tidy(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(valX, w), b), valY))));
    const value = (await loss.data())[0];
    loss.dispose();
    return { val_loss: value };
  }

  progress(): TaskProgress {
    const spe = this.stepsPerEpoch;
    return {
      step: this.steps,
      epoch: this.steps / spe,
      stepsPerEpoch: spe,
      totalSteps: this.o.epochs * spe,
    };
  }

  async getWeights(): Promise<WeightSnapshot> {
    const { w, b } = this.need();
    return {
      w: { shape: w.shape, values: (await w.data()) as Float32Array },
      b: { shape: b.shape, values: (await b.data()) as Float32Array },
    };
  }

  setWeights(snapshot: WeightSnapshot): void {
    const { w, b } = this.need();
    tf.tidy(() => {
      w.assign(tf.tensor(snapshot.w.values, snapshot.w.shape));
      b.assign(tf.tensor(snapshot.b.values, snapshot.b.shape));
    });
  }

  /** Predictions on the validation inputs, for comparisons in tests. */
  async predictVal(): Promise<number[]> {
    const { valX, w, b } = this.need();
    const p = tf.tidy(() => tf.add(tf.matMul(valX, w), b));
    const values = Array.from(await p.data());
    p.dispose();
    return values;
  }

  dispose(): void {
    this.disposeCount++;
    for (const t of [this.x, this.y, this.valX, this.valY, this.w, this.b]) t?.dispose();
    this.opt?.dispose();
    this.x = this.y = this.valX = this.valY = this.w = this.b = null;
    this.opt = null;
  }

  private need() {
    const { x, y, valX, valY, w, b, opt } = this;
    if (!x || !y || !valX || !valY || !w || !b || !opt)
      throw new Error('ToyRegression: init() first');
    return { x, y, valX, valY, w, b, opt };
  }
}

/** A factory that also collects every task it made. */
export function toyFactory(options: ToyOptions = {}): {
  factory: () => ToyRegression;
  made: ToyRegression[];
} {
  const made: ToyRegression[] = [];
  return {
    made,
    factory: () => {
      const task = new ToyRegression(options);
      made.push(task);
      return task;
    },
  };
}
