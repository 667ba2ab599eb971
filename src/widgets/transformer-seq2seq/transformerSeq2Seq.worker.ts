/**
 * The encoder-decoder Transformer's Web Worker: serves the `transformer-seq2seq` task kind
 * (./workerKind.ts) with the book's task host (src/train/worker/host.ts), so training, evaluation
 * and the cross-attention probe run here on the worker's own tfjs backend and the page only draws.
 * Started by the controller and terminated when the widget unmounts.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  'transformer-seq2seq': () =>
    import('./workerKind').then((m) => m.transformerSeq2SeqKind as never),
});
