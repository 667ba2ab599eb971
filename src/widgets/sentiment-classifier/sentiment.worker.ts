/**
 * The sentiment classifier's Web Worker: serves the `sentiment` task kind with the book's task
 * host, so training and predictions run here on the worker's own tfjs backend.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  sentiment: () => import('./workerKind').then((m) => m.sentimentKind as never),
});
