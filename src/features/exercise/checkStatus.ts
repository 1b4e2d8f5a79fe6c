import { BROKEN_CHECK, type Verdict } from '../../protocol/exercise';
import type { VerdictView } from '../../store/exerciseSlice';
import type { CellOutput } from '../../store/outputTypes';

/** What the exercise's status line says about its latest Check. */
export type CheckStatus = { kind: 'none' } | { kind: 'checking' } | { kind: 'verdict'; verdict: Verdict };

const INTERRUPTED: Verdict = {
  status: 'notYet',
  message: 'Not yet: the check stopped before it finished (the kernel was interrupted or restarted). Press Check again.',
};

/**
 * The latest Check of a cell, from its run (queued, running, ended) and the verdict the kernel
 * sent for that run. A run that ended without one was cut short (Interrupt, a restart), or
 * failed in a way the check runner could not catch: neither is the learner's doing.
 */
export function checkStatus(output: CellOutput | undefined, view: VerdictView | undefined): CheckStatus {
  if (!output) return { kind: 'none' };
  if (view && view.runId === output.runId) return { kind: 'verdict', verdict: view.verdict };
  if (output.state === 'queued' || output.state === 'running') return { kind: 'checking' };
  const error = output.items.find((i) => i.kind === 'error');
  if (error?.kind === 'error') {
    return { kind: 'verdict', verdict: { status: 'broken', message: BROKEN_CHECK, detail: `${error.error.name}: ${error.error.message}` } };
  }
  return { kind: 'verdict', verdict: INTERRUPTED };
}
