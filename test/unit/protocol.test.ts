import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../src/doc/trainConfig';
import { isFromKernel, isToKernel, type ToKernel } from '../../src/protocol/messages';

describe('protocol guards', () => {
  it('accept every message the kernel sends', () => {
    const progress = { epoch: 1, epochs: 1, batch: 1, batches: 1, samplesPerSec: 1, etaSec: 0 };
    const messages = [
      { type: 'ready', backend: 'cpu', available: ['cpu'], notes: [] },
      { type: 'initFailed', message: 'no backend' },
      { type: 'modelDefined', name: 'model1', ok: true, message: 'built' },
      { type: 'started', runId: 'r' },
      { type: 'stream', runId: 'r', level: 'log', text: 'hi' },
      { type: 'display', runId: 'r', output: { kind: 'markdown', text: '#' } },
      { type: 'result', runId: 'r', value: { kind: 'primitive', type: 'number', text: '1' } },
      { type: 'error', runId: 'r', error: { name: 'Error', message: 'x', frames: [] } },
      { type: 'done', runId: 'r', ok: true, ms: 1 },
      { type: 'verdict', runId: 'r', verdict: { status: 'notYet', message: 'Not yet: x is 5; expected 6' } },
      { type: 'trainBegin', runId: 'r', trainId: 't', metrics: ['loss'], progress },
      { type: 'trainBatches', runId: 'r', trainId: 't', points: [], progress },
      { type: 'trainEpoch', runId: 'r', trainId: 't', epoch: 0, values: {}, progress, numTensors: 12 },
      { type: 'trainEnd', runId: 'r', trainId: 't', stopped: false, final: {} },
      { type: 'insightStopped', runId: 'r', model: 'model1', kind: 'gradCam', error: 'no layer' },
      {
        type: 'boundary',
        runId: 'r',
        model: 'model1',
        epoch: 0,
        size: 2,
        extent: { x0: -1, x1: 1, y0: -1, y1: 1 },
        classes: ['0', '1'],
        grid: new Float32Array(4),
        points: { xy: new Float32Array(2), label: new Uint8Array(1), role: new Uint8Array(1) },
      },
    ];
    for (const m of messages) expect(isFromKernel(m), m.type).toBe(true);
  });

  it('drop anything else: unknown types, run messages without a run id, non-objects', () => {
    const bad = [
      null,
      'ready',
      42,
      {},
      { type: 'evil' },
      { type: 'stream', text: 'no run id' },
      { type: 'done', runId: 7 },
      { type: 'verdict', runId: 'r', verdict: { status: 'maybe', message: 'x' } },
      { type: 'verdict', runId: 'r', verdict: { status: 'correct', message: { html: '<b>' } } },
      { type: 'ready', backend: 'cpu' },
      { type: 'stream', runId: 'r', level: 'log', text: { toString: 1 } },
      { type: 'stream', runId: 'r', level: 'shout', text: 'x' },
      { type: 'trainBatches', runId: 'r', trainId: 't', points: [], progress: {} },
      { type: 'insightStopped', runId: 'r', model: 'model1', kind: 'heatmap', error: 'no layer' },
      { type: 'insightStopped', runId: 'r', model: 'model1', kind: 'gradCam' },
      { type: 'hasOwnProperty', runId: 'r' },
      { type: '__proto__', runId: 'r' },
    ];
    for (const m of bad) {
      expect(isFromKernel(m), JSON.stringify(m)).toBe(false);
    }
  });

  it('the kernel accepts each of the page’s messages, well formed, and nothing else', () => {
    const graph = { nodes: [], edges: [], positions: {} };
    const good: ToKernel[] = [
      { type: 'init', backend: 'auto', wasm: {}, port: new MessageChannel().port1 },
      { type: 'run', runId: 'r', cellId: 'c', source: '', datasets: [] },
      {
        type: 'trainGraph',
        runId: 'r',
        cellId: 'c',
        name: 'model1',
        graph,
        settings: DEFAULT_TRAIN_CONFIG,
        userKey: 'user:c',
        backbones: {},
      },
      { type: 'check', runId: 'r', cellId: 'c:check', source: "check.value('x', 1);" },
      { type: 'stopTraining' },
      { type: 'pauseTraining', paused: true },
      { type: 'defineModel', name: 'model1', graph },
      { type: 'request', requestId: 'q1', request: { op: 'evaluate', model: 'model1' } },
    ];
    for (const m of good) expect(isToKernel(m), m.type).toBe(true);
    // Every type of the union is in that list: the guard's table is typed by the union, so it has them all.
    const kinds: Record<ToKernel['type'], true> = {
      init: true,
      run: true,
      trainGraph: true,
      check: true,
      stopTraining: true,
      pauseTraining: true,
      defineModel: true,
      request: true,
    };
    expect(good.map((m) => m.type).sort()).toEqual(Object.keys(kinds).sort());
    // The bootstrap's first message is the kernel's script (bytes): not a protocol message.
    expect(isToKernel(new ArrayBuffer(8))).toBe(false);
    expect(isToKernel('self.onmessage = …')).toBe(false);
    expect(isToKernel({ type: 'ready' })).toBe(false);
    expect(isToKernel({ type: 'toString' })).toBe(false);
    expect(isToKernel({ type: 'trainGraph', runId: 'r', cellId: 'c', name: 'model1', graph, userKey: '' })).toBe(false);
    expect(isToKernel({ type: 'pauseTraining' })).toBe(false);
    expect(isToKernel({ type: 'check', runId: 'r', cellId: 'c' })).toBe(false);
    expect(isToKernel({ type: 'request', requestId: 'q1' })).toBe(false);
  });
});
