import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/doc/ids';
import { createNotebook, setTitle } from '../../src/doc/ops';
import { openDatabase } from '../../src/storage/db';
import {
  createNotebookRecord,
  deleteNotebookRecord,
  listNotebooks,
  readNotebook,
  saveNotebook,
  SaveConflictError,
  StoredNotebookError,
} from '../../src/storage/notebookRepo';

// Each test opens its own database, so they share nothing.
const freshDb = () => openDatabase(`test-${newId()}`);

describe('notebook storage', () => {
  it('creates, reads and lists notebooks, newest change first', async () => {
    const db = await freshDb();
    await createNotebookRecord(db, createNotebook('a', 'First', 'c'), true, 1000);
    await createNotebookRecord(db, createNotebook('b', 'Second', 'c'), false, 2000);
    expect((await listNotebooks(db)).map((s) => s.title)).toEqual(['Second', 'First']);
    const b = await readNotebook(db, 'b');
    expect(b).toMatchObject({ rev: 1, trusted: false, doc: { title: 'Second' } });
    expect(await readNotebook(db, 'missing')).toBeNull();
  });

  it('never replaces a stored notebook when creating one with the same id', async () => {
    const db = await freshDb();
    await createNotebookRecord(db, createNotebook('a', 'Original', 'c'), true);
    await expect(createNotebookRecord(db, createNotebook('a', 'Impostor', 'c'), true)).rejects.toThrow();
    expect((await readNotebook(db, 'a'))?.doc.title).toBe('Original');
  });

  it('saves with increasing revs and keeps the summary in step', async () => {
    const db = await freshDb();
    const doc = createNotebook('a', 'v1', 'c');
    await createNotebookRecord(db, doc, true, 1000);
    const rev2 = await saveNotebook(db, setTitle(doc, 'v2'), 1, 2000);
    const rev3 = await saveNotebook(db, setTitle(doc, 'v3'), rev2, 3000);
    expect([rev2, rev3]).toEqual([2, 3]);
    expect(await listNotebooks(db)).toEqual([{ id: 'a', title: 'v3', updatedAt: 3000 }]);
  });

  it('refuses a save based on an older rev, so no tab overwrites a newer save', async () => {
    const db = await freshDb();
    const doc = createNotebook('a', 'base', 'c');
    await createNotebookRecord(db, doc, true);
    await saveNotebook(db, setTitle(doc, 'tab A'), 1);
    await expect(saveNotebook(db, setTitle(doc, 'tab B, stale'), 1)).rejects.toBeInstanceOf(SaveConflictError);
    expect((await readNotebook(db, 'a'))?.doc.title).toBe('tab A');
    expect((await listNotebooks(db))[0].title).toBe('tab A');
  });

  it('refuses to save a notebook deleted meanwhile', async () => {
    const db = await freshDb();
    const doc = createNotebook('a', 'x', 'c');
    await createNotebookRecord(db, doc, true);
    await deleteNotebookRecord(db, 'a');
    await expect(saveNotebook(db, doc, 1)).rejects.toThrow(/deleted in another tab/);
    expect(await listNotebooks(db)).toEqual([]);
  });

  it('reads stored documents through the validating load path', async () => {
    const db = await freshDb();
    const doc = createNotebook('a', 'x', 'c');
    await createNotebookRecord(db, doc, true);
    // Damage the stored copy behind the repository's back, as a bug or an old app might.
    await db.put('notebooks', { id: 'a', doc: { ...doc, cells: [{ id: 1 }] } as never, rev: 2, updatedAt: 0, trusted: true });
    await expect(readNotebook(db, 'a')).rejects.toBeInstanceOf(StoredNotebookError);
  });
});
