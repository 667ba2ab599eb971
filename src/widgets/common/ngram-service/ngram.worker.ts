/**
 * The n-gram service's Web Worker (module worker): loads Moby Dick, fits the shared counts and
 * answers the client's requests (see handler.ts and client.ts). Heavy work stays off the page's
 * main thread.
 */
import { loadMobyDick, MOBY_DICK_UNK_CUTOFF } from '../../../data';
import { createHandler, errorMessage } from './handler';
import type { Request, Response } from './protocol';

/** The worker global, typed for what we use (the project's TS lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: Response): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<Request>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

const handle = createHandler(
  {
    loadCorpus: (baseUrl, onProgress) => loadMobyDick({ baseUrl, onProgress }),
    unkCutoff: MOBY_DICK_UNK_CUTOFF,
  },
  (response) => scope.postMessage(response),
);

scope.addEventListener('message', (e) => void handle(e.data));
scope.addEventListener('unhandledrejection', (e) => {
  scope.postMessage({ id: -1, type: 'error', message: errorMessage(e.reason) });
});
