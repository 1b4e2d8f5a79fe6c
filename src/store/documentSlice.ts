import type { StateCreator } from 'zustand';
import * as exerciseOps from '../doc/exerciseOps';
import * as graphOps from '../doc/graphOps';
import * as ops from '../doc/ops';
import { resetToOriginal } from '../doc/tutorialCopy';
import { newId } from '../doc/ids';
import { graphTemplate } from '../graph/templates';
import type { TrainingSettings } from '../doc/trainConfig';
import type { Exercise, ExerciseProgress, ModelGraph, NotebookDoc, TextCellKind } from '../doc/types';
import type { RuntimeSlice } from './runtimeSlice';
import type { SessionSlice } from './sessionSlice';

export interface DocumentSlice {
  doc: NotebookDoc;
  /** Bumped by every edit made in this tab; autosave watches it. */
  editCount: number;
  setTitle(title: string): void;
  /** Adds a text cell at `index` (default: below the selected cell), selects it and returns its id. */
  addCell(kind: TextCellKind, index?: number): string | null;
  deleteCell(cellId: string): void;
  moveCell(cellId: string, delta: number): void;
  setCellSource(cellId: string, source: string): void;
  setCellKind(cellId: string, kind: TextCellKind): void;
  /** Replaces the document with one loaded from storage; not an edit, so it is not saved back. */
  replaceDoc(doc: NotebookDoc): void;
  /** Puts a tutorial's copy back to the shipped tutorial: one edit, saved like any other. */
  resetToTutorial(original: NotebookDoc): void;
  /** Undo and redo stacks per graph: session state, never saved. */
  graphHistory: Record<string, { past: ModelGraph[]; future: ModelGraph[] }>;
  /** Adds a graph cell (below the selected cell by default), empty or with `graph`, and returns its id. */
  addGraphCell(index?: number, graph?: ModelGraph): string | null;
  /** Adds a graph cell holding an imported model and its settings (below the selected cell), and returns its id. */
  addImportedGraphCell(model: { graph: ModelGraph; training: TrainingSettings; name: string; python?: string }): string | null;
  setGraphCellName(cellId: string, name: string): void;
  setTrainConfig(cellId: string, patch: TrainingSettings): void;
  /** Fills an empty graph cell with a template's graph and training settings (one edit; Undo empties the graph again). */
  startFromTemplate(cellId: string, templateName: string): void;
  /** Applies one undoable edit to a graph. */
  editGraph(graphId: string, update: (graph: ModelGraph) => ModelGraph): void;
  undoGraph(graphId: string): void;
  redoGraph(graphId: string): void;
  /** Makes a code or graph cell an exercise, edits it, or (undefined) makes it a plain cell again. */
  setExercise(cellId: string, exercise: Exercise | undefined): void;
  /** Records a learner's progress (solved, solution seen, hints shown) in their copy. */
  updateExerciseProgress(cellId: string, patch: ExerciseProgress): void;
  /** Puts a graph exercise's solution graph and settings in the cell (undoable like a graph edit). */
  applySolutionGraph(cellId: string): void;
}

/** Undo steps kept per graph. */
const GRAPH_HISTORY_LIMIT = 100;

export const createDocumentSlice: StateCreator<DocumentSlice & SessionSlice & RuntimeSlice, [], [], DocumentSlice> = (set, get) => {
  // Edits apply only where this tab holds the write lock; a read-only tab keeps its view.
  const edit = (op: (doc: NotebookDoc) => NotebookDoc): boolean => {
    const { doc, access, editCount } = get();
    if (access !== 'write') return false;
    const next = op(doc);
    if (next === doc) return false;
    set({ doc: next, editCount: editCount + 1 });
    return true;
  };

  // Where a new cell goes, as in Jupyter: below the selected cell, or at the end.
  const belowSelected = (): number => {
    const { doc, selectedCellId } = get();
    const selected = doc.cells.findIndex((c) => c.id === selectedCellId);
    return selected >= 0 ? selected + 1 : doc.cells.length;
  };

  // An undoable graph edit was made: the graph before it becomes the last undo step, and redo is gone.
  const remember = (graphId: string, before: ModelGraph) => {
    const h = get().graphHistory[graphId] ?? { past: [], future: [] };
    set({ graphHistory: { ...get().graphHistory, [graphId]: { past: [...h.past, before].slice(-GRAPH_HISTORY_LIMIT), future: [] } } });
  };

  return {
    doc: undefined as unknown as NotebookDoc, // set by createNotebookStore
    editCount: 0,
    setTitle: (title) => void edit((d) => ops.setTitle(d, title)),
    addCell(kind, index) {
      const at = index ?? belowSelected();
      const id = newId();
      if (!edit((d) => ops.insertCell(d, ops.newTextCell(id, kind), at))) return null;
      set({ selectedCellId: id });
      return id;
    },
    deleteCell(cellId) {
      const { doc, selectedCellId } = get();
      const index = doc.cells.findIndex((c) => c.id === cellId);
      if (!edit((d) => ops.deleteCell(d, cellId))) return;
      if (selectedCellId === cellId) {
        // As in Jupyter, the selection moves to the cell that took its place, or the one above.
        const cells = get().doc.cells;
        set({ selectedCellId: cells[Math.min(index, cells.length - 1)]?.id ?? null, editingCellId: null });
      }
    },
    moveCell: (cellId, delta) => void edit((d) => ops.moveCell(d, cellId, delta)),
    setCellSource: (cellId, source) => void edit((d) => ops.setCellSource(d, cellId, source)),
    setCellKind: (cellId, kind) => void edit((d) => ops.setCellKind(d, cellId, kind)),
    replaceDoc(doc) {
      const { selectedCellId } = get();
      const stillThere = doc.cells.some((c) => c.id === selectedCellId);
      // Another tab's save replaces the graphs: this tab's undo steps no longer apply.
      set({ doc, selectedCellId: stillThere ? selectedCellId : (doc.cells[0]?.id ?? null), graphHistory: {} });
    },
    resetToTutorial(original) {
      if (!edit((d) => resetToOriginal(d, original))) return;
      // The graphs are the shipped ones again: undo steps of the learner's edits no longer apply.
      set({ selectedCellId: original.cells[0]?.id ?? null, editingCellId: null, graphHistory: {} });
    },
    graphHistory: {},
    addGraphCell(index, graph) {
      const at = index ?? belowSelected();
      const id = newId();
      if (!edit((d) => graphOps.insertGraphCell(d, id, newId(), graphOps.nextModelName(d), at, graph))) return null;
      set({ selectedCellId: id });
      return id;
    },
    addImportedGraphCell(model) {
      const at = belowSelected();
      const id = newId();
      if (!edit((d) => graphOps.insertImportedGraphCell(d, { cellId: id, graphId: newId() }, at, model))) return null;
      set({ selectedCellId: id });
      return id;
    },
    setGraphCellName: (cellId, name) => void edit((d) => graphOps.setGraphCellName(d, cellId, name)),
    setTrainConfig: (cellId, patch) => void edit((d) => graphOps.setTrainConfig(d, cellId, patch)),
    startFromTemplate(cellId, templateName) {
      const template = graphTemplate(templateName);
      const cell = get().doc.cells.find((c) => c.id === cellId);
      if (!template || cell?.kind !== 'graph') return;
      const before = get().doc.graphs[cell.graphId];
      // A copy: the document's graphs are its own, never shared with the catalogue.
      if (!before || !edit((d) => graphOps.fillGraphCell(d, cellId, structuredClone(template.graph), template.training))) return;
      remember(cell.graphId, before);
    },
    editGraph(graphId, update) {
      const before = get().doc.graphs[graphId];
      if (!before || !edit((d) => graphOps.setGraph(d, graphId, update(d.graphs[graphId])))) return;
      remember(graphId, before);
    },
    undoGraph(graphId) {
      const h = get().graphHistory[graphId];
      const current = get().doc.graphs[graphId];
      if (!h?.past.length || !current) return;
      const previous = h.past[h.past.length - 1];
      if (!edit((d) => graphOps.setGraph(d, graphId, previous))) return;
      set({ graphHistory: { ...get().graphHistory, [graphId]: { past: h.past.slice(0, -1), future: [current, ...h.future] } } });
    },
    redoGraph(graphId) {
      const h = get().graphHistory[graphId];
      const current = get().doc.graphs[graphId];
      if (!h?.future.length || !current) return;
      const [next, ...rest] = h.future;
      if (!edit((d) => graphOps.setGraph(d, graphId, next))) return;
      set({ graphHistory: { ...get().graphHistory, [graphId]: { past: [...h.past, current], future: rest } } });
    },
    setExercise: (cellId, exercise) => void edit((d) => exerciseOps.setExercise(d, cellId, exercise)),
    updateExerciseProgress: (cellId, patch) => void edit((d) => exerciseOps.updateExerciseProgress(d, cellId, patch)),
    applySolutionGraph(cellId) {
      const cell = get().doc.cells.find((c) => c.id === cellId);
      const before = cell?.kind === 'graph' ? get().doc.graphs[cell.graphId] : undefined;
      if (cell?.kind !== 'graph' || !before || !edit((d) => exerciseOps.applySolutionGraph(d, cellId))) return;
      remember(cell.graphId, before);
    },
  };
};
