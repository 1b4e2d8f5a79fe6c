import type { OwnDataOrigin } from '../data/ownDataOrigin';
import type { StateCreator } from 'zustand';
import type { TrainConfig } from '../doc/trainConfig';
import type { InsightResult, LiveStopped } from '../protocol/insight';
import type { Evaluation } from '../protocol/lab';
import type { TrainMark } from '../protocol/messages';
import type { FineTune } from '../training/fineTune';
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
  /** How the graph's backbone started and learned in this run ("digits_0_4: pretrained, frozen"), when it has one. */
  model?: string;
  /** The Fine-tunes that went on from this run, each a second phase of the same run (Keras's initial_epoch). */
  fineTunes?: FineTuneRecord[];
}

/** A Fine-tune that continued a run: where it began, its settings, and the test results it started from. */
interface FineTuneRecord {
  /** The first epoch it trained (0-based): the run's epochs before it are the earlier phases'. */
  fromEpoch: number;
  learning_rate: number;
  epochs: number;
  model?: string;
  testBefore?: RunRecord['test'];
}

/** A graph cell's Train or Fine-tune in flight. */
interface GraphRun {
  cellId: string;
  settings: TrainConfig;
  /** As RunRecord.model. */
  model?: string;
  /** A Fine-tune: its rate and epochs, the history row it continues, and that run's charts to draw on from. */
  fineTune?: FineTune;
  continues?: string;
  before?: TrainingRun;
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
  graphRuns: Record<string, GraphRun>;
  evaluations: Record<string, CellEvaluation>;
  userData: Record<string, UserData>;
  /** The latest Grad-CAM, attention map and activations shown for each graph cell, by cell id then kind. */
  insights: Record<string, Partial<Record<InsightResult['kind'], InsightResult>>>;
  setInsight(cellId: string, result: InsightResult): void;
  /** Live insight the kernel stopped during a run, by cell id, until the cell's Insight panel takes it. */
  liveStops: Record<string, LiveStopped>;
  setLiveStop(cellId: string, stop: LiveStopped | null): void;
  beginGraphRun(runId: string, run: GraphRun): void;
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
  beginGraphRun: (runId, run) => set({ graphRuns: { ...get().graphRuns, [runId]: run } }),
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
    const continued = begun.continues && get().runHistory.find((r) => r.id === begun.continues);
    if (continued && begun.fineTune) {
      // A Fine-tune is the second phase of the run it continues: one row, its epochs and marks after the first phase's.
      const last = continued.epochs[continued.epochs.length - 1]?.epoch ?? -1;
      const merged: RunRecord = {
        ...continued,
        // The row now answers to the latest phase, whose Evaluate fills in its test results.
        id: runId,
        epochs: [...continued.epochs, ...run.epochs.filter((e) => e.epoch > last)],
        // The charts began with the earlier phases' marks; this phase adds its own and its start's.
        marks: [...continued.marks, ...run.marks.filter((m) => m.epoch > last || (m.kind === 'fine_tune' && m.epoch === last))],
        final: run.final ?? {},
        stopped: run.state === 'stopped',
        test: undefined,
        fineTunes: [
          ...(continued.fineTunes ?? []),
          {
            fromEpoch: last + 1,
            learning_rate: begun.fineTune.learningRate,
            epochs: begun.fineTune.epochs,
            model: begun.model,
            testBefore: continued.test,
          },
        ],
      };
      set({ runHistory: get().runHistory.map((r) => (r === continued ? merged : r)) });
      get().endGraphRuns([runId]);
      return;
    }
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
      ...(begun.model ? { model: begun.model } : {}),
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
