import { listenToTabs, tellTabs, type TabMessage } from './tabChannel';

const lockName = (notebookId: string) => `layerbook-notebook-${notebookId}`;

/** How long a tab asking to take over waits for the holder to hand over before stealing. */
const HANDOVER_TIMEOUT_MS = 3000;
/** How long a holder that offered the lock keeps it, read-only, for the asker to take it. */
const OFFER_TIMEOUT_MS = 5000;

export interface WriteLockHandlers {
  /** This tab may now write; called again each time it regains the lock. */
  onAcquired(): void;
  /** Another tab writes; this one is read-only until onAcquired. */
  onLost(): void;
  /**
   * Called before handing the lock to a tab that asked for it: stop editing and
   * finish saving here. Resolves false if the save failed; the lock is then kept.
   */
  beforeHandOver(): Promise<boolean>;
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
 * the holder's tab closes. Take over is a handshake: the asker broadcasts a
 * request, the holder stops editing and saves, then offers the lock to that
 * asker by name, who steals it at once; so the lock never passes through a
 * third tab waiting in the queue.
 */
export function holdWriteLock(notebookId: string, handlers: WriteLockHandlers): WriteLock {
  const name = lockName(notebookId);
  const tabId = Math.random().toString(36).slice(2);
  let offerTimer: ReturnType<typeof setTimeout> | undefined;
  let release: (() => void) | null = null;
  let waiting: AbortController | null = null;
  let disposed = false;
  let stealTimer: ReturnType<typeof setTimeout> | undefined;

  const afterRequest = (hadLock: boolean, err?: unknown) => {
    if (hadLock) release = null;
    clearTimeout(offerTimer);
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

  // A function, so TypeScript does not keep a narrowing of `release` across awaits.
  const holding = () => release !== null;

  const steal = () => {
    clearTimeout(stealTimer);
    if (release || disposed) return;
    waiting?.abort();
    waiting = null;
    request({ steal: true });
  };

  const onTabMessage = async (msg: TabMessage) => {
    if (msg.notebookId !== notebookId) return;
    if (msg.type === 'handing-over' && msg.to === tabId) return steal();
    if (msg.type !== 'release-request' || !release) return;
    if (!(await handlers.beforeHandOver())) {
      // Unsaved work would be lost: keep writing here; the asker's fallback may still steal.
      if (holding()) handlers.onAcquired();
      return;
    }
    tellTabs({ type: 'handing-over', notebookId, to: msg.from });
    clearTimeout(offerTimer);
    // If the asker never comes (its tab closed), go back to writing here.
    offerTimer = setTimeout(() => holding() && handlers.onAcquired(), OFFER_TIMEOUT_MS);
  };
  // If beforeHandOver rejects, nothing is handed over; the error is logged as afterRequest logs a failed request.
  const closeChannel = listenToTabs((msg) => {
    onTabMessage(msg).catch((e) => console.error(e));
  });

  return {
    takeOver() {
      if (release || disposed) return;
      tellTabs({ type: 'release-request', notebookId, from: tabId });
      clearTimeout(stealTimer);
      // A holder that does not answer (frozen, or saving for long) loses the lock anyway; the rev check protects its data.
      stealTimer = setTimeout(steal, HANDOVER_TIMEOUT_MS);
    },
    dispose() {
      disposed = true;
      clearTimeout(stealTimer);
      clearTimeout(offerTimer);
      closeChannel();
      waiting?.abort();
      release?.();
    },
  };
}

/** The notebook is open for editing in another tab, so it cannot be changed from here. */
class NotebookBusyError extends Error {
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
