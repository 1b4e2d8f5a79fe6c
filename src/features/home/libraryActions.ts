import { newId } from '../../doc/ids';
import { createNotebook, duplicateNotebook } from '../../doc/ops';
import type { Database } from '../../storage/db';
import { createNotebookRecord, deleteNotebookRecord, readNotebook, saveNotebook } from '../../storage/notebookRepo';
import { tellTabs } from '../../storage/tabChannel';
import { withWriteLockIfFree } from '../../storage/writeLock';

/** Creates an empty, trusted notebook and returns its id. */
export async function createNewNotebook(db: Database, title = 'Untitled notebook'): Promise<string> {
  const doc = createNotebook(newId(), title, newId());
  await createNotebookRecord(db, doc, true);
  return doc.id;
}

/** Renames a notebook from the library; refused while a tab has it open for editing. */
export async function renameNotebook(db: Database, id: string, title: string): Promise<void> {
  await withWriteLockIfFree(id, async () => {
    const record = await readNotebook(db, id);
    if (!record) return;
    const rev = await saveNotebook(db, { ...record.doc, title }, record.rev);
    tellTabs({ type: 'saved', notebookId: id, rev });
  });
}

/** Copies a notebook under a new id; the copy keeps the original's trust. */
export async function duplicateStoredNotebook(db: Database, id: string): Promise<string | null> {
  const record = await readNotebook(db, id);
  if (!record) return null;
  const copy = duplicateNotebook(record.doc, newId(), `Copy of ${record.doc.title}`, () => newId());
  await createNotebookRecord(db, copy, record.trusted, Date.now(), record.origin);
  return copy.id;
}

/** Deletes a notebook; refused while a tab has it open for editing. */
export async function deleteStoredNotebook(db: Database, id: string): Promise<void> {
  await withWriteLockIfFree(id, async () => {
    await deleteNotebookRecord(db, id);
    tellTabs({ type: 'deleted', notebookId: id });
  });
}
