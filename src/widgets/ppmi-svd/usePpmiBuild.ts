/**
 * React glue for the PPMI + SVD worker: one worker per widget, kept while idle so that its
 * cached corpus and matrices serve the next build; a build requested while another runs
 * terminates the busy worker (cancelling it) and starts a fresh one; unmounting terminates it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FromPpmiWorker, PpmiResult, PpmiSettings, PpmiStage, ToPpmiWorker } from './protocol';

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
  const worker = useRef<{ w: Worker; busy: boolean } | null>(null);
  const nextId = useRef(0);
  const [phase, setPhase] = useState<BuildPhase>({ phase: 'idle' });
  const [result, setResult] = useState<PpmiResult | null>(null);

  const kill = useCallback(() => {
    const cur = worker.current;
    if (!cur) return;
    cur.w.onmessage = null;
    cur.w.onerror = null;
    cur.w.terminate();
    counts.terminated++;
    worker.current = null;
  }, []);

  useEffect(() => kill, [kill]);

  const build = useCallback(
    (settings: PpmiSettings) => {
      if (worker.current?.busy) kill();
      if (!worker.current) {
        const w = new Worker(new URL('./ppmi.worker.ts', import.meta.url), { type: 'module' });
        counts.started++;
        worker.current = { w, busy: false };
      }
      const cur = worker.current;
      const id = ++nextId.current;
      const startedAt = performance.now();
      cur.busy = true;
      cur.w.onmessage = (e: MessageEvent<FromPpmiWorker>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === 'progress') {
          setPhase({
            phase: 'building',
            settings,
            stage: m.stage,
            fraction: m.fraction,
            loaded: m.loaded,
            total: m.total,
            startedAt,
          });
        } else if (m.type === 'result') {
          cur.busy = false;
          setResult(m.result);
          setPhase({ phase: 'ready', result: m.result, wallMs: performance.now() - startedAt });
        } else {
          cur.busy = false;
          setPhase({ phase: 'failed', message: m.message, settings });
        }
      };
      cur.w.onerror = (e) => {
        e.preventDefault();
        kill();
        setPhase({
          phase: 'failed',
          message: e.message || 'The PPMI + SVD worker stopped (out of memory?).',
          settings,
        });
      };
      setPhase({ phase: 'building', settings, stage: 'download', fraction: null, startedAt });
      const baseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;
      cur.w.postMessage({ type: 'build', id, baseUrl, settings } satisfies ToPpmiWorker);
    },
    [kill],
  );

  const cancel = useCallback(() => {
    if (!worker.current?.busy) return;
    kill();
    setPhase({ phase: 'idle' });
  }, [kill]);

  return { phase, result, build, cancel };
}
