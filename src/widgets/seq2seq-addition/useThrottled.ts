import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once per `ms` milliseconds (the latest value wins, at most `ms`
 * late): the charts of a run's whole history follow it while the numbers follow every change.
 * (The same hook as chapter 9's widget; a widget may not import a sibling, and it is not in the
 * kit yet.)
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
