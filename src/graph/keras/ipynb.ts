// Jupyter's notebook format (nbformat 4.5), as much of it as Layerbook writes and reads.

export interface IpynbCell {
  cell_type: 'markdown' | 'code' | 'raw';
  /** nbformat 4.5: 1–64 letters, digits, - and _. */
  id: string;
  metadata: Record<string, unknown>;
  /** Lines with their line breaks, as Jupyter writes them (a single string is also valid). */
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

export interface Ipynb {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

/** Text as Jupyter stores it: one string per line, each but the last ending in "\n". */
function sourceLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line)).filter((line) => line !== '');
}

/** A cell id nbformat accepts, from a wanted one (Layerbook's ids are already valid). */
function cellId(wanted: string): string {
  return wanted.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 64) || 'cell';
}

export const markdownCell = (id: string, text: string): IpynbCell => ({
  cell_type: 'markdown',
  id: cellId(id),
  metadata: {},
  source: sourceLines(text),
});

export const codeCell = (id: string, code: string): IpynbCell => ({
  cell_type: 'code',
  id: cellId(id),
  metadata: {},
  source: sourceLines(code),
  outputs: [],
  execution_count: null,
});

/** A fence longer than any run of backticks in `code`, so the code cannot close its block early. */
export function fenced(code: string, language: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}
