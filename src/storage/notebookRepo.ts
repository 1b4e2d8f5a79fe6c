import { exerciseCount } from '../doc/exerciseOps';
import { loadNotebookValue } from '../doc/load';
import type { NotebookDoc } from '../doc/types';
import { tutorialSlugOf } from '../doc/tutorialCopy';
import type { Database, NotebookRecord, NotebookSummary } from './db';

/** A save refused because another tab saved a newer version (or deleted the notebook) first. */
export class SaveConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaveConflictError';
  }
}

/** A stored notebook that no longer loads (damaged, or written by a newer app). */
export class StoredNotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredNotebookError';
  }
}

const summaryOf = (doc: NotebookDoc, updatedAt: number): NotebookSummary => {
  const slug = tutorialSlugOf(doc);
  const exercises = exerciseCount(doc);
  return { id: doc.id, title: doc.title, updatedAt, ...(slug ? { tutorial: slug } : {}), ...(exercises.total ? { exercises } : {}) };
};

/** Notebooks of this browser, most recently changed first. */
export async function listNotebooks(db: Database): Promise<NotebookSummary[]> {
  const all = await db.getAllFromIndex('summaries', 'updatedAt');
  return all.reverse();
}

/** Reads a notebook through the one load path; null if there is none with that id. */
export async function readNotebook(db: Database, id: string): Promise<NotebookRecord | null> {
  const record = await db.get('notebooks', id);
  if (!record) return null;
  const loaded = loadNotebookValue(record.doc);
  if (!loaded.ok) throw new StoredNotebookError(loaded.error.message);
  return { ...record, doc: loaded.doc };
}

/** Stores a new notebook at rev 1; fails if the id is taken, so nothing stored is ever replaced. */
export async function createNotebookRecord(
  db: Database,
  doc: NotebookDoc,
  trusted: boolean,
  now = Date.now(),
  origin?: string,
): Promise<NotebookRecord> {
  const record: NotebookRecord = { id: doc.id, doc, rev: 1, updatedAt: now, trusted, ...(origin ? { origin } : {}) };
  const tx = db.transaction(['notebooks', 'summaries'], 'readwrite');
  await Promise.all([tx.objectStore('notebooks').add(record), tx.objectStore('summaries').put(summaryOf(doc, now)), tx.done]);
  return record;
}

/**
 * Saves `doc` if the stored rev is still `baseRev`, and returns the new rev.
 * The check and the write share one transaction, so no tab can overwrite a newer save.
 */
export async function saveNotebook(db: Database, doc: NotebookDoc, baseRev: number, now = Date.now()): Promise<number> {
  const tx = db.transaction(['notebooks', 'summaries'], 'readwrite');
  const notebooks = tx.objectStore('notebooks');
  try {
    const current = await notebooks.get(doc.id);
    if (!current) throw new SaveConflictError('This notebook was deleted in another tab.');
    if (current.rev !== baseRev) {
      throw new SaveConflictError('A newer version of this notebook was saved in another tab.');
    }
    const rev = baseRev + 1;
    await notebooks.put({ ...current, doc, rev, updatedAt: now });
    await tx.objectStore('summaries').put(summaryOf(doc, now));
    await tx.done;
    return rev;
  } catch (e) {
    if (e instanceof SaveConflictError) tx.abort();
    // Awaiting done after an abort rejects too; swallow that so the first cause is reported.
    await tx.done.catch(() => undefined);
    throw e;
  }
}

/** Marks a notebook as trusted (its code may run without asking). */
export async function setTrusted(db: Database, id: string, trusted: boolean): Promise<void> {
  const tx = db.transaction('notebooks', 'readwrite');
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, trusted });
  await tx.done;
}

/** Deletes a notebook and its summary. */
export async function deleteNotebookRecord(db: Database, id: string): Promise<void> {
  // Its saved models go with it.
  const tx = db.transaction(['notebooks', 'summaries', 'models'], 'readwrite');
  const models = await tx.objectStore('models').index('notebookId').getAllKeys(id);
  await Promise.all([
    tx.objectStore('notebooks').delete(id),
    tx.objectStore('summaries').delete(id),
    ...models.map((k) => tx.objectStore('models').delete(k)),
    tx.done,
  ]);
}
