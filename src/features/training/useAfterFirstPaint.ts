import { useCallback, useLayoutEffect, useRef } from 'react';
import { afterNextPaint } from '../../kernel/afterNextPaint';

/**
 * Holds back a component's first piece of work until the page has painted the frame it was asked
 * in. Returns `ready()`: false until then (its first call schedules `then`, once: later calls do
 * not put it off), true after. `then` runs once, in the task after that paint, in its latest form
 * and only while the component is mounted. The training view uses it so that a run's start, the
 * charts' mounting and their first draws fall in separate frames.
 */
export function useAfterFirstPaint(then: () => void): () => boolean {
  const latest = useRef(then);
  latest.current = then;
  const mounted = useRef(false);
  useLayoutEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const state = useRef<'none' | 'waiting' | 'done'>('none');
  return useCallback(() => {
    if (state.current === 'done') return true;
    if (state.current === 'none') {
      state.current = 'waiting';
      afterNextPaint(() => {
        state.current = 'done';
        if (mounted.current) latest.current();
      });
    }
    return false;
  }, []);
}
