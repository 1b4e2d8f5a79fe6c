import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { datasetSpec, type DatasetName } from '../../src/data/catalogue';
import { shippedDatasetsIn } from '../../src/data/datasetRefs';
import { requireTrainConfig } from '../../src/doc/trainConfig';
import type { Cell, NotebookDoc } from '../../src/doc/types';
import type { DisplayOutput } from '../../src/protocol/display';
import type { Evaluation } from '../../src/protocol/lab';
import { loadTutorialDoc, tutorialEntry } from '../../src/tutorials/catalogue';
import { buildModel } from '../../workers/kernel/buildModel';
import { compileCell } from '../../workers/kernel/cellCode';
import { makeConsole } from '../../workers/kernel/cellConsole';
import { makeDatasetsApi } from '../../workers/kernel/datasetsApi';
import { putDataset } from '../../workers/kernel/datasets';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { createLiveChannel } from '../../workers/kernel/display/liveChannel';
import { declareGlobals, runCompiledCell, toCellError } from '../../workers/kernel/evaluate';
import { makeInsightApi } from '../../workers/kernel/insightApi';
import { answer } from '../../workers/kernel/lab';
import { customLayers } from '../../workers/kernel/layers';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { registerWasmGradients } from '../../workers/kernel/wasmGradients';
import { kernelHarness } from '../unit/kernelHarness';

// Runs a tutorial as a learner would, top to bottom, with the kernel's own pieces in Node: the
// shipped notebook through the one load path, every code cell as Run runs it (tf, lb and insight
// in scope, shipped datasets handed over as the page hands them), every graph cell as Train
// trains it (then Evaluate, as the page does after a run that ends well). On wasm, as learners'
// browsers mostly run here.

/** What one cell did: its outputs, prints, last value or error, and for a graph cell its run. */
export interface CellRun {
  index: number;
  kind: Cell['kind'];
  outputs: DisplayOutput[];
  prints: string[];
  value?: unknown;
  error?: string;
  /** A graph cell's last epoch (loss, metrics) and its test split's evaluation. */
  final?: Record<string, number>;
  evaluation?: Evaluation;
  ms: number;
}

export interface TutorialRun {
  doc: NotebookDoc;
  cells: CellRun[];
  ms: number;
}

/** Reads a shipped data file the way the page fetches it from public/. */
const shippedBytes = (name: DatasetName): Uint8Array => {
  const { source } = datasetSpec(name);
  if (source.kind !== 'shipped') throw new Error(`${name} is not shipped`);
  return new Uint8Array(readFileSync(`public/${source.file}`));
};

/** Runs every cell of a tutorial in order; throws at the first cell that fails, naming it. */
export async function runTutorial(slug: string): Promise<TutorialRun> {
  const entry = tutorialEntry(slug);
  if (!entry) throw new Error(`No tutorial ${slug}`);
  // The shipped notebook, through the one load path, as the app opens it.
  const doc = await loadTutorialDoc(entry);

  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmGradients();
  await tf.setBackend('wasm');
  await tf.ready();

  // The fit hook and a kernel's state, as the unit tests' kernels have them: its fits report to `sent`.
  const { state: kernel, sent: trainMessages } = kernelHarness('wasm')();

  let current: CellRun | null = null;
  const live = createLiveChannel({ send: () => undefined, stopRequested: () => false, running: () => true });
  const insight = makeInsightApi((output) => current?.outputs.push(output));
  Object.assign(globalThis, { tf, insight, lb: { layers: customLayers, datasets: makeDatasetsApi(kernel) } });

  const handOver = (name: DatasetName) => {
    if (!kernel.shipped.has(name)) putDataset(kernel, name, { kind: 'shipped', dataset: name, compressed: shippedBytes(name) });
  };

  // As the page does on opening: every graph cell's model is built and named for code cells.
  for (const cell of doc.cells) {
    if (cell.kind !== 'graph') continue;
    declareGlobals([cell.name]);
    (globalThis as Record<string, unknown>)[cell.name] = buildModel(doc.graphs[cell.graphId], cell.name);
  }

  const started = performance.now();
  const runs: CellRun[] = [];
  for (const [index, cell] of doc.cells.entries()) {
    const run: CellRun = { index, kind: cell.kind, outputs: [], prints: [], ms: 0 };
    current = run;
    runs.push(run);
    if (cell.kind === 'markdown') continue;
    const t0 = performance.now();
    const display = makeDisplay((o) => run.outputs.push(o), { channel: live, runId: `cell-${index}` });
    try {
      if (cell.kind === 'code') {
        for (const name of shippedDatasetsIn(cell.source)) handOver(name);
        const cellConsole = makeConsole((_level, text) => run.prints.push(text));
        run.value = await runCompiledCell(compileCell(cell.source, cell.id), cellConsole, display);
      } else {
        const config = requireTrainConfig(cell.training);
        if (datasetSpec(config.dataset).source.kind === 'shipped') handOver(config.dataset);
        trainMessages.length = 0;
        await trainGraph(kernel, display, cell.name, doc.graphs[cell.graphId], config);
        const end = trainMessages.findLast((m) => m.type === 'trainEnd');
        run.final = end?.type === 'trainEnd' ? end.final : undefined;
        const reply = await answer(kernel, { op: 'evaluate', model: cell.name });
        if (reply.op === 'evaluate') run.evaluation = reply.evaluation;
      }
    } catch (e) {
      const error = toCellError(e, cell.id);
      run.error = `${error.name}: ${error.message}${error.line ? ` (line ${error.line})` : ''}`;
      throw new Error(`Tutorial ${slug}, cell ${index + 1} (${cell.kind}) failed: ${run.error}`);
    } finally {
      run.ms = performance.now() - t0;
    }
  }
  return { doc, cells: runs, ms: performance.now() - started };
}

/** The first table, plot or other output of a kind among a run's cells. */
export function outputsOf(run: TutorialRun, kind: DisplayOutput['kind']): DisplayOutput[] {
  return run.cells.flatMap((c) => c.outputs.filter((o) => o.kind === kind));
}
