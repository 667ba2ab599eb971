import { useEffect, useState } from 'react';
import { pickActiveHeading } from './toc';

/** Fraction of the viewport below the header where the "reading line" sits. */
const READING_LINE = 0.25;

function headerHeight(): number {
  return document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0;
}

/**
 * The id of the section being read, among `ids` (document order), updated as the reader
 * scrolls: on each scroll or resize (at most once per animation frame), the active heading is
 * recomputed with {@link pickActiveHeading}: the last heading at or above the reading line (25%
 * down the viewport below the header). A scroll listener, not an IntersectionObserver on the
 * headings: a jump (a link to a widget, Home/End, a search result) moves headings from below the
 * band to above it without any of them intersecting it, so an observer missed it and the outline
 * kept the heading of the place the reader left.
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
    // At most one update per frame: `frame` is 0 when none is scheduled.
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    };
    schedule();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [key]);

  return active.key === key ? active.id : undefined;
}
