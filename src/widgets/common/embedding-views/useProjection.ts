/**
 * The motion of {@link ProjectionPlot}: each new set of vectors is projected by PCA, aligned to
 * the previous projection (orthogonal Procrustes on the words both share) and reached by a short
 * eased animation, so a re-projection 1-2 times per second moves points smoothly instead of
 * flipping or jumping.
 */
import { useEffect, useRef, useState } from 'react';
import { alignProjection, matchWords, pca2d } from './pca';

/** Vectors of some words, for a projection. */
export interface ProjectionInput {
  /** The word of each row (all in the vocabulary), distinct. */
  words: readonly string[];
  /** Row-major `[words.length, dim]` vectors. */
  vectors: Float32Array;
  /** Dimension of each vector. */
  dim: number;
}

/** One displayed frame. */
export interface ProjectionFrame {
  words: readonly string[];
  /** Row-major `[n, 2]` display coordinates (between the previous and the new projection). */
  coords: Float64Array;
  /** Explained-variance ratios of the two axes of the latest projection. */
  explained: [number, number];
  /** Set when the latest vectors could not be projected (e.g. NaN from a diverged run). */
  error: string | null;
}

const EMPTY: ProjectionFrame = {
  words: [],
  coords: new Float64Array(0),
  explained: [0, 0],
  error: null,
};

const ease = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * @param input the latest vectors (a new object each refresh), or null.
 * @param durationMs animation length (default 450 ms; 0, or a reader who prefers reduced motion,
 *   jumps).
 * @returns the frame to draw.
 */
export function useProjection(input: ProjectionInput | null, durationMs = 450): ProjectionFrame {
  const [frame, setFrame] = useState<ProjectionFrame>(EMPTY);
  const shown = useRef<ProjectionFrame>(EMPTY);
  const target = useRef<ProjectionFrame>(EMPTY);

  useEffect(() => {
    // Every state update happens in an animation frame (never synchronously in the effect).
    let raf = 0;
    const show = (f: ProjectionFrame) => {
      shown.current = f;
      setFrame(f);
    };
    if (!input || input.words.length === 0) {
      target.current = EMPTY;
      raf = requestAnimationFrame(() => show(EMPTY));
      return () => cancelAnimationFrame(raf);
    }
    let next: ProjectionFrame;
    try {
      const p = pca2d(input.vectors, input.words.length, input.dim);
      const prev = target.current;
      const aligned = alignProjection(p.coords, prev.coords, matchWords(input.words, prev.words));
      next = { words: input.words, coords: aligned.coords, explained: p.explained, error: null };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      raf = requestAnimationFrame(() => show({ ...shown.current, error }));
      return () => cancelAnimationFrame(raf);
    }
    target.current = next;
    // Start from where each word is shown now; a new word starts at its target.
    const from = new Float64Array(next.coords);
    const at = new Map(shown.current.words.map((w, i) => [w, i]));
    next.words.forEach((w, i) => {
      const j = at.get(w);
      if (j !== undefined) {
        from[2 * i] = shown.current.coords[2 * j];
        from[2 * i + 1] = shown.current.coords[2 * j + 1];
      }
    });
    const jump = durationMs <= 0 || reducedMotion() || at.size === 0;
    const t0 = performance.now();
    const tick = (now: number) => {
      const t = jump ? 1 : Math.min(1, (now - t0) / durationMs);
      const e = ease(t);
      const coords = new Float64Array(from.length);
      for (let k = 0; k < from.length; k++) coords[k] = from[k] + (next.coords[k] - from[k]) * e;
      show({ ...next, coords });
      if (t < 1) raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [input, durationMs]);

  return frame;
}
