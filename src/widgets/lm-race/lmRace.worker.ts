/**
 * The race's Web Worker: serves the `lm-race` task kind (./workerKind.ts) with the book's task
 * host, so both models train, evaluate and are timed here on the worker's own tfjs backend.
 * Started by the race's controller and terminated when the widget unmounts.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'lm-race': () => import('./workerKind').then((m) => m.lmRaceKind as never),
});
