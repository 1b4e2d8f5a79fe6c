import { listenToTabs, tellTabs } from './tabChannel';

const lockName = (notebookId: string) => `layerbook-notebook-${notebookId}`;

/** How long a tab asking to take over waits for the holder to hand over before stealing. */
const HANDOVER_TIMEOUT_MS = 3000;

export interface WriteLockHandlers {
  /** This tab may now write; called again each time it regains the lock. */
  onAcquired(): void;
  /** Another tab writes; this one is read-only until onAcquired. */
  onLost(): void;
  /** Called before handing the lock to a tab that asked for it: finish saving here. */
  beforeHandOver(): Promise<void>;
}

export interface WriteLock {
  /** Asks the holding tab to hand over, and steals the lock if it does not in time. */
  takeOver(): void;
  /** Gives the lock up and stops waiting for it. */
  dispose(): void;
}

/**
 * One writer per notebook across tabs, with Web Locks: the holder edits; the
 * others wait in the lock's queue as read-only viewers and get the lock when
 * the holder's tab closes or hands over.
 */
export function holdWriteLock(notebookId: string, handlers: WriteLockHandlers): WriteLock {
  const name = lockName(notebookId);
  let release: (() => void) | null = null;
  let waiting: AbortController | null = null;
  let disposed = false;
  let stealTimer: ReturnType<typeof setTimeout> | undefined;

  const afterRequest = (hadLock: boolean, err?: unknown) => {
    if (hadLock) release = null;
    if (disposed) return;
    // An AbortError here means another tab stole the lock: that is expected.
    if (err !== undefined && (err as Error)?.name !== 'AbortError') console.error(err);
    handlers.onLost();
    request({});
  };

  function request(options: { ifAvailable?: true; steal?: true }) {
    let ctl: AbortController | null = null;
    const opts: LockOptions = { ...options };
    // The platform refuses a signal together with ifAvailable or steal.
    if (!options.ifAvailable && !options.steal) {
      ctl = new AbortController();
      opts.signal = ctl.signal;
      waiting = ctl;
    }
    navigator.locks
      .request(name, opts, (lock) => {
        if (!lock) return 'unavailable';
        if (waiting === ctl) waiting = null;
        clearTimeout(stealTimer);
        return new Promise<string>((resolve) => {
          release = () => resolve('released');
          handlers.onAcquired();
        });
      })
      .then(
        (outcome) => afterRequest(outcome === 'released'),
        (err) => {
          if (!ctl?.signal.aborted) afterRequest(true, err);
        },
      );
  }

  // Try without waiting first, so a tab that cannot write says so at once.
  request({ ifAvailable: true });

  const closeChannel = listenToTabs(async (msg) => {
    if (msg.type !== 'release-request' || msg.notebookId !== notebookId || !release) return;
    await handlers.beforeHandOver();
    release?.();
  });

  return {
    takeOver() {
      if (release || disposed) return;
      tellTabs({ type: 'release-request', notebookId });
      clearTimeout(stealTimer);
      stealTimer = setTimeout(() => {
        if (release || disposed) return;
        waiting?.abort();
        waiting = null;
        request({ steal: true });
      }, HANDOVER_TIMEOUT_MS);
    },
    dispose() {
      disposed = true;
      clearTimeout(stealTimer);
      closeChannel();
      waiting?.abort();
      release?.();
    },
  };
}

/** The notebook is open for editing in another tab, so it cannot be changed from here. */
export class NotebookBusyError extends Error {
  constructor() {
    super('This notebook is open in another tab. Close it there first.');
    this.name = 'NotebookBusyError';
  }
}

/** Runs `fn` holding the notebook's write lock, or throws NotebookBusyError if a tab holds it. */
export async function withWriteLockIfFree<T>(notebookId: string, fn: () => Promise<T>): Promise<T> {
  return navigator.locks.request(lockName(notebookId), { ifAvailable: true }, (lock) => {
    if (!lock) throw new NotebookBusyError();
    return fn();
  });
}
