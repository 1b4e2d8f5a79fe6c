import type { NotebookDoc } from './types';

/** The JSON text of an exported notebook, indented so it diffs well. */
export function serializeNotebook(doc: NotebookDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** `<title>.layerbook.json` (or another extension), with characters that file systems reject replaced. */
export function exportFileName(title: string, extension = '.layerbook.json'): string {
  const safe = title
    .trim()
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${safe || 'Untitled'}${extension}`;
}
