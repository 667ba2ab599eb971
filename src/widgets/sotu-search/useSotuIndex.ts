/**
 * React glue for the SOTU search worker: starts it when the widget nears the screen, follows
 * the download and indexing progress, rebuilds the index when the stop-word setting changes,
 * and runs queries (the latest answer wins). The worker speaks the book's worker RPC
 * (src/train/worker/rpc.ts) with the API of ./protocol.ts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { proxy, WorkerConnection } from '../../train/worker/rpc';
import type { IndexInfo, IndexProgress, SearchView, SotuWorkerApi } from './protocol';

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
  const worker = useRef<WorkerConnection<SotuWorkerApi> | null>(null);
  const [phase, setPhase] = useState<IndexPhase>({ phase: 'waiting' });
  const [results, setResults] = useState<{ view: SearchView; q: SotuQuery } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const nextId = useRef(0);
  const latest = useRef(0);
  const indexedWith = useRef<boolean | null>(null);

  // The worker lives as long as the widget (and is rebuilt after a failure on retry).
  useEffect(() => {
    if (!start) return;
    let live = true;
    const conn = new WorkerConnection<SotuWorkerApi>(
      new Worker(new URL('./sotu.worker.ts', import.meta.url), { type: 'module' }),
      {
        name: 'search',
        // A crash while no call is open (one that is open fails with the same reason).
        onStop: (reason) => live && setPhase({ phase: 'failed', message: reason }),
      },
    );
    counts.started++;
    worker.current = conn;
    const onProgress = proxy((p: IndexProgress) => live && setPhase(p));
    const base = new URL(import.meta.env.BASE_URL, window.location.href).href;
    conn.api.load(base, stopWords, onProgress).then(
      (info) => {
        if (!live) return;
        indexedWith.current = info.stopWords;
        setPhase({ phase: 'ready', info });
      },
      (err: Error) => live && setPhase({ phase: 'failed', message: err.message }),
    );
    return () => {
      live = false;
      // Frees the corpus (about 11 MB of text) and the index with the worker.
      conn.terminate();
      counts.terminated++;
      worker.current = null;
      indexedWith.current = null;
    };
    // stopWords is read once at start; later changes go through `reindex` below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [start, attempt]);

  const ready = phase.phase === 'ready';
  useEffect(() => {
    const conn = worker.current;
    if (!conn || !ready || indexedWith.current === null || indexedWith.current === stopWords) {
      return;
    }
    indexedWith.current = stopWords;
    const current = () => worker.current === conn;
    conn.api
      .reindex(
        stopWords,
        proxy((p: IndexProgress) => current() && setPhase(p)),
      )
      .then(
        (info) => current() && setPhase({ phase: 'ready', info }),
        (err: Error) => current() && setPhase({ phase: 'failed', message: err.message }),
      );
  }, [ready, stopWords]);

  const { query: text, from, to, k } = query;
  const readyInfo = ready ? phase.info : null;
  useEffect(() => {
    if (!readyInfo) return;
    const id = ++nextId.current;
    const t = setTimeout(() => {
      const conn = worker.current;
      if (!conn) return;
      latest.current = id;
      const q: SotuQuery = { query: text, from, to, k };
      const current = () => worker.current === conn && id === latest.current;
      conn.api.search(q).then(
        (view) => current() && setResults({ view, q }),
        (err: Error) => current() && setPhase({ phase: 'failed', message: err.message }),
      );
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
