import { useMemo } from 'react';
import { canHoldExercise, exerciseCount, progressText } from '../../doc/exerciseOps';
import { checkRunKey } from '../../protocol/exercise';
import { useNotebook } from '../../store/notebookStore';

/** "n of m exercises done" at the top of a notebook that has exercises. */
export function ExerciseProgress() {
  const cells = useNotebook((s) => s.doc.cells);
  const verdicts = useNotebook((s) => s.verdicts);
  const count = useMemo(() => {
    const saved = exerciseCount({ cells });
    // Where this tab cannot write (a shared link), a pass counts for the visit: the document cannot record it.
    const passedHere = cells.filter(
      (c) =>
        canHoldExercise(c) &&
        c.exercise &&
        !c.exercise.progress?.solved &&
        !c.exercise.progress?.solutionSeen &&
        verdicts[checkRunKey(c.id)]?.verdict.status === 'correct',
    ).length;
    return { done: saved.done + passedHere, total: saved.total };
  }, [cells, verdicts]);
  if (!count.total) return null;
  return (
    <p className="exercise-progress">
      <progress value={count.done} max={count.total} aria-hidden="true" /> {progressText(count)}
    </p>
  );
}
