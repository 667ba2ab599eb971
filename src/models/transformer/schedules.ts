/**
 * Learning-rate schedules of the Transformer (chapter 15): the inverse-square-root warm-up of
 * Vaswani et al. (2017) and linear warm-up with cosine decay (Loshchilov & Hutter 2017, "SGDR";
 * the GPT recipe). Pure functions of the step, no tfjs, no React, no DOM.
 */

function check(who: string, name: string, value: number, min: number, integer = false): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `${who}: ${name} must be ${integer ? 'an integer' : 'a finite number'} >= ${min}, got ${String(value)}`,
    );
  }
}

/** Options of {@link inverseSqrtSchedule}. */
export interface InverseSqrtScheduleOptions {
  /** d_model, the model size (> 0). */
  dModel: number;
  /** Warm-up steps (>= 1). The paper used 4000. */
  warmupSteps: number;
  /** Multiplies the rate (the paper's value is 1). Default 1. */
  scale?: number;
}

/**
 * Vaswani et al. (2017) eq. 3, with a scale factor:
 * `lr(step) = scale · d_model^-0.5 · min(step^-0.5, step · warmup^-1.5)`.
 * It rises linearly for `warmupSteps` steps, peaks at `scale · (d_model · warmup)^-0.5` and then
 * falls as 1 / sqrt(step). Steps are counted from 1; step 0 is read as step 1 (so the first update
 * is not taken with rate 0).
 * @param step - the optimisation step, an integer >= 0.
 * @throws RangeError for a step, d_model, warm-up or scale out of range.
 */
export function inverseSqrtSchedule(step: number, options: InverseSqrtScheduleOptions): number {
  const who = 'inverseSqrtSchedule';
  const { dModel, warmupSteps, scale = 1 } = options;
  check(who, 'step', step, 0, true);
  check(who, 'dModel', dModel, 1);
  check(who, 'warmupSteps', warmupSteps, 1, true);
  check(who, 'scale', scale, 0);
  const s = Math.max(step, 1);
  return scale * dModel ** -0.5 * Math.min(s ** -0.5, s * warmupSteps ** -1.5);
}

/** Options of {@link warmupCosineSchedule}. */
export interface WarmupCosineScheduleOptions {
  /** The peak rate, reached at the end of the warm-up (> 0). */
  maxLearningRate: number;
  /** Linear warm-up steps (>= 0; 0: no warm-up). */
  warmupSteps: number;
  /** The step at which the decay ends (> warmupSteps); after it the rate stays at the minimum. */
  totalSteps: number;
  /** The floor the cosine decays to (>= 0, <= maxLearningRate). Default 0.1 · maxLearningRate. */
  minLearningRate?: number;
}

/**
 * Linear warm-up then cosine decay (Loshchilov & Hutter 2017 without restarts; Radford et al. 2018
 * and nanoGPT):
 * - step < warmup: `max · (step + 1) / warmup` (the first step already moves);
 * - warmup <= step <= total: `min + (max - min) · (1 + cos(π · progress)) / 2`, progress =
 *   (step - warmup) / (total - warmup);
 * - step > total: `min`.
 * @throws RangeError for values out of range (naming the option).
 */
export function warmupCosineSchedule(step: number, options: WarmupCosineScheduleOptions): number {
  const who = 'warmupCosineSchedule';
  const { maxLearningRate: max, warmupSteps: warmup, totalSteps: total } = options;
  const min = options.minLearningRate ?? 0.1 * max;
  check(who, 'step', step, 0, true);
  check(who, 'maxLearningRate', max, Number.MIN_VALUE);
  check(who, 'warmupSteps', warmup, 0, true);
  check(who, 'totalSteps', total, warmup + 1, true);
  check(who, 'minLearningRate', min, 0);
  if (min > max) {
    throw new RangeError(`${who}: minLearningRate ${min} is above maxLearningRate ${max}`);
  }
  if (step < warmup) return (max * (step + 1)) / warmup;
  if (step > total) return min;
  const progress = (step - warmup) / (total - warmup);
  return min + ((max - min) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/** What {@link scheduledLearningRate} reads of a Transformer task's config. */
export interface LearningRateScheduleConfig {
  /** 'constant' (after warm-up), 'cosine' (warm-up + cosine decay) or 'inverse-sqrt' (Vaswani). */
  schedule: 'constant' | 'cosine' | 'inverse-sqrt';
  /** The peak learning rate. */
  learningRate: number;
  /** Linear warm-up steps (0: none). */
  warmupSteps: number;
  /** d_model (the inverse-square-root schedule's scale). */
  dModel: number;
}

/**
 * The learning rate of 0-based step `step` under a task's schedule: linear warm-up to the peak
 * over `warmupSteps`, then constant or cosine decay over `totalSteps`; or the inverse-square-root
 * schedule scaled so that its peak (at the end of warm-up) is `learningRate`.
 */
export function scheduledLearningRate(
  step: number,
  cfg: LearningRateScheduleConfig,
  totalSteps: number,
): number {
  const W = cfg.warmupSteps;
  const peak = cfg.learningRate;
  if (cfg.schedule === 'inverse-sqrt') {
    const w = Math.max(1, W);
    return inverseSqrtSchedule(step + 1, {
      dModel: cfg.dModel,
      warmupSteps: w,
      scale: peak * Math.sqrt(cfg.dModel * w),
    });
  }
  if (step < W) return (peak * (step + 1)) / W;
  if (cfg.schedule === 'constant') return peak;
  return warmupCosineSchedule(step, {
    maxLearningRate: peak,
    warmupSteps: W,
    totalSteps: Math.max(totalSteps, W + 1),
  });
}
