/**
 * A tiny module-level store through which chapter 8's two routes publish what they achieved, so
 * that a comparison table anywhere on the page can show both: the word2vec widget publishes its
 * row while it trains, the PPMI + SVD widget when its vectors are built. No library: a Map, a
 * listener set and React's `useSyncExternalStore`.
 */
import { useSyncExternalStore } from 'react';

/** The two routes of chapter 8. */
export type EmbeddingRoute = 'word2vec' | 'ppmi-svd';

/** What one route publishes. */
export interface RouteResult {
  route: EmbeddingRoute;
  /** Corpus id, e.g. `'sotu'` or `'moby'` (rows on different corpora are not comparable). */
  corpus: string;
  /** Short human-readable settings, e.g. "skip-gram, d = 100, window 5, 5 epochs". */
  settings: string;
  /** Seconds of work so far (training time, or the build time of the count-based vectors). */
  seconds: number;
  /** Analogy accuracy over answered questions (3CosAdd top-1), in [0, 1]; NaN if none answered. */
  analogyAccuracy: number;
  /** Fraction of the analogy questions whose four words are in the vocabulary, in [0, 1]. */
  coverage: number;
  /** Spearman's rho with the similarity judgements, in [-1, 1]; NaN if < 2 pairs covered. */
  spearman: number;
  /** Correct and answered analogy counts, when known (e.g. "17 / 72"). */
  analogyCorrect?: number;
  analogyAnswered?: number;
  /** False while the route is still running (word2vec mid-training); default true. */
  final?: boolean;
}

const results = new Map<EmbeddingRoute, Readonly<RouteResult>>();
const listeners = new Set<() => void>();
let snapshot: readonly Readonly<RouteResult>[] = [];

function emit(): void {
  snapshot = [...results.values()];
  for (const l of [...listeners]) l();
}

/**
 * Publishes (replaces) the result of `r.route`.
 * @throws RangeError if `seconds` is negative or not finite.
 */
export function publishRouteResult(r: RouteResult): void {
  if (!(r.seconds >= 0) || !Number.isFinite(r.seconds)) {
    throw new RangeError(`publishRouteResult: seconds must be >= 0, got ${r.seconds}.`);
  }
  results.set(r.route, Object.freeze({ ...r }));
  emit();
}

/** Removes the result of `route` (e.g. when its widget is reset). No-op if there is none. */
export function clearRouteResult(route: EmbeddingRoute): void {
  if (results.delete(route)) emit();
}

/** The current results, in order of first publication (a stable array between changes). */
export function getRouteResults(): readonly Readonly<RouteResult>[] {
  return snapshot;
}

/** Calls `listener` after every change; returns the unsubscribe function. */
export function subscribeRouteResults(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** React hook: the current results, re-rendering on change. */
export function useRouteResults(): readonly Readonly<RouteResult>[] {
  return useSyncExternalStore(subscribeRouteResults, getRouteResults, getRouteResults);
}
