/** Updates gathered between frames, applied together. */
export interface FrameBatch {
  /** Queues an update; the batch runs in the next frame, in the order updates were added. */
  add(update: () => void): void;
  /** Runs what is queued now. */
  flush(): void;
  /** Drops what is queued and stops. */
  dispose(): void;
}

/**
 * Applies queued updates together once a frame, before its paint, or after `fallbackMs` when no
 * frame comes (a hidden tab draws none; Node has no frames). Why: the kernel's messages come in
 * bursts (a run's start, its first batch, its prints), and each one applied in its own task was
 * a React render, and often a style and layout, of its own: at the start of a Train they ran
 * back to back for 150 ms on this machine's page. Applied per frame, the page renders once.
 */
export function createFrameBatch(fallbackMs = 100): FrameBatch {
  let queue: Array<() => void> = [];
  let scheduled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  /** Calls off the scheduled run, frame and fallback alike. */
  const cancel = () => {
    scheduled = false;
    clearTimeout(timer);
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
  };
  const flush = () => {
    cancel();
    const updates = queue;
    queue = [];
    // One failing update must not hold back the ones after it; its error is still reported.
    for (const update of updates) {
      try {
        update();
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  };
  return {
    add(update) {
      queue.push(update);
      if (scheduled) return;
      scheduled = true;
      timer = setTimeout(flush, fallbackMs);
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
    },
    flush,
    dispose() {
      queue = [];
      cancel();
    },
  };
}
