/** How an exercise's check ended: passed, not yet (with what is missing), or the check itself failed. */
type VerdictStatus = 'correct' | 'notYet' | 'broken';

/**
 * What a Check says. `message` is the learner's line and starts with "Correct", "Not yet" or
 * "This exercise's check is broken"; `detail` is for the exercise's author only (the check's own
 * error and line), never shown to a learner as a stack trace.
 */
export interface Verdict {
  status: VerdictStatus;
  message: string;
  detail?: string;
}

/** The learner's line for a broken check: what they see instead of the check's error. */
export const BROKEN_CHECK = "This exercise's check is broken";

const STATUSES: string[] = ['correct', 'notYet', 'broken'] satisfies VerdictStatus[];

/** True for a well-formed verdict (the page renders its text). */
export function isVerdict(v: unknown): v is Verdict {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return STATUSES.includes(r.status as string) && typeof r.message === 'string' && (r.detail === undefined || typeof r.detail === 'string');
}

/**
 * The key a cell's Check runs and shows its output under: its own, so a queued Run of the cell is
 * not replaced. ':' is a character no cell id may hold, so no cell's own key can be a check's. The
 * author's preview has a key of its own: its passes are not a learner's progress.
 */
export const checkRunKey = (cellId: string, preview = false) => `${cellId}:${preview ? 'preview' : 'check'}`;

/** The cell a check run key belongs to, and whether it was the author's preview; null for a cell's own run key. */
export function checkOf(runKey: string): { cellId: string; preview: boolean } | null {
  const at = runKey.lastIndexOf(':');
  if (at < 0) return null;
  return { cellId: runKey.slice(0, at), preview: runKey.slice(at + 1) === 'preview' };
}
