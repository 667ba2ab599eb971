/**
 * The addition seq2seq's Web Worker: serves the `seq2seq-addition` task kind (./workerKind.ts)
 * with the book's task host, so training, evaluation and decoding run here on the worker's own
 * tfjs backend and the page only renders. Terminated when the widget unmounts.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'seq2seq-addition': () => import('./workerKind').then((m) => m.additionKind as never),
});
