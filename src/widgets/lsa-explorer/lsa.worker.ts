/**
 * The LSA worker: downloads the SOTU passages, fits TF-IDF and TruncatedSVD, and answers the
 * map, neighbour and query calls (lsaApi.ts) over the book's worker RPC, off the main thread.
 */
import { loadSotu } from '../../data';
import { exposeWorker } from '../../train/worker/rpc';
import { createLsaApi } from './lsaApi';

exposeWorker(
  createLsaApi({ loadCorpus: (baseUrl, onProgress) => loadSotu({ baseUrl, onProgress }) }),
);
