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

/**
 * Everything a task needs to continue training exactly where it stopped: with the same weights,
 * optimiser slots and step (hence the same next batch), a seeded task's next loss equals the one
 * the uninterrupted run would have had. Plain data (structured-cloneable, transferable arrays).
 */
export interface TrainingState {
  /** The model's variables ({@link TrainingTask.getWeights}). */
  weights: WeightSnapshot;
  /**
   * The optimiser's state (see src/train/optimState.ts: `iterations` and Adam's moments as
   * `slot/0` ...), or null for a fresh optimiser (loading weights from a file).
   */
  optimizer: WeightSnapshot | null;
  /** Optimisation steps the task has taken (its `progress().step`): fixes the batch order. */
  step: number;
}

/**
 * What one optimisation step hands back to the runner. A task on the page's own backend returns
 * Scalars (`StepOutput`, the default: still on the device; the runner reads them with async
 * `data()` and disposes them); a task whose tensors live elsewhere (`WorkerTask`, src/train/worker,
 * in a Web Worker) returns values already read, as plain numbers (`StepOutput<number>`). The
 * runner accepts either, also mixed ({@link AnyStepOutput}).
 */
export interface StepOutput<V extends Scalar | number = Scalar> {
  /** Training loss of the batch: a Scalar (read with `data()`, then disposed) or a plain number. */
  loss: V;
  /** Other per-batch values (e.g. `accuracy`), Scalars (read and disposed likewise) or numbers. */
  metrics?: Record<string, V>;
}

/** A step's output as the runner accepts it: Scalars, plain numbers, or both. */
export type AnyStepOutput = StepOutput<Scalar | number>;

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

/**
 * One step of a batch run by {@link TrainingTask.stepMany}: its values read off the device (the
 * loss under `loss`, the task's metrics beside it) and the task's progress after it.
 */
export interface SteppedValues {
  values: Record<string, number>;
  progress: TaskProgress;
}

/** Tells the reader which knob to turn when the loss diverges. */
export interface DivergenceHint {
  /**
   * The setting to change, named as the field of the model's config (e.g. `learningRate`): models
   * do not know the widgets' URL keys; a widget maps it to its control's label.
   */
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
 * A trainable model. `Out` is what {@link TrainingTask.step} returns: Scalars synchronously by
 * default (every task in src/models); `StepOutput<number>` in a promise for a task that runs
 * elsewhere (see {@link AnyTrainingTask}, what the runner accepts). Implementations live in
 * src/models and must:
 * - take a seed and be deterministic for a given seed and backend;
 * - run each step's work inside `tf.tidy` (only the returned scalars survive it);
 * - free every tensor, variable and optimiser slot in `dispose()`.
 */
export interface TrainingTask<Out extends AnyStepOutput | Promise<AnyStepOutput> = StepOutput> {
  /** Short name for messages, e.g. "sentiment classifier". */
  readonly name: string;
  /** Knob to blame when the loss becomes NaN or Infinity. */
  readonly divergenceHint: DivergenceHint;
  /** Builds variables and optimiser. Called once by the runner before the first step. */
  init(): void | Promise<void>;
  /**
   * One optimisation step on the next batch. Synchronous for a task on the page's backend; a
   * task that runs elsewhere (a Web Worker) returns a promise. The runner never calls `step`
   * again, nor `evaluate` / `getWeights`, before the previous call has settled. A rejected
   * promise counts as a thrown error; a rejection with a `ContextLostError`
   * (src/train/worker/errors.ts) as a lost WebGL context.
   */
  step(): Out;
  /**
   * Optional, for a task that runs elsewhere (a Web Worker): up to `count` steps in one request,
   * so a tiny model does not wait for a message round trip per step. The batch ends early after
   * a step whose loss is NaN, infinite or above `divergenceHint.maxLoss`, and once
   * `progress().step` reaches `totalSteps`. Resolves with one entry per step taken (at least one).
   * The runner uses it only between evaluations, so every step is recorded as with `step()`.
   * @throws RangeError when `count` is not a positive integer.
   */
  stepMany?(count: number): Promise<SteppedValues[]>;
  /** Metrics on held-out data, as plain numbers (e.g. `{ val_loss, val_accuracy }`). */
  evaluate(): Promise<Record<string, number>>;
  progress(): TaskProgress;
  /** Copies the weights (and anything else needed to resume) off the device. */
  getWeights(): Promise<WeightSnapshot>;
  /** Restores weights from a snapshot (e.g. after a lost WebGL context). */
  setWeights(snapshot: WeightSnapshot): void;
  /**
   * Optional: copies weights, optimiser state and step off the device. A task that has it can
   * be saved and resumed exactly (src/widgets/kit/useRunSaves.ts).
   */
  getTrainingState?(): Promise<TrainingState>;
  /**
   * Optional, with {@link TrainingTask.getTrainingState}: restores a state. Everything is
   * checked before anything changes, so a state that does not fit leaves the task as it was.
   * `optimizer: null` starts a fresh optimiser.
   * @throws RangeError naming the variable whose shape differs, or a bad step.
   */
  setTrainingState?(state: TrainingState): Promise<void>;
  /** Frees everything the task made. Safe to call twice. */
  dispose(): void;
}

/**
 * Any task the runner can drive: synchronous Scalar steps (the usual {@link TrainingTask}) or
 * asynchronous steps with plain numbers (a proxy of a task in a Web Worker).
 */
export type AnyTrainingTask = TrainingTask<AnyStepOutput | Promise<AnyStepOutput>>;
