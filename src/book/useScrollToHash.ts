import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** How long after the first scroll the target is kept in place while content above it grows. */
const SETTLE_MS = 4000;

/** How long to wait for a target that is not in the DOM yet (a widget whose code still loads). */
const WAIT_MS = 15000;

function targetOf(hash: string): HTMLElement | null {
  if (hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null; // malformed escape in the URL: ignore it
  }
}

/** A widget frame (`data-widget`, focusable) takes focus when a link names it. */
function focusIfWidget(target: HTMLElement): void {
  if (target.hasAttribute('data-widget') && target.tabIndex >= 0) {
    target.focus({ preventScroll: true });
  }
}

/**
 * Calls `found` with the element named by `hash` as soon as it is in the DOM (at once if it
 * is), watching the document for up to WAIT_MS; returns the function that stops watching.
 */
function whenPresent(hash: string, found: (target: HTMLElement) => void): () => void {
  const now = targetOf(hash);
  if (now) {
    found(now);
    return () => {};
  }
  if (hash.length < 2 || typeof MutationObserver !== 'function') return () => {};
  const observer = new MutationObserver(() => {
    const target = targetOf(hash);
    if (!target) return;
    stop();
    found(target);
  });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const timer = setTimeout(stop, WAIT_MS);
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/**
 * Scrolls to the element named by the URL's hash once the page's content is `ready`
 * (chapters render lazily, so the target may not exist on first render; widgets load after
 * the text, so a widget's `#widget-<id>` is waited for), and again whenever the hash changes.
 * A widget frame named by the hash also takes focus (a shared widget link). An unknown or
 * malformed hash is ignored.
 *
 * The first scroll is instant, and for a few seconds afterwards the target is re-aligned
 * whenever the page's height changes (widgets above it finish loading and grow), until the
 * reader scrolls, clicks or types. Later hash changes scroll with the page's normal
 * (smooth, unless reduced motion is asked for) behaviour.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (!ready) return;
    let stopSettling = () => {};
    const stopWaiting = whenPresent(hash, (target) => {
      if (!first.current) {
        target.scrollIntoView({ block: 'start' });
        focusIfWidget(target);
        return;
      }
      first.current = false;
      stopSettling = settle(target);
      focusIfWidget(target);
    });
    return () => {
      stopWaiting();
      stopSettling();
    };
  }, [ready, hash]);
}

/**
 * Scrolls to `target` at once and keeps it aligned while the page's height changes, until the
 * reader scrolls, clicks or types, or SETTLE_MS pass; returns the function that stops.
 */
function settle(target: HTMLElement): () => void {
  const align = () => target.scrollIntoView({ block: 'start', behavior: 'instant' });
  align();
  if (typeof ResizeObserver !== 'function') return () => {};
  const observer = new ResizeObserver(align);
  observer.observe(document.body);
  const events = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
  const stop = () => {
    observer.disconnect();
    events.forEach((e) => window.removeEventListener(e, stop));
    clearTimeout(timer);
  };
  events.forEach((e) => window.addEventListener(e, stop, { passive: true }));
  const timer = setTimeout(stop, SETTLE_MS);
  return stop;
}
