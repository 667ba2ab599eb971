/**
 * React glue between the word2vec controller and the embedding views: the vectors of the
 * projection's words, re-read from the device a few times a second while training (one small
 * gather, never the whole table), and a query source for the neighbour and analogy boxes that
 * reads a whole-table snapshot only when a question is asked.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RunnerStatus } from '../../train';
import type { EmbeddingQueries, ProjectionInput } from '../common/embedding-views';
import type { Word2VecController } from './controller';

/** Milliseconds between projection refreshes while training (1-2 per second). */
export const PROJECTION_REFRESH_MS = 600;
/** Seconds of training between automatic re-asks of the neighbour and analogy questions. */
export const QUERY_REFRESH_SECONDS = 4;

/**
 * @param controller - the widget's controller.
 * @param words - the projection's words that have a vector (in order), with their `ids`.
 * @param status - the runner's status; `step` its step (a change while paused refreshes once).
 * @returns the latest projection input (null before the first step) and a read error, if any.
 */
export function useProjectionVectors(
  controller: Word2VecController,
  words: readonly string[],
  ids: readonly number[],
  status: RunnerStatus,
  step: number,
): { input: ProjectionInput | null; error: string | null } {
  const [input, setInput] = useState<ProjectionInput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = ids.join(',');
  const hasRun = status !== 'idle' && status !== 'initializing';

  useEffect(() => {
    if (!hasRun) return;
    let cancelled = false;
    let busy = false;
    const wordList = [...words];
    const idList = [...ids];
    const refresh = async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await controller.vectorsFor(idList);
        if (cancelled) return;
        setError(null);
        setInput(r ? { words: wordList, vectors: r.vectors, dim: r.dim } : null);
      } catch (err) {
        if (!cancelled) setError(`The projection could not be read: ${(err as Error).message}`);
      } finally {
        busy = false;
      }
    };
    void refresh();
    if (status !== 'running') return () => void (cancelled = true);
    const timer = setInterval(() => void refresh(), PROJECTION_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
    // `key` stands for `ids`/`words`; `step` re-reads once after a Step while paused.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, key, hasRun, status, status === 'running' ? 0 : step]);

  // After a reset there is no run: the old vectors are not shown.
  return { input: hasRun ? input : null, error: hasRun ? error : null };
}

/**
 * The neighbour / analogy query source (null before the first step) and a `version` that changes
 * every {@link QUERY_REFRESH_SECONDS} of training and after each step while paused, so the boxes
 * re-ask their question as the vectors learn.
 */
export function useQuerySource(
  controller: Word2VecController,
  status: RunnerStatus,
  step: number,
  trainSeconds: number,
): { source: EmbeddingQueries | null; version: number } {
  const hasRun = status !== 'idle' && status !== 'initializing';
  const source = useMemo<EmbeddingQueries | null>(
    () =>
      hasRun
        ? {
            mostSimilar: async (word, topn) =>
              (await controller.keyedVectors()).mostSimilar(word, topn),
            analogy: async (a, b, c, topn) =>
              (await controller.keyedVectors()).analogy(a, b, c, topn),
          }
        : null,
    [controller, hasRun],
  );
  const tick = Math.floor(trainSeconds / QUERY_REFRESH_SECONDS);
  const version = status === 'running' ? tick : tick * 1_000_003 + step;
  return { source, version };
}
