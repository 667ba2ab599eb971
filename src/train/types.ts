/**
 * The contract between a trainable model (a "task", in src/models) and the training runtime
 * (the runner, in src/train). Plain TypeScript: no React, no DOM.
 *
 * A task owns its variables and optimiser; the runner owns the loop, the schedule, the
 * guards and the checkpoints. Charts only ever receive plain numbers, never tensors.
 */
import type { Scalar } from '@tensorflow/tfjs';

/** The tfjs backends the book uses, fastest-on-a-real-GPU first. */
export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** What `selectBackend` chose and why; shown in the backend badge. */
export interface BackendInfo {
  name: BackendName;
  /** True when WebGL runs on a software renderer (SwiftShader, llvmpipe, ...). */
  software: boolean;
  /** The unmasked WebGL renderer string, when known. */
  renderer: string | null;
  /** True when `?backend=` in the URL forced the choice. */
  forced: boolean;
  /** Human-readable reason, e.g. "WebGL is a software renderer; WASM is faster here". */
  reason: string;
}

/** Weights copied off the device, by variable name. Used for checkpoints. */
export type WeightSnapshot = Record<string, { shape: number[]; values: Float32Array }>;

/** What one optimisation step hands back to the runner. */
export interface StepOutput {
  /** Scalar training loss of the batch. The runner reads it with `data()` and disposes it. */
  loss: Scalar;
  /** Other per-batch scalars (e.g. `accuracy`); read and disposed by the runner likewise. */
  metrics?: Record<string, Scalar>;
}

/** Where a task is in its schedule. */
export interface TaskProgress {
  /** Optimisation steps taken since init (0-based count). */
  step: number;
  /** Completed epochs plus the fraction of the current one, e.g. 2.5. */
  epoch: number;
  /** Batches per epoch. */
  stepsPerEpoch: number;
  /** Steps after which training is complete (epochs x stepsPerEpoch), or null if unbounded. */
  totalSteps: number | null;
}

/** Tells the reader which knob to turn when the loss diverges. */
export interface DivergenceHint {
  /** Hyperparameter name as in the widget's schema, e.g. `lr`. */
  knob: string;
  /** Advice, e.g. "Lower the learning rate (try 0.01)". */
  advice: string;
  /**
   * A finite loss above this also counts as divergence (e.g. 50 for a binary cross-entropy
   * that starts at ln 2 = 0.69): with a numerically stable loss and Adam's bounded steps, a
   * learning rate far too large blows the loss up without ever reaching NaN. Default: only
   * NaN and Infinity count.
   */
  maxLoss?: number;
}

/**
 * A trainable model. Implementations live in src/models and must:
 * - take a seed and be deterministic for a given seed and backend;
 * - run each step's work inside `tf.tidy` (only the returned scalars survive it);
 * - free every tensor, variable and optimiser slot in `dispose()`.
 */
export interface TrainingTask {
  /** Short name for messages, e.g. "sentiment classifier". */
  readonly name: string;
  /** Knob to blame when the loss becomes NaN or Infinity. */
  readonly divergenceHint: DivergenceHint;
  /** Builds variables and optimiser. Called once by the runner before the first step. */
  init(): void | Promise<void>;
  /** One optimisation step on the next batch. */
  step(): StepOutput;
  /** Metrics on held-out data, as plain numbers (e.g. `{ val_loss, val_accuracy }`). */
  evaluate(): Promise<Record<string, number>>;
  progress(): TaskProgress;
  /** Copies the weights (and anything else needed to resume) off the device. */
  getWeights(): Promise<WeightSnapshot>;
  /** Restores weights from a snapshot (e.g. after a lost WebGL context). */
  setWeights(snapshot: WeightSnapshot): void;
  /** Frees everything the task made. Safe to call twice. */
  dispose(): void;
}
