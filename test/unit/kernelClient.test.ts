import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../src/doc/trainConfig';
import type { KernelInfo } from '../../src/kernel/kernelClient';

// The page's side of the kernel, against a stand-in worker: the real kernel runs in a
// browser (end-to-end tests); here what matters is when the client posts a run, and that
// it posts each run once or not at all.

/** What the client sent on its private port, and the port to answer on. */
const kernel: { port: MessagePort | null; got: Array<{ type: string; runId?: string }> } = { port: null, got: [] };

vi.mock('../../src/kernel/bootWorker', () => ({
  bootKernelWorker: () => ({
    onerror: null,
    terminate: () => undefined,
    postMessage(message: { type: string; port?: MessagePort }) {
      if (message.type !== 'init' || !message.port) return;
      kernel.port = message.port;
      kernel.got = [];
      kernel.port.onmessage = (e: MessageEvent) => kernel.got.push(e.data);
    },
  }),
}));

const { createKernelClient } = await import('../../src/kernel/kernelClient');

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Lets the MessageChannel deliver what is in flight (real time: fake timers leave ports alone). */
const delivered = () => wait(20);

async function idleClient() {
  const infos: KernelInfo[] = [];
  const lost: Array<{ runIds: string[]; reason: string }> = [];
  const client = createKernelClient(async () => ({ source: () => new ArrayBuffer(0), wasm: () => ({}) }), {
    onInfo: (info) => infos.push(info),
    onRunMessage: () => undefined,
    onModelDefined: () => undefined,
    onRunsLost: (runIds, reason) => lost.push({ runIds, reason }),
  });
  client.start();
  await delivered();
  kernel.port!.postMessage({ type: 'ready', backend: 'cpu', available: ['cpu'], notes: [] });
  await delivered();
  expect(infos[infos.length - 1].status).toBe('idle');
  return { client, infos, lost };
}

const runsPosted = () => kernel.got.filter((m) => m.type === 'run' || m.type === 'trainGraph');

describe('kernel client: a run goes to the kernel after the page has drawn its start', () => {
  afterEach(() => vi.useRealTimers());

  it('posts a run not at once but after the next frame (here: the fallback, Node draws none), and once', async () => {
    const { client, infos } = await idleClient();
    const status = () => infos[infos.length - 1].status;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const runId = client.run('cell-1', '1 + 1');
    // Posting a run marks the kernel busy at once: until then it is still idle.
    expect(status()).toBe('idle');
    vi.advanceTimersByTime(99);
    expect(status()).toBe('idle');
    vi.advanceTimersByTime(1);
    expect(status()).toBe('busy');
    vi.useRealTimers();
    await delivered();
    expect(runsPosted().map((m) => m.runId)).toEqual([runId]);
    // The kernel is busy with it: a second run waits for its end, and is posted then.
    const second = client.run('cell-2', '2 + 2');
    await wait(150);
    expect(runsPosted()).toHaveLength(1);
    kernel.port!.postMessage({ type: 'done', runId, ok: true, ms: 1 });
    await delivered();
    expect(runsPosted().map((m) => m.runId)).toEqual([runId, second]);
    client.dispose();
  });

  it('posts nothing when the notebook closes before the frame, and says the run was not run', async () => {
    const { client, lost } = await idleClient();
    const runId = client.run('cell-1', '1 + 1');
    const port = kernel.port!;
    client.dispose();
    await wait(150);
    expect(runsPosted()).toEqual([]);
    expect(lost).toEqual([{ runIds: [runId], reason: 'The notebook was closed.' }]);
    port.close();
  });

  it('an interrupt before the run started cancels it, saying so (there was no run before it)', async () => {
    const { client, lost } = await idleClient();
    const runId = client.run('cell-1', '1 + 1');
    expect(await client.interrupt()).toBe('stopped');
    await wait(150);
    expect(runsPosted()).toEqual([]);
    expect(lost).toEqual([{ runIds: [runId], reason: 'Not run: interrupted before it started.' }]);
    client.dispose();
  });

  it('queues a graph cell’s Train as a run of that cell: posted as a trainGraph message, once if pressed again while waiting', async () => {
    const { client } = await idleClient();
    const job = {
      name: 'model1',
      graph: { nodes: [], edges: [], positions: {} },
      settings: DEFAULT_TRAIN_CONFIG,
      userKey: 'user:g1',
      backbones: {},
    };
    const busy = client.run('cell-1', 'await new Promise(() => {})');
    await wait(150);
    const first = client.trainGraph('g1', job);
    const again = client.trainGraph('g1', { ...job, settings: { ...DEFAULT_TRAIN_CONFIG, epochs: 3 } });
    kernel.port!.postMessage({ type: 'done', runId: busy, ok: true, ms: 1 });
    await delivered();
    await wait(150);
    const train = kernel.got.filter((m) => m.type === 'trainGraph') as unknown as Array<{
      runId: string;
      cellId: string;
      name: string;
      settings: { epochs: number };
    }>;
    expect(train.map((m) => [m.runId, m.cellId, m.name, m.settings.epochs])).toEqual([[again, 'g1', 'model1', 3]]);
    expect(first).not.toBe(again);
    client.dispose();
  });
});
