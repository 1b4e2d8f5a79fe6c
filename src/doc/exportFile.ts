import type { NotebookDoc } from './types';

/** The JSON text of an exported notebook, indented so it diffs well. */
export function serializeNotebook(doc: NotebookDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** `<title>.layerbook.json`, with characters that file systems reject replaced. */
export function exportFileName(title: string): string {
  const safe = title
    .trim()
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${safe || 'Untitled'}.layerbook.json`;
}
