/**
 * The SOTU search worker: downloads the corpus, builds the TF-IDF index and answers queries
 * (sotuApi.ts) over the book's worker RPC, all off the main thread so the page stays
 * responsive.
 */
import { loadSotu } from '../../data';
import { exposeWorker } from '../../train/worker/rpc';
import { createSotuApi } from './sotuApi';

exposeWorker(
  createSotuApi({ loadCorpus: (baseUrl, onProgress) => loadSotu({ baseUrl, onProgress }) }),
);
