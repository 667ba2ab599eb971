/**
 * React glue for the PPMI + SVD worker: one worker per widget, kept while idle so that its
 * cached corpus and matrices serve the next build; a build requested while another runs
 * terminates the busy worker (cancelling it) and starts a fresh one; unmounting terminates it;
 * a worker that crashed is replaced at the next build. The worker speaks the book's worker RPC
 * (src/train/worker/rpc.ts) with the API of ./protocol.ts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { proxy, WorkerConnection } from '../../train/worker/rpc';
import type { PpmiProgress, PpmiResult, PpmiSettings, PpmiStage, PpmiWorkerApi } from './protocol';

/** Counters of the PPMI workers this page has started and terminated. */
export interface PpmiWorkerStats {
  started: number;
  terminated: number;
  /** started - terminated: workers alive now (0 once no PPMI widget is mounted). */
  running: number;
}

const counts = { started: 0, terminated: 0 };

/** This page's PPMI worker counters (also `globalThis.__nlpbookPpmiWorkers`, read-only). */
export function ppmiWorkerStats(): PpmiWorkerStats {
  return { ...counts, running: counts.started - counts.terminated };
}

Object.defineProperty(globalThis, '__nlpbookPpmiWorkers', {
  configurable: true,
  get: ppmiWorkerStats,
});

/** Where the build stands. */
export type BuildPhase =
  | { phase: 'idle' }
  | {
      phase: 'building';
      settings: PpmiSettings;
      stage: PpmiStage;
      fraction: number | null;
      loaded?: number;
      total?: number | null;
      /** performance.now() when the build was requested. */
      startedAt: number;
    }
  | { phase: 'ready'; result: PpmiResult; wallMs: number }
  | { phase: 'failed'; message: string; settings: PpmiSettings };

/**
 * @returns the phase, the latest finished result (kept while a new build runs), `build` and
 *   `cancel`.
 */
export function usePpmiBuild(): {
  phase: BuildPhase;
  result: PpmiResult | null;
  build: (settings: PpmiSettings) => void;
  cancel: () => void;
} {
  /** The widget's worker, its connection, and the id of the build it runs (null while idle). */
  const worker = useRef<{
    w: Worker;
    conn: WorkerConnection<PpmiWorkerApi>;
    busy: number | null;
  } | null>(null);
  const nextId = useRef(0);
  const [phase, setPhase] = useState<BuildPhase>({ phase: 'idle' });
  const [result, setResult] = useState<PpmiResult | null>(null);

  const kill = useCallback(() => {
    const cur = worker.current;
    if (!cur) return;
    worker.current = null; // first: the build it runs rejects, and is then ignored
    cur.conn.terminate();
    cur.w.terminate(); // also a crashed worker, whose connection has already stopped
    counts.terminated++;
  }, []);

  useEffect(() => kill, [kill]);

  const build = useCallback(
    (settings: PpmiSettings) => {
      // A busy worker is cancelled; one that crashed cannot build again.
      if (worker.current && (worker.current.busy !== null || !worker.current.conn.alive)) kill();
      if (!worker.current) {
        const w = new Worker(new URL('./ppmi.worker.ts', import.meta.url), { type: 'module' });
        counts.started++;
        worker.current = { w, conn: new WorkerConnection(w, { name: 'PPMI + SVD' }), busy: null };
      }
      const cur = worker.current;
      const id = ++nextId.current;
      const startedAt = performance.now();
      cur.busy = id;
      /** Whether this build is still the widget's (not cancelled, replaced or unmounted). */
      const current = () => worker.current === cur && cur.busy === id;
      const onProgress = proxy((p: PpmiProgress) => {
        if (current()) setPhase({ phase: 'building', settings, ...p, startedAt });
      });
      setPhase({ phase: 'building', settings, stage: 'download', fraction: null, startedAt });
      const baseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;
      cur.conn.api.build(baseUrl, settings, onProgress).then(
        (r) => {
          if (!current()) return;
          cur.busy = null;
          setResult(r);
          setPhase({ phase: 'ready', result: r, wallMs: performance.now() - startedAt });
        },
        (err: Error) => {
          if (!current()) return;
          cur.busy = null;
          // A crashed worker ("The PPMI + SVD worker stopped: ...") goes; Try again starts anew.
          if (!cur.conn.alive) kill();
          setPhase({ phase: 'failed', message: err.message, settings });
        },
      );
    },
    [kill],
  );

  const cancel = useCallback(() => {
    if (worker.current?.busy == null) return;
    kill();
    setPhase({ phase: 'idle' });
  }, [kill]);

  return { phase, result, build, cancel };
}
