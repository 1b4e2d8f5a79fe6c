import type { DisplayUpdate } from '../../../src/protocol/display';

// How live outputs (a plot's handle, a progress bar) reach the page. A loop may call a handle
// 100,000 times a second; the page wants one redraw a frame. Calls are buffered and sent at most
// every UPDATE_INTERVAL_MS, decided by the clock at each call and not by a timer: a loop that
// never awaits never lets a timer fire, and would show nothing until it ended.

/** Updates are sent at most this often (the rate metrics from fit go at). */
const UPDATE_INTERVAL_MS = 50;

/** Thrown by a handle once Stop was pressed, so a learner's own loop ends as fit does. */
class StoppedError extends Error {
  constructor(step: number) {
    super(`Stopped at step ${step}: Stop was pressed.`);
    this.name = 'StoppedError';
  }
}

/** A live output's buffered updates, as its handle keeps them. */
interface LiveBuffer {
  /** Takes what is waiting to be sent, oldest first, leaving the buffer empty. */
  take(): DisplayUpdate[];
}

export interface LiveChannelOptions {
  send(runId: string, id: string, update: DisplayUpdate): void;
  /** Whether Stop was pressed for the run going now. */
  stopRequested(): boolean;
  /** Whether a run is going: after its run, a handle (in a timer, a later callback) sends at the end of its task. */
  running(): boolean;
  now?(): number;
}

export interface LiveChannel {
  /** A handle's call buffered something: sends everything buffered if the last send was long enough ago. */
  changed(runId: string, id: string, buffer: LiveBuffer): void;
  /** Sends everything buffered now: at a run's end (before 'done'), at Stop, at a progress bar's last step. */
  flush(): void;
  /** Throws StoppedError (after sending what was buffered) if Stop was pressed. */
  checkStop(step: number): void;
  /** Marks a value as a handle, so a cell ending in `display.plot(…)` shows the plot and not the handle. */
  register(handle: object): void;
  isHandle(value: unknown): boolean;
  /** The clock throttling uses, in ms; progress bars measure their rate with it. */
  now(): number;
}

/** One per kernel: every run's handles share its clock, so a loop with a plot and a progress bar sends both together. */
export function createLiveChannel(opts: LiveChannelOptions): LiveChannel {
  const now = opts.now ?? (() => performance.now());
  const waiting = new Map<string, { runId: string; buffer: LiveBuffer }>();
  const handles = new WeakSet<object>();
  let lastSent = -Infinity;
  let flushQueued = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastSent = now();
    for (const [id, { runId, buffer }] of waiting) for (const update of buffer.take()) opts.send(runId, id, update);
    waiting.clear();
  };

  return {
    changed(runId, id, buffer) {
      waiting.set(id, { runId, buffer });
      const wait = UPDATE_INTERVAL_MS - (now() - lastSent);
      if (wait <= 0) flush();
      else if (!opts.running() && !flushQueued) {
        // No run's end will come to send it: send when the task that called ends.
        flushQueued = true;
        queueMicrotask(() => {
          flushQueued = false;
          flush();
        });
      } else if (timer === null) {
        // A loop that next awaits something long (an epoch of fit) would otherwise hold this
        // update until its next call; a loop that never awaits is sent by the clock check above.
        timer = setTimeout(flush, wait);
      }
    },
    flush,
    checkStop(step) {
      if (!opts.stopRequested()) return;
      flush();
      throw new StoppedError(step);
    },
    register: (handle) => handles.add(handle),
    now,
    isHandle: (value) => typeof value === 'object' && value !== null && handles.has(value),
  };
}
