/**
 * React glue for the LSA worker: starts it when the widget nears the screen, follows the
 * download and the fit, and answers the map, neighbour and query requests (the latest answer of
 * each kind wins). Terminates the worker on unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { proxy, WorkerConnection, type RemoteMethods } from '../../train/worker/rpc';
import type {
  FoldView,
  LsaInfo,
  LsaProgress,
  LsaWorkerApi,
  MapView,
  NeighboursView,
  TermVectors,
} from './protocol';

/** The worker's API as the page calls it. */
export type LsaApi = RemoteMethods<LsaWorkerApi>;

/** Counters of LSA workers started and terminated (`globalThis.__nlpbookLsaWorkers`). */
const counts = { started: 0, terminated: 0 };
Object.defineProperty(globalThis, '__nlpbookLsaWorkers', {
  configurable: true,
  get: () => ({ ...counts, running: counts.started - counts.terminated }),
});

/** Where the model stands. */
export type LsaPhase =
  | { phase: 'waiting' }
  | LsaProgress
  | { phase: 'ready'; info: LsaInfo }
  | { phase: 'failed'; message: string };

/**
 * Runs `ask` on the worker whenever `deps` change while the model is ready, keeping the latest
 * answer (an older one arriving late is dropped).
 */
function useAnswer<T>(
  conn: WorkerConnection<LsaWorkerApi> | null,
  ask: ((api: LsaApi) => Promise<T>) | null,
  onError: (message: string) => void,
): T | null {
  const [answer, setAnswer] = useState<T | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    if (!conn || !ask) return;
    const id = ++latest.current;
    ask(conn.api).then(
      (a) => id === latest.current && setAnswer(a),
      (err: Error) => id === latest.current && onError(err.message),
    );
  }, [conn, ask, onError]);
  return answer;
}

/**
 * @param start - true once the widget is near the screen (the 11 MB download begins then).
 * @param map, neighbours, fold - the requests (memoised; null to skip).
 */
export function useLsa(
  start: boolean,
  requests: {
    map: ((api: LsaApi) => Promise<MapView>) | null;
    neighbours: ((api: LsaApi) => Promise<NeighboursView>) | null;
    fold: ((api: LsaApi) => Promise<FoldView>) | null;
  },
) {
  const [conn, setConn] = useState<WorkerConnection<LsaWorkerApi> | null>(null);
  const [phase, setPhase] = useState<LsaPhase>({ phase: 'waiting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!start) return;
    let live = true;
    const c = new WorkerConnection<LsaWorkerApi>(
      new Worker(new URL('./lsa.worker.ts', import.meta.url), { type: 'module' }),
      { name: 'LSA', onStop: (reason) => live && setPhase({ phase: 'failed', message: reason }) },
    );
    counts.started++;
    const base = new URL(import.meta.env.BASE_URL, window.location.href).href;
    c.api
      .load(
        base,
        proxy((p: LsaProgress) => live && setPhase(p)),
      )
      .then(
        (info) => {
          if (!live) return;
          setPhase({ phase: 'ready', info });
          setConn(c);
        },
        (err: Error) => live && setPhase({ phase: 'failed', message: err.message }),
      );
    return () => {
      live = false;
      c.terminate();
      counts.terminated++;
      setConn(null);
    };
  }, [start, attempt]);

  const onError = useCallback((message: string) => setPhase({ phase: 'failed', message }), []);
  const map = useAnswer(conn, requests.map, onError);
  const neighbours = useAnswer(conn, requests.neighbours, onError);
  const fold = useAnswer(conn, requests.fold, onError);
  const retry = useCallback(() => {
    setPhase({ phase: 'waiting' });
    setAttempt((a) => a + 1);
  }, []);
  /** The term vectors on the first k dimensions (rejects until the model is fitted). */
  const termVectors = useCallback(
    (k: number): Promise<TermVectors> =>
      conn
        ? conn.api.termVectors(k)
        : Promise.reject(new Error('The LSA model is not fitted yet.')),
    [conn],
  );
  const shown: LsaPhase =
    start && phase.phase === 'waiting' ? { phase: 'download', loaded: 0, total: null } : phase;
  return { phase: shown, map, neighbours, fold, retry, termVectors };
}
