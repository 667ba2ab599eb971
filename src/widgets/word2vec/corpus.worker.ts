/**
 * The word2vec widget's corpus worker: downloads a corpus, tokenizes it with `lmSentences`
 * (chapter 3's tokenization: the State of the Union passage by passage, Moby Dick's training
 * chapters) and encodes it with `prepareCorpus(sentences, minCount)`, all off the main thread
 * (1-3 s of CPU for the 1.8 M words of SOTU). The tokenized sentences of the last corpus are
 * kept, so a new minCount only re-encodes. Protocol: ./protocol.ts.
 */
import { lmSentences, loadMobyDick, loadSotu, mobyDickSentences } from '../../data';
import { prepareCorpus } from '../../models/word2vec/corpus';
import type { FromCorpusWorker, ToCorpusWorker, Word2VecCorpusName } from './protocol';

const post = (m: FromCorpusWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

let cached: { corpus: Word2VecCorpusName; sentences: string[][]; tokenizeMs: number } | null = null;

async function sentencesOf(
  id: number,
  baseUrl: string,
  corpus: Word2VecCorpusName,
): Promise<{ sentences: string[][]; tokenizeMs: number }> {
  if (cached?.corpus === corpus) return { sentences: cached.sentences, tokenizeMs: 0 };
  cached = null;
  const onProgress = ({ loaded, total }: { loaded: number; total: number | null }) =>
    post({ type: 'progress', id, phase: 'download', loaded, total });
  let sentences: string[][];
  let t0: number;
  if (corpus === 'sotu') {
    const sotu = await loadSotu({ baseUrl, onProgress });
    post({ type: 'progress', id, phase: 'tokenize' });
    t0 = performance.now();
    sentences = sotu.passages.flatMap((p) => lmSentences(p.text));
  } else {
    const moby = await loadMobyDick({ baseUrl, onProgress });
    post({ type: 'progress', id, phase: 'tokenize' });
    t0 = performance.now();
    sentences = mobyDickSentences(moby, 'train');
  }
  const tokenizeMs = performance.now() - t0;
  cached = { corpus, sentences, tokenizeMs };
  return { sentences, tokenizeMs };
}

async function prepare(m: ToCorpusWorker): Promise<void> {
  const { sentences, tokenizeMs } = await sentencesOf(m.id, m.baseUrl, m.corpus);
  post({ type: 'progress', id: m.id, phase: 'encode' });
  const t0 = performance.now();
  const c = prepareCorpus(sentences, m.minCount);
  const { vocab } = c;
  const result = {
    corpus: m.corpus,
    minCount: m.minCount,
    words: vocab.words,
    counts: vocab.counts,
    ids: c.ids,
    sentenceStarts: c.sentenceStarts,
    totalTokens: vocab.totalTokens,
    keptTokens: vocab.keptTokens,
    prepareMs: Math.round(tokenizeMs + performance.now() - t0),
  };
  post({ type: 'prepared', id: m.id, result }, [
    result.counts.buffer,
    result.ids.buffer,
    result.sentenceStarts.buffer,
  ]);
}

self.onmessage = (e: MessageEvent<ToCorpusWorker>) => {
  const m = e.data;
  prepare(m).catch((err: unknown) =>
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
};
