/**
 * The date converter's Web Worker: serves the `date-seq2seq` task kind (./workerKind.ts) with the
 * book's task host (src/train/worker/host.ts), so training, evaluation and the attention probe run
 * here on the worker's own tfjs backend and the page only draws. Started by the controller and
 * terminated when the widget unmounts.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'date-seq2seq': () => import('./workerKind').then((m) => m.dateKind as never),
});
