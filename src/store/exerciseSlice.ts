import type { StateCreator } from 'zustand';
import type { Verdict } from '../protocol/exercise';
import type { DocumentSlice } from './documentSlice';

/** The latest Check of an exercise cell: the run that made it and what it said. */
export interface VerdictView {
  runId: string;
  verdict: Verdict;
}

/**
 * Verdicts of exercises' Checks, by the check's run key: runtime only. A passing Check is also
 * recorded in the document (the learner's progress), where this tab may write.
 */
export interface ExerciseSlice {
  verdicts: Record<string, VerdictView>;
  setVerdict(runKey: string, check: { cellId: string; preview: boolean }, runId: string, verdict: Verdict): void;
}

export const createExerciseSlice: StateCreator<ExerciseSlice & DocumentSlice, [], [], ExerciseSlice> = (set, get) => ({
  verdicts: {},
  setVerdict(runKey, { cellId, preview }, runId, verdict) {
    set({ verdicts: { ...get().verdicts, [runKey]: { runId, verdict } } });
    // Solved stays solved: a later Check that fails (the learner trying something else) does not undo it.
    // The author's preview is not a learner's pass, and one after Show solution stays "seen", not solved.
    const cell = get().doc.cells.find((c) => c.id === cellId);
    const seen = cell && cell.kind !== 'markdown' && cell.exercise?.progress?.solutionSeen;
    if (verdict.status === 'correct' && !preview && !seen) get().updateExerciseProgress(cellId, { solved: true });
  },
});
