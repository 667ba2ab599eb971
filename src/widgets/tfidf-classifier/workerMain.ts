/**
 * What the classifier's worker runs (./tfidf.worker.ts calls it on `self`; unit tests on a
 * MessagePort): the book's task host serving the `tfidf` kind, and the vectorizer's methods on a
 * second MessagePort that the page sends in a {@link VectorizerPortMessage}. Both share one
 * {@link VectorizeService}, so the model trains on the matrices fitted here.
 */
import { serveTasks, type HostEndpoint, type ServeOptions } from '../../train/worker/host';
import { exposeWorker } from '../../train/worker/rpc';
import { VectorizeService } from './vectorizeService';

/** The message that hands the worker the port of the vectorizer's methods. */
export interface VectorizerPortMessage {
  nlpbook: 'tfidf-vectorizer-port';
  port: MessagePort;
}

/** True for a {@link VectorizerPortMessage}. */
export function isVectorizerPort(data: unknown): data is VectorizerPortMessage {
  return (
    typeof data === 'object' &&
    data != null &&
    (data as Partial<VectorizerPortMessage>).nlpbook === 'tfidf-vectorizer-port'
  );
}

/**
 * Serves the task host and the vectorizer on `endpoint`.
 * @param service - the worker's vectorizer (tests pass one with their own corpus loader).
 * @param options - the task host's options (tests select the cpu backend).
 * @returns a function that stops the task host.
 */
export function serveTfidfWorker(
  endpoint: HostEndpoint,
  service = new VectorizeService(),
  options: ServeOptions = {},
): () => void {
  endpoint.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data;
    if (isVectorizerPort(data)) exposeWorker(service.api(), data.port);
  });
  return serveTasks(
    endpoint,
    { tfidf: () => import('./workerKind').then((m) => m.tfidfKind(service) as never) },
    options,
  );
}
