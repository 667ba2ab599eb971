/**
 * The n-gram service's Web Worker (module worker): loads Moby Dick, fits the shared counts and
 * answers the client's calls over the book's worker RPC (see handler.ts and client.ts). Heavy
 * work stays off the page's main thread.
 */
import { loadMobyDick, MOBY_DICK_UNK_CUTOFF } from '../../../data';
import { exposeWorker } from '../../../train/worker/rpc';
import { createNgramApi } from './handler';

exposeWorker(
  createNgramApi({
    loadCorpus: (baseUrl, onProgress) => loadMobyDick({ baseUrl, onProgress }),
    unkCutoff: MOBY_DICK_UNK_CUTOFF,
  }),
);

// A rejection no call awaited is a bug in the worker: rethrown, it fires the Worker's `error`
// event, and the page's connection stops with its message (the next call starts a fresh worker).
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  setTimeout(() => {
    throw e.reason instanceof Error ? e.reason : new Error(String(e.reason));
  });
});
