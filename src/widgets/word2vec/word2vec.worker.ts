/**
 * The word2vec widget's one Web Worker: serves the `word2vec` task kind with the book's task
 * host (training and probes on the worker's own tfjs backend), and the corpus API
 * (./corpusHost.ts) on a MessagePort the page sends first, so the corpus is downloaded,
 * tokenized and encoded in the worker that trains on it.
 */
import { serveTasks, type HostEndpoint } from '../../train/worker/host';
import { exposeWorker } from '../../train/worker/rpc';
import { CORPUS_PORT_MESSAGE } from './corpusPort';

serveTasks(self as unknown as HostEndpoint, {
  word2vec: () => import('./workerKind').then((m) => m.word2vecKind as never),
});

self.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { nlpbook?: string; port?: MessagePort } | null;
  if (data?.nlpbook !== CORPUS_PORT_MESSAGE || !data.port) return;
  const port = data.port;
  void import('./corpusHost').then((m) => exposeWorker(m.corpusApi, port));
});
