/**
 * Web Worker of the TF-IDF classifier: fitting the vectorizer on thousands of e-mails and the
 * naive Bayes baseline would block the page for a second or more, so it happens here. Keeps the
 * last fitted vectorizer to transform the reader's text.
 */
import type { TfidfVectorizer } from '../../nlp';
import type { WorkerReply, WorkerRequest } from './protocol';
import { fitCorpus, transformText } from './vectorizeCore';

let fitted: TfidfVectorizer | null = null;

const reply = (msg: WorkerReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(msg, transfer);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  try {
    if (req.type === 'fit') {
      fitted = null;
      const { vectorizer, result } = fitCorpus(req.corpus, req.settings);
      fitted = vectorizer;
      const buffers = [result.trainX, result.valX].flatMap((m) => [
        m.indptr.buffer,
        m.indices.buffer,
        m.data.buffer,
      ]);
      reply({ id: req.id, type: 'fitted', result }, buffers as Transferable[]);
    } else {
      if (!fitted) throw new Error('the vectorizer is not fitted yet');
      reply({ id: req.id, type: 'transformed', result: transformText(fitted, req.text) });
    }
  } catch (err) {
    reply({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
