/**
 * The character model's Web Worker: serves the `char-lm` task kind (./workerKind.ts) with the
 * book's task host (src/train/worker/host.ts), so training, sampling, the gate heatmap and the
 * gradient probe run here on the worker's own tfjs backend and the page only renders. Started by
 * the controller (`new Worker(new URL('./charRnn.worker.ts', import.meta.url), { type: 'module' })`)
 * and terminated when the widget unmounts.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'char-lm': () => import('./workerKind').then((m) => m.charLmKind as never),
});
