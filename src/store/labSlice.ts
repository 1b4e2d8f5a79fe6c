import type { OwnDataOrigin } from '../data/ownDataOrigin';
import type { StateCreator } from 'zustand';
import type { TrainConfig } from '../doc/trainConfig';
import type { InsightResult, LiveStopped } from '../protocol/insight';
import type { Evaluation } from '../protocol/lab';
import type { TrainMark } from '../protocol/messages';
import type { TrainingRun } from './outputTypes';

/** One Train press of a graph cell, kept for the session's run history (as TensorBoard keeps runs). */
export interface RunRecord {
  id: string;
  cellId: string;
  /** 1, 2, 3 … per cell, as the learner refers to them. */
  number: number;
  settings: TrainConfig;
  /** Per-epoch values only: enough to overlay runs, small enough to keep many. */
  epochs: Array<{ epoch: number; values: Record<string, number> }>;
  marks: TrainMark[];
  final: Record<string, number>;
  stopped: boolean;
  /** Filled in by the Evaluate that follows training. */
  test?: { loss: number; accuracy?: number; mae?: number };
}

/** The learner's own data for a graph cell: kept in this tab's session only. */
interface UserData {
  name: string;
  note: string;
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  count: number;
  classes?: string[];
  /** The file or folder and how it was read, for the Jupyter export. */
  origin?: OwnDataOrigin;
}

interface CellEvaluation {
  evaluation?: Evaluation;
  busy?: boolean;
  error?: string;
  /** Counts the cell's evaluations: a new report gets a new number (its view is drawn afresh), the same report keeps it. */
  seq?: number;
}

/** Runs kept per session; the oldest go first. */
const MAX_RUN_HISTORY = 50;

export interface LabSlice {
  runHistory: RunRecord[];
  /** Graph-cell runs in flight: which cell, and with which settings. */
  graphRuns: Record<string, { cellId: string; settings: TrainConfig }>;
  evaluations: Record<string, CellEvaluation>;
  userData: Record<string, UserData>;
  /** The latest Grad-CAM, attention map and activations shown for each graph cell, by cell id then kind. */
  insights: Record<string, Partial<Record<InsightResult['kind'], InsightResult>>>;
  setInsight(cellId: string, result: InsightResult): void;
  /** Live insight the kernel stopped during a run, by cell id, until the cell's Insight panel takes it. */
  liveStops: Record<string, LiveStopped>;
  setLiveStop(cellId: string, stop: LiveStopped | null): void;
  beginGraphRun(runId: string, cellId: string, settings: TrainConfig): void;
  /** Forgets graph-cell runs: recorded, ended without a training to record, or died with their kernel. */
  endGraphRuns(runIds: string[]): void;
  /** Called when a run's training ends: graph-cell runs join the history. */
  recordTraining(runId: string, run: TrainingRun): void;
  /** `runId`: the Train run this evaluation follows, whose history row gets its test results. */
  setEvaluation(cellId: string, value: CellEvaluation, runId?: string): void;
  setUserData(cellId: string, data: UserData | null): void;
  clearRunHistory(cellId: string): void;
}

export const createLabSlice: StateCreator<LabSlice, [], [], LabSlice> = (set, get) => ({
  runHistory: [],
  graphRuns: {},
  evaluations: {},
  userData: {},
  insights: {},
  liveStops: {},
  setLiveStop(cellId, stop) {
    const liveStops = { ...get().liveStops };
    if (stop) liveStops[cellId] = stop;
    else delete liveStops[cellId];
    set({ liveStops });
  },
  setInsight: (cellId, result) => set({ insights: { ...get().insights, [cellId]: { ...get().insights[cellId], [result.kind]: result } } }),
  beginGraphRun: (runId, cellId, settings) => set({ graphRuns: { ...get().graphRuns, [runId]: { cellId, settings } } }),
  endGraphRuns(runIds) {
    const ended = runIds.filter((id) => id in get().graphRuns);
    if (!ended.length) return;
    const graphRuns = { ...get().graphRuns };
    for (const id of ended) delete graphRuns[id];
    set({ graphRuns });
  },
  recordTraining(runId, run) {
    const begun = get().graphRuns[runId];
    if (!begun) return;
    const number =
      get()
        .runHistory.filter((r) => r.cellId === begun.cellId)
        .reduce((n, r) => Math.max(n, r.number), 0) + 1;
    const record: RunRecord = {
      id: runId,
      cellId: begun.cellId,
      number,
      settings: begun.settings,
      epochs: run.epochs,
      marks: run.marks,
      final: run.final ?? {},
      stopped: run.state === 'stopped',
    };
    set({ runHistory: [...get().runHistory, record].slice(-MAX_RUN_HISTORY) });
    // Recorded once: the run's settings are not needed again.
    get().endGraphRuns([runId]);
  },
  setEvaluation(cellId, value, runId) {
    const before = get().evaluations[cellId];
    const seq = (before?.seq ?? 0) + (value.evaluation !== before?.evaluation ? 1 : 0);
    set({ evaluations: { ...get().evaluations, [cellId]: { ...value, seq } } });
    const e = value.evaluation;
    if (!e || !runId) return;
    set({
      runHistory: get().runHistory.map((r) => (r.id === runId ? { ...r, test: { loss: e.loss, accuracy: e.accuracy, mae: e.mae } } : r)),
    });
  },
  setUserData(cellId, data) {
    const userData = { ...get().userData };
    if (data) userData[cellId] = data;
    else delete userData[cellId];
    set({ userData });
  },
  clearRunHistory: (cellId) => set({ runHistory: get().runHistory.filter((r) => r.cellId !== cellId) }),
});
