import type { DisplayOutput, DisplayValue } from './display';

// Every message between the page and the kernel worker. Each side switches on
// `type` and ends in assertNever, so adding a message without handling it is a
// compile error on both sides (DESIGN.md rule 2).

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

/** wasm binaries, by the file name tfjs asks for. */
export type WasmBinaries = Record<string, ArrayBuffer>;

export type ToKernel =
  | { type: 'init'; backend: BackendChoice; wasm: WasmBinaries }
  | { type: 'run'; runId: string; cellId: string; source: string }
  | { type: 'stopTraining' };

export type StreamLevel = 'log' | 'info' | 'warn' | 'error';

/** One call on the stack, in a cell's own lines. */
export interface StackFrame {
  fn: string;
  cellId: string;
  line: number;
}

/** An error as a learner reads it: lines are the cell's own, never transpiled code's. */
export interface CellError {
  name: string;
  message: string;
  /** 1-based line in the cell, when known. */
  line?: number;
  /** 1-based column, for syntax errors only (runtime columns do not survive transpiling). */
  column?: number;
  /** The stack, mapped to cell lines; frames outside cells (tfjs, the kernel) are dropped. */
  frames: StackFrame[];
  /** What to try, where the kernel knows. */
  hint?: string;
  /** A backend that would work, when the error is a missing kernel. */
  suggestBackend?: BackendName;
}

export interface TrainPoint {
  /** Batches seen since training began. */
  step: number;
  epoch: number;
  values: Record<string, number>;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  samplesPerSec: number;
  etaSec: number;
}

export type FromKernel =
  | { type: 'ready'; backend: BackendName; available: BackendName[]; notes: string[] }
  | { type: 'initFailed'; message: string }
  | { type: 'started'; runId: string }
  | { type: 'stream'; runId: string; level: StreamLevel; text: string }
  | { type: 'display'; runId: string; output: DisplayOutput }
  | { type: 'result'; runId: string; value: DisplayValue }
  | { type: 'error'; runId: string; error: CellError }
  | { type: 'done'; runId: string; ok: boolean; ms: number }
  | { type: 'trainBegin'; runId: string; trainId: string; metrics: string[]; progress: TrainProgress }
  | { type: 'trainBatches'; runId: string; trainId: string; points: TrainPoint[]; progress: TrainProgress }
  | { type: 'trainEpoch'; runId: string; trainId: string; epoch: number; values: Record<string, number>; progress: TrainProgress }
  | { type: 'trainEnd'; runId: string; trainId: string; stopped: boolean; final: Record<string, number> };

/** Ends an exhaustive switch: compiles only when every case was handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}

const FROM_KERNEL_TYPES = new Set<FromKernel['type']>([
  'ready', 'initFailed', 'started', 'stream', 'display', 'result', 'error', 'done', 'trainBegin', 'trainBatches', 'trainEpoch', 'trainEnd',
]);

/** True for a message the kernel may send; anything else is dropped by the page. */
export function isFromKernel(data: unknown): data is FromKernel {
  return (
    typeof data === 'object' &&
    data !== null &&
    FROM_KERNEL_TYPES.has((data as FromKernel).type) &&
    ((data as FromKernel).type === 'ready' || (data as FromKernel).type === 'initFailed' || typeof (data as { runId?: unknown }).runId === 'string')
  );
}

const TO_KERNEL_TYPES = new Set<ToKernel['type']>(['init', 'run', 'stopTraining']);

/** True for a message the page may send. */
export function isToKernel(data: unknown): data is ToKernel {
  return typeof data === 'object' && data !== null && TO_KERNEL_TYPES.has((data as ToKernel).type);
}
