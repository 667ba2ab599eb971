import { useEffect, useState } from 'react';

/** Measured layout of a chart container. */
export interface ElementSize {
  /** Content-box width in CSS px (integer); `fallback` until measured (and during SSR). */
  width: number;
  /** Root font size in CSS px (16 by default), to size margins in rem like the text. */
  rem: number;
}

function rootRem(): number {
  if (typeof window === 'undefined' || typeof getComputedStyle === 'undefined') return 16;
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

/**
 * Tracks an element's width with a `ResizeObserver` (charts redraw at their container's
 * width on phones, desktops and projectors). Returns a callback ref to attach and the size.
 * Updates only when the integer width or the root font size changes (measured again when
 * `<html data-presenting>` changes, as Present mode changes the root font size).
 *
 * @param fallback - width in px before the first measurement. Default 600.
 */
export function useElementWidth<T extends Element>(
  fallback = 600,
): [(el: T | null) => void, ElementSize] {
  const [el, setEl] = useState<T | null>(null);
  const [size, setSize] = useState<ElementSize>({ width: fallback, rem: 16 });
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      const rem = rootRem();
      if (w <= 0) return; // hidden (display: none): keep the last size
      setSize((s) => (s.width === w && s.rem === rem ? s : { width: w, rem }));
    });
    ro.observe(el);
    // The root font size changes without a resize when Present mode starts or ends
    // (<html data-presenting>, see present.css): measure again then.
    const mo =
      typeof MutationObserver === 'undefined'
        ? null
        : new MutationObserver(() => {
            const style = getComputedStyle(el);
            const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            const w = Math.floor(el.clientWidth - (Number.isFinite(padding) ? padding : 0));
            const rem = rootRem();
            if (w <= 0) return;
            setSize((s) => (s.width === w && s.rem === rem ? s : { width: w, rem }));
          });
    mo?.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-presenting'],
    });
    return () => {
      ro.disconnect();
      mo?.disconnect();
    };
  }, [el]);
  return [setEl, size];
}
