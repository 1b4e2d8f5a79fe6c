import { exportFileName, serializeNotebook } from '../../doc/exportFile';
import type { NotebookDoc } from '../../doc/types';

/** Downloads the notebook as `<title>.layerbook.json`. */
export function downloadNotebook(doc: NotebookDoc): void {
  downloadText(exportFileName(doc.title), serializeNotebook(doc), 'application/json');
}

/** Saves `text` as a download named `name`, as the browser's own download does. */
export function downloadText(name: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; revoking later frees the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
