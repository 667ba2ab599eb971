/**
 * The neural LM's Web Worker: serves the `neural-lm` task kind with the book's task host, so the
 * corpus preparation, training, evaluation and sampling run here on the worker's own backend.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'neural-lm': () => import('./workerKind').then((m) => m.neuralLmKind as never),
});
