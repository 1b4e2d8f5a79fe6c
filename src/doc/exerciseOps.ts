import type { Cell, CodeCell, Exercise, ExerciseProgress, GraphCell, NotebookDoc } from './types';

// Exercises are part of the document (DESIGN.md): setting one, and a learner's progress on it,
// are edits like any other, so they are saved, undone, exported and shared the same way.

/** A cell that can hold an exercise: the place the learner answers. */
export type AnswerCell = CodeCell | GraphCell;

/** True for a cell that can be made an exercise (code or graph). */
export const canHoldExercise = (cell: Cell): cell is AnswerCell => cell.kind === 'code' || cell.kind === 'graph';

/** The exercise an author starts from: a check that fails until it is written, so none passes by accident. */
export function newExercise(cell: AnswerCell): Exercise {
  const name = cell.kind === 'graph' ? cell.name : 'answer';
  return {
    task: 'Describe what the learner should do here.',
    hints: [],
    solution: cell.kind === 'code' ? cell.source : 'Say how the graph should look.',
    check:
      cell.kind === 'graph'
        ? `check.model('${name}', { outputShape: [null, 10] });`
        : `// Write the check with the helpers: check.value, check.function, check.model, check.trained …\ncheck.value('${name}', 42);`,
  };
}

/** Sets (or with `undefined`, removes) a code or graph cell's exercise. */
export function setExercise(doc: NotebookDoc, cellId: string, exercise: Exercise | undefined): NotebookDoc {
  return updateAnswerCell(doc, cellId, (cell) => {
    if (cell.exercise === exercise) return cell;
    if (exercise) return { ...cell, exercise };
    const { exercise: _dropped, ...rest } = cell;
    return rest;
  });
}

/** Merges `patch` into an exercise's progress; the same doc back when nothing changes. */
export function updateExerciseProgress(doc: NotebookDoc, cellId: string, patch: ExerciseProgress): NotebookDoc {
  return updateAnswerCell(doc, cellId, (cell) => {
    const ex = cell.exercise;
    if (!ex) return cell;
    const progress = { ...ex.progress, ...patch };
    const same = Object.entries(patch).every(([k, v]) => ex.progress?.[k as keyof ExerciseProgress] === v);
    return same ? cell : { ...cell, exercise: { ...ex, progress } };
  });
}

/** Puts a graph exercise's solution (its graph and settings) in the cell, as the learner's answer. */
export function applySolutionGraph(doc: NotebookDoc, cellId: string): NotebookDoc {
  const cell = doc.cells.find((c) => c.id === cellId);
  if (cell?.kind !== 'graph' || !cell.exercise?.solutionGraph) return doc;
  const { solutionGraph, solutionTraining } = cell.exercise;
  const cells = doc.cells.map((c) => (c === cell ? { ...cell, ...(solutionTraining ? { training: solutionTraining } : {}) } : c));
  return { ...doc, cells, graphs: { ...doc.graphs, [cell.graphId]: solutionGraph } };
}

/** "n of m exercises done": done is solved by a Check (seeing the solution is not). */
export function exerciseCount(doc: Pick<NotebookDoc, 'cells'>): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const cell of doc.cells) {
    if (!canHoldExercise(cell) || !cell.exercise) continue;
    total += 1;
    if (cell.exercise.progress?.solved) done += 1;
  }
  return { done, total };
}

/** The words the notebook, its card and the gallery show. */
export const progressText = ({ done, total }: { done: number; total: number }) => `${done} of ${total} exercises done`;

/** The document without anyone's progress: what a share link or a fresh copy starts from. */
export function withoutProgress(doc: NotebookDoc): NotebookDoc {
  if (!doc.cells.some((c) => canHoldExercise(c) && c.exercise?.progress)) return doc;
  const cells = doc.cells.map((c) => {
    if (!canHoldExercise(c) || !c.exercise?.progress) return c;
    const { progress: _dropped, ...exercise } = c.exercise;
    return { ...c, exercise };
  });
  return { ...doc, cells };
}

function updateAnswerCell(doc: NotebookDoc, cellId: string, update: (cell: AnswerCell) => AnswerCell): NotebookDoc {
  let changed = false;
  const cells = doc.cells.map((c) => {
    if (c.id !== cellId || !canHoldExercise(c)) return c;
    const next = update(c);
    changed ||= next !== c;
    return next;
  });
  return changed ? { ...doc, cells } : doc;
}
