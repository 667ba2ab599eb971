/**
 * The PPMI + SVD worker: downloads the corpus, tokenizes it (`lmSentences`, as the word2vec
 * widget does), and runs the cached count-based pipeline (ppmiApi.ts, ./pipeline.ts) over the
 * book's worker RPC, reporting progress per stage. All of it (about 16 s of CPU on SOTU at
 * k = 100) stays off the main thread. The widget terminates the worker to cancel a build or on
 * unmount.
 */
import { lmSentences, loadMobyDick, loadSotu, mobyDickSentences } from '../../data';
import { exposeWorker } from '../../train/worker/rpc';
import { createPpmiApi } from './ppmiApi';

exposeWorker(
  createPpmiApi({
    async sentencesOf(corpus, baseUrl, report) {
      const onProgress = ({ loaded, total }: { loaded: number; total: number | null }) =>
        report({ stage: 'download', fraction: total ? loaded / total : null, loaded, total });
      if (corpus === 'moby') {
        const md = await loadMobyDick({ baseUrl, onProgress });
        report({ stage: 'tokenize', fraction: null });
        return mobyDickSentences(md, 'train');
      }
      const sotu = await loadSotu({ baseUrl, onProgress });
      report({ stage: 'tokenize', fraction: null });
      const out: string[][] = [];
      for (const p of sotu.passages) for (const s of lmSentences(p.text)) out.push(s);
      return out;
    },
  }),
);
