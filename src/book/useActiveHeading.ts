import { useEffect, useState } from 'react';
import { pickActiveHeading } from './toc';

/** Fraction of the viewport below the header where the "reading line" sits. */
const READING_LINE = 0.25;

function headerHeight(): number {
  return document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0;
}

/**
 * The id of the section being read, among `ids` (document order), updated as the reader
 * scrolls. An IntersectionObserver watches a band from the header to the reading line
 * (25% down the rest of the viewport); whenever a heading crosses it, the active heading is
 * recomputed with {@link pickActiveHeading}: the last heading at or above the line.
 *
 * @returns the active id, or `undefined` when `ids` is empty or no element exists yet.
 */
export function useActiveHeading(ids: readonly string[]): string | undefined {
  const key = ids.join('\n');
  // The id is stored with the outline it belongs to, so a new outline never shows a stale id.
  const [active, setActive] = useState<{ key: string; id?: string }>({ key: '' });

  useEffect(() => {
    const list = key ? key.split('\n') : [];
    const elements = list
      .map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null);
    if (elements.length === 0) return;
    const update = () => {
      const top = headerHeight();
      const line = top + (window.innerHeight - top) * READING_LINE;
      const index = pickActiveHeading(
        elements.map((el) => el.getBoundingClientRect().top),
        line,
      );
      setActive({ key, id: index >= 0 ? elements[index].id : undefined });
    };
    const frame = requestAnimationFrame(update);
    if (typeof IntersectionObserver !== 'function') return () => cancelAnimationFrame(frame);
    const top = Math.round(headerHeight());
    const observer = new IntersectionObserver(update, {
      rootMargin: `-${top}px 0px -${Math.round((1 - READING_LINE) * 100)}% 0px`,
      threshold: [0, 1],
    });
    elements.forEach((el) => observer.observe(el));
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [key]);

  return active.key === key ? active.id : undefined;
}
