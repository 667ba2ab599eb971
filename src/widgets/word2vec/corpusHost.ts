/**
 * The corpus half of the word2vec model worker: downloads a corpus, tokenizes it with chapter 3's
 * tokenization (`lmSentences`: the State of the Union passage by passage; Moby Dick's training
 * chapters) and encodes it with `prepareCorpus(sentences, minCount)`, all in the worker that
 * trains on it, so the 1.8 M-token id arrays of SOTU never cross to the page. The tokenized
 * sentences of the last corpus are kept (a new minCount only re-encodes), and the last two
 * prepared corpora (a Reset with the same corpus reuses it; 7 MB of ids each for SOTU).
 *
 * Runs in the worker only (./word2vec.worker.ts). No tfjs.
 */
import { lmSentences, loadMobyDick, loadSotu, mobyDickSentences } from '../../data';
import { prepareCorpus, type Word2VecCorpus } from '../../models/word2vec/corpus';
import type {
  CorpusApi,
  CorpusFacts,
  CorpusSource,
  PrepareProgress,
  Word2VecCorpusName,
} from './types';

/** A prepared corpus with its facts. */
export interface PreparedCorpus {
  corpus: Word2VecCorpus;
  facts: CorpusFacts;
}

type Progress = (p: PrepareProgress) => void;

const KEEP = 2;
let sentencesCache: { name: Word2VecCorpusName; sentences: string[][]; tokenizeMs: number } | null =
  null;
const preparedCache = new Map<string, Promise<PreparedCorpus>>();

async function sentencesOf(
  source: CorpusSource,
  onProgress: Progress,
): Promise<{ sentences: string[][]; tokenizeMs: number }> {
  const { baseUrl, name } = source;
  if (sentencesCache?.name === name) return { ...sentencesCache, tokenizeMs: 0 };
  sentencesCache = null;
  const download = ({ loaded, total }: { loaded: number; total: number | null }) =>
    onProgress({ phase: 'download', fraction: total ? Math.min(1, loaded / total) : null });
  let sentences: string[][];
  let t0: number;
  if (name === 'sotu') {
    const sotu = await loadSotu({ baseUrl, onProgress: download });
    onProgress({ phase: 'tokenize', fraction: null });
    t0 = performance.now();
    sentences = sotu.passages.flatMap((p) => lmSentences(p.text));
  } else {
    const moby = await loadMobyDick({ baseUrl, onProgress: download });
    onProgress({ phase: 'tokenize', fraction: null });
    t0 = performance.now();
    sentences = mobyDickSentences(moby, 'train');
  }
  const tokenizeMs = performance.now() - t0;
  sentencesCache = { name, sentences, tokenizeMs };
  return { sentences, tokenizeMs };
}

async function build(source: CorpusSource, onProgress: Progress): Promise<PreparedCorpus> {
  const { sentences, tokenizeMs } = await sentencesOf(source, onProgress);
  onProgress({ phase: 'encode', fraction: null });
  const t0 = performance.now();
  const corpus = prepareCorpus(sentences, source.minCount);
  const { vocab } = corpus;
  const facts: CorpusFacts = {
    name: source.name,
    minCount: source.minCount,
    words: [...vocab.words],
    totalTokens: vocab.totalTokens,
    keptTokens: vocab.keptTokens,
    sentences: corpus.sentenceStarts.length - 1,
    prepareMs: Math.round(tokenizeMs + performance.now() - t0),
  };
  return { corpus, facts };
}

/**
 * The corpus of `source`, prepared once per (corpus, minCount) and shared by concurrent callers
 * (the page's preparation and a task's `init`).
 * @throws Error with the loader's message (e.g. "... HTTP 404"), or prepareCorpus's RangeError.
 */
export function preparedCorpus(
  source: CorpusSource,
  onProgress: Progress = () => undefined,
): Promise<PreparedCorpus> {
  if (source.name !== 'sotu' && source.name !== 'moby') {
    return Promise.reject(
      new RangeError(`word2vec: corpus must be 'sotu' or 'moby', got ${String(source.name)}`),
    );
  }
  const key = `${source.name}/${source.minCount}`;
  const hit = preparedCache.get(key);
  if (hit) return hit;
  const pending = build(source, onProgress);
  preparedCache.set(key, pending);
  pending.catch(() => preparedCache.delete(key));
  // Keep the most recent KEEP entries (a Map iterates in insertion order).
  while (preparedCache.size > KEEP) preparedCache.delete(preparedCache.keys().next().value!);
  return pending;
}

/** What the worker serves to the page on its corpus port. */
export const corpusApi: CorpusApi = {
  async prepare(source, onProgress) {
    const { facts } = await preparedCorpus(source, (p) => void onProgress?.(p));
    return facts;
  },
};
