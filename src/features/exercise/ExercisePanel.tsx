import { useMemo, useState } from 'react';
import type { AnswerCell } from '../../doc/exerciseOps';
import type { Exercise } from '../../doc/types';
import { checkRunKey } from '../../protocol/exercise';
import { useNotebook } from '../../store/notebookStore';
import { ConfirmDialog } from '../home/ConfirmDialog';
import { useKernelSession } from '../kernel/kernelContext';
import { renderMarkdown } from '../markdown/renderMarkdown';
import { checkStatus } from './checkStatus';
import './exercise.css';

const UNTRUSTED = 'Not yet: this notebook runs nothing until you press Trust and run at the top. Then press Check again.';

/** Safe: renderMarkdown has raw HTML turned off and filters link schemes. */
const Markdown = ({ source, className }: { source: string; className?: string }) => {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
};

/**
 * An exercise as a learner sees it: the task, Check (run in the kernel, answered in a status
 * line), hints one at a time, and the solution behind a question. `author` adds what a broken
 * check said, for the exercise's author in the editor's preview.
 */
export function ExercisePanel({ cell, exercise, author = false }: { cell: AnswerCell; exercise: Exercise; author?: boolean }) {
  const kernel = useKernelSession();
  const key = checkRunKey(cell.id, author);
  const output = useNotebook((s) => s.outputs[key]);
  const view = useNotebook((s) => s.verdicts[key]);
  const canEdit = useNotebook((s) => s.access === 'write');
  const updateProgress = useNotebook((s) => s.updateExerciseProgress);
  const setCellSource = useNotebook((s) => s.setCellSource);
  const applySolutionGraph = useNotebook((s) => s.applySolutionGraph);
  // Where this tab may not write (a shared link), hints and the solution still show, for this visit.
  const [hintsHere, setHintsHere] = useState(0);
  const [seenHere, setSeenHere] = useState(false);
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState(false);
  const progress = exercise.progress ?? {};
  const hintsShown = Math.min(exercise.hints.length, Math.max(hintsHere, progress.hintsShown ?? 0));
  const seen = seenHere || progress.solutionSeen === true;
  const status = checkStatus(output, view);

  const check = () => setRefused(!kernel.checkExercise(cell.id, author));
  const hint = () => {
    const next = Math.min(exercise.hints.length, hintsShown + 1);
    setHintsHere(next);
    // The author's preview is not a learner: like its passes, its hints and solution are not progress.
    if (!author) updateProgress(cell.id, { hintsShown: next });
  };
  const showSolution = () => {
    setAsking(false);
    setSeenHere(true);
    if (!author) updateProgress(cell.id, { solutionSeen: true });
  };

  let line = '';
  if (refused && status.kind !== 'checking') line = UNTRUSTED;
  else if (status.kind === 'checking') line = 'Checking…';
  else if (status.kind === 'verdict') line = status.verdict.message;
  const tone = status.kind === 'verdict' && !refused ? status.verdict.status : 'none';
  const detail = author && status.kind === 'verdict' && !refused ? status.verdict.detail : undefined;

  return (
    <section className="exercise" aria-label="Exercise">
      <header className="exercise-head">
        <span className="exercise-label">Exercise</span>
        {progress.solved || (!author && !seen && status.kind === 'verdict' && status.verdict.status === 'correct') ? (
          <span className="exercise-badge exercise-solved">Solved</span>
        ) : seen ? (
          <span className="exercise-badge">Solution seen</span>
        ) : null}
      </header>
      <Markdown className="exercise-task markdown-rendered" source={exercise.task} />
      <div className="exercise-actions">
        <button type="button" className="primary" onClick={check} disabled={status.kind === 'checking'}>
          Check
        </button>
        {exercise.hints.length > 0 && (
          <button
            type="button"
            onClick={hint}
            disabled={hintsShown >= exercise.hints.length}
            title={`${hintsShown} of ${exercise.hints.length} hints shown`}
          >
            Hint
          </button>
        )}
        <button type="button" onClick={() => setAsking(true)} disabled={seen}>
          Show solution
        </button>
      </div>
      <p role="status" className={`exercise-verdict verdict-${tone}`}>
        {line}
      </p>
      {detail && (
        <p className="exercise-detail">
          What the check said (only you, its author, see this): <code>{detail}</code>
        </p>
      )}
      {hintsShown > 0 && (
        <ol className="exercise-hints" aria-label="Hints">
          {exercise.hints.slice(0, hintsShown).map((h, i) => (
            <li key={i}>
              <Markdown source={h} />
            </li>
          ))}
        </ol>
      )}
      {seen && (
        <div className="exercise-solution" aria-label="Solution" role="group">
          {cell.kind === 'code' ? <pre className="code-fallback">{exercise.solution}</pre> : <Markdown source={exercise.solution} />}
          {cell.kind === 'code' && canEdit && (
            <button type="button" onClick={() => setCellSource(cell.id, exercise.solution)}>
              Put the solution in the cell
            </button>
          )}
          {cell.kind === 'graph' && exercise.solutionGraph && canEdit && (
            <button type="button" onClick={() => applySolutionGraph(cell.id)}>
              Use the solution graph
            </button>
          )}
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title="Show the solution?"
          body="You can still solve it yourself afterwards, but the exercise will be marked as solution seen, not solved."
          confirmLabel="Show solution"
          onCancel={() => setAsking(false)}
          onConfirm={showSolution}
        />
      )}
    </section>
  );
}
