/**
 * Promise-based client of the word2vec corpus worker (corpus.worker.ts): one worker per mounted
 * widget, created on the first request and terminated by `dispose()`; prepared corpora are cached
 * per (corpus, minCount) for the life of the widget. Requests run one at a time.
 */
import type { Word2VecCorpus } from '../../models/word2vec/corpus';
import type {
  FromCorpusWorker,
  PreparedCorpusMessage,
  ToCorpusWorker,
  Word2VecCorpusName,
} from './protocol';

/** Counters of the word2vec corpus workers this page has started and terminated. */
export interface CorpusWorkerStats {
  started: number;
  terminated: number;
  /** started - terminated: workers alive now (0 once no word2vec widget is mounted). */
  running: number;
}

const counts = { started: 0, terminated: 0 };

/** This page's corpus worker counters (also `globalThis.__nlpbookWord2VecWorkers`, read-only). */
export function corpusWorkerStats(): CorpusWorkerStats {
  return { ...counts, running: counts.started - counts.terminated };
}

Object.defineProperty(globalThis, '__nlpbookWord2VecWorkers', {
  configurable: true,
  get: corpusWorkerStats,
});

/** Where a preparation is: downloading (bytes), tokenizing, or encoding with minCount. */
export interface PrepareProgress {
  phase: 'download' | 'tokenize' | 'encode';
  /** Fraction of the download, or null when unknown / not downloading. */
  fraction: number | null;
}

/** A corpus ready for `createWord2VecTask`, with facts for the page. */
export interface PreparedCorpus {
  name: Word2VecCorpusName;
  minCount: number;
  corpus: Word2VecCorpus;
  /** Tokens before the rare words were dropped. */
  totalTokens: number;
  /** Sentences with at least one kept word. */
  sentences: number;
  /** Worker time spent tokenizing and encoding, ms. */
  prepareMs: number;
}

/** Rebuilds a {@link PreparedCorpus} from the worker's message (the word → id map). */
export function fromMessage(m: PreparedCorpusMessage): PreparedCorpus {
  const vocab = {
    words: m.words,
    counts: m.counts,
    index: new Map(m.words.map((w, i) => [w, i])),
    totalTokens: m.totalTokens,
    keptTokens: m.keptTokens,
  };
  return {
    name: m.corpus,
    minCount: m.minCount,
    corpus: { vocab, ids: m.ids, sentenceStarts: m.sentenceStarts },
    totalTokens: m.totalTokens,
    sentences: m.sentenceStarts.length - 1,
    prepareMs: m.prepareMs,
  };
}

/** See the module comment. */
export class CorpusClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly cache = new Map<string, PreparedCorpus>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending: {
    id: number;
    resolve: (c: PreparedCorpus) => void;
    reject: (e: Error) => void;
    onProgress: (p: PrepareProgress) => void;
  } | null = null;
  private disposed = false;

  /** @param baseUrl - absolute base URL of the site (where data/ lives). */
  constructor(private readonly baseUrl: string) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./corpus.worker.ts', import.meta.url), { type: 'module' });
    counts.started++;
    w.onmessage = (e: MessageEvent<FromCorpusWorker>) => {
      const m = e.data;
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      if (m.type === 'progress') {
        const fraction =
          m.phase === 'download' && m.total ? Math.min(1, (m.loaded ?? 0) / m.total) : null;
        p.onProgress({ phase: m.phase, fraction });
      } else if (m.type === 'prepared') {
        this.pending = null;
        p.resolve(fromMessage(m.result));
      } else {
        this.pending = null;
        p.reject(new Error(m.message));
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.fail(new Error(`the corpus worker failed: ${e.message || 'unknown error'}`));
    };
    this.worker = w;
    return w;
  }

  private terminate(): void {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = null;
    counts.terminated++;
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    this.terminate();
    p?.reject(err);
  }

  /**
   * The corpus tokenized with `lmSentences` and encoded with `prepareCorpus(sentences,
   * minCount)`, from the cache or the worker.
   * @throws Error with the loader's message (HTTP status, bad JSON), prepareCorpus's RangeError
   *   message, or "the widget was closed" after dispose().
   */
  prepare(
    name: Word2VecCorpusName,
    minCount: number,
    onProgress: (p: PrepareProgress) => void = () => undefined,
  ): Promise<PreparedCorpus> {
    const run = async (): Promise<PreparedCorpus> => {
      const key = `${name}/${minCount}`;
      const hit = this.cache.get(key);
      if (hit) return hit;
      if (this.disposed) throw new Error('the widget was closed');
      const worker = this.ensure();
      const id = this.nextId++;
      const result = await new Promise<PreparedCorpus>((resolve, reject) => {
        this.pending = { id, resolve, reject, onProgress };
        const message: ToCorpusWorker = {
          type: 'prepare',
          id,
          baseUrl: this.baseUrl,
          corpus: name,
          minCount,
        };
        worker.postMessage(message);
      });
      this.cache.set(key, result);
      return result;
    };
    const out = this.queue.then(run, run);
    this.queue = out.catch(() => undefined);
    return out;
  }

  /** Terminates the worker and forgets the cache; a request in flight rejects. Safe twice. */
  dispose(): void {
    this.disposed = true;
    this.fail(new Error('the widget was closed'));
    this.cache.clear();
  }
}
