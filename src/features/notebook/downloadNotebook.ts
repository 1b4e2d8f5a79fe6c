import { exportFileName, serializeNotebook } from '../../doc/exportFile';
import type { NotebookDoc } from '../../doc/types';

/** Downloads the notebook as `<title>.layerbook.json`. */
export function downloadNotebook(doc: NotebookDoc): void {
  downloadText(exportFileName(doc.title), serializeNotebook(doc), 'application/json');
}

/** Saves `text` as a download named `name`, as the browser's own download does. */
export function downloadText(name: string, text: string, type: string): void {
  downloadBytes(name, text, type);
}

/** Saves bytes (or text) as a download named `name`. */
export function downloadBytes(name: string, data: Uint8Array | string, type: string): void {
  // A copy into a plain ArrayBuffer: Blob takes no view of a shared one.
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
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
