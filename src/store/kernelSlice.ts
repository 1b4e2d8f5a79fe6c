import type { StateCreator } from 'zustand';
import type { KernelInfo } from '../kernel/kernelClient';
import { assertNever, type FromKernel, type TrainMark } from '../protocol/messages';
import type { LabSlice } from './labSlice';
import type { BoundarySlice } from './boundarySlice';
import type { ExerciseSlice } from './exerciseSlice';
import { checkOf } from '../protocol/exercise';
import { applyDisplayUpdate } from './applyDisplayUpdate';
import type { CellOutput, OutputItem, TrainingRun } from './outputTypes';

type RunMessage = Exclude<FromKernel, { type: 'ready' | 'initFailed' | 'modelDefined' | 'reply' }>;

/** A run's marks with new ones added; there is one best epoch, the latest said. */
function addMarks(marks: TrainMark[], added: TrainMark[] | undefined): TrainMark[] {
  if (!added?.length) return marks;
  const best = added.some((m) => m.kind === 'best_epoch');
  return [...marks.filter((m) => !(best && m.kind === 'best_epoch')), ...added];
}

/** The kernel as this page sees it, and what runs showed. Runtime only: never saved. */
export interface KernelSlice {
  kernel: KernelInfo;
  executionCount: number;
  outputs: Record<string, CellOutput>;
  trainings: Record<string, TrainingRun>;
  /** Which cell each run belongs to. */
  runCells: Record<string, string>;
  /** What the kernel said about each graph cell's model, by model name. */
  models: Record<string, { ok: boolean; message: string }>;
  setModelStatus(name: string, ok: boolean, message: string): void;
  setKernelInfo(info: KernelInfo): void;
  runQueued(cellId: string, runId: string): void;
  applyRunMessage(message: RunMessage): void;
  runsLost(runIds: string[], reason: string): void;
  /** Jupyter restarts its counter with the kernel. */
  resetExecutionCount(): void;
}

/** Printed text kept per block; past it the middle is cut, keeping the start and the latest lines. */
export const MAX_STREAM_CHARS = 1_000_000;

/** Cuts the middle out of a text longer than MAX_STREAM_CHARS, saying how much went. */
export function capStream(text: string): string {
  if (text.length <= MAX_STREAM_CHARS) return text;
  const half = MAX_STREAM_CHARS / 2;
  const cut = text.length - MAX_STREAM_CHARS;
  const head = text.slice(0, half).replace(/\n… [\d,]+ characters of output cut …\n[\s\S]*$/, '');
  return `${head}\n… ${cut.toLocaleString('en-US')} characters of output cut …\n${text.slice(-half)}`;
}

/** Batch points kept per training; past it the older points are thinned, so a long run stays bounded. */
export const MAX_BATCH_POINTS = 100_000;

// Consecutive prints of one level become one block, so a loop that logs 10,000 lines is one item.
function appendStream(items: OutputItem[], level: OutputItem & { kind: 'stream' }): OutputItem[] {
  const last = items[items.length - 1];
  if (last?.kind === 'stream' && last.level === level.level) {
    return [...items.slice(0, -1), { ...last, text: capStream(`${last.text}\n${level.text}`) }];
  }
  return [...items, { ...level, text: capStream(level.text) }];
}

function addBatches(batches: TrainingRun['batches'], points: TrainingRun['batches']): TrainingRun['batches'] {
  const all = [...batches, ...points];
  return all.length <= MAX_BATCH_POINTS ? all : all.filter((_, i) => i % 2 === 0 || i === all.length - 1);
}

export const createKernelSlice: StateCreator<KernelSlice & LabSlice & BoundarySlice & ExerciseSlice, [], [], KernelSlice> = (set, get) => {
  const updateOutput = (runId: string, update: (o: CellOutput) => CellOutput) => {
    const cellId = get().runCells[runId];
    const output = cellId ? get().outputs[cellId] : undefined;
    // A cell run again since: this message belongs to an older run, which no longer shows.
    if (!output || output.runId !== runId) return;
    set({ outputs: { ...get().outputs, [cellId]: update(output) } });
  };
  const updateTraining = (trainId: string, update: (t: TrainingRun) => TrainingRun) => {
    const t = get().trainings[trainId];
    if (t) set({ trainings: { ...get().trainings, [trainId]: update(t) } });
  };

  return {
    kernel: { status: 'off', choice: 'auto', backend: null, available: [], notes: [] },
    executionCount: 0,
    outputs: {},
    trainings: {},
    runCells: {},
    models: {},
    setModelStatus: (name, ok, message) => set({ models: { ...get().models, [name]: { ok, message } } }),
    setKernelInfo: (info) => set({ kernel: info }),
    runQueued(cellId, runId) {
      // The cell's previous run no longer shows: drop its trainings and its run id, so
      // memory stays bounded however often a cell is run.
      const previous = get().outputs[cellId];
      const trainings = { ...get().trainings };
      const runCells = { ...get().runCells, [runId]: cellId };
      if (previous) {
        for (const item of previous.items) if (item.kind === 'training') delete trainings[item.trainId];
        delete runCells[previous.runId];
      }
      set({ trainings, runCells, outputs: { ...get().outputs, [cellId]: { runId, state: 'queued', count: null, items: [] } } });
    },
    applyRunMessage(m) {
      switch (m.type) {
        case 'started': {
          // A Check is no cell's execution: Jupyter's counter counts runs of cells.
          if (checkOf(get().runCells[m.runId] ?? '')) return updateOutput(m.runId, (o) => ({ ...o, state: 'running' }));
          const count = get().executionCount + 1;
          set({ executionCount: count });
          return updateOutput(m.runId, (o) => ({ ...o, state: 'running', count }));
        }
        case 'stream':
          return updateOutput(m.runId, (o) => ({ ...o, items: appendStream(o.items, { kind: 'stream', level: m.level, text: m.text }) }));
        case 'display':
          return updateOutput(m.runId, (o) => ({ ...o, items: [...o.items, { kind: 'display', output: m.output }] }));
        case 'displayUpdate':
          // Only the live output itself is new, so only its view redraws.
          return updateOutput(m.runId, (o) => ({
            ...o,
            items: o.items.map((item) =>
              item.kind === 'display' && 'id' in item.output && item.output.id === m.id
                ? { kind: 'display', output: applyDisplayUpdate(item.output, m.update) }
                : item,
            ),
          }));
        case 'result':
          return updateOutput(m.runId, (o) => ({ ...o, items: [...o.items, { kind: 'result', value: m.value }] }));
        case 'error':
          return updateOutput(m.runId, (o) => ({ ...o, state: 'error', items: [...o.items, { kind: 'error', error: m.error }] }));
        case 'done': {
          updateOutput(m.runId, (o) => ({ ...o, state: m.ok ? 'ok' : 'error', ms: m.ms }));
          // A run that ended has no training still running, whatever was (or was not) reported.
          const output = get().outputs[get().runCells[m.runId] ?? ''];
          for (const item of output?.runId === m.runId ? output.items : []) {
            if (item.kind === 'training') updateTraining(item.trainId, (t) => (t.state === 'running' ? { ...t, state: 'stopped' } : t));
          }
          // A Train that failed before its training ended (a dataset the model cannot take) records nothing.
          get().endGraphRuns([m.runId]);
          return;
        }
        case 'trainBegin':
          // A run replaced by a newer one of its cell keeps no training on the page.
          if (get().outputs[get().runCells[m.runId] ?? '']?.runId !== m.runId) return;
          // A Fine-tune's charts go on from the run it continues: both phases on one set of axes.
          const before = get().graphRuns[m.runId]?.before;
          set({
            trainings: {
              ...get().trainings,
              [m.trainId]: {
                trainId: m.trainId,
                metrics: m.metrics,
                batches: before?.batches ?? [],
                epochs: before?.epochs ?? [],
                marks: before?.marks ?? [],
                progress: m.progress,
                updates: 0,
                state: 'running',
              },
            },
          });
          return updateOutput(m.runId, (o) => ({ ...o, items: [...o.items, { kind: 'training', trainId: m.trainId }] }));
        case 'trainBatches':
          return updateTraining(m.trainId, (t) => ({
            ...t,
            batches: addBatches(t.batches, m.points),
            progress: m.progress,
            updates: t.updates + 1,
          }));
        case 'trainEpoch':
          return updateTraining(m.trainId, (t) => ({
            ...t,
            epochs: [...t.epochs, { epoch: m.epoch, values: m.values }],
            marks: addMarks(t.marks, m.marks),
            progress: m.progress,
            updates: t.updates + 1,
          }));
        case 'trainEnd': {
          updateTraining(m.trainId, (t) => ({
            ...t,
            state: m.stopped ? 'stopped' : 'done',
            final: m.final,
            marks: addMarks(t.marks, m.marks),
          }));
          const run = get().trainings[m.trainId];
          if (run) get().recordTraining(m.runId, run);
          return;
        }
        case 'insight': {
          // Live heatmaps of a graph cell's Train run go to that cell's Insight panel.
          const cellId = get().runCells[m.runId];
          if (cellId) get().setInsight(cellId, m.result);
          return;
        }
        case 'insightStopped': {
          const cellId = get().runCells[m.runId];
          if (cellId) get().setLiveStop(cellId, { kind: m.kind, error: m.error });
          return;
        }
        case 'boundary': {
          // The decision boundary of a graph cell's Train run goes to that cell, beside its charts.
          const cellId = get().runCells[m.runId];
          const { type: _type, runId, model, ...boundary } = m;
          if (cellId) get().setBoundary(cellId, runId, model, boundary);
          return;
        }
        case 'verdict': {
          // A Check runs under its cell's check key; the verdict belongs to the exercise cell.
          const runKey = get().runCells[m.runId];
          const check = runKey ? checkOf(runKey) : null;
          if (runKey && check && get().outputs[runKey]?.runId === m.runId) get().setVerdict(runKey, check, m.runId, m.verdict);
          return;
        }
        default:
          assertNever(m);
      }
    },
    runsLost(runIds, reason) {
      for (const runId of runIds) {
        updateOutput(runId, (o) => ({
          ...o,
          state: o.state === 'queued' ? 'cancelled' : 'error',
          items: [...o.items, { kind: 'stream', level: 'warn', text: reason }],
        }));
      }
      // Trainings that were running when the kernel went away will never end by themselves.
      const trainings = Object.fromEntries(
        Object.entries(get().trainings).map(([id, t]) => [id, t.state === 'running' ? { ...t, state: 'stopped' as const } : t]),
      );
      set({ trainings });
      get().endGraphRuns(runIds);
    },
    resetExecutionCount: () => set({ executionCount: 0 }),
  };
};
