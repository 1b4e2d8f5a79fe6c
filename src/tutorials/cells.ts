import type { TrainingSettings } from '../doc/trainConfig';
import { FORMAT, FORMAT_VERSION, type Cell, type Exercise, type ModelGraph, type NotebookDoc } from '../doc/types';
import type { TutorialCell, TutorialMeta } from './types';

// Tutorials are written as TypeScript (so their graphs and settings are type-checked) and become
// ordinary notebook documents; the app opens them through the one load path like any file.

/** Strips a template literal's shared indentation and its first and last blank lines. */
function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** A markdown cell; indentation shared by its lines is removed. */
export const md = (source: string): TutorialCell => ({ kind: 'markdown', source: dedent(source) });

/** A code cell (TypeScript, tf in scope); indentation shared by its lines is removed. */
export const code = (source: string): TutorialCell => ({ kind: 'code', source: dedent(source) });

/** A graph cell: its model's name in code cells, its layers, and its Train settings (the rest default). */
export const graph = (name: string, model: ModelGraph, training?: TrainingSettings): TutorialCell => ({
  kind: 'graph',
  name,
  graph: model,
  ...(training ? { training } : {}),
});

/** An exercise as a tutorial writes it: texts are dedented like cells; progress is the learner's, never shipped. */
export type ExerciseText = Omit<Exercise, 'progress'>;

const dedentExercise = (e: ExerciseText): Exercise => ({
  ...e,
  task: dedent(e.task),
  hints: e.hints.map(dedent),
  solution: dedent(e.solution),
  check: dedent(e.check),
});

/** A code cell holding an exercise: `starter` is the code the learner begins from. */
export const codeExercise = (starter: string, exercise: ExerciseText): TutorialCell => ({
  kind: 'code',
  source: dedent(starter),
  exercise: dedentExercise(exercise),
});

/** A graph cell holding an exercise: its starter model (which the check must refuse) and settings. */
export const graphExercise = (name: string, starter: ModelGraph, training: TrainingSettings, exercise: ExerciseText): TutorialCell => ({
  kind: 'graph',
  name,
  graph: starter,
  training,
  exercise: dedentExercise(exercise),
});

/** The notebook a tutorial's cells make: ids derived from its slug, so the shipped document is the same on every build. */
export function tutorialDoc(meta: TutorialMeta, cells: ReadonlyArray<TutorialCell>): NotebookDoc {
  const graphs: Record<string, ModelGraph> = {};
  const docCells = cells.map((cell, i): Cell => {
    const id = `${meta.slug}-${i + 1}`;
    const exercise = cell.kind !== 'markdown' && cell.exercise ? { exercise: cell.exercise } : {};
    if (cell.kind !== 'graph') return { id, kind: cell.kind, source: cell.source, ...exercise };
    const graphId = `${id}-graph`;
    graphs[graphId] = cell.graph;
    return { id, kind: 'graph', graphId, name: cell.name, ...(cell.training ? { training: cell.training } : {}), ...exercise };
  });
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    id: `tutorial-${meta.slug}`,
    title: meta.title,
    cells: docCells,
    graphs,
    metadata: { tutorial: { slug: meta.slug, version: meta.version } },
  };
}
