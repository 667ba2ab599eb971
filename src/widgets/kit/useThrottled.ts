import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once per `ms` milliseconds: the first value is returned at
 * once, later ones at the earliest `ms` after the previous change (the latest value wins, so the
 * final one always arrives, at most `ms` late). For parts of a widget that are costly to
 * re-render and paint (charts of a run's whole history) while cheap parts (numbers) follow
 * every change.
 *
 * @param ms - minimum interval in ms; 0 passes every value through.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastAt.current + ms - performance.now());
    const timer = setTimeout(() => {
      lastAt.current = performance.now();
      setShown(() => value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
