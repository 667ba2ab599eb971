/**
 * React glue for the training runtime. The runtime itself (src/train) knows nothing of React;
 * these hooks subscribe to a runner, pause it when the widget leaves the screen or the tab is
 * hidden, and decide when a widget may download its heavy code.
 */
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { RunnerState, TrainingRunner } from '../../train';

const noopSubscribe = () => () => undefined;
const nullState = () => null;

/**
 * The runner's state, re-rendering on every change (`useSyncExternalStore`).
 * @returns null while there is no runner yet.
 */
export function useRunnerState(runner: TrainingRunner | null): RunnerState | null {
  return useSyncExternalStore(
    runner ? runner.subscribe : noopSubscribe,
    runner ? runner.getState : nullState,
    runner ? runner.getState : nullState,
  );
}

/**
 * Becomes true (and stays true) once the element is within `rootMargin` of the viewport: the
 * moment a widget should fetch its model code and data, so that a reader who only reads the
 * text never downloads TensorFlow.js. True at once where IntersectionObserver is missing.
 */
export function useNearViewport(ref: RefObject<Element | null>, rootMargin = '600px'): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, near, rootMargin]);
  return near;
}

/** Why a runner was paused automatically (for a message), or null. */
export type AutoPauseReason = 'offscreen' | 'hidden' | null;

/**
 * Pauses `runner` when the widget scrolls fully out of view or the tab is hidden. It does not
 * resume by itself (DESIGN.md: the reader resumes when they want to).
 *
 * @param running - whether the runner is training now (from the widget's `useRunnerState`).
 * @returns the reason of the last automatic pause (cleared when the runner runs again).
 */
export function useAutoPause(
  ref: RefObject<Element | null>,
  runner: TrainingRunner | null,
  running: boolean,
): AutoPauseReason {
  const [reason, setReason] = useState<AutoPauseReason>(null);
  const [prevRunning, setPrevRunning] = useState(running);
  if (running !== prevRunning) {
    setPrevRunning(running);
    if (running && reason) setReason(null);
  }

  useEffect(() => {
    const el = ref.current;
    if (!runner || !running || !el) return;
    const pause = (why: AutoPauseReason) => {
      if (runner.getState().status === 'running') {
        runner.pause();
        setReason(why);
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') pause('hidden');
    };
    document.addEventListener('visibilitychange', onVisibility);
    let io: IntersectionObserver | null = null;
    if (typeof IntersectionObserver !== 'undefined') {
      io = new IntersectionObserver((entries) => {
        if (entries.every((e) => !e.isIntersecting)) pause('offscreen');
      });
      io.observe(el);
    }
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      io?.disconnect();
    };
  }, [ref, runner, running]);
  return reason;
}

/** Text for an automatic pause. */
export function autoPauseMessage(reason: AutoPauseReason): string | null {
  if (reason === 'offscreen')
    return 'Paused because the widget left the screen. Press Play to go on.';
  if (reason === 'hidden') return 'Paused because the tab was hidden. Press Play to go on.';
  return null;
}

/** Exponential moving average of a noisy series (e.g. per-batch losses), same length. */
export function smoothSeries(y: readonly number[], alpha = 0.1): number[] {
  const out: number[] = new Array(y.length);
  let s = NaN;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    s = Number.isNaN(s) ? v : s + alpha * (v - s);
    out[i] = s;
  }
  return out;
}
