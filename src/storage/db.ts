import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NotebookDoc } from '../doc/types';
import type { ModelFiles } from '../protocol/lab';

/** The app's IndexedDB database; cell code must never be able to open it (issue 3 tests this name). */
const DB_NAME = 'layerbook';
const DB_VERSION = 2;

export interface NotebookRecord {
  id: string;
  doc: NotebookDoc;
  /** Increases by one on every save: a save based on an older rev is refused. */
  rev: number;
  updatedAt: number;
  /** False for notebooks that came from a file or link, until the user trusts them. */
  trusted: boolean;
  /** Where an untrusted notebook came from, in words: 'the file “intro.layerbook.json”'. */
  origin?: string;
}

export interface NotebookSummary {
  id: string;
  title: string;
  updatedAt: number;
  /** The slug of the shipped tutorial this notebook is a copy of (metadata.tutorial.slug). */
  tutorial?: string;
  /** Exercises in it and how many are done (solved by a Check); absent when it has none. */
  exercises?: { done: number; total: number };
}

/** A trained model saved in the browser, beside its notebook: what tf.io's save handlers produce. */
export interface SavedModelRecord {
  /** `${notebookId}/${modelName}`: one saved model per graph cell name. */
  key: string;
  notebookId: string;
  name: string;
  files: ModelFiles;
  savedAt: number;
  /** What it was trained on and how well it did, in words. */
  note: string;
}

interface LayerbookDB extends DBSchema {
  notebooks: { key: string; value: NotebookRecord };
  // Kept beside the documents so the home page lists titles without loading every cell.
  summaries: { key: string; value: NotebookSummary; indexes: { updatedAt: number } };
  models: { key: string; value: SavedModelRecord; indexes: { notebookId: string } };
}

export type Database = IDBPDatabase<LayerbookDB>;

/** Opens (and on first use creates) the app's database. */
export function openDatabase(name = DB_NAME): Promise<Database> {
  return openDB<LayerbookDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('notebooks', { keyPath: 'id' });
        db.createObjectStore('summaries', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      }
      if (oldVersion < 2) db.createObjectStore('models', { keyPath: 'key' }).createIndex('notebookId', 'notebookId');
    },
    // A newer version opened in another tab: step aside, so its upgrade is not blocked by this one.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
