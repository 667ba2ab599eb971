/**
 * The character Transformer's Web Worker: serves the `transformer-lm` task kind (./workerKind.ts)
 * with the book's task host (src/train/worker/host.ts), so training, sampling and the attention
 * maps run here on the worker's own tfjs backend and the page only renders. Started by the
 * controller and terminated when the widget unmounts.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'transformer-lm': () => import('./workerKind').then((m) => m.transformerLmKind as never),
});
