/**
 * The TextCNN widget's Web Worker: serves the `textcnn` task kind with the book's task host, so
 * training and the probes run here on the worker's own tfjs backend.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  textcnn: () => import('./workerKind').then((m) => m.textCnnKind as never),
});
