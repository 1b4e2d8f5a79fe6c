import type { DisplayOutput, DisplayValue } from '../protocol/display';
import type { CellError, StreamLevel, TrainMark, TrainPoint, TrainProgress } from '../protocol/messages';

/** One thing a run showed, in the order it came. */
export type OutputItem =
  | { kind: 'stream'; level: StreamLevel; text: string }
  | { kind: 'display'; output: DisplayOutput }
  | { kind: 'result'; value: DisplayValue }
  | { kind: 'training'; trainId: string }
  | { kind: 'error'; error: CellError };

type RunState = 'queued' | 'running' | 'ok' | 'error' | 'cancelled';

/** A code cell's latest run: runtime state, never saved with the document. */
export interface CellOutput {
  runId: string;
  state: RunState;
  /** Jupyter's execution count, set when the run starts. */
  count: number | null;
  items: OutputItem[];
  ms?: number;
}

/** One model.fit as the page follows it: metrics per batch and per epoch. */
export interface TrainingRun {
  trainId: string;
  metrics: string[];
  batches: TrainPoint[];
  epochs: Array<{ epoch: number; values: Record<string, number> }>;
  /** Early stopping, learning-rate cuts and the best epoch, drawn on the charts. */
  marks: TrainMark[];
  progress: TrainProgress;
  /** How many times new metrics arrived: each one redraws the chart. */
  updates: number;
  state: 'running' | 'done' | 'stopped';
  final?: Record<string, number>;
}
