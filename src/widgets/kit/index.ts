/**
 * The training-widget kit: what every widget that trains a model is built from. A widget supplies
 * a schema (src/ui), a `toConfig(settings)` beside it, a {@link TrainingSpec} (how to prepare its
 * data and which task kind its worker serves), and its charts; the kit does the rest: the
 * controller ({@link TrainingController}: lazy loading, the worker, abort on unmount, Reset, probes),
 * the React wiring ({@link useTrainingWidget}) and the frame ({@link TrainingShell}: trainer bar,
 * controls, messages, backend badge, Present mode).
 */
export {
  TrainingController,
  type ControllerState,
  type KitState,
  type LoadPhase,
  type PrepareContext,
  type TrainingSpec,
} from './controller';
export { Store } from './store';
export { TrainingShell, type TrainingShellProps } from './TrainingShell';
export {
  TrainingMessages,
  runnerErrorText,
  type MessageSource,
  type TrainingMessagesProps,
} from './TrainingMessages';
export { useTrainingWidget, type TrainingWidget } from './useTrainingWidget';
export {
  autoPauseMessage,
  smoothSeries,
  useAutoPause,
  useNearViewport,
  useRunnerState,
  type AutoPauseReason,
} from './useRunner';
export { lazyWidget, type LazyWidgetOptions } from './lazyWidget';
export { registerWorkerHook, unregisterWorkerHook, type WorkerHook } from './workerHook';
export { useThrottled } from './useThrottled';
export { useRunSaves, type RunSaves, type FileMessage } from './useRunSaves';
export { SAVE_BYTES_PER_SECOND, SAVE_EVERY_MS } from './runSaver';
export { SavedRunNotice, WeightsFiles } from './SavedRun';
export { RunSaver, saveKey, storageErrorText, type SaverState } from './runSaver';
export { indexedDbStore, memoryStore, type KeyValueStore } from './keyValueStore';
export {
  SAVE_FORMAT,
  buildId,
  incompatibility,
  isRunSave,
  isSaveHeader,
  type RunSave,
  type SaveExpectation,
  type SaveHeader,
} from './saveFormat';
export {
  decodeWeightsFile,
  encodeWeightsFile,
  weightsFileName,
  type WeightsFile,
} from './weightsFile';
