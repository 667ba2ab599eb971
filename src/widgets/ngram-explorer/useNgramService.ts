/**
 * React glue between the explorer and the page's n-gram service (src/widgets/common/ngram-service):
 * loading with progress and "Try again", and live queries that follow the settings (older
 * answers are superseded while the reader types).
 */
import { useCallback, useEffect, useState } from 'react';
import {
  acquireNgramService,
  getNgramService,
  isSuperseded,
  type CorpusInfo,
  type CountsResult,
  type DistributionResult,
  type GenerateResult,
  type NgramService,
  type PerplexityResult,
  type Progress,
} from '../common/ngram-service';

/** Loading state of the service. */
export interface ServiceState {
  phase: 'waiting' | 'loading' | 'ready' | 'failed';
  progress: Progress | null;
  info: CorpusInfo | null;
  error: string | null;
}

/** Reader-facing text of a loading phase. */
export function progressText(p: Progress | null): string {
  if (!p) return 'Starting the n-gram worker…';
  if (p.phase === 'download') {
    const kb = Math.round(p.done / 1024).toLocaleString('en');
    return p.total
      ? `Downloading Moby Dick: ${Math.round((p.done / p.total) * 100)}%`
      : `Downloading Moby Dick: ${kb} KB`;
  }
  if (p.phase === 'tokenize') return 'Splitting the book into sentences and words…';
  if (p.phase === 'count' && p.total)
    return `Counting n-grams of orders 1 to 5: step ${p.done} of ${p.total}…`;
  return 'Counting n-grams…';
}

/**
 * Holds the page's n-gram service while the component is mounted (released on unmount, which
 * frees the worker when no other widget holds it) and starts loading when `start` becomes true;
 * `retry` after a failure.
 */
export function useNgramService(start: boolean): {
  service: NgramService;
  state: ServiceState;
  retry: () => void;
} {
  const [service] = useState(() => getNgramService(import.meta.env.BASE_URL));
  // Hold the shared service while mounted: the last release terminates its worker.
  useEffect(() => {
    const lease = acquireNgramService(import.meta.env.BASE_URL);
    return () => lease.release();
  }, []);
  const [attempt, setAttempt] = useState(0);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [info, setInfo] = useState<CorpusInfo | null>(null);
  const [failure, setFailure] = useState<{ attempt: number; message: string } | null>(null);
  useEffect(() => {
    if (!start) return;
    let live = true;
    service.ready({ onProgress: (p) => live && setProgress(p) }).then(
      (i) => live && setInfo(i),
      (err: Error) =>
        live &&
        setFailure({
          attempt,
          message: `The n-gram models could not be built: ${err.message}`,
        }),
    );
    return () => {
      live = false;
    };
  }, [service, start, attempt]);
  const retry = useCallback(() => {
    setProgress(null);
    setAttempt((a) => a + 1);
  }, []);
  const failed = failure !== null && failure.attempt === attempt;
  const state: ServiceState = {
    phase: !start ? 'waiting' : info ? 'ready' : failed ? 'failed' : 'loading',
    progress,
    info,
    error: failed ? failure.message : null,
  };
  return { service, state, retry };
}

/** A query's answer and error; `pending` while the answer for the current key is on its way. */
export interface Query<T> {
  data: T | null;
  error: string | null;
  pending: boolean;
}

/**
 * Runs `run` whenever `key` changes (while `enabled`), keeping the last good answer on screen
 * until the next one arrives. Superseded answers are ignored.
 */
export function useQuery<T>(enabled: boolean, key: string, run: () => Promise<T>): Query<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; key: string | null }>({
    data: null,
    error: null,
    key: null,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    run().then(
      (data) => live && setState({ data, error: null, key }),
      (err: Error) => {
        if (!live || isSuperseded(err)) return;
        setState((s) => ({ ...s, error: err.message, key }));
      },
    );
    return () => {
      live = false;
    };
    // `run` is a fresh closure each render; `key` names everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key]);
  return { data: state.data, error: state.error, pending: enabled && state.key !== key };
}

/** The perplexity table's cells as they arrive (progress), for the given parameters. */
export function usePerplexityTable(
  service: NgramService,
  enabled: boolean,
  lidstone: number,
  kneserNey: number,
): { cells: PerplexityResult[]; error: string | null; running: boolean } {
  const key = `${lidstone}|${kneserNey}`;
  const [cells, setCells] = useState<PerplexityResult[]>([]);
  const [settled, setSettled] = useState<{ key: string; error: string | null } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const add = (c: PerplexityResult) =>
      setCells((old) => [
        ...old.filter(
          (o) => !(o.order === c.order && o.method === c.method && o.param === c.param),
        ),
        c,
      ]);
    service
      .perplexityTable(
        { lidstone, kneserNey },
        { supersede: true, onProgress: (p) => live && p.cell && add(p.cell) },
      )
      .then(
        (all) => {
          if (!live) return;
          all.forEach(add);
          setSettled({ key: `${lidstone}|${kneserNey}`, error: null });
        },
        (err: Error) => {
          if (!live || isSuperseded(err)) return;
          setSettled({ key: `${lidstone}|${kneserNey}`, error: err.message });
        },
      );
    return () => {
      live = false;
    };
  }, [service, enabled, lidstone, kneserNey]);
  const current = settled?.key === key ? settled : null;
  return { cells, error: current?.error ?? null, running: enabled && !current };
}

export type { CountsResult, DistributionResult, GenerateResult };
