import { useEffect, useRef, useState } from 'react';
import { useAfterFirstPaint } from './useAfterFirstPaint';

/**
 * `value`, passed on at most once per `ms`; the latest value always arrives in
 * the end. Null until the first update lands, a frame after the first value.
 */
export function useThrottled<T>(value: T, ms: number): T | null {
  const [shown, setShown] = useState<T | null>(null);
  const last = useRef(0);
  const latest = useRef(value);
  latest.current = value;
  const show = () => {
    last.current = performance.now();
    // Not a transition: metrics arrived every 50 ms, each an urgent render of the progress
    // line, and a transition restarted by every one of them committed seconds late (the
    // first loss point took 1.5 s to appear). The canvas charts render in about a millisecond.
    setShown(latest.current);
  };
  // The first value waits for the frame that shows the run's start to be painted (and then shows
  // the latest): mounting the charts in that frame as well made it two or three frames long at the first batch.
  const firstShown = useAfterFirstPaint(show);
  useEffect(() => {
    if (!firstShown()) return;
    const wait = last.current + ms - performance.now();
    if (wait <= 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
    // firstShown is the same function for the component's life (useAfterFirstPaint's useCallback with no deps).
  }, [value, ms, firstShown]);
  return shown;
}
