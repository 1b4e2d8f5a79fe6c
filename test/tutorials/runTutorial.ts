import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { datasetSpec, type DatasetName } from '../../src/data/catalogue';
import { shippedDatasetsIn } from '../../src/data/datasetRefs';
import { requireTrainConfig } from '../../src/doc/trainConfig';
import type { Cell, ModelGraph, NotebookDoc } from '../../src/doc/types';
import { backboneSpec } from '../../src/data/backbones';
import type { ModelFiles } from '../../src/protocol/lab';
import { shippedBackboneFiles } from '../fixtures/shippedBackbone';
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
import type { KernelState } from '../../workers/kernel/kernelState';
import { runCheck } from '../../workers/kernel/check/runCheck';
import type { Verdict } from '../../src/protocol/exercise';

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
  /** The kernel the tutorial ran in: its exercises are checked against what it holds. */
  kernel: KernelState;
}

/** One exercise checked twice: as shipped (the starter untouched) and with its reference solution put in. */
export interface ExerciseRun {
  index: number;
  starter: Verdict;
  solution: Verdict;
  /** The solution graph's test evaluation, for a graph exercise. */
  evaluation?: Evaluation;
  ms: number;
}

/** Reads a shipped data file the way the page fetches it from public/. */
const shippedBytes = (name: DatasetName): Uint8Array => {
  const { source } = datasetSpec(name);
  if (source.kind !== 'shipped') throw new Error(`${name} is not shipped`);
  return new Uint8Array(readFileSync(`public/${source.file}`));
};

/** The pretrained weights of a graph's backbones, read from public/ as the page fetches and sends them with Train. */
export function backbonesOf(graph: ModelGraph): Record<string, ModelFiles> {
  const found: Record<string, ModelFiles> = {};
  for (const node of graph.nodes) {
    if (!node.block) continue;
    const { source } = node.block;
    const spec = source.kind === 'shipped' ? backboneSpec(source.id) : undefined;
    if (!spec) throw new Error(`No shipped backbone ${JSON.stringify(source)}`);
    found[spec.id] = shippedBackboneFiles(spec);
  }
  return found;
}

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
      } else if (cell.exercise) {
        // An exercise's graph is the learner's to build and train: as shipped it is only defined (above).
        continue;
      } else {
        const config = requireTrainConfig(cell.training);
        if (datasetSpec(config.dataset).source.kind === 'shipped') handOver(config.dataset);
        trainMessages.length = 0;
        await trainGraph(kernel, display, cell.name, doc.graphs[cell.graphId], config, {
          backbones: backbonesOf(doc.graphs[cell.graphId]),
        });
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
  return { doc, cells: runs, ms: performance.now() - started, kernel };
}

/**
 * Checks every exercise of a tutorial that has run: first as shipped (a learner pressing Check
 * before doing anything), then with its reference solution in place of the starter (code run as
 * Run runs it; a solution graph trained as Train trains it), as the learner would answer it.
 */
async function checkExercises(run: TutorialRun): Promise<ExerciseRun[]> {
  const { doc, kernel } = run;
  const out: ExerciseRun[] = [];
  for (const [index, cell] of doc.cells.entries()) {
    if (cell.kind === 'markdown' || !cell.exercise) continue;
    const t0 = performance.now();
    const outputs: DisplayOutput[] = [];
    const display = makeDisplay((o) => outputs.push(o), { channel: quietChannel(), runId: `check-${index}` });
    const cellConsole = makeConsole(() => undefined);
    const ex = cell.exercise;
    const starter = await runCheck(kernel, ex.check, cell.id, cellConsole, display);
    let evaluation: Evaluation | undefined;
    if (cell.kind === 'code') {
      await runCompiledCell(compileCell(ex.solution, cell.id), cellConsole, display);
    } else {
      if (!ex.solutionGraph) throw new Error(`Exercise in cell ${index + 1} (${cell.name}) has no solution graph`);
      const config = requireTrainConfig(ex.solutionTraining ?? cell.training);
      const spec = datasetSpec(config.dataset);
      if (spec.source.kind === 'shipped' && !kernel.shipped.has(config.dataset)) {
        putDataset(kernel, config.dataset, { kind: 'shipped', dataset: config.dataset, compressed: shippedBytes(config.dataset) });
      }
      await trainGraph(kernel, display, cell.name, ex.solutionGraph, config, { backbones: backbonesOf(ex.solutionGraph) });
      const reply = await answer(kernel, { op: 'evaluate', model: cell.name });
      if (reply.op === 'evaluate') evaluation = reply.evaluation;
    }
    const solution = await runCheck(kernel, ex.check, cell.id, cellConsole, display);
    out.push({ index, starter, solution, evaluation, ms: performance.now() - t0 });
  }
  return out;
}

const quietChannel = () => createLiveChannel({ send: () => undefined, stopRequested: () => false, running: () => true });

/**
 * What every tutorial test asks of its exercises: as shipped, each says Not yet with exactly its
 * line of `starters` (in the notebook's order); with its reference solution, each is Correct. Logs a
 * line per exercise (its time, a solution graph's test score, the verdict) and returns the runs, for
 * what a test measures of a solution beyond its check.
 */
export async function expectExercises(run: TutorialRun, tutorial: number, starters: string[]): Promise<ExerciseRun[]> {
  const exercises = await checkExercises(run);
  expect(exercises.map((e) => e.starter)).toEqual(starters.map((message) => ({ status: 'notYet', message })));
  for (const { index, solution, evaluation, ms } of exercises) {
    // The message and the author's detail (a broken check's error) say why a solution failed.
    expect(solution.status, `cell ${index + 1}: ${solution.message} ${solution.detail ?? ''}`).toBe('correct');
    console.log(
      `tutorial ${tutorial}, exercise in cell ${index + 1}: ${(ms / 1000).toFixed(1)} s${scored(evaluation)}; ${solution.message}`,
    );
  }
  return exercises;
}

/** A solution graph's test score for the log: accuracy for a classifier, MAE for a forecaster. */
function scored(evaluation: Evaluation | undefined): string {
  if (evaluation?.accuracy !== undefined) return `, test accuracy ${evaluation.accuracy}`;
  if (evaluation?.mae !== undefined) return `, test MAE ${evaluation.mae.toFixed(4)}`;
  return '';
}

/** The first table, plot or other output of a kind among a run's cells. */
export function outputsOf(run: TutorialRun, kind: DisplayOutput['kind']): DisplayOutput[] {
  return run.cells.flatMap((c) => c.outputs.filter((o) => o.kind === kind));
}
