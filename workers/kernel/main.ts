import * as tf from '@tensorflow/tfjs';
import { assertNever, isToKernel, type FromKernel, type ToKernel } from '../../src/protocol/messages';
import { startBackend, useWasmBinaries } from './backends';
import { compileCell } from './cellCode';
import { makeConsole } from './cellConsole';
import { makeDatasetsApi } from './datasetsApi';
import { makeDisplay, type Display } from './displayApi';
import { createLiveChannel } from './display/liveChannel';
import { displayTransferables, updateTransferables } from './display/transfer';
import { makeInsightApi } from './insightApi';
import { insightBuffers } from '../../src/protocol/insight';
import { boundaryBuffers } from '../../src/protocol/boundary';
import { runCompiledCell, toCellError, mapStack } from './evaluate';
import { disposeModel } from './buildModel';
import { customLayers } from './layers';
import { trainGraph } from './trainGraph';
import { defineGraphModel } from './defineModel';
import { answer } from './lab';
import { labTransferables, type LabRequest } from '../../src/protocol/lab';
import { installFitHook } from './fitHook';
import { createStreamBatcher } from './streamBatcher';
import { MissingKernelError } from './gradientCheck';
import { toDisplayValue } from './serialize';
import { createKernelState, type KernelState } from './kernelState';
import { answerDeniedDatabases, describeRejection } from './rejections';
import { makeCheckApi } from './check/checkApi';
import { runCheck } from './check/runCheck';
import { checkOf } from '../../src/protocol/exercise';

// The kernel: one per open notebook, in a worker with an opaque origin. It
// holds the session's globals (tf, display, and what cells declare) and runs
// one cell at a time, as the page asks.

type RunMessage = Extract<ToKernel, { type: 'run' | 'trainGraph' | 'check' }>;

/**
 * Starts this worker's kernel: its state, and the handlers that answer the page. The kernel
 * talks to the page only over the private port that comes with 'init'. Cell code can call the
 * worker's own postMessage, but the page does not listen there, and the port lives in this
 * closure, out of cells' reach.
 */
function startKernel(scope: typeof globalThis & { onmessage: ((event: MessageEvent) => void) | null }): void {
  const kernel: KernelState = createKernelState();
  let port: MessagePort | null = null;
  const postMessageToPage = (message: FromKernel, transfer: Transferable[] = []) => port?.postMessage(message, transfer);
  const streams = createStreamBatcher((message) => postMessageToPage(message));
  const post = (message: FromKernel, transfer: Transferable[] = []) => {
    // Prints go out in batches; anything else first sends what was printed before it, to keep the order.
    if (message.type === 'stream') return streams.add(message);
    streams.flush();
    postMessageToPage(message, transfer);
  };
  // Live plots and progress bars: their handles' updates, sent at most every 50 ms and at each run's end.
  const live = createLiveChannel({
    send: (runId, id, update) => post({ type: 'displayUpdate', runId, id, update }, updateTransferables(update)),
    stopRequested: () => kernel.stopRequested,
    running: () => kernel.runId !== null,
  });
  /** Where output that belongs to no run now goes: the run that last went. */
  const outputRun = () => kernel.runId ?? kernel.lastRunId;

  const disposeRetired = () => {
    if (kernel.runId) return;
    for (const model of kernel.retired.splice(0)) disposeModel(model);
  };

  /** Builds a graph cell's model and puts it in the cells' scope under its name. */
  const defineModel = ({ name, graph, keepWeights }: Extract<ToKernel, { type: 'defineModel' }>) => {
    try {
      const { model, previous, kept } = defineGraphModel(kernel, name, graph, keepWeights === true);
      if (previous instanceof tf.LayersModel && previous !== model) kernel.retired.push(previous);
      disposeRetired();
      post({
        type: 'modelDefined',
        name,
        ok: true,
        message:
          `${name} is built in the kernel: ${model.layers.length} layers, ` +
          `${model.countParams().toLocaleString('en-US')} params, ${kept ? 'its trained weights kept' : 'fresh weights'}.`,
      });
    } catch (e) {
      post({ type: 'modelDefined', name, ok: false, message: `${name} could not be built: ${(e as Error).message}` });
    }
  };

  // tfjs and learners' helpers print through the global console (tensor.print()).
  const globalConsole = makeConsole((level, text) => {
    const runId = outputRun();
    if (runId) post({ type: 'stream', runId, level, text });
  });
  Object.assign(scope.console, globalConsole);

  const setPaused = (paused: boolean) => {
    if (paused && !kernel.pause) {
      let release = () => {};
      const resume = new Promise<void>((r) => (release = r));
      kernel.pause = { resume, release };
    }
    if (!paused && kernel.pause) {
      kernel.pause.release();
      kernel.pause = null;
    }
  };

  installFitHook({
    post,
    stopRequested: () => kernel.stopRequested,
    whilePaused: () => kernel.pause?.resume ?? Promise.resolve(),
    currentRunId: () => kernel.runId,
    backend: () => kernel.backend,
    fitStarted: (live) => (kernel.activeFit = live),
    fitEnded: (live) => {
      if (kernel.activeFit === live) kernel.activeFit = null;
    },
    // What each model's last fit was: exercises check goals and settings against it.
    recordFit: (model, record) => kernel.fits.set(model, record),
  });

  // `insight` panels from code go to the running cell's output. lb.layers holds the layers tfjs 4.22
  // lacks (MultiHeadAttention, TransformerEncoder …); Train is a message of its own, out of cells' reach.
  const insight = makeInsightApi((output) => {
    const runId = outputRun();
    if (runId) post({ type: 'display', runId, output }, output.kind === 'insight' ? insightBuffers(output.result) : []);
  });
  // `check`: the exercise helpers, also for learners who want to test their own work in a cell.
  Object.assign(scope, { tf, insight, check: makeCheckApi(kernel).api, lb: { layers: customLayers, datasets: makeDatasetsApi(kernel) } });

  // An error thrown later by a cell's timer or callback: shown in the cell, never fatal to the kernel.
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    const error = event.error as Error | undefined;
    const frames = mapStack(error?.stack);
    const runId = outputRun();
    if (runId) {
      const where = frames[0] ? ` (line ${frames[0].line})` : '';
      post({
        type: 'stream',
        runId,
        level: 'error',
        text: `Uncaught ${error ? `${error.name}: ${error.message}` : event.message}${where}`,
      });
    }
  });

  answerDeniedDatabases(scope);
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    const frames = mapStack((event.reason as Error)?.stack);
    const runId = outputRun();
    if (runId) {
      const where = frames[0] ? ` (line ${frames[0].line})` : '';
      post({ type: 'stream', runId, level: 'error', text: `Uncaught (in promise) ${describeRejection(event.reason)}${where}` });
    }
  });

  const init = async (message: Extract<ToKernel, { type: 'init' }>) => {
    port = message.port;
    port.onmessage = (event) => receive(event.data);
    try {
      useWasmBinaries(message.wasm);
      const { backend, available, notes } = await startBackend(message.backend);
      kernel.backend = backend;
      post({ type: 'ready', backend, available, notes });
    } catch (e) {
      post({ type: 'initFailed', message: (e as Error).message });
    }
  };

  /** What a run does: a code cell's source, a graph cell's Train, or an exercise's Check. */
  const work = async (message: RunMessage, display: Display, cellConsole: unknown): Promise<unknown> => {
    if (message.type === 'run') return runCompiledCell(compileCell(message.source, message.cellId), cellConsole, display);
    if (message.type === 'check') {
      // A check's own failure is its verdict ("broken"), said to the author; the run itself ends well.
      const verdict = await runCheck(kernel, message.source, checkOf(message.cellId)?.cellId ?? message.cellId, cellConsole, display);
      post({ type: 'verdict', runId: message.runId, verdict });
      return undefined;
    }
    const { name } = message;
    return trainGraph(kernel, display, name, message.graph, message.settings, {
      userKey: message.userKey,
      backbones: message.backbones,
      fineTune: message.fineTune,
      // Live insight from a Train run goes to that run's cell.
      sendInsight: (result) => kernel.runId && post({ type: 'insight', runId: kernel.runId, model: name, result }, insightBuffers(result)),
      liveStopped: (stopped) => kernel.runId && post({ type: 'insightStopped', runId: kernel.runId, model: name, ...stopped }),
      sendBoundary: (b) => kernel.runId && post({ type: 'boundary', runId: kernel.runId, model: name, ...b }, boundaryBuffers(b)),
    });
  };

  /** One run, a cell's or a Train's: started, its output, its value or error, done. */
  const run = async (message: RunMessage) => {
    const { runId, cellId } = message;
    kernel.runId = runId;
    // Output that belongs to no run (a cell's timer) goes to the cell that last ran: a Check shows none.
    if (message.type !== 'check') kernel.lastRunId = runId;
    kernel.stopRequested = false;
    // The shipped sets this cell loads by name, which the page sends as it runs (lb.datasets.load).
    kernel.coming.names = message.type === 'run' ? message.datasets : [];
    setPaused(false);
    const started = performance.now();
    post({ type: 'started', runId });
    const cellConsole = makeConsole((level, text) => post({ type: 'stream', runId, level, text }));
    const display = makeDisplay((output) => post({ type: 'display', runId, output }, displayTransferables(output)), {
      channel: live,
      runId,
    });
    let ok = true;
    try {
      const value = await work(message, display, cellConsole);
      // A cell ending in display.plot(…) shows the plot; its handle is no value to show beside it.
      if (value !== undefined && !live.isHandle(value)) post({ type: 'result', runId, value: toDisplayValue(value) });
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
      kernel.runId = null;
      disposeRetired();
      // Every live output's last points arrive before the cell is done.
      live.flush();
      post({ type: 'done', runId, ok, ms: performance.now() - started });
    }
  };

  /** Answers a page's request about a trained model (or takes its data); failures come back as text. */
  const reply = async (requestId: string, request: LabRequest) => {
    try {
      const result = await answer(kernel, request);
      post({ type: 'reply', requestId, ok: true, reply: result }, labTransferables(result));
    } catch (e) {
      post({ type: 'reply', requestId, ok: false, error: (e as Error).message });
    }
  };

  const receive = (message: unknown) => {
    if (!isToKernel(message)) return;
    switch (message.type) {
      case 'init':
        return;
      case 'run':
      case 'trainGraph':
      case 'check':
        void run(message);
        return;
      case 'stopTraining':
        kernel.stopRequested = true;
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
  };

  // The worker's own channel carries one message: init, with the port for everything else.
  scope.onmessage = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isToKernel(message) || message.type !== 'init' || port) return;
    scope.onmessage = null;
    void init(message);
  };
}

startKernel(self);
