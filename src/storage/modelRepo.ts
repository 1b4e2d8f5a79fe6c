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

/**
 * A backbone's weights are kept with the notebook whose graph uses it, under a name no graph cell can
 * have (cells' names are Python names): a copy, so re-saving the model it came from leaves them be.
 */
const BACKBONE = 'backbone:';

/** Every model saved with Save model in this browser, newest first: any may become a backbone. */
export async function listSavedModels(db: Database): Promise<SavedModelRecord[]> {
  const all = await db.getAll('models');
  return all.filter((r) => !r.name.startsWith(BACKBONE)).sort((a, b) => b.savedAt - a.savedAt);
}

/**
 * Keeps a backbone's model and weights beside the notebook that uses it; returns its storage key,
 * unique (`id`), so another model of the same name kept later does not replace these weights.
 */
export async function keepBackbone(db: Database, notebookId: string, name: string, id: string, files: ModelFiles): Promise<string> {
  const record = await saveModel(db, notebookId, `${BACKBONE}${name}-${id}`, files, `the weights of the backbone ${name}`);
  return record.key;
}

/** A kept backbone's model and weights, by its storage key. */
export const loadBackbone = (db: Database, key: string): Promise<SavedModelRecord | undefined> => db.get('models', key);
