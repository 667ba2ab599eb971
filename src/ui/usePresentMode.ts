import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { isLeaveKey, presentedWidgetId, searchWithoutPresent, type PresentMode } from './present';

/** What {@link usePresentMode} returns. */
export interface PresentState {
  /** `'off'`, `'fullscreen'` (Fullscreen API) or `'overlay'` (full-window fallback). */
  mode: PresentMode;
  /** True when the browser would let the root go full screen (the overlay offers it). */
  canFullscreen: boolean;
  /** Enters (full screen, else the overlay) or leaves. */
  toggle: () => void;
  /** Leaves; focus goes back to the Present button. */
  leave: () => void;
  /** From the overlay, asks for true full screen (needs a click: a user gesture). */
  requestFullscreen: () => void;
  /**
   * While presenting, the height in CSS px of the widget before it left the page's flow: a
   * placeholder of this height (given as `placeholderRef`) keeps the page's layout, so that
   * the widget's own viewport checks (IntersectionObserver on its wrapper: load when near,
   * pause when off screen) still see it on screen. Null when not presenting.
   */
  placeholderHeight: number | null;
}

function fullscreenAvailable(el: HTMLElement | null): boolean {
  return (
    typeof document !== 'undefined' &&
    document.fullscreenEnabled === true &&
    typeof el?.requestFullscreen === 'function'
  );
}

/**
 * Makes everything outside `el` inert (not focusable, not clickable, hidden from assistive
 * technology): every sibling of `el` and of each of its ancestors up to `<body>`. Returns the
 * function that undoes it (elements that were inert before are left inert).
 */
function inertOutside(el: HTMLElement): () => void {
  const changed: Element[] = [];
  for (let node: Element = el; node.parentElement && node !== document.body;) {
    const parent: Element = node.parentElement;
    for (const sibling of Array.from(parent.children)) {
      if (sibling === node || sibling.hasAttribute('inert')) continue;
      if (sibling.tagName === 'SCRIPT' || sibling.tagName === 'STYLE') continue;
      sibling.setAttribute('inert', '');
      changed.push(sibling);
    }
    node = parent;
  }
  return () => changed.forEach((s) => s.removeAttribute('inert'));
}

/** Drops `?present=` from the address bar, keeping the other parameters and the router state. */
function removePresentParam(): void {
  const { pathname, search, hash } = window.location;
  const next = searchWithoutPresent(search);
  if (next !== search)
    window.history.replaceState(window.history.state, '', pathname + next + hash);
}

/**
 * Present mode of one widget (see WidgetFrame): shows `rootRef`'s element alone on the screen,
 * with the Fullscreen API where the browser allows it and a full-window overlay otherwise.
 * While presenting, `<html data-presenting={mode}>` scales the type (present.css) and the rest
 * of the page is inert. Esc leaves (the browser's own Esc in full screen; a document key
 * listener in the overlay); leaving moves focus to `buttonRef` (the Present button) and removes
 * `?present=` from the URL. On mount, `?present=<id>` equal to `id` scrolls to the widget and
 * opens the overlay (browsers refuse full screen without a user gesture).
 *
 * @param id - the widget's id, as in `?present=<id>`.
 * @param rootRef - the widget's root element (the one presented).
 * @param buttonRef - the Present button (focused on leaving).
 * @param placeholderRef - the placeholder rendered while presenting (see `placeholderHeight`);
 *   it is scrolled into view behind the presented widget.
 */
export function usePresentMode(
  id: string,
  rootRef: RefObject<HTMLElement | null>,
  buttonRef: RefObject<HTMLElement | null>,
  placeholderRef: RefObject<HTMLElement | null>,
): PresentState {
  const [mode, setMode] = useState<PresentMode>('off');
  const modeRef = useRef<PresentMode>('off');
  useEffect(() => {
    modeRef.current = mode;
  }, [mode]);
  const returnFocus = useRef(false);
  const [placeholderHeight, setPlaceholderHeight] = useState<number | null>(null);
  /** Keeps the widget's height for the placeholder; called before it leaves the page's flow. */
  const measure = useCallback(() => {
    if (modeRef.current === 'off' && rootRef.current) {
      setPlaceholderHeight(Math.round(rootRef.current.getBoundingClientRect().height));
    }
  }, [rootRef]);
  const finishLeave = useCallback(() => {
    returnFocus.current = true;
    removePresentParam();
    setMode('off');
    setPlaceholderHeight(null);
  }, []);

  const leave = useCallback(() => {
    const el = rootRef.current;
    if (modeRef.current === 'off') return;
    if (el && document.fullscreenElement === el) {
      // The fullscreenchange listener finishes (the same path as the browser's own Esc).
      document.exitFullscreen().catch(finishLeave);
    } else finishLeave();
  }, [rootRef, finishLeave]);

  const requestFullscreen = useCallback(() => {
    const el = rootRef.current;
    measure();
    if (!el || !fullscreenAvailable(el)) {
      setMode('overlay');
      return;
    }
    el.requestFullscreen({ navigationUI: 'hide' }).then(
      () => setMode('fullscreen'),
      () => setMode((m) => (m === 'fullscreen' ? m : 'overlay')),
    );
  }, [rootRef, measure]);

  const toggle = useCallback(() => {
    if (modeRef.current === 'off') requestFullscreen();
    else leave();
  }, [requestFullscreen, leave]);

  // Full screen left by the browser (Esc, F11, another tab) or by leave().
  useEffect(() => {
    const onChange = () => {
      const el = rootRef.current;
      if (el && document.fullscreenElement === el) {
        setMode('fullscreen');
        placeholderRef.current?.scrollIntoView({ block: 'nearest', behavior: 'instant' });
      } else if (modeRef.current === 'fullscreen') finishLeave();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [rootRef, placeholderRef, finishLeave]);

  // ?present=<id>: scroll to the widget and open the overlay, once, on mount.
  useEffect(() => {
    const el = rootRef.current;
    if (!el || presentedWidgetId(window.location.search) !== id) return;
    el.scrollIntoView({ block: 'start', behavior: 'instant' });
    measure();
    setMode('overlay');
    el.focus({ preventScroll: true });
  }, [id, rootRef, measure]);

  // While presenting: page behind inert, type scaled, Esc leaves the overlay.
  useEffect(() => {
    const el = rootRef.current;
    if (mode === 'off' || !el) {
      if (returnFocus.current) {
        returnFocus.current = false;
        buttonRef.current?.scrollIntoView({ block: 'center', behavior: 'instant' });
        buttonRef.current?.focus({ preventScroll: true });
      }
      return undefined;
    }
    const html = document.documentElement;
    html.setAttribute('data-presenting', mode);
    const restore = inertOutside(el);
    // The type just grew, moving the page behind: keep the widget's place on screen.
    placeholderRef.current?.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    const onKey = (e: KeyboardEvent) => {
      if (isLeaveKey(e)) {
        e.preventDefault();
        leave();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      restore();
      html.removeAttribute('data-presenting');
    };
  }, [mode, rootRef, buttonRef, placeholderRef, leave]);

  // Unmounted while presenting (route change): leave full screen too.
  useEffect(() => {
    const el = rootRef.current;
    return () => {
      if (el && document.fullscreenElement === el) document.exitFullscreen().catch(() => {});
    };
  }, [rootRef]);

  return {
    mode,
    canFullscreen: typeof document !== 'undefined' && document.fullscreenEnabled === true,
    toggle,
    leave,
    requestFullscreen,
    placeholderHeight: mode === 'off' ? null : placeholderHeight,
  };
}
