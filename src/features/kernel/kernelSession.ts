import { createFrameBatch } from '../../kernel/frameBatch';
import { createKernelClient, type KernelClient } from '../../kernel/kernelClient';
import type { KernelAssetsLoader } from '../../kernel/kernelAssets';
import type { ModelGraph } from '../../doc/types';
import { datasetSpec, type DatasetName } from '../../data/catalogue';
import { backboneSpec } from '../../data/backbones';
import { readModelFiles } from '../lab/modelFiles';
import { shippedDatasetsIn } from '../../data/datasetRefs';
import { requireTrainConfig, runnableTrainConfig, type TrainConfig } from '../../doc/trainConfig';
import type { LabRequest, ModelFiles, ReplyOf } from '../../protocol/lab';
import { fineTuneProblem, type FineTune } from '../../training/fineTune';
import type { ShippedFileLoader } from '../../kernel/shippedFiles';
import { loadBackbone, loadSavedModel, saveModel } from '../../storage/modelRepo';
import type { SavedModelRecord } from '../../storage/db';
import { inferGraph } from '../../graph/infer';
import { describeBackbone } from '../../graph/describeBackbone';
import { backboneKey } from '../../graph/block';
import { sameLayers } from '../../graph/sameLayers';
import { describeTaskProblems, taskProblems, type TaskProblem } from '../../training/taskFit';
import type { BackendChoice } from '../../protocol/messages';
import type { Database } from '../../storage/db';
import { setTrusted } from '../../storage/notebookRepo';
import type { NotebookStore } from '../../store/notebookStore';
import { canHoldExercise } from '../../doc/exerciseOps';
import { checkRunKey } from '../../protocol/exercise';

export interface KernelSession {
  /** Runs one code cell; refused (false) while the notebook is untrusted. */
  runCell(cellId: string): boolean;
  /** Runs every code cell, top to bottom. */
  runAll(): boolean;
  /** Runs the code cells from the top down to and including `cellId`. */
  runThrough(cellId: string): boolean;
  stopTraining(): void;
  pauseTraining(paused: boolean): void;
  /** Runs a cell's exercise check in the kernel (its verdict reaches the store); refused while untrusted. */
  checkExercise(cellId: string, preview?: boolean): boolean;
  /**
   * Trains a graph cell's model on its dataset with its settings; refused while untrusted or incomplete.
   * With `fineTune`, goes on from the weights its last run ended with (the second phase of that run).
   */
  trainGraphCell(cellId: string, fineTune?: FineTune): boolean;
  /** The test split's metrics and confusion matrix for a graph cell's trained model (also kept in the store). */
  evaluate(cellId: string): Promise<void>;
  /** Asks the kernel about a graph cell's trained model. */
  ask<R extends LabAsk>(cellId: string, request: R): Promise<ReplyOf<R['op']>>;
  /** Keeps the trained model's topology and weights in this browser, beside the notebook; says what it saved. */
  saveModel(cellId: string): Promise<string>;
  savedModel(cellId: string): Promise<SavedModelRecord | undefined>;
  /** Loads weights (from files, or the copy saved in the browser) into the cell's model, then evaluates it. */
  loadWeights(cellId: string, files: ModelFiles | 'saved'): Promise<string>;
  interrupt(): Promise<void>;
  restart(backend?: BackendChoice): Promise<void>;
  /** Marks the notebook trusted in this browser, then runs all its cells. */
  trustAndRun(): Promise<void>;
  dispose(): void;
}

/** A lab request about a cell's model, without the model: the cell's name fills it in. */
type WithoutModel<T> = T extends { model: string } ? Omit<T, 'model'> : never;
type LabAsk = WithoutModel<Extract<LabRequest, { op: 'predict' | 'samples' | 'exportModel' | 'insight' | 'watch' }>>;

/** Connects an open notebook's store to its kernel: one kernel per open notebook. */
export function startKernelSession(store: NotebookStore, db: Database, load: KernelAssetsLoader, files: ShippedFileLoader): KernelSession {
  const s = () => store.getState();
  // What the kernel says reaches the store once a frame, in the order it was said: a burst of
  // messages (a run's start, its first batch) is one render of the page, not one each.
  const frame = createFrameBatch();
  const client: KernelClient = createKernelClient(load, {
    onInfo: (info) => frame.add(() => s().setKernelInfo(info)),
    onRunMessage: (message) => frame.add(() => s().applyRunMessage(message)),
    onRunsLost: (runIds, reason) => frame.add(() => s().runsLost(runIds, reason)),
    onModelDefined: (name, ok, message) => frame.add(() => s().setModelStatus(name, ok, message)),
  });

  // Graph cells' models follow their graphs: each valid graph is (re)built in the kernel
  // under its cell's name, a moment after the last edit.
  const sent = new Map<string, ModelGraph>();
  let defineTimer: ReturnType<typeof setTimeout> | undefined;
  /** Defines every changed graph now (a pending deferred call is dropped). */
  const defineModels = () => {
    clearTimeout(defineTimer);
    const { doc } = s();
    for (const cell of doc.cells) {
      if (cell.kind !== 'graph') continue;
      const graph = doc.graphs[cell.graphId];
      const before = sent.get(cell.name);
      if (!graph || before === graph || !inferGraph(graph).ok) continue;
      sent.set(cell.name, graph);
      // A Trainable ticked or a node moved leaves the trained weights as they are (Fine-tune goes on from them).
      client.defineModel(cell.name, graph, before !== undefined && sameLayers(before, graph));
    }
  };
  defineModels();
  // A graph cell's run that ends well is evaluated at once, as Keras tutorials do after fit.
  const evaluateAfter = new Map<string, string>();
  const watchRuns = (state: ReturnType<typeof s>) => {
    for (const [runId, cellId] of evaluateAfter) {
      const output = state.outputs[cellId];
      if (output?.runId !== runId) evaluateAfter.delete(runId);
      else if (output.state === 'ok') {
        evaluateAfter.delete(runId);
        void evaluate(cellId, runId);
      } else if (output.state === 'error' || output.state === 'cancelled') evaluateAfter.delete(runId);
    }
  };
  const unsubscribe = store.subscribe((state, prev) => {
    if (evaluateAfter.size && state.outputs !== prev.outputs) watchRuns(state);
    if (state.doc.graphs === prev.doc.graphs && state.doc.cells === prev.doc.cells) return;
    clearTimeout(defineTimer);
    defineTimer = setTimeout(defineModels, 300);
  });

  let chartsPreloaded = false;
  /** Parses the charts' code when a run is pressed, not in the first frames of its training. */
  const preloadCharts = () => {
    if (chartsPreloaded) return;
    chartsPreloaded = true;
    void import('../training/TrainingCharts');
  };
  const runCell = (cellId: string): boolean => {
    // Code from a file or link runs only once the user has said so.
    if (!s().trusted) return false;
    preloadCharts();
    const cell = s().doc.cells.find((c) => c.id === cellId);
    if (cell?.kind !== 'code') return false;
    // Shipped data the cell loads by name goes with the run; the kernel's load waits for it.
    const datasets = shippedDatasetsIn(cell.source);
    for (const name of datasets) {
      // A file the page cannot read: the kernel's load says so when its wait runs out.
      provideData(cellId, name).catch((e: unknown) => console.error(e));
    }
    const runId = client.run(cellId, cell.source, datasets);
    s().runQueued(cellId, runId);
    return true;
  };

  const runThrough = (lastCellId: string | null): boolean => {
    if (!s().trusted) return false;
    for (const cell of s().doc.cells) {
      if (cell.kind === 'code') runCell(cell.id);
      if (cell.id === lastCellId) break;
    }
    return true;
  };
  const runAll = () => runThrough(null);

  const modelOf = (cellId: string): string => {
    const cell = s().doc.cells.find((c) => c.id === cellId);
    if (cell?.kind !== 'graph') throw new Error('Not a graph cell.');
    return cell.name;
  };

  async function evaluate(cellId: string, runId?: string): Promise<void> {
    const previous = s().evaluations[cellId]?.evaluation;
    s().setEvaluation(cellId, { evaluation: previous, busy: true });
    try {
      // After a Train run, the report it ended with; the Evaluate button always evaluates afresh.
      const { evaluation } = await client.request({ op: 'evaluate', model: modelOf(cellId), reuse: runId !== undefined });
      s().setEvaluation(cellId, { evaluation }, runId);
    } catch (e) {
      s().setEvaluation(cellId, { evaluation: previous, error: (e as Error).message });
    }
  }

  /**
   * The pretrained weights of the graph's backbones, for its Train run: a shipped one fetched from the
   * app (once per page), one kept in this browser read from its storage.
   */
  const backbonesOf = async (graph: ModelGraph): Promise<Record<string, ModelFiles>> => {
    const found: Record<string, ModelFiles> = {};
    for (const node of graph.nodes) {
      if (!node.block || node.block.weights === 'fresh') continue;
      const { source, name: block } = node.block;
      if (source.kind === 'saved') {
        const kept = await loadBackbone(db, source.key);
        if (!kept)
          throw new Error(
            `The weights of the backbone ${block} are not in this browser (a shared notebook brings its layers, not its weights): ` +
              'pick its model.json and weights again in Use a model as a backbone, or set Start from to fresh weights.',
          );
        found[backboneKey(source)] = kept.files;
        continue;
      }
      const { id } = source;
      const spec = backboneSpec(id);
      if (!spec) throw new Error(`This notebook uses a backbone this version of Layerbook does not ship (${id}).`);
      const [model, weights] = await Promise.all([files(spec.model, spec.label), files(spec.weights, spec.label)]);
      // Read as Load weights reads a picked model.json and its .bin (checked, and copied: the loader keeps its bytes).
      const name = (path: string) => path.split('/').pop() ?? path;
      found[id] = await readModelFiles([new File([model.slice()], name(spec.model)), new File([weights.slice()], name(spec.weights))]);
    }
    return found;
  };

  /** Data kept on the page (a shipped file, the learner's own) goes to the kernel before the run that needs it. */
  const sentData = new Map<string, unknown>();
  const provideData = async (cellId: string, dataset: DatasetName): Promise<string> => {
    const userKey = `user:${cellId}`;
    // A hand-over the kernel refused (a damaged file) is said in the cell, and sent again on the next Train.
    const failed = (key: string) => (e: Error) => {
      sentData.delete(key);
      s().setEvaluation(cellId, { error: e.message });
    };
    const spec = datasetSpec(dataset);
    const { source } = spec;
    if (source.kind === 'shipped' && !sentData.has(spec.name)) {
      client.provideDataset(
        spec.name,
        { kind: 'shipped', dataset: spec.name, compressed: await files(source.file, spec.label) },
        failed(spec.name),
      );
      sentData.set(spec.name, true);
    }
    const own = s().userData[cellId];
    if (source.kind === 'own' && own && sentData.get(userKey) !== own) {
      client.provideDataset(
        userKey,
        { kind: 'tensors', name: own.name, x: own.x, xShape: own.xShape, y: own.y, count: own.count, classes: own.classes },
        failed(userKey),
      );
      sentData.set(userKey, own);
    }
    return userKey;
  };

  /**
   * What keeps a graph cell's model from training on its data with its loss (the Input's shape, the
   * last layer against the labels): said in a learner's words before tfjs's shape errors could say it.
   */
  const misfitsOf = (cellId: string, graph: ModelGraph, settings: TrainConfig): TaskProblem[] =>
    taskProblems(inferGraph(graph), datasetSpec(settings.dataset), settings, s().userData[cellId]).filter((p) => p.blocking);

  /** A graph cell's settings as a run takes them; a field that is not valid stops it, named. */
  const settingsOf = (cellId: string): TrainConfig => {
    const cell = s().doc.cells.find((c) => c.id === cellId);
    return requireTrainConfig(cell?.kind === 'graph' ? cell.training : undefined);
  };

  const loadWeights = async (cellId: string, from: ModelFiles | 'saved'): Promise<string> => {
    const model = modelOf(cellId);
    // The graph as it is now, not as it was before the last 300 ms of edits: weights loaded at once
    // after building a graph reached a kernel that did not have the model yet.
    defineModels();
    // The settings first: refused ones must not leave the model with new weights and no data to evaluate them on.
    const settings = settingsOf(cellId);
    const cell = s().doc.cells.find((c) => c.id === cellId);
    const graph = cell?.kind === 'graph' ? s().doc.graphs[cell.graphId] : undefined;
    const misfits = graph ? misfitsOf(cellId, graph, settings) : [];
    if (misfits.length) throw new Error(describeTaskProblems(misfits));
    const files = from === 'saved' ? (await loadSavedModel(db, s().doc.id, model))?.files : from;
    if (!files) throw new Error(`No copy of ${model} is saved in this browser: press Save model after training.`);
    // The kernel starts with the first run: a model whose weights are loaded needs it running.
    await ensureKernel();
    const { message } = await client.request({ op: 'loadWeights', model, files });
    const userKey = await provideData(cellId, settings.dataset);
    await client.request({ op: 'attachData', model, settings, userKey });
    void evaluate(cellId);
    return message;
  };

  /** Starts the kernel (with nothing to run) and resolves once it is ready. */
  const ensureKernel = () =>
    new Promise<void>((resolve, reject) => {
      // The store's kernel status as the client has it now, not as of the last frame.
      frame.flush();
      const check = (status: string) => {
        if (status === 'idle' || status === 'busy') return (unsubscribeReady(), resolve(), true);
        if (status === 'failed') return ((unsubscribeReady(), reject(new Error(s().kernel.error ?? 'The kernel could not start.'))), true);
        return false;
      };
      const unsubscribeReady = store.subscribe((state) => void check(state.kernel.status));
      if (!check(s().kernel.status)) client.start();
    });

  const checkExercise = (cellId: string, preview = false): boolean => {
    const cell = s().doc.cells.find((c) => c.id === cellId);
    if (!s().trusted || !cell || !canHoldExercise(cell) || !cell.exercise) return false;
    // The model as its graph stands now: an edit of a moment ago is built before the check reads it.
    defineModels();
    const key = checkRunKey(cellId, preview);
    s().runQueued(key, client.check(key, cell.exercise.check));
    return true;
  };

  return {
    runCell,
    checkExercise,
    evaluate: (cellId) => evaluate(cellId),
    loadWeights,
    async saveModel(cellId) {
      const model = modelOf(cellId);
      const { files } = await client.request({ op: 'exportModel', model });
      const last = [...s().runHistory].reverse().find((r) => r.cellId === cellId);
      const test = last?.test?.accuracy !== undefined ? `, test accuracy ${(last.test.accuracy * 100).toFixed(1)} %` : '';
      const note = last ? `trained on ${last.settings.dataset} for ${last.epochs.length} epochs${test}` : 'weights as they are';
      await saveModel(db, s().doc.id, model, files, note);
      return (
        `Saved ${model} in this browser (${Math.round(files.weightData.byteLength / 1024).toLocaleString('en-US')} KB of weights, ` +
        `${note}).`
      );
    },
    savedModel: (cellId) => loadSavedModel(db, s().doc.id, modelOf(cellId)),
    async ask(cellId, request) {
      // About the model as its graph stands now: an edit of a moment ago (its define still waiting
      // out the 300 ms) is built first, so Live is not refused, or checked against the old model.
      defineModels();
      // The Shapes notebook says to switch Live on before Train: in a notebook just opened, that
      // comes before the first run, so the question starts the kernel as a run would.
      await ensureKernel();
      return client.request({ ...request, model: modelOf(cellId) }) as never;
    },
    runAll,
    runThrough,
    stopTraining: () => client.stopTraining(),
    pauseTraining: (paused) => client.pauseTraining(paused),
    trainGraphCell(cellId, fineTune) {
      const cell = s().doc.cells.find((c) => c.id === cellId);
      if (!s().trusted || cell?.kind !== 'graph') return false;
      const graph = s().doc.graphs[cell.graphId];
      const checked = runnableTrainConfig(cell.training);
      const info = graph && inferGraph(graph);
      if (!graph || !info?.ok || !checked.ok) return false;
      const settings = checked.config;
      // As with settings: a model that does not fit its data or loss waits, its fix shown on the panel.
      if (misfitsOf(cellId, graph, settings).length) return false;
      const { name } = cell;
      preloadCharts();
      // Train builds this graph's model itself: a define still pending from an edit a moment ago
      // would otherwise replace the trained model with fresh weights when it lands.
      // A Fine-tune continues the cell's latest run: its history row, and its charts drawn on from. It
      // goes on with the same layers (an edit of a moment ago, its define still waiting, counts) and data.
      const continues = fineTune ? s().runHistory.findLast((r) => r.cellId === cellId) : undefined;
      if (fineTune) {
        const trainedGraph = sent.get(name);
        const problem = !continues
          ? 'Fine-tune goes on from a run of this cell: press Train first.'
          : !trainedGraph || !sameLayers(trainedGraph, graph)
            ? 'Fine-tune goes on with the layers the last run trained, with only their Trainable changed: ' +
              'the graph has changed since, so press Train for a new run.'
            : fineTuneProblem(continues.settings, settings, continues.number);
        if (problem) {
          s().setEvaluation(cellId, { error: problem });
          return false;
        }
      }
      sent.set(name, graph);
      const shown = s().outputs[cellId]?.items.find((item) => item.kind === 'training');
      const before = fineTune && shown?.kind === 'training' ? s().trainings[shown.trainId] : undefined;
      // A Fine-tune starts from the trained weights, not the backbone's files.
      void Promise.all([provideData(cellId, settings.dataset), fineTune ? {} : backbonesOf(graph)]).then(
        ([userKey, backbones]) => {
          // Training is a run of the graph cell: its output, live charts, Stop and Interrupt work as for code.
          const runId = client.trainGraph(cellId, { name, graph, settings, userKey, backbones, ...(fineTune ? { fineTune } : {}) });
          s().runQueued(cellId, runId);
          s().beginGraphRun(runId, {
            cellId,
            settings,
            model: describeBackbone(graph, info),
            ...(fineTune ? { fineTune, continues: continues?.id, before } : {}),
          });
          evaluateAfter.set(runId, cellId);
        },
        (e: Error) => s().setEvaluation(cellId, { error: e.message }),
      );
      return true;
    },
    async interrupt() {
      if ((await client.interrupt()) === 'restarted') {
        // What the old kernel said before it went is applied first, so it cannot count after the reset.
        frame.flush();
        s().resetExecutionCount();
      }
    },
    async restart(backend) {
      frame.flush();
      s().resetExecutionCount();
      await client.restart(backend);
    },
    async trustAndRun() {
      await setTrusted(db, s().doc.id, true);
      s().setTrusted(true);
      runAll();
    },
    dispose() {
      clearTimeout(defineTimer);
      unsubscribe();
      client.dispose();
      frame.dispose();
    },
  };
}
