/**
 * The sine forecaster's Web Worker: serves the `sine` task kind (./workerKind.ts) with the book's
 * task host, so training and both forecasts run here on the worker's own tfjs backend.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  sine: () => import('./workerKind').then((m) => m.sineKind as never),
});
