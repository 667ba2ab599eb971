/**
 * The PPMI + SVD worker: downloads the corpus, tokenizes it (`lmSentences`, as the word2vec
 * widget does), and runs the cached count-based pipeline (./pipeline.ts), posting progress per
 * stage. All of it (about 16 s of CPU on SOTU at k = 100) stays off the main thread. The widget
 * terminates the worker to cancel a build or on unmount. Protocol: ./protocol.ts.
 */
import { lmSentences, loadMobyDick, loadSotu, mobyDickSentences } from '../../data';
import { PpmiPipeline } from './pipeline';
import type { FromPpmiWorker, PpmiSettings, ToPpmiWorker } from './protocol';

const post = (m: FromPpmiWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

let current = 0;
let baseUrl = '';

const pipeline = new PpmiPipeline(async (corpus: PpmiSettings['corpus'], progress) => {
  const id = current;
  const onProgress = ({ loaded, total }: { loaded: number; total: number | null }) =>
    post({
      type: 'progress',
      id,
      stage: 'download',
      fraction: total ? loaded / total : null,
      loaded,
      total,
    });
  if (corpus === 'moby') {
    const md = await loadMobyDick({ baseUrl, onProgress });
    progress('tokenize', null);
    return mobyDickSentences(md, 'train');
  }
  const sotu = await loadSotu({ baseUrl, onProgress });
  progress('tokenize', null);
  const out: string[][] = [];
  for (const p of sotu.passages) for (const s of lmSentences(p.text)) out.push(s);
  return out;
});

self.onmessage = (e: MessageEvent<ToPpmiWorker>) => {
  const m = e.data;
  if (m.type !== 'build') return;
  current = m.id;
  baseUrl = m.baseUrl;
  const id = m.id;
  pipeline
    .build(m.settings, (stage, fraction) => post({ type: 'progress', id, stage, fraction }))
    .then((result) => {
      // The vectors are a fresh array per build: hand the buffer over instead of copying 5 MB.
      post({ type: 'result', id, result }, [result.vectors.buffer]);
    })
    .catch((err: unknown) =>
      post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) }),
    );
};
