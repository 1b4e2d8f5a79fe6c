import { describe, expect, it } from 'vitest';
import {
  applySolutionGraph,
  exerciseCount,
  newExercise,
  progressText,
  setExercise,
  updateExerciseProgress,
  withoutProgress,
} from '../../src/doc/exerciseOps';
import { insertGraphCell } from '../../src/doc/graphOps';
import { loadNotebookValue } from '../../src/doc/load';
import { createNotebook } from '../../src/doc/ops';
import { decodeShareLink, encodeShareLink } from '../../src/doc/shareLink';
import type { Exercise, ModelGraph, NotebookDoc } from '../../src/doc/types';

const exercise: Exercise = {
  task: 'Make x equal 2',
  hints: ['Write const x = …', 'const x = 2;'],
  solution: 'const x = 2;',
  check: "check.value('x', 2);",
};

function notebookWithExercise(): NotebookDoc {
  return setExercise(createNotebook('n', 'T', 'c1'), 'c1', exercise);
}

describe('exercises are part of the document', () => {
  it('a code cell becomes an exercise and back; markdown cells cannot hold one', () => {
    const doc = notebookWithExercise();
    expect(doc.cells[0]).toMatchObject({ kind: 'code', exercise });
    const plain = setExercise(doc, 'c1', undefined);
    expect(plain.cells[0]).toEqual({ id: 'c1', kind: 'code', source: '' });
    const md = { ...doc, cells: [{ id: 'm', kind: 'markdown' as const, source: '' }] };
    expect(setExercise(md, 'm', exercise)).toBe(md);
  });

  it('a new exercise starts with a check that fails, and a graph cell’s names its model', () => {
    const doc = insertGraphCell(createNotebook('n', 'T', 'c1'), 'g', 'graph1', 'model1', 1);
    const cell = doc.cells[1];
    if (cell.kind !== 'graph') throw new Error('expected a graph cell');
    expect(newExercise(cell).check).toContain("check.model('model1'");
  });

  it('progress: solved counts as done; seeing the solution does not; a repeated update is no edit', () => {
    let doc = notebookWithExercise();
    expect(exerciseCount(doc)).toEqual({ done: 0, total: 1 });
    doc = updateExerciseProgress(doc, 'c1', { solutionSeen: true, hintsShown: 2 });
    expect(exerciseCount(doc)).toEqual({ done: 0, total: 1 });
    const solved = updateExerciseProgress(doc, 'c1', { solved: true });
    expect(exerciseCount(solved)).toEqual({ done: 1, total: 1 });
    expect(solved.cells[0]).toMatchObject({ exercise: { progress: { solved: true, solutionSeen: true, hintsShown: 2 } } });
    expect(updateExerciseProgress(solved, 'c1', { solved: true })).toBe(solved);
    expect(progressText(exerciseCount(solved))).toBe('1 of 1 exercises done');
  });

  it('progress survives a save and load; a share link carries the exercise but not the sender’s progress', () => {
    const solved = updateExerciseProgress(notebookWithExercise(), 'c1', { solved: true });
    const loaded = loadNotebookValue(JSON.parse(JSON.stringify(solved)));
    expect(loaded.ok && exerciseCount(loaded.doc)).toEqual({ done: 1, total: 1 });
    const opened = decodeShareLink(encodeShareLink(solved));
    if (!opened.ok) throw opened.error;
    expect(opened.doc.cells[0]).toMatchObject({ exercise: { ...exercise } });
    expect(exerciseCount(opened.doc)).toEqual({ done: 0, total: 1 });
    expect(withoutProgress(notebookWithExercise())).toEqual(notebookWithExercise());
  });

  it('a graph exercise’s solution graph and settings can be put in the cell', () => {
    const solutionGraph: ModelGraph = { nodes: [{ id: 'i', className: 'Input', config: { shape: [2] } }], edges: [], positions: {} };
    let doc = insertGraphCell(createNotebook('n', 'T', 'c1'), 'g', 'graph1', 'model1', 1);
    doc = setExercise(doc, 'g', { ...exercise, solutionGraph, solutionTraining: { epochs: 3 } });
    const applied = applySolutionGraph(doc, 'g');
    expect(applied.graphs.graph1).toEqual(solutionGraph);
    expect(applied.cells[1]).toMatchObject({ training: { epochs: 3 } });
    expect(applySolutionGraph(applied, 'c1')).toBe(applied);
  });
});
