import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Runs `draw` in the next animation frame after `data` changes, after the element's width
 * changes, and after the theme changes: at most once a frame however often `data` changes
 * (a live plot's output changes up to once a frame, a hover re-renders without new data).
 * The frame's callback runs before its paint, so a new plot appears in the frame that mounts it.
 * Returns the scheduler, for a draw that needs one more frame.
 */
export function useFrameDraw(target: RefObject<HTMLElement | null>, draw: () => void, data: unknown): () => void {
  const latest = useRef(draw);
  latest.current = draw;
  const frame = useRef(0);
  const schedule = useRef(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      latest.current();
    });
  });

  useLayoutEffect(() => {
    schedule.current();
  }, [data]);

  useEffect(() => {
    const element = target.current;
    const redraw = schedule.current;
    let width = element?.clientWidth ?? 0;
    const resized = new ResizeObserver(() => {
      if (!element || element.clientWidth === width) return;
      width = element.clientWidth;
      redraw();
    });
    if (element) resized.observe(element);
    // The axes and labels take their colours from the theme's variables.
    const themed = new MutationObserver(redraw);
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resized.disconnect();
      themed.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [target]);
  // A draw that spreads its work over frames asks for the next one.
  return schedule.current;
}

/** The theme's colours for axes and labels, read from the element's CSS variables. */
export function chartTheme(element: Element): { text: string; grid: string } {
  const style = getComputedStyle(element);
  return { text: style.getPropertyValue('--muted') || '#666', grid: style.getPropertyValue('--border') || '#ddd' };
}
