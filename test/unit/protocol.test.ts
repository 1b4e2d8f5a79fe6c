import { describe, expect, it } from 'vitest';
import { isFromKernel, isToKernel } from '../../src/protocol/messages';

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
      { type: 'trainBegin', runId: 'r', trainId: 't', metrics: ['loss'], progress },
      { type: 'trainBatches', runId: 'r', trainId: 't', points: [], progress },
      { type: 'trainEpoch', runId: 'r', trainId: 't', epoch: 0, values: {}, progress, numTensors: 12 },
      { type: 'trainEnd', runId: 'r', trainId: 't', stopped: false, final: {} },
      { type: 'insightStopped', runId: 'r', model: 'model1', kind: 'gradCam', error: 'no layer' },
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
      { type: 'ready', backend: 'cpu' },
      { type: 'stream', runId: 'r', level: 'log', text: { toString: 1 } },
      { type: 'stream', runId: 'r', level: 'shout', text: 'x' },
      { type: 'trainBatches', runId: 'r', trainId: 't', points: [], progress: {} },
      { type: 'insightStopped', runId: 'r', model: 'model1', kind: 'heatmap', error: 'no layer' },
      { type: 'insightStopped', runId: 'r', model: 'model1', kind: 'gradCam' },
    ];
    for (const m of bad) {
      expect(isFromKernel(m), JSON.stringify(m)).toBe(false);
    }
  });

  it('the kernel accepts only the page’s four messages', () => {
    expect(isToKernel({ type: 'init', backend: 'auto', wasm: {}, port: new MessageChannel().port1 })).toBe(true);
    expect(isToKernel({ type: 'run', runId: 'r', cellId: 'c', source: '' })).toBe(true);
    expect(isToKernel({ type: 'stopTraining' })).toBe(true);
    expect(isToKernel({ type: 'defineModel', name: 'model1', graph: { nodes: [], edges: [], positions: {} } })).toBe(true);
    // The bootstrap's first message is the kernel's source text: not a protocol message.
    expect(isToKernel('self.onmessage = …')).toBe(false);
    expect(isToKernel({ type: 'ready' })).toBe(false);
  });
});
