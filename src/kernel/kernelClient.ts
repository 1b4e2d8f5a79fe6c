import type { ModelGraph } from '../doc/types';
import { labTransferables, type DatasetPayload, type LabRequest, type ReplyOf } from '../protocol/lab';
import { isFromKernel, type BackendChoice, type BackendName, type FromKernel, type ToKernel } from '../protocol/messages';
import { bootKernelWorker } from './bootWorker';
import type { KernelAssetsLoader } from './kernelAssets';
import { afterNextPaint } from './afterNextPaint';

/** 'off': not started yet; a kernel starts with the first run, as Colab connects on first run. */
type KernelStatus = 'off' | 'starting' | 'idle' | 'busy' | 'interrupting' | 'failed';

/** How long Interrupt waits for the running cell to yield before restarting the kernel. */
const INTERRUPT_GRACE_MS = 2000;

export interface KernelInfo {
  status: KernelStatus;
  /** What the user asked for; `backend` is what runs. */
  choice: BackendChoice;
  backend: BackendName | null;
  available: BackendName[];
  notes: string[];
  /** Why the kernel failed to start, when status is 'failed'. */
  error?: string;
}

export interface KernelHandlers {
  onInfo(info: KernelInfo): void;
  /** Every message about a run; the page routes them to cells by runId. */
  onRunMessage(message: Exclude<FromKernel, { type: 'ready' | 'initFailed' | 'modelDefined' | 'reply' }>): void;
  /** A graph cell's model was built in the kernel, or could not be. */
  onModelDefined(name: string, ok: boolean, message: string): void;
  /** The kernel died or was restarted with these runs unfinished. */
  onRunsLost(runIds: string[], reason: string): void;
}

/** What a graph cell's Train sends: the model's name and graph, checked settings, and where its own data is. */
type TrainJob = Omit<Extract<ToKernel, { type: 'trainGraph' }>, 'type' | 'runId' | 'cellId'>;

export interface KernelClient {
  /** Queues a code cell's source to run; returns the run's id. `datasets`: the shipped sets the page is sending for it. */
  run(cellId: string, source: string, datasets?: string[]): string;
  /** Queues a graph cell's Train, a run of that cell like any other; returns the run's id. */
  trainGraph(cellId: string, job: TrainJob): string;
  /** Queues an exercise's check code as a run of `runKey` (not the cell's own key, so a queued Run of the cell stays). */
  check(runKey: string, source: string): string;
  /**
   * Builds a graph's model in the kernel under `name`, now if it runs, else as soon as it starts.
   * keepWeights: only the layers' Trainable or places changed, so the kernel's model keeps its weights.
   */
  defineModel(name: string, graph: ModelGraph, keepWeights?: boolean): void;
  /** Hands data to the kernel under `key`, now and again to every new kernel (a copy of the buffers is transferred each time). */
  provideDataset(key: string, payload: DatasetPayload, onFailure?: (error: Error) => void): void;
  /** Asks the running kernel about a trained model; fails with a learner's message when there is none. */
  request<R extends LabRequest>(request: R): Promise<ReplyOf<R['op']>>;
  /** Starts the kernel if it is off or failed, without running anything. */
  start(): void;
  stopTraining(): void;
  /** Holds or resumes training after the current batch. */
  pauseTraining(paused: boolean): void;
  /** Stops training, and restarts the kernel if the cell has not finished within the grace period. */
  interrupt(): Promise<'stopped' | 'restarted'>;
  restart(backend?: BackendChoice): Promise<void>;
  readonly backendChoice: BackendChoice;
  dispose(): void;
}

/** A queued run: a code cell's, a graph cell's Train, or an exercise's Check. */
type Run = Extract<ToKernel, { type: 'run' | 'trainGraph' | 'check' }>;

/** The page's side of one notebook's kernel: start, queue runs, interrupt, restart. */
export function createKernelClient(load: KernelAssetsLoader, handlers: KernelHandlers, initial: BackendChoice = 'auto'): KernelClient {
  let worker: Worker | null = null;
  /** The private channel to the kernel (see bootWorker): cell code cannot post on it. */
  let port: MessagePort | null = null;
  let interrupting: Promise<'stopped' | 'restarted'> | null = null;
  /** The latest graph of each model name: sent when defined, and again to every new kernel. */
  const models = new Map<string, ModelGraph>();
  const datasets = new Map<string, DatasetPayload>();
  const pending = new Map<string, { op: string; resolve(reply: unknown): void; reject(error: Error): void }>();
  let nextRequest = 0;
  let choice = initial;
  let info: KernelInfo = { status: 'off', choice: initial, backend: null, available: [], notes: [] };
  const queue: Run[] = [];
  let current: Run | null = null;
  let currentDone: (() => void) | null = null;
  let generation = 0;
  let nextRun = 0;

  const setInfo = (patch: Partial<KernelInfo>) => {
    info = { ...info, ...patch };
    handlers.onInfo(info);
  };

  /**
   * Every message to the kernel goes through here, typed: 'init' on the worker itself (it
   * carries the private port), everything after it on that port.
   */
  const send = (message: ToKernel, transfer: Transferable[] = []) => {
    if (message.type === 'init') worker?.postMessage(message, transfer);
    else port?.postMessage(message, transfer);
  };

  const pump = () => {
    if (!worker || current || info.status !== 'idle') return;
    const next = queue.shift();
    if (!next) return;
    current = next;
    setInfo({ status: 'busy' });
    send(next);
  };

  /** The kernel could not start: say why, and fail the runs that were waiting for it. */
  const failStart = (error: string) => {
    setInfo({ status: 'failed', error });
    const waiting = queue.splice(0).map((r) => r.runId);
    if (waiting.length) handlers.onRunsLost(waiting, `Not run: ${error}`);
  };

  const onMessage = (gen: number, data: unknown) => {
    if (gen !== generation || !isFromKernel(data)) return;
    if (data.type === 'ready' || data.type === 'initFailed') {
      // Only a starting kernel reports on its start.
      if (info.status !== 'starting') return;
      if (data.type === 'initFailed') return failStart(data.message);
      setInfo({ status: 'idle', backend: data.backend, available: data.available, notes: data.notes, error: undefined });
      for (const [name, graph] of models) send({ type: 'defineModel', name, graph });
      for (const [key, payload] of datasets) sendDataset(key, payload);
      pump();
      return;
    }
    if (data.type === 'modelDefined') return handlers.onModelDefined(data.name, data.ok, data.message);
    if (data.type === 'reply') {
      const waiting = pending.get(data.requestId);
      pending.delete(data.requestId);
      // A reply to some other question (cell code can post on the kernel's side) is refused, not rendered.
      if (data.ok && data.reply.op === waiting?.op) waiting.resolve(data.reply);
      else if (data.ok) waiting?.reject(new Error('The kernel answered a different question; try again.'));
      else waiting?.reject(new Error(data.error));
      return;
    }
    handlers.onRunMessage(data);
    if (data.type === 'done' && current?.runId === data.runId) {
      current = null;
      currentDone?.();
      currentDone = null;
      setInfo({ status: 'idle' });
      pump();
    }
  };

  /** Failures of a hand-over, reported to whoever provided the data (the next Train then sends it again). */
  const datasetFailed = new Map<string, (error: Error) => void>();
  /** A fresh copy each time, transferred: the page keeps its own for the next kernel. */
  const sendDataset = (key: string, payload: DatasetPayload) => {
    const copy: DatasetPayload =
      payload.kind === 'shipped'
        ? { ...payload, compressed: payload.compressed.slice() }
        : { ...payload, x: payload.x.slice(), y: payload.y.slice() };
    const request: LabRequest = { op: 'dataset', key, payload: copy };
    const requestId = `d${nextRequest++}`;
    pending.set(requestId, {
      op: 'dataset',
      resolve: () => undefined,
      reject: (error) => {
        datasets.delete(key);
        datasetFailed.get(key)?.(error);
      },
    });
    send({ type: 'request', requestId, request }, labTransferables(request));
  };

  const start = async () => {
    // Never two kernels: one left over (a failed start) is ended first.
    worker?.terminate();
    port?.close();
    worker = null;
    port = null;
    const gen = ++generation;
    setInfo({ status: 'starting', backend: null, notes: [], error: undefined });
    try {
      const assets = await load();
      if (gen !== generation) return;
      const w = bootKernelWorker(assets);
      const channel = new MessageChannel();
      worker = w;
      port = channel.port1;
      port.onmessage = (e) => onMessage(gen, e.data);
      w.onerror = (e) => {
        e.preventDefault();
        // The kernel shows its cells' errors itself; only a failure to start is the page's concern.
        if (gen === generation && info.status === 'starting') failStart(e.message || 'The kernel worker failed to start.');
      };
      const wasm = assets.wasm();
      send({ type: 'init', backend: choice, wasm, port: channel.port2 }, [...Object.values(wasm), channel.port2]);
    } catch (e) {
      if (gen === generation) failStart(`The kernel could not be loaded: ${(e as Error).message}`);
    }
  };

  const kill = (reason: string) => {
    generation++;
    worker?.terminate();
    port?.close();
    worker = null;
    port = null;
    const lost = [...(current ? [current.runId] : []), ...queue.map((r) => r.runId)];
    current = null;
    currentDone?.();
    currentDone = null;
    queue.length = 0;
    if (lost.length) handlers.onRunsLost(lost, reason);
    for (const waiting of pending.values())
      waiting.reject(new Error('The kernel was restarted before it answered; train the model again.'));
    pending.clear();
  };

  /** Queues a run; the same cell pressed again while it waits runs once, as it is now (Jupyter's way). */
  const enqueue = (cellId: string, make: (runId: string) => Run): string => {
    const runId = `r${Date.now().toString(36)}${(nextRun++).toString(36)}`;
    const waiting = queue.findIndex((r) => r.cellId === cellId);
    if (waiting >= 0) queue.splice(waiting, 1);
    queue.push(make(runId));
    // A failed kernel gets a fresh try on the next run: the cause (a network blip) may be gone.
    if (info.status === 'off' || info.status === 'failed') void start();
    // The kernel starts once the page has drawn the run's beginning, so the two do not compete for the CPU.
    else afterNextPaint(pump);
    return runId;
  };

  return {
    run: (cellId, source, datasets = []) => enqueue(cellId, (runId) => ({ type: 'run', runId, cellId, source, datasets })),
    trainGraph: (cellId, job) => enqueue(cellId, (runId) => ({ type: 'trainGraph', runId, cellId, ...job })),
    check: (runKey, source) => enqueue(runKey, (runId) => ({ type: 'check', runId, cellId: runKey, source })),
    start() {
      if (info.status === 'off' || info.status === 'failed') void start();
    },
    provideDataset(key, payload, onFailure) {
      datasets.set(key, payload);
      if (onFailure) datasetFailed.set(key, onFailure);
      if (info.status === 'idle' || info.status === 'busy') sendDataset(key, payload);
    },
    request<R extends LabRequest>(request: R) {
      if (!port || !(info.status === 'idle' || info.status === 'busy')) {
        return Promise.reject(new Error('The kernel is not running: train the model first.'));
      }
      const requestId = `q${nextRequest++}`;
      const answer = new Promise<ReplyOf<R['op']>>((resolve, reject) =>
        pending.set(requestId, { op: request.op, resolve: resolve, reject }),
      );
      send({ type: 'request', requestId, request }, labTransferables(request));
      return answer;
    },
    stopTraining() {
      send({ type: 'stopTraining' });
    },
    pauseTraining(paused) {
      send({ type: 'pauseTraining', paused });
    },
    defineModel(name, graph, keepWeights) {
      models.set(name, graph);
      if (info.status === 'idle' || info.status === 'busy')
        send({ type: 'defineModel', name, graph, ...(keepWeights ? { keepWeights } : {}) });
    },
    interrupt() {
      // Queued cells do not run after an interrupt, as in Jupyter.
      const dropped = queue.splice(0).map((r) => r.runId);
      // With nothing running, the dropped runs were pressed a moment ago and not yet posted (see afterNextPaint).
      if (dropped.length)
        handlers.onRunsLost(dropped, current ? 'Not run: the run before it was interrupted.' : 'Not run: interrupted before it started.');
      if (!current) return Promise.resolve('stopped' as const);
      // Pressed again while waiting: the same interrupt, with the same 2 s of grace.
      interrupting ??= (async () => {
        send({ type: 'stopTraining' });
        setInfo({ status: 'interrupting' });
        const finished = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), INTERRUPT_GRACE_MS);
          currentDone = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        if (finished) return 'stopped' as const;
        kill('Interrupted: the cell did not stop, so the kernel was restarted and its variables were lost.');
        await start();
        return 'restarted' as const;
      })().finally(() => (interrupting = null));
      return interrupting;
    },
    async restart(backend) {
      if (backend) choice = backend;
      setInfo({ choice });
      kill('The kernel was restarted before this cell finished.');
      await start();
    },
    get backendChoice() {
      return choice;
    },
    dispose() {
      kill('The notebook was closed.');
    },
  };
}
