import { afterEach, describe, expect, it, vi } from 'vitest';
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
  const client = createKernelClient(async () => ({ source: '', wasm: () => ({}) }), {
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

const runsPosted = () => kernel.got.filter((m) => m.type === 'run');

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
});
