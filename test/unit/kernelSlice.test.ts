import { describe, expect, it } from 'vitest';
import { createNotebook } from '../../src/doc/ops';
import { createNotebookStore } from '../../src/store/notebookStore';

const progress = { epoch: 1, epochs: 1, batch: 1, batches: 1, samplesPerSec: 1, etaSec: 0 };
const store = () => createNotebookStore({ id: 'n', doc: createNotebook('n', 'T', 'c1'), rev: 1, updatedAt: 0, trusted: true });

describe('kernel outputs in the store', () => {
  it('routes run messages to the cell, counts runs, and merges consecutive prints', () => {
    const s = store();
    s.getState().runQueued('c1', 'r1');
    s.getState().applyRunMessage({ type: 'started', runId: 'r1' });
    s.getState().applyRunMessage({ type: 'stream', runId: 'r1', level: 'log', text: 'a' });
    s.getState().applyRunMessage({ type: 'stream', runId: 'r1', level: 'log', text: 'b' });
    s.getState().applyRunMessage({ type: 'done', runId: 'r1', ok: true, ms: 3 });
    expect(s.getState().outputs.c1).toMatchObject({ state: 'ok', count: 1, items: [{ kind: 'stream', text: 'a\nb' }] });
  });

  it('ignores messages of a run that a newer run of the same cell replaced', () => {
    const s = store();
    s.getState().runQueued('c1', 'old');
    s.getState().runQueued('c1', 'new');
    s.getState().applyRunMessage({ type: 'stream', runId: 'old', level: 'log', text: 'stale' });
    expect(s.getState().outputs.c1.items).toEqual([]);
  });

  it('drops a cell’s old trainings when it runs again, so memory stays bounded', () => {
    const s = store();
    for (let i = 0; i < 50; i++) {
      s.getState().runQueued('c1', `r${i}`);
      s.getState().applyRunMessage({ type: 'trainBegin', runId: `r${i}`, trainId: `t${i}`, metrics: ['loss'], progress });
    }
    expect(Object.keys(s.getState().trainings)).toEqual(['t49']);
    expect(Object.keys(s.getState().runCells)).toEqual(['r49']);
  });

  it('marks lost runs and stops their trainings when the kernel goes away', () => {
    const s = store();
    s.getState().runQueued('c1', 'r1');
    s.getState().applyRunMessage({ type: 'started', runId: 'r1' });
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r1', trainId: 't1', metrics: ['loss'], progress });
    s.getState().runQueued('c2', 'r2'); // queued behind it, never started
    s.getState().runsLost(['r1', 'r2'], 'Interrupted');
    expect(s.getState().outputs.c1.state).toBe('error');
    expect(s.getState().outputs.c2.state).toBe('cancelled');
    expect(s.getState().trainings.t1.state).toBe('stopped');
  });
});

describe('bounds on what runs leave in the page', () => {
  it('cuts the middle of a huge print, keeping its start and its latest lines', async () => {
    const { capStream, MAX_STREAM_CHARS } = await import('../../src/store/kernelSlice');
    const text = `first line\n${'x'.repeat(MAX_STREAM_CHARS)}\nlast line`;
    const capped = capStream(text);
    expect(capped.length).toBeLessThan(MAX_STREAM_CHARS + 100);
    expect(capped.startsWith('first line')).toBe(true);
    expect(capped.endsWith('last line')).toBe(true);
    expect(capped).toMatch(/characters of output cut/);
    expect(capStream(capped + '\nmore')).toMatch(/more$/);
  });

  it('ignores a training from a run its cell replaced, and stops a finished run’s trainings', () => {
    const s = store();
    s.getState().runQueued('c1', 'old');
    s.getState().runQueued('c1', 'new');
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'old', trainId: 't-old', metrics: ['loss'], progress });
    expect(s.getState().trainings).toEqual({});
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'new', trainId: 't-new', metrics: ['loss'], progress });
    s.getState().applyRunMessage({ type: 'done', runId: 'new', ok: false, ms: 1 });
    expect(s.getState().trainings['t-new'].state).toBe('stopped');
  });
});
