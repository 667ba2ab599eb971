/**
 * The training runtime as the kit loads it: with a dynamic `import('./runtime')` when a widget
 * comes near the screen, so a reader who only reads the text never downloads it.
 */
export { TrainingRunner } from '../../train/runner';
export { parseBackendParam } from '../../train/backendParam';
export { TaskWorker, WorkerTask } from '../../train/worker/client';
