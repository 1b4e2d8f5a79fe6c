import * as tf from '@tensorflow/tfjs';
import { assertNever, isToKernel, type BackendName, type FromKernel, type ToKernel } from '../../src/protocol/messages';
import { startBackend, useWasmBinaries } from './backends';
import { compileCell } from './cellCode';
import { makeConsole } from './cellConsole';
import { makeDisplay, type Display } from './displayApi';
import { makeInsightApi } from './insightApi';
import { insightBuffers, type InsightResult, type LiveStopped } from '../../src/protocol/insight';
import type { ModelGraph } from '../../src/doc/types';
import { declareGlobals, runCompiledCell, toCellError, mapStack } from './evaluate';
import { buildModel, disposeModel } from './buildModel';
import { customLayers } from './layers';
import { trainGraph, type TrainGraphOptions } from './trainGraph';
import { answer, forgetTraining } from './lab';
import { labTransferables, type LabRequest } from '../../src/protocol/lab';
import { installFitHook } from './fitHook';
import { createStreamBatcher } from './streamBatcher';
import { MissingKernelError } from './gradientCheck';
import { toDisplayValue } from './serialize';

// The kernel: one per open notebook, in a worker with an opaque origin. It
// holds the session's globals (tf, display, and what cells declare) and runs
// one cell at a time, as the page asks.

// The kernel talks to the page only over the private port that came with 'init'. Cell
// code can call the worker's own postMessage, but the page does not listen there, and
// the port lives in this closure, out of cells' reach.
let port: MessagePort | null = null;
const postMessageToPage = (message: FromKernel, transfer: Transferable[] = []) => port?.postMessage(message, transfer);
const streams = createStreamBatcher((message) => postMessageToPage(message));
const post = (message: FromKernel, transfer: Transferable[] = []) => {
  // Prints go out in batches; anything else first sends what was printed before it, to keep the order.
  if (message.type === 'stream') return streams.add(message);
  streams.flush();
  postMessageToPage(message, transfer);
};

const state = {
  backend: 'cpu' as BackendName,
  runId: null as string | null,
  /** Output printed after its cell finished (timers, promises) goes to the cell that last ran. */
  lastRunId: null as string | null,
  stopRequested: false,
  /** Set while the user has paused training: batch ends wait on it. */
  resume: null as Promise<void> | null,
  release: null as (() => void) | null,
  /** Models replaced by a graph edit, freed once no cell is running (one may be training them). */
  retired: [] as tf.LayersModel[],
};

function disposeRetired() {
  if (state.runId) return;
  for (const model of state.retired.splice(0)) disposeModel(model);
}

/** Builds a graph cell's model and puts it in the cells' scope under its name. */
function defineModel({ name, graph }: Extract<ToKernel, { type: 'defineModel' }>) {
  try {
    const model = buildModel(graph, name);
    forgetTraining(name);
    const previous = (globalThis as Record<string, unknown>)[name];
    if (previous instanceof tf.LayersModel && previous !== model) state.retired.push(previous);
    declareGlobals([name]);
    (globalThis as Record<string, unknown>)[name] = model;
    disposeRetired();
    post({ type: 'modelDefined', name, ok: true, message: `${name} is built in the kernel: ${model.layers.length} layers, ${model.countParams().toLocaleString('en-US')} params, fresh weights.` });
  } catch (e) {
    post({ type: 'modelDefined', name, ok: false, message: `${name} could not be built: ${(e as Error).message}` });
  }
}

// tfjs and learners' helpers print through the global console (tensor.print()).
const globalConsole = makeConsole((level, text) => {
  const runId = state.runId ?? state.lastRunId;
  if (runId) post({ type: 'stream', runId, level, text });
});
Object.assign(self.console, globalConsole);

function setPaused(paused: boolean) {
  if (paused && !state.resume) state.resume = new Promise((r) => (state.release = r));
  if (!paused && state.release) {
    state.release();
    state.resume = state.release = null;
  }
}

installFitHook({
  post,
  stopRequested: () => state.stopRequested,
  whilePaused: () => state.resume ?? Promise.resolve(),
  currentRunId: () => state.runId,
  backend: () => state.backend,
});

// lb.layers holds the layers tfjs 4.22 lacks (MultiHeadAttention, TransformerEncoder …).
// Live insight from a Train run goes to that run's cell; `insight` panels from code go to the running cell's output.
const sendInsight = (name: string) => (result: InsightResult) => {
  if (state.runId) post({ type: 'insight', runId: state.runId, model: name, result }, insightBuffers(result));
};
const liveStopped = (name: string) => (stopped: LiveStopped) => {
  if (state.runId) post({ type: 'insightStopped', runId: state.runId, model: name, ...stopped });
};
const insight = makeInsightApi((output) => {
  const runId = state.runId ?? state.lastRunId;
  if (runId) post({ type: 'display', runId, output }, output.kind === 'insight' ? insightBuffers(output.result) : []);
});
Object.assign(self, {
  tf,
  insight,
  lb: {
    layers: customLayers,
    trainGraph: (display: Display, name: string, graph: ModelGraph, stored: Record<string, unknown>, options: TrainGraphOptions = {}) =>
      trainGraph(display, name, graph, stored, { ...options, sendInsight: sendInsight(name), liveStopped: liveStopped(name) }),
  },
});

// An error thrown later by a cell's timer or callback: shown in the cell, never fatal to the kernel.
self.addEventListener('error', (event) => {
  event.preventDefault();
  const error = event.error as Error | undefined;
  const frames = mapStack(error?.stack);
  const runId = state.runId ?? state.lastRunId;
  if (runId) {
    const where = frames[0] ? ` (line ${frames[0].line})` : '';
    post({ type: 'stream', runId, level: 'error', text: `Uncaught ${error ? `${error.name}: ${error.message}` : event.message}${where}` });
  }
});

self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const frames = mapStack((event.reason as Error)?.stack);
  const runId = state.runId ?? state.lastRunId;
  if (runId) {
    const where = frames[0] ? ` (line ${frames[0].line})` : '';
    post({ type: 'stream', runId, level: 'error', text: `Uncaught (in promise) ${String(event.reason)}${where}` });
  }
});

async function init(message: Extract<ToKernel, { type: 'init' }>) {
  port = message.port;
  port.onmessage = (event) => receive(event.data);
  try {
    useWasmBinaries(message.wasm);
    const { backend, available, notes } = await startBackend(message.backend);
    state.backend = backend;
    post({ type: 'ready', backend, available, notes });
  } catch (e) {
    post({ type: 'initFailed', message: (e as Error).message });
  }
}

async function run({ runId, cellId, source }: Extract<ToKernel, { type: 'run' }>) {
  state.runId = runId;
  state.lastRunId = runId;
  state.stopRequested = false;
  setPaused(false);
  const started = performance.now();
  post({ type: 'started', runId });
  const cellConsole = makeConsole((level, text) => post({ type: 'stream', runId, level, text }));
  const display = makeDisplay((output) =>
    post({ type: 'display', runId, output }, output.kind === 'image' ? [output.rgba.buffer as ArrayBuffer] : []),
  );
  let ok = true;
  try {
    const value = await runCompiledCell(compileCell(source, cellId), cellConsole, display);
    if (value !== undefined) post({ type: 'result', runId, value: toDisplayValue(value) });
  } catch (e) {
    ok = false;
    const error = toCellError(e, cellId);
    if (e instanceof MissingKernelError) {
      error.suggestBackend = e.suggestBackend;
      error.hint = e.suggestBackend
        ? `Switch the backend to ${e.suggestBackend} (Backend menu) and run the cell again.`
        : 'No backend in this browser has that kernel; try a layer that does not need it.';
    }
    post({ type: 'error', runId, error });
  } finally {
    state.runId = null;
    disposeRetired();
    post({ type: 'done', runId, ok, ms: performance.now() - started });
  }
}

/** Answers a page's request about a trained model (or takes its data); failures come back as text. */
async function reply(requestId: string, request: LabRequest) {
  try {
    const result = await answer(request);
    post({ type: 'reply', requestId, ok: true, reply: result }, labTransferables(result));
  } catch (e) {
    post({ type: 'reply', requestId, ok: false, error: (e as Error).message });
  }
}

// The worker's own channel carries one message: init, with the port for everything else.
self.onmessage = (event: MessageEvent) => {
  const message = event.data;
  if (!isToKernel(message) || message.type !== 'init' || port) return;
  self.onmessage = null;
  void init(message);
};

function receive(message: unknown) {
  if (!isToKernel(message)) return;
  switch (message.type) {
    case 'init':
      return;
    case 'run':
      void run(message);
      return;
    case 'stopTraining':
      state.stopRequested = true;
      // A paused run must wake up to stop.
      setPaused(false);
      return;
    case 'pauseTraining':
      setPaused(message.paused);
      return;
    case 'defineModel':
      defineModel(message);
      return;
    case 'request':
      void reply(message.requestId, message.request);
      return;
    default:
      assertNever(message);
  }
}
