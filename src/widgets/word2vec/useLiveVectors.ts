/**
 * React glue between the word2vec worker and the embedding views: the vectors of the
 * projection's words, asked of the worker a couple of times a second while training (one small
 * gather there, a transferred Float32Array here), and a query source for the neighbour and
 * analogy boxes whose answers are computed in the worker. The page never holds the tables.
 */
import { useEffect, useMemo, useState } from 'react';
import { OutOfVocabularyError, type WordScore } from '../../nlp/embeddings';
import type { RunnerStatus } from '../../train';
import type { EmbeddingQueries, ProjectionInput } from '../common/embedding-views';
import type { Word2VecController } from './spec';
import type { AllVectors, QueryAnswer } from './types';

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
    const wordList = [...words];
    const idList = Int32Array.from(ids);
    const refresh = () =>
      controller.probe(
        'projection',
        async (task, isCurrent) => {
          const r = await task.call<{ vectors: Float32Array; dim: number }>('vectors', idList);
          if (cancelled || !isCurrent()) return;
          setError(null);
          setInput({ words: wordList, vectors: r.vectors, dim: r.dim });
        },
        (message) => {
          if (!cancelled) setError(`The projection could not be read: ${message}`);
        },
      );
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

let queries = 0;

/**
 * Asks the worker's task `method` as a probe; an out-of-vocabulary answer becomes an
 * OutOfVocabularyError again (the views name minCount for it).
 * @throws Error "No vectors yet …" when there is no run to ask.
 */
export async function askWorker(
  controller: Word2VecController,
  vocabSize: number,
  method: 'mostSimilar' | 'analogy',
  ...args: unknown[]
): Promise<WordScore[]> {
  let answer: QueryAnswer | null = null;
  let failure: string | null = null;
  // Each question is its own probe kind: none is dropped, they run in order between steps.
  await controller.probe(
    `query-${++queries}`,
    async (task, isCurrent) => {
      const a = await task.call<QueryAnswer>(method, ...args);
      if (isCurrent()) answer = a;
    },
    (message) => (failure = message),
  );
  if (failure != null) throw new Error(failure);
  const a = answer as QueryAnswer | null;
  if (a == null) throw new Error('No vectors yet: press Play or Step to start training.');
  if ('oov' in a) throw new OutOfVocabularyError(a.oov, vocabSize);
  return a.scores;
}

/**
 * Every input vector and its word, read from the worker between steps (`allVectors`, the table
 * transferred), for the Embedding Projector export.
 * @throws Error "No vectors yet …" when there is no run, or the probe's failure.
 */
export async function readAllVectors(controller: Word2VecController): Promise<AllVectors> {
  let answer: AllVectors | null = null;
  let failure: string | null = null;
  await controller.probe(
    `export-${++queries}`,
    async (task, isCurrent) => {
      const a = await task.call<AllVectors>('allVectors');
      if (isCurrent()) answer = a;
    },
    (message) => (failure = message),
  );
  if (failure != null) throw new Error(failure);
  const a = answer as AllVectors | null;
  if (a == null) throw new Error('No vectors yet: press Play or Step to start training.');
  return a;
}

/**
 * The neighbour / analogy query source (null before the first step) and a `version` that changes
 * every {@link QUERY_REFRESH_SECONDS} of training and after each step while paused, so the boxes
 * re-ask their question as the vectors learn.
 */
export function useQuerySource(
  controller: Word2VecController,
  vocabSize: number,
  status: RunnerStatus,
  step: number,
  trainSeconds: number,
): { source: EmbeddingQueries | null; version: number } {
  const hasRun = status !== 'idle' && status !== 'initializing';
  const source = useMemo<EmbeddingQueries | null>(
    () =>
      hasRun
        ? {
            mostSimilar: (word, topn) =>
              askWorker(controller, vocabSize, 'mostSimilar', word, topn),
            analogy: (a, b, c, topn) => askWorker(controller, vocabSize, 'analogy', a, b, c, topn),
          }
        : null,
    [controller, vocabSize, hasRun],
  );
  const tick = Math.floor(trainSeconds / QUERY_REFRESH_SECONDS);
  const version = status === 'running' ? tick : tick * 1_000_003 + step;
  return { source, version };
}
