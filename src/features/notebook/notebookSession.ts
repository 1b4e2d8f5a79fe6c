import type { Database } from '../../storage/db';
import { readNotebook, saveNotebook, SaveConflictError } from '../../storage/notebookRepo';
import { listenToTabs, tellTabs } from '../../storage/tabChannel';
import { holdWriteLock } from '../../storage/writeLock';
import type { NotebookStore } from '../../store/notebookStore';
import { describeStorageError } from './storageErrors';

/** Autosave runs at most this long after an edit, however many follow it. */
const AUTOSAVE_DELAY_MS = 1000;

export interface NotebookSession {
  /** Saves now whatever is unsaved; resolves when the save has ended. */
  flush(): Promise<void>;
  /** Asks the tab that writes this notebook to hand over. */
  takeOver(): void;
  dispose(): void;
}

/**
 * Connects an open notebook's store to storage: the cross-tab write lock,
 * debounced autosave, saves on pagehide, and refreshes of read-only tabs.
 */
export function startNotebookSession(store: NotebookStore, db: Database): NotebookSession {
  const notebookId = store.getState().doc.id;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let savedEditCount = store.getState().editCount;
  let chain: Promise<void> = Promise.resolve();
  let askedToPersist = false;
  let disposed = false;

  // True while this tab holds the write lock, including during a handover, when
  // the store is already read-only but the last edits still need saving.
  let holdsLock = false;

  const saveOnce = async () => {
    const state = store.getState();
    if (!holdsLock || state.editCount === savedEditCount) return;
    const { doc, editCount, baseRev } = state;
    state.setSaveStatus({ state: 'saving' });
    try {
      const rev = await saveNotebook(db, doc, baseRev);
      savedEditCount = editCount;
      store.getState().setBaseRev(rev);
      const dirty = store.getState().editCount !== savedEditCount;
      store.getState().setSaveStatus({ state: dirty ? 'unsaved' : 'saved' });
      if (dirty) schedule();
      tellTabs({ type: 'saved', notebookId, rev });
      if (!askedToPersist) {
        askedToPersist = true;
        // Without this, the browser may evict a learner's notebooks when space runs low.
        void navigator.storage?.persist?.().catch(() => undefined);
      }
    } catch (e) {
      // Never swallowed: the banner stays until a later save succeeds.
      console.error('Layerbook: save failed', e);
      const message = describeStorageError(e);
      store.getState().setSaveStatus(e instanceof SaveConflictError ? { state: 'conflict', message } : { state: 'failed', message });
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(saveOnce);
    return chain;
  };

  // A save at most AUTOSAVE_DELAY_MS after the first unsaved edit, not after the last:
  // a learner who never pauses (dragging layers, typing) must still be saved every second.
  function schedule() {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, AUTOSAVE_DELAY_MS);
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.editCount === prev.editCount) return;
    if (s.save.state === 'saved') s.setSaveStatus({ state: 'unsaved' });
    schedule();
  });

  const reloadFromStorage = async () => {
    const record = await readNotebook(db, notebookId);
    const s = store.getState();
    // Reads can finish out of order: never step back to an older save, nor
    // replace this tab's unsaved edits with the save they were made on.
    const unsaved = s.editCount !== savedEditCount;
    if (!record || disposed || record.rev < s.baseRev || (record.rev === s.baseRev && unsaved)) return;
    s.replaceDoc(record.doc);
    s.setBaseRev(record.rev);
    savedEditCount = s.editCount;
  };

  // Bumped whenever the lock is gained or lost, so a slow reload cannot grant writing after a loss.
  let lockGeneration = 0;
  const onLockAcquired = async () => {
    holdsLock = true;
    const generation = ++lockGeneration;
    // Another tab may have saved while this one waited: start from the newest save.
    try {
      await reloadFromStorage();
      if (!disposed && generation === lockGeneration) store.getState().setAccess('write');
    } catch (e) {
      store.getState().setSaveStatus({ state: 'failed', message: describeStorageError(e) });
    }
  };
  const lock = holdWriteLock(notebookId, {
    onAcquired() {
      // onLockAcquired reports its own failures in the save status.
      void onLockAcquired();
    },
    onLost() {
      holdsLock = false;
      lockGeneration++;
      clearTimeout(timer);
      timer = undefined;
      store.getState().setAccess('read');
      // Saves made while this tab was opening or writing were not announced to it as a reader.
      void reloadFromStorage().catch((e) => console.error(e));
    },
    async beforeHandOver() {
      // Stop edits first, so nothing typed during the last save is left behind.
      lockGeneration++;
      store.getState().setAccess('read');
      await flush();
      const s = store.getState();
      return s.editCount === savedEditCount && s.save.state !== 'failed' && s.save.state !== 'conflict';
    },
  });

  const closeTabs = listenToTabs((msg) => {
    if (msg.type === 'saved' && msg.notebookId === notebookId && store.getState().access === 'read') {
      void reloadFromStorage().catch((e) => console.error(e));
    }
  });

  // Unload handlers may never finish, so the save starts as soon as the page may go away.
  const onHide = () => void flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void flush();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onVisibility);

  return {
    flush,
    takeOver: () => lock.takeOver(),
    dispose() {
      void flush();
      disposed = true;
      unsubscribe();
      closeTabs();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      // Let the last save finish before another tab can take the lock.
      void chain.finally(() => lock.dispose());
    },
  };
}
