import { lazy, Suspense } from 'react';
import { useTheme } from '../../app/theme';
import type { AnswerCell } from '../../doc/exerciseOps';
import type { Exercise } from '../../doc/types';
import { useNotebook } from '../../store/notebookStore';
import { ExercisePanel } from './ExercisePanel';

const CodeEditor = lazy(() => import('../code-cell/CodeEditor'));

/**
 * An exercise as its author writes it: task, hints, solution and check code (Monaco, with the
 * `check` helpers' hover docs), and a preview that shows and checks it as a learner would.
 */
export function ExerciseEditor({ cell, exercise, onClose }: { cell: AnswerCell; exercise: Exercise; onClose(): void }) {
  const setExercise = useNotebook((s) => s.setExercise);
  const graph = useNotebook((s) => (cell.kind === 'graph' ? s.doc.graphs[cell.graphId] : undefined));
  const { theme } = useTheme();
  const change = (patch: Partial<Exercise>) => setExercise(cell.id, { ...exercise, ...patch });
  const setHint = (i: number, text: string) => change({ hints: exercise.hints.map((h, j) => (j === i ? text : h)) });

  return (
    <div className="exercise-editor" role="group" aria-label="Exercise editor">
      <p className="exercise-note">
        Learners see the task and, one at a time, the hints. The solution and the check are hidden from their view but not secret: anyone
        with this notebook&apos;s file or a share link can read them.
      </p>
      <label className="exercise-field">
        Task
        <textarea value={exercise.task} rows={3} onChange={(e) => change({ task: e.target.value })} />
      </label>
      {exercise.hints.map((h, i) => (
        <div className="exercise-field exercise-hint-field" key={i}>
          <label>
            {`Hint ${i + 1}`}
            <textarea value={h} rows={2} onChange={(e) => setHint(i, e.target.value)} />
          </label>
          <button type="button" onClick={() => change({ hints: exercise.hints.filter((_, j) => j !== i) })}>
            {`Remove hint ${i + 1}`}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => change({ hints: [...exercise.hints, ''] })} disabled={exercise.hints.length >= 20}>
        Add hint
      </button>
      <label className="exercise-field">
        {cell.kind === 'code' ? 'Solution (code)' : 'Solution (how the graph should look)'}
        <textarea value={exercise.solution} rows={4} onChange={(e) => change({ solution: e.target.value })} />
      </label>
      {cell.kind === 'graph' && graph && (
        <p>
          <button type="button" onClick={() => change({ solutionGraph: graph, solutionTraining: cell.training })}>
            Use this cell&apos;s graph as the solution
          </button>{' '}
          {exercise.solutionGraph
            ? `A solution graph of ${exercise.solutionGraph.nodes.length} layers is kept; ` +
              'learners can put it in the cell after Show solution.'
            : 'No solution graph yet.'}
        </p>
      )}
      <div className="exercise-field" role="group" aria-labelledby={`check-label-${cell.id}`}>
        <span id={`check-label-${cell.id}`}>Check code</span>
        <p className="exercise-help">
          TypeScript run in the kernel against what the learner made. Use the helpers (hover them for help): <code>check.value</code>,{' '}
          <code>check.equal</code>, <code>check.function</code>, <code>check.model</code>, <code>check.trained</code>,{' '}
          <code>check.training</code>, <code>check.ok</code>. A failed helper says &ldquo;Not yet&rdquo; with its reason; a check that
          throws anything else is broken.
        </p>
        <Suspense fallback={<pre className="code-fallback">{exercise.check}</pre>}>
          <CodeEditor
            cellId={`${cell.id}-check-code`}
            label="Check code"
            value={exercise.check}
            readOnly={false}
            editing={false}
            theme={theme}
            onChange={(check) => change({ check })}
            onFocus={() => undefined}
            onBlur={() => undefined}
            onEscape={() => undefined}
            onRun={() => undefined}
          />
        </Suspense>
      </div>
      <div className="exercise-preview">
        <h3>Preview: as a learner sees it</h3>
        <ExercisePanel cell={cell} exercise={exercise} author />
      </div>
      <div className="exercise-editor-actions">
        <button type="button" onClick={onClose}>
          Done editing
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            setExercise(cell.id, undefined);
            onClose();
          }}
        >
          Remove exercise
        </button>
      </div>
    </div>
  );
}
