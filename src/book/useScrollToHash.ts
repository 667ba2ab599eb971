import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** How long after the first scroll the target is kept in place while content above it grows. */
const SETTLE_MS = 4000;

function targetOf(hash: string): HTMLElement | null {
  if (hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null; // malformed escape in the URL: ignore it
  }
}

/**
 * Scrolls to the element named by the URL's hash once the page's content is `ready`
 * (chapters render lazily, so the target may not exist on first render), and again whenever
 * the hash changes. An unknown or malformed hash is ignored.
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
    const target = targetOf(hash);
    if (!target) return;
    if (!first.current) {
      target.scrollIntoView({ block: 'start' });
      return;
    }
    first.current = false;
    const align = () => target.scrollIntoView({ block: 'start', behavior: 'instant' });
    align();
    if (typeof ResizeObserver !== 'function') return;
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
  }, [ready, hash]);
}
