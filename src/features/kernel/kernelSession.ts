import { createKernelClient, type KernelClient } from '../../kernel/kernelClient';
import type { KernelAssetsLoader } from '../../kernel/kernelAssets';
import type { ModelGraph } from '../../doc/types';
import { inferGraph } from '../../graph/infer';
import type { BackendChoice } from '../../protocol/messages';
import type { Database } from '../../storage/db';
import { setTrusted } from '../../storage/notebookRepo';
import type { NotebookStore } from '../../store/notebookStore';

export interface KernelSession {
  /** Runs one code cell; refused (false) while the notebook is untrusted. */
  runCell(cellId: string): boolean;
  /** Runs every code cell, top to bottom. */
  runAll(): boolean;
  /** Runs the code cells from the top down to and including `cellId`. */
  runThrough(cellId: string): boolean;
  stopTraining(): void;
  pauseTraining(paused: boolean): void;
  /** Trains a graph cell's model on its dataset with its settings; refused while untrusted or incomplete. */
  trainGraphCell(cellId: string): boolean;
  interrupt(): Promise<void>;
  restart(backend?: BackendChoice): Promise<void>;
  /** Marks the notebook trusted in this browser, then runs all its cells. */
  trustAndRun(): Promise<void>;
  dispose(): void;
}

/** Connects an open notebook's store to its kernel: one kernel per open notebook. */
export function startKernelSession(store: NotebookStore, db: Database, load: KernelAssetsLoader): KernelSession {
  const s = () => store.getState();
  const client: KernelClient = createKernelClient(load, {
    onInfo: (info) => s().setKernelInfo(info),
    onRunMessage: (message) => s().applyRunMessage(message),
    onRunsLost: (runIds, reason) => s().runsLost(runIds, reason),
    onModelDefined: (name, ok, message) => s().setModelStatus(name, ok, message),
  });

  // Graph cells' models follow their graphs: each valid graph is (re)built in the kernel
  // under its cell's name, a moment after the last edit.
  const sent = new Map<string, ModelGraph>();
  let defineTimer: ReturnType<typeof setTimeout> | undefined;
  const defineModels = () => {
    const { doc } = s();
    for (const cell of doc.cells) {
      if (cell.kind !== 'graph') continue;
      const graph = doc.graphs[cell.graphId];
      if (!graph || sent.get(cell.name) === graph || !inferGraph(graph).ok) continue;
      sent.set(cell.name, graph);
      client.defineModel(cell.name, graph);
    }
  };
  defineModels();
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.doc.graphs === prev.doc.graphs && state.doc.cells === prev.doc.cells) return;
    clearTimeout(defineTimer);
    defineTimer = setTimeout(defineModels, 300);
  });

  let chartsPreloaded = false;
  const runCell = (cellId: string): boolean => {
    // Code from a file or link runs only once the user has said so.
    if (!s().trusted) return false;
    if (!chartsPreloaded) {
      // Parse the charts' code now, not in the first frames of a training run.
      chartsPreloaded = true;
      void import('../training/TrainingCharts');
    }
    const cell = s().doc.cells.find((c) => c.id === cellId);
    if (cell?.kind !== 'code') return false;
    const runId = client.run(cellId, cell.source);
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

  return {
    runCell,
    runAll,
    runThrough,
    stopTraining: () => client.stopTraining(),
    pauseTraining: (paused) => client.pauseTraining(paused),
    trainGraphCell(cellId) {
      const cell = s().doc.cells.find((c) => c.id === cellId);
      if (!s().trusted || cell?.kind !== 'graph') return false;
      const graph = s().doc.graphs[cell.graphId];
      if (!graph || !inferGraph(graph).ok) return false;
      // Training is a run of the graph cell: its output, live charts, Stop and Interrupt work as for code.
      const source = `await lb.trainGraph(display, ${JSON.stringify(cell.name)}, ${JSON.stringify(graph)}, ${JSON.stringify(cell.training ?? {})});`;
      s().runQueued(cellId, client.run(cellId, source));
      return true;
    },
    async interrupt() {
      if ((await client.interrupt()) === 'restarted') s().resetExecutionCount();
    },
    async restart(backend) {
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
    },
  };
}
