import type { ModelFiles } from '../protocol/lab';
import type { Database, SavedModelRecord } from './db';

// Trained models saved in the browser. The kernel has no storage (it runs on
// an opaque origin), so it hands the page the model's artifacts and the page
// keeps them here, beside the notebook they were trained in.

const keyOf = (notebookId: string, name: string) => `${notebookId}/${name}`;

export async function saveModel(
  db: Database,
  notebookId: string,
  name: string,
  files: ModelFiles,
  note: string,
): Promise<SavedModelRecord> {
  const record: SavedModelRecord = { key: keyOf(notebookId, name), notebookId, name, files, savedAt: Date.now(), note };
  await db.put('models', record);
  return record;
}

export function loadSavedModel(db: Database, notebookId: string, name: string): Promise<SavedModelRecord | undefined> {
  return db.get('models', keyOf(notebookId, name));
}
