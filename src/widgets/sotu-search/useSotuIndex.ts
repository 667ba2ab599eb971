/**
 * React glue for the SOTU search worker: starts it when the widget nears the screen, follows
 * the download and indexing progress, rebuilds the index when the stop-word setting changes,
 * and runs queries (the latest answer wins).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FromWorker, IndexInfo, SearchView, ToWorker } from './protocol';

/** Counters of the SOTU search workers this page has started and terminated. */
export interface SotuWorkerStats {
  started: number;
  terminated: number;
  /** started - terminated: workers alive now (0 once no SOTU widget is mounted). */
  running: number;
}

const counts = { started: 0, terminated: 0 };

/** This page's SOTU worker counters (also on `globalThis.__nlpbookSotuWorkers`, read-only). */
export function sotuWorkerStats(): SotuWorkerStats {
  return { ...counts, running: counts.started - counts.terminated };
}

// Read-only counters for the browser tests and for debugging (no worker handle).
Object.defineProperty(globalThis, '__nlpbookSotuWorkers', {
  configurable: true,
  get: sotuWorkerStats,
});

/** Where the index stands. */
export type IndexPhase =
  | { phase: 'waiting' }
  | { phase: 'download'; loaded: number; total: number | null }
  | { phase: 'index'; passages: number }
  | { phase: 'ready'; info: IndexInfo }
  | { phase: 'failed'; message: string };

/** A query to run. */
export interface SotuQuery {
  query: string;
  from: number;
  to: number;
  k: number;
}

/**
 * @param start - true once the widget is near the screen (the 11 MB download begins then).
 * @param stopWords - leave English stop words out of the index.
 * @param query - the current query; answered after the index is ready, `debounceMs` after it
 *   last changed.
 * @returns the index phase, the latest results (null before the first), the query they answer,
 *   and `retry` after a failure.
 */
export function useSotuIndex(
  start: boolean,
  stopWords: boolean,
  query: SotuQuery,
  debounceMs = 150,
): {
  phase: IndexPhase;
  results: SearchView | null;
  answered: SotuQuery | null;
  retry: () => void;
} {
  const worker = useRef<Worker | null>(null);
  const [phase, setPhase] = useState<IndexPhase>({ phase: 'waiting' });
  const [results, setResults] = useState<{ view: SearchView; q: SotuQuery } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const sent = useRef(new Map<number, SotuQuery>());
  const nextId = useRef(0);
  const latest = useRef(0);
  const indexedWith = useRef<boolean | null>(null);

  // The worker lives as long as the widget (and is rebuilt after a failure on retry).
  useEffect(() => {
    if (!start) return;
    const w = new Worker(new URL('./sotu.worker.ts', import.meta.url), { type: 'module' });
    counts.started++;
    const pending = sent.current;
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'progress') {
        setPhase(
          m.phase === 'download'
            ? { phase: 'download', loaded: m.loaded, total: m.total }
            : { phase: 'index', passages: m.passages },
        );
      } else if (m.type === 'ready') {
        indexedWith.current = m.info.stopWords;
        setPhase({ phase: 'ready', info: m.info });
      } else if (m.type === 'error') {
        setPhase({ phase: 'failed', message: m.message });
      } else if (m.type === 'results') {
        const q = sent.current.get(m.id);
        sent.current.delete(m.id);
        if (q && m.id === latest.current) setResults({ view: m.result, q });
      }
    };
    w.onerror = (e) =>
      setPhase({ phase: 'failed', message: e.message || 'The search worker failed.' });
    const base = new URL(import.meta.env.BASE_URL, window.location.href).href;
    w.postMessage({ type: 'load', baseUrl: base, stopWords } satisfies ToWorker);
    return () => {
      // Frees the corpus (about 11 MB of text) and the index with the worker.
      w.terminate();
      counts.terminated++;
      w.onmessage = null;
      w.onerror = null;
      pending.clear();
      worker.current = null;
      indexedWith.current = null;
    };
    // stopWords is read once at start; later changes go through 'reindex' below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [start, attempt]);

  const ready = phase.phase === 'ready';
  useEffect(() => {
    if (ready && indexedWith.current !== null && indexedWith.current !== stopWords) {
      indexedWith.current = stopWords;
      worker.current?.postMessage({ type: 'reindex', stopWords } satisfies ToWorker);
    }
  }, [ready, stopWords]);

  const { query: text, from, to, k } = query;
  const readyInfo = ready ? phase.info : null;
  useEffect(() => {
    if (!readyInfo) return;
    const id = ++nextId.current;
    const t = setTimeout(() => {
      latest.current = id;
      sent.current.set(id, { query: text, from, to, k });
      worker.current?.postMessage({
        type: 'search',
        id,
        query: text,
        from,
        to,
        k,
      } satisfies ToWorker);
    }, debounceMs);
    return () => clearTimeout(t);
  }, [readyInfo, text, from, to, k, debounceMs]);

  const retry = useCallback(() => {
    setResults(null);
    setPhase({ phase: 'waiting' });
    setAttempt((a) => a + 1);
  }, []);
  // Between the start and the worker's first message, the download is under way.
  const shown: IndexPhase =
    start && phase.phase === 'waiting' ? { phase: 'download', loaded: 0, total: null } : phase;
  return { phase: shown, results: results?.view ?? null, answered: results?.q ?? null, retry };
}
