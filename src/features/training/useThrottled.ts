import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once per `ms`; the latest value always arrives in
 * the end. Null until the first update lands. Every update, the first one
 * too, is a transition, so React renders it in slices between frames instead
 * of holding the main thread for a whole chart mount or redraw.
 */
export function useThrottled<T>(value: T, ms: number): T | null {
  const [shown, setShown] = useState<T | null>(null);
  const last = useRef(0);
  useEffect(() => {
    const show = () => {
      last.current = performance.now();
      startTransition(() => setShown(value));
    };
    const wait = last.current + ms - performance.now();
    if (wait <= 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
