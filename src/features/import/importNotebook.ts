import { newId } from '../../doc/ids';
import { checkFileSize, LoadError, loadNotebookValue, parseUntrustedJson, type LoadResult } from '../../doc/load';
import { ipynbToDoc, IpynbError, isIpynb } from '../../graph/keras/fromIpynb';
import type { Database } from '../../storage/db';
import { createNotebookRecord } from '../../storage/notebookRepo';

export type ImportResult = { ok: true; id: string } | { ok: false; message: string };

/** A file's text as a notebook: Layerbook's own, or a Jupyter notebook converted, both through the one load path. */
export function notebookFromText(text: string, fileName: string): LoadResult {
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok) return parsed;
  let value = parsed.value;
  if (isIpynb(value)) {
    try {
      value = ipynbToDoc(value, fileName, newId).doc;
    } catch (e) {
      if (!(e instanceof IpynbError)) throw e;
      return { ok: false, error: new LoadError('not-notebook', e.message) };
    }
  }
  return loadNotebookValue(value);
}

/**
 * Imports a notebook file (Layerbook's .layerbook.json or Jupyter's .ipynb) as a new, untrusted notebook. It always gets a new
 * id, so an import can never replace anything already stored.
 */
export async function importNotebookFile(db: Database, file: File): Promise<ImportResult> {
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { ok: false, message: tooBig.message };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, message: `The file could not be read: ${(e as Error).message}` };
  }
  const loaded = notebookFromText(text, file.name);
  if (!loaded.ok) return { ok: false, message: loaded.error.message };
  const doc = { ...loaded.doc, id: newId() };
  try {
    await createNotebookRecord(db, doc, false, Date.now(), `the file “${file.name}”`);
  } catch (e) {
    return { ok: false, message: `The notebook could not be stored in this browser: ${(e as Error).message}` };
  }
  return { ok: true, id: doc.id };
}
