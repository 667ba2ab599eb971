/**
 * The training runtime: backend selection, the step loop, scheduling, seeds, checkpoints,
 * memory and NaN guards. See DESIGN.md "The training runtime". No React.
 */
export type {
  BackendInfo,
  BackendName,
  DivergenceHint,
  StepOutput,
  SteppedValues,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from './types';
export {
  BACKEND_NAMES,
  DEFAULT_ADAM_EPSILON,
  adam,
  fallbackBackend,
  getBackendInfo,
  isBackendName,
  parseBackendParam,
  restartBackend,
  selectBackend,
  subscribeBackend,
} from './backend';
export { isSoftwareRenderer, probeWebGL, type WebGLProbe } from './webgl-probe';
export { createRng, seedForInit, type Rng } from './random';
export { TrainingRunner } from './runner';
export {
  BATCH_TARGET_MS,
  FRAME_BUDGET_MS,
  type RunCapture,
  type RunnerError,
  type RunnerListener,
  type RunnerOptions,
  type RunnerState,
  type RunnerStatus,
} from './runner-types';
export {
  MAX_HISTORY_POINTS,
  SeriesRecorder,
  type MetricSeries,
  type RecorderState,
  type TrainingHistory,
} from './history';
export { Scheduler, pageScheduler, type Pausable } from './scheduler';
export { assertNoLeak, numTensors, tensorDelta } from './memory';
export { embeddingLookup } from './embedding';
export { denseMatMul } from './matmul';
export { restoreVariables, snapshotVariables } from './weights';
export { ITERATIONS_KEY, restoreOptimizer, snapshotOptimizer } from './optimState';
