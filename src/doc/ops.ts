import { FORMAT, FORMAT_VERSION, type Cell, type CodeCell, type MarkdownCell, type NotebookDoc, type TextCellKind } from './types';

// Every edit of the document is one of these pure functions (DESIGN.md rule 3).
// Each returns the same object when nothing changes, so callers can skip saves.

/** A new notebook holding one empty code cell, as Jupyter starts one. */
export function createNotebook(id: string, title: string, firstCellId: string): NotebookDoc {
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    id,
    title,
    cells: [{ id: firstCellId, kind: 'code', source: '' }],
    graphs: {},
    metadata: {},
  };
}

/** Sets the title; surrounding white space is kept while typing and trimmed on export. */
export function setTitle(doc: NotebookDoc, title: string): NotebookDoc {
  return doc.title === title ? doc : { ...doc, title };
}

/** A new empty text cell. */
export function newTextCell(id: string, kind: TextCellKind, source = ''): Cell {
  return { id, kind, source };
}

/** Inserts `cell` at `index` (clamped to the list). */
export function insertCell(doc: NotebookDoc, cell: Cell, index: number): NotebookDoc {
  const at = Math.max(0, Math.min(index, doc.cells.length));
  const cells = doc.cells.slice();
  cells.splice(at, 0, cell);
  return { ...doc, cells };
}

/** Removes the cell with `cellId`, and the graph it owned if it was a graph cell. */
export function deleteCell(doc: NotebookDoc, cellId: string): NotebookDoc {
  const cell = doc.cells.find((c) => c.id === cellId);
  if (!cell) return doc;
  const cells = doc.cells.filter((c) => c.id !== cellId);
  if (cell.kind !== 'graph') return { ...doc, cells };
  const { [cell.graphId]: _dropped, ...graphs } = doc.graphs;
  return { ...doc, cells, graphs };
}

/** Moves a cell by `delta` places (-1 up, +1 down); a move past either end does nothing. */
export function moveCell(doc: NotebookDoc, cellId: string, delta: number): NotebookDoc {
  const from = doc.cells.findIndex((c) => c.id === cellId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= doc.cells.length || delta === 0) return doc;
  const cells = doc.cells.slice();
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell);
  return { ...doc, cells };
}

/** Replaces the source text of a markdown or code cell. */
export function setCellSource(doc: NotebookDoc, cellId: string, source: string): NotebookDoc {
  return updateTextCell(doc, cellId, (c) => (c.source === source ? c : { ...c, source }));
}

/** Turns a markdown cell into a code cell or back, keeping its text (Jupyter's m / y). */
export function setCellKind(doc: NotebookDoc, cellId: string, kind: TextCellKind): NotebookDoc {
  return updateTextCell(doc, cellId, (c) => (c.kind === kind ? c : { ...c, kind }));
}

// Applies `update` to one markdown or code cell; the same doc back when it changed nothing.
function updateTextCell(doc: NotebookDoc, cellId: string, update: (cell: MarkdownCell | CodeCell) => MarkdownCell | CodeCell): NotebookDoc {
  let changed = false;
  const cells = doc.cells.map((c) => {
    if (c.id !== cellId || c.kind === 'graph') return c;
    const next = update(c);
    changed ||= next !== c;
    return next;
  });
  return changed ? { ...doc, cells } : doc;
}

/** A copy under a new id and title, with fresh cell ids so the two never share identity. */
export function duplicateNotebook(doc: NotebookDoc, id: string, title: string, nextCellId: () => string): NotebookDoc {
  return { ...doc, id, title, cells: doc.cells.map((c) => ({ ...c, id: nextCellId() })) };
}
