/**
 * The TF-IDF classifier's one Web Worker: it loads the corpus, fits the vectorizer (a second or
 * more on the e-mails) and trains the model on the worker's own tfjs backend, so the sparse
 * matrices stay here and the page only draws. See ./workerMain.ts.
 */
import type { HostEndpoint } from '../../train/worker/host';
import { serveTfidfWorker } from './workerMain';

serveTfidfWorker(self as unknown as HostEndpoint);
