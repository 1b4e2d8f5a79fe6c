import { describe, expect, it } from 'vitest';
import { setExercise } from '../../src/doc/exerciseOps';
import { createNotebook } from '../../src/doc/ops';
import { checkStatus } from '../../src/features/exercise/checkStatus';
import { BROKEN_CHECK, checkOf, checkRunKey } from '../../src/protocol/exercise';
import { createNotebookStore } from '../../src/store/notebookStore';

// A Check is a run under its cell's check key; its verdict reaches the exercise and, when it
// passes, the learner's progress in the document.

const exercise = { task: 't', hints: [], solution: 'const x = 2;', check: "check.value('x', 2);" };
function store(access: 'write' | 'read' = 'write') {
  const doc = setExercise(createNotebook('n', 'T', 'c1'), 'c1', exercise);
  const s = createNotebookStore({ id: 'n', doc, rev: 1, updatedAt: 0, trusted: true });
  s.getState().setAccess(access);
  return s;
}
const key = checkRunKey('c1');

describe('a Check’s verdict in the store', () => {
  it('a passing check marks the exercise solved in the document (an edit autosave sees)', () => {
    const s = store();
    s.getState().runQueued(key, 'r1');
    expect(checkStatus(s.getState().outputs[key], s.getState().verdicts[key])).toEqual({ kind: 'checking' });
    const edits = s.getState().editCount;
    s.getState().applyRunMessage({ type: 'verdict', runId: 'r1', verdict: { status: 'correct', message: 'Correct' } });
    s.getState().applyRunMessage({ type: 'done', runId: 'r1', ok: true, ms: 1 });
    expect(checkStatus(s.getState().outputs[key], s.getState().verdicts[key])).toEqual({
      kind: 'verdict',
      verdict: { status: 'correct', message: 'Correct' },
    });
    expect(s.getState().doc.cells[0]).toMatchObject({ exercise: { progress: { solved: true } } });
    expect(s.getState().editCount).toBe(edits + 1);
    // The learner's own code cell keeps its output: a check is not a run of it.
    expect(s.getState().outputs.c1).toBeUndefined();
  });

  it('a failing check after a pass leaves it solved; a read-only tab shows verdicts but writes nothing', () => {
    const s = store();
    s.getState().runQueued(key, 'r1');
    s.getState().applyRunMessage({ type: 'verdict', runId: 'r1', verdict: { status: 'correct', message: 'Correct' } });
    s.getState().runQueued(key, 'r2');
    s.getState().applyRunMessage({ type: 'verdict', runId: 'r2', verdict: { status: 'notYet', message: 'Not yet: x is 3; expected 2' } });
    expect(s.getState().doc.cells[0]).toMatchObject({ exercise: { progress: { solved: true } } });
    expect(s.getState().verdicts[key].verdict.message).toBe('Not yet: x is 3; expected 2');

    const shared = store('read');
    shared.getState().runQueued(key, 'r1');
    shared.getState().applyRunMessage({ type: 'verdict', runId: 'r1', verdict: { status: 'correct', message: 'Correct' } });
    expect(shared.getState().verdicts[key].verdict.status).toBe('correct');
    expect(shared.getState().doc.cells[0]).not.toHaveProperty('exercise.progress');
  });

  it('the author’s preview and a pass after Show solution record no progress; a Check is no cell’s execution count', () => {
    const s = store();
    const preview = checkRunKey('c1', true);
    s.getState().runQueued(preview, 'p1');
    s.getState().applyRunMessage({ type: 'started', runId: 'p1' });
    s.getState().applyRunMessage({ type: 'verdict', runId: 'p1', verdict: { status: 'correct', message: 'Correct' } });
    expect(s.getState().verdicts[preview].verdict.status).toBe('correct');
    expect(s.getState().doc.cells[0]).not.toHaveProperty('exercise.progress.solved');
    expect(s.getState().executionCount).toBe(0);

    s.getState().updateExerciseProgress('c1', { solutionSeen: true });
    s.getState().runQueued(key, 'r1');
    s.getState().applyRunMessage({ type: 'verdict', runId: 'r1', verdict: { status: 'correct', message: 'Correct' } });
    expect(s.getState().doc.cells[0]).toMatchObject({ exercise: { progress: { solutionSeen: true } } });
    expect(s.getState().doc.cells[0]).not.toHaveProperty('exercise.progress.solved');
    // No cell id can hold ':', so no cell's own run key is a check's.
    expect(checkOf('c1')).toBeNull();
    expect(checkOf(key)).toEqual({ cellId: 'c1', preview: false });
  });

  it('a verdict of an older run is not shown; a run cut short says so, and an error the runner missed is a broken check', () => {
    const s = store();
    s.getState().runQueued(key, 'r1');
    s.getState().runQueued(key, 'r2');
    s.getState().applyRunMessage({ type: 'verdict', runId: 'r1', verdict: { status: 'correct', message: 'Correct' } });
    expect(s.getState().verdicts[key]).toBeUndefined();
    s.getState().runsLost(['r2'], 'Interrupted');
    const cut = checkStatus(s.getState().outputs[key], s.getState().verdicts[key]);
    expect(cut.kind === 'verdict' && cut.verdict.message).toMatch(/^Not yet: the check stopped before it finished/);
    s.getState().runQueued(key, 'r3');
    s.getState().applyRunMessage({ type: 'error', runId: 'r3', error: { name: 'RangeError', message: 'too deep', frames: [] } });
    s.getState().applyRunMessage({ type: 'done', runId: 'r3', ok: false, ms: 1 });
    const broken = checkStatus(s.getState().outputs[key], s.getState().verdicts[key]);
    expect(broken).toEqual({ kind: 'verdict', verdict: { status: 'broken', message: BROKEN_CHECK, detail: 'RangeError: too deep' } });
  });
});
