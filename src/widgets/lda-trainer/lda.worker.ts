/**
 * The LDA trainer's Web Worker: serves the `lda` task kind with the book's task host, so the
 * corpus, the vectorizer and LDA run here on the worker's own tfjs backend.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';

serveTasks(self as unknown as HostEndpoint, {
  lda: () => import('./workerKind').then((m) => m.ldaKind as never),
});
