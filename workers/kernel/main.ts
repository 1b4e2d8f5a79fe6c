import * as tf from '@tensorflow/tfjs';
import { assertNever, isToKernel, type BackendName, type FromKernel, type ToKernel } from '../../src/protocol/messages';
import { startBackend, useWasmBinaries } from './backends';
import { compileCell } from './cellCode';
import { makeConsole } from './cellConsole';
import { makeDisplay } from './displayApi';
import { runCompiledCell, toCellError, mapStack } from './evaluate';
import { installFitHook } from './fitHook';
import { MissingKernelError } from './gradientCheck';
import { toDisplayValue } from './serialize';

// The kernel: one per open notebook, in a worker with an opaque origin. It
// holds the session's globals (tf, display, and what cells declare) and runs
// one cell at a time, as the page asks.

// The DOM lib types self as a Window; in a worker its postMessage takes a transfer list.
const post = (message: FromKernel, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

const state = {
  backend: 'cpu' as BackendName,
  runId: null as string | null,
  /** Output printed after its cell finished (timers, promises) goes to the cell that last ran. */
  lastRunId: null as string | null,
  stopRequested: false,
};

// tfjs and learners' helpers print through the global console (tensor.print()).
const globalConsole = makeConsole((level, text) => {
  const runId = state.runId ?? state.lastRunId;
  if (runId) post({ type: 'stream', runId, level, text });
});
Object.assign(self.console, globalConsole);

installFitHook({
  post,
  stopRequested: () => state.stopRequested,
  currentRunId: () => state.runId,
  backend: () => state.backend,
});

Object.assign(self, { tf });

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
    post({ type: 'done', runId, ok, ms: performance.now() - started });
  }
}

self.onmessage = (event: MessageEvent) => {
  const message = event.data;
  if (!isToKernel(message)) return;
  switch (message.type) {
    case 'init':
      void init(message);
      return;
    case 'run':
      void run(message);
      return;
    case 'stopTraining':
      state.stopRequested = true;
      return;
    default:
      assertNever(message);
  }
};
