import { exportFileName, serializeNotebook } from '../../doc/exportFile';
import type { NotebookDoc } from '../../doc/types';

/** Downloads the notebook as `<title>.layerbook.json`. */
export function downloadNotebook(doc: NotebookDoc): void {
  const blob = new Blob([serializeNotebook(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(doc.title);
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; revoking later frees the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
