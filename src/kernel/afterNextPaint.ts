/**
 * Calls `then` once the page has drawn its next frame, or after `fallbackMs` if no frame
 * comes (a hidden tab draws none; Node has no frames at all). A hidden tab also slows its
 * timers to about one a second, so a run pressed just before leaving the tab may start up to
 * a second late; only a run that was not queued behind another waits here.
 *
 * Why: on a machine with few cores the kernel's first moments of a run (building the model,
 * compiling, uploading data) compete with the page for the CPU. A page that re-renders at that
 * moment (the cell's old output cleared, the run's state shown) drew frames 50 ms apart while
 * the MNIST CNN started. Started after the page has drawn, the kernel finds the page idle.
 *
 * Order of events: the store update that announced the run is rendered by React in a task
 * before the next frame; the animation callback below runs in that frame, before its paint;
 * the timeout it sets runs after the paint.
 */
export function afterNextPaint(then: () => void, fallbackMs = 100): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(once, fallbackMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
}
