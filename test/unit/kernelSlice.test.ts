import { describe, expect, it } from 'vitest';
import { createNotebook } from '../../src/doc/ops';
import { createNotebookStore } from '../../src/store/notebookStore';
import { MAX_BATCH_POINTS } from '../../src/store/kernelSlice';
import { DEFAULT_TRAIN_CONFIG } from '../../src/doc/trainConfig';
import { decimate, MAX_CHART_POINTS } from '../../src/features/training/decimate';

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

  it('tells the cell’s Insight panel when the kernel stopped Live during its run, until the panel takes it', () => {
    const s = store();
    s.getState().runQueued('c1', 'r1');
    s.getState().applyRunMessage({ type: 'insightStopped', runId: 'r1', model: 'model1', kind: 'gradCam', error: 'no layer "conv2d_1"' });
    expect(s.getState().liveStops).toEqual({ c1: { kind: 'gradCam', error: 'no layer "conv2d_1"' } });
    s.getState().setLiveStop('c1', null);
    expect(s.getState().liveStops).toEqual({});
    // A run the page does not know (its cell ran again meanwhile) tells no panel.
    s.getState().applyRunMessage({ type: 'insightStopped', runId: 'gone', model: 'model1', kind: 'gradCam', error: 'x' });
    expect(s.getState().liveStops).toEqual({});
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

describe('graph-cell runs and the run history', () => {
  it('records a Train whose training ended, and keeps nothing of one that failed first or died with its kernel', () => {
    const s = store();
    const train = (runId: string) => {
      s.getState().runQueued('c1', runId);
      s.getState().beginGraphRun(runId, { cellId: 'c1', settings: DEFAULT_TRAIN_CONFIG });
      s.getState().applyRunMessage({ type: 'started', runId });
    };
    train('r1');
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r1', trainId: 't1', metrics: ['loss'], progress });
    s.getState().applyRunMessage({ type: 'trainEnd', runId: 'r1', trainId: 't1', stopped: false, final: { loss: 0.5 } });
    s.getState().applyRunMessage({ type: 'done', runId: 'r1', ok: true, ms: 3 });
    expect(s.getState().runHistory).toMatchObject([{ id: 'r1', cellId: 'c1', number: 1, final: { loss: 0.5 }, stopped: false }]);

    // Fails before fit: a loss for classes on numbers to predict, say.
    train('r2');
    s.getState().applyRunMessage({ type: 'error', runId: 'r2', error: { name: 'Error', message: 'needs classes', frames: [] } });
    s.getState().applyRunMessage({ type: 'done', runId: 'r2', ok: false, ms: 3 });
    // The kernel is restarted while it trains.
    train('r3');
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r3', trainId: 't3', metrics: ['loss'], progress });
    s.getState().runsLost(['r3'], 'The kernel was restarted.');

    expect(s.getState().runHistory.map((r) => r.id)).toEqual(['r1']);
    expect(s.getState().graphRuns).toEqual({});
  });

  it('keeps a Fine-tune as the second phase of the run it continues: one row, its charts drawn on from the first phase', () => {
    const s = store();
    const epoch = (runId: string, trainId: string, e: number) =>
      s
        .getState()
        .applyRunMessage({ type: 'trainEpoch', runId, trainId, epoch: e, values: { loss: 1 / (e + 1) }, progress, numTensors: 0 });
    s.getState().runQueued('c1', 'r1');
    s.getState().beginGraphRun('r1', { cellId: 'c1', settings: DEFAULT_TRAIN_CONFIG, model: 'net: pretrained, frozen' });
    s.getState().applyRunMessage({ type: 'started', runId: 'r1' });
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r1', trainId: 't1', metrics: ['loss'], progress });
    for (const e of [0, 1]) epoch('r1', 't1', e);
    s.getState().applyRunMessage({ type: 'trainEnd', runId: 'r1', trainId: 't1', stopped: false, final: { loss: 0.5 } });
    s.getState().setEvaluation('c1', { evaluation: { loss: 0.5, accuracy: 0.8 } as never }, 'r1');
    const before = s.getState().trainings.t1;

    // Fine-tune, as kernelSession begins it: the row it continues, and the charts it goes on from.
    s.getState().runQueued('c1', 'r2');
    const fineTune = { learningRate: 0.001, epochs: 1 };
    s.getState().beginGraphRun('r2', {
      cellId: 'c1',
      settings: DEFAULT_TRAIN_CONFIG,
      model: 'net: pretrained, 1 of 2 layers trainable',
      fineTune,
      continues: 'r1',
      before,
    });
    s.getState().applyRunMessage({ type: 'started', runId: 'r2' });
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r2', trainId: 't2', metrics: ['loss'], progress });
    expect(s.getState().trainings.t2.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    epoch('r2', 't2', 2);
    const mark = { kind: 'fine_tune' as const, epoch: 1, text: 'fine-tune from here' };
    s.getState().applyRunMessage({ type: 'trainEnd', runId: 'r2', trainId: 't2', stopped: false, final: { loss: 0.3 }, marks: [mark] });
    s.getState().setEvaluation('c1', { evaluation: { loss: 0.3, accuracy: 0.9 } as never }, 'r2');

    const [row] = s.getState().runHistory;
    expect(s.getState().runHistory).toHaveLength(1);
    expect(row).toMatchObject({
      id: 'r2',
      number: 1,
      model: 'net: pretrained, frozen',
      final: { loss: 0.3 },
      test: { accuracy: 0.9 },
      marks: [mark],
      fineTunes: [
        { fromEpoch: 2, learning_rate: 0.001, epochs: 1, model: 'net: pretrained, 1 of 2 layers trainable', testBefore: { accuracy: 0.8 } },
      ],
    });
    expect(row.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);

    // A second Fine-tune: a third phase of the same row, each phase's start marked once.
    s.getState().runQueued('c1', 'r3');
    s.getState().beginGraphRun('r3', {
      cellId: 'c1',
      settings: DEFAULT_TRAIN_CONFIG,
      fineTune,
      continues: 'r2',
      before: s.getState().trainings.t2,
    });
    s.getState().applyRunMessage({ type: 'started', runId: 'r3' });
    s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r3', trainId: 't3', metrics: ['loss'], progress });
    epoch('r3', 't3', 3);
    const second = { kind: 'fine_tune' as const, epoch: 2, text: 'fine-tune from here' };
    s.getState().applyRunMessage({ type: 'trainEnd', runId: 'r3', trainId: 't3', stopped: false, final: { loss: 0.2 }, marks: [second] });
    const [third] = s.getState().runHistory;
    expect(s.getState().runHistory).toHaveLength(1);
    expect(third.marks).toEqual([mark, second]);
    expect(third.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(third.fineTunes?.map((t) => t.fromEpoch)).toEqual([2, 3]);
  });
});

describe('a 100,000-batch run', () => {
  it(
    'keeps at most MAX_BATCH_POINTS batch points, thinning the older ones and keeping the latest; ' +
      'the chart draws at most MAX_CHART_POINTS of them, ending at the latest',
    () => {
      const s = store();
      s.getState().runQueued('c1', 'r1');
      s.getState().applyRunMessage({ type: 'trainBegin', runId: 'r1', trainId: 't1', metrics: ['loss'], progress });
      // 150,000 batches arrive as a long run sends them: a flush of 50 at a time. The loss falls as 1/step.
      for (let from = 1; from <= 150_000; from += 50) {
        const points = Array.from({ length: 50 }, (_, i) => ({ step: from + i, epoch: 0, values: { loss: 1 / (from + i) } }));
        s.getState().applyRunMessage({ type: 'trainBatches', runId: 'r1', trainId: 't1', points, progress });
      }
      const batches = s.getState().trainings.t1.batches;
      expect(batches.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
      expect(batches.length).toBeGreaterThan(MAX_BATCH_POINTS / 2);
      expect(batches[0].step).toBe(1);
      expect(batches[batches.length - 1]).toEqual({ step: 150_000, epoch: 0, values: { loss: 1 / 150_000 } });
      // In step order, with no step twice.
      expect(batches.every((b, i) => i === 0 || b.step > batches[i - 1].step)).toBe(true);

      const drawn = decimate(batches.map((b) => ({ x: b.step, y: b.values.loss })));
      expect(drawn.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
      expect(drawn.length).toBeGreaterThan(MAX_CHART_POINTS / 2);
      expect(drawn[drawn.length - 1]).toEqual({ x: 150_000, y: 1 / 150_000 });
      // Bucket means: x keeps rising, and the falling loss still falls.
      expect(drawn.every((p, i) => i === 0 || (p.x > drawn[i - 1].x && p.y < drawn[i - 1].y))).toBe(true);
    },
  );
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
