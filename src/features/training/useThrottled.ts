import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once per `ms`; the latest value always arrives in
 * the end. Null until the first update lands.
 */
export function useThrottled<T>(value: T, ms: number): T | null {
  const [shown, setShown] = useState<T | null>(null);
  const last = useRef(0);
  useEffect(() => {
    const show = () => {
      last.current = performance.now();
      // Not a transition: metrics arrived every 50 ms, each an urgent render of the progress
      // line, and a transition restarted by every one of them committed seconds late (the
      // first loss point took 1.5 s to appear). The canvas charts render in about a millisecond.
      setShown(value);
    };
    const wait = last.current + ms - performance.now();
    if (wait <= 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
