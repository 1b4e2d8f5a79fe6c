import type { TrainConfig } from '../doc/trainConfig';
import type { ModelGraph } from '../doc/types';
import { fineTuneProblems, type FineTune } from '../training/fineTune';
import { isBoundary, type Boundary } from './boundary';
import type { DisplayOutput, DisplayUpdate, DisplayValue } from './display';
import { isVerdict, type Verdict } from './exercise';
import type { InsightResult, LiveStopped } from './insight';
import type { LabReply, LabRequest, ModelFiles } from './lab';

// Every message between the page and the kernel worker. Each side switches on
// `type` and ends in assertNever, so adding a message without handling it is a
// compile error on both sides (DESIGN.md rule 2).

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

/** wasm binaries, by the file name tfjs asks for. */
export type WasmBinaries = Record<string, ArrayBuffer>;

export type ToKernel =
  /** The first message, on the worker itself; every later one in either direction goes over `port`. */
  | { type: 'init'; backend: BackendChoice; wasm: WasmBinaries; port: MessagePort }
  /** datasets: shipped sets the cell loads by name (lb.datasets.load('mnist')), which the page sends as it runs. */
  | { type: 'run'; runId: string; cellId: string; source: string; datasets: string[] }
  /**
   * A graph cell's Train: builds `graph` afresh as the model `name`, trains it on its dataset with
   * `settings` (checked on the page; the kernel checks them again) and reports as a run of that cell.
   * `userKey` finds the learner's own data, handed over before.
   */
  | {
      type: 'trainGraph';
      runId: string;
      cellId: string;
      name: string;
      graph: ModelGraph;
      settings: TrainConfig;
      userKey: string;
      /** The pretrained weights of the graph's backbones (model blocks), by their source's id. */
      backbones: Record<string, ModelFiles>;
      /** Fine-tune: go on from the last run's weights at this rate for these epochs, instead of training afresh. */
      fineTune?: FineTune;
    }
  /**
   * An exercise's Check: runs `source` (the author's check code, with the `check` helpers) against
   * what the learner made, as a run of `cellId`, answered by one 'verdict' before its 'done'.
   */
  | { type: 'check'; runId: string; cellId: string; source: string }
  | { type: 'stopTraining' }
  /** Holds training after the current batch, or lets it go on. */
  | { type: 'pauseTraining'; paused: boolean }
  /**
   * Builds a graph cell's model and makes it a global of that name (weights start fresh).
   * keepWeights: the graph has the same layers as the one before, only their Trainable or places
   * changed, so the model keeps the weights it has (as Keras keeps them when trainable is set).
   */
  | { type: 'defineModel'; name: string; graph: ModelGraph; keepWeights?: boolean }
  /** A question for a trained model, or data for training; answered by one 'reply'. */
  | { type: 'request'; requestId: string; request: LabRequest };

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

/** Something that happened during a run, drawn on the charts at its epoch. */
export interface TrainMark {
  /** fine_tune: a Fine-tune goes on from the end of `epoch`. */
  kind: 'early_stop' | 'lr_reduced' | 'best_epoch' | 'fine_tune';
  /** 0-based epoch. */
  epoch: number;
  text: string;
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
  | { type: 'modelDefined'; name: string; ok: boolean; message: string }
  | { type: 'started'; runId: string }
  | { type: 'stream'; runId: string; level: StreamLevel; text: string }
  | { type: 'display'; runId: string; output: DisplayOutput }
  /** A live output (a plot from a handle, a progress bar) changed: `id` is the output's. */
  | { type: 'displayUpdate'; runId: string; id: string; update: DisplayUpdate }
  | { type: 'result'; runId: string; value: DisplayValue }
  | { type: 'error'; runId: string; error: CellError }
  | { type: 'done'; runId: string; ok: boolean; ms: number }
  /** A Check's outcome: correct, not yet (and why), or the check itself is broken. */
  | { type: 'verdict'; runId: string; verdict: Verdict }
  | { type: 'trainBegin'; runId: string; trainId: string; metrics: string[]; progress: TrainProgress }
  | { type: 'trainBatches'; runId: string; trainId: string; points: TrainPoint[]; progress: TrainProgress }
  /** numTensors: tf.memory().numTensors at the epoch's end, to watch for leaks. */
  | {
      type: 'trainEpoch';
      runId: string;
      trainId: string;
      epoch: number;
      values: Record<string, number>;
      progress: TrainProgress;
      numTensors: number;
      marks?: TrainMark[];
    }
  | { type: 'trainEnd'; runId: string; trainId: string; stopped: boolean; final: Record<string, number>; marks?: TrainMark[] }
  /** Live insight: the watched heatmaps of the model a Train run is fitting, after an epoch. */
  | { type: 'insight'; runId: string; model: string; result: InsightResult }
  /** Live insight stopped during the run: its question failed (the reason is also in the run's output). */
  | ({ type: 'insightStopped'; runId: string; model: string } & LiveStopped)
  /** The decision boundary of a model a Train run fits on 2-D points: at its start, at epoch ends (throttled) and at its end. */
  | ({ type: 'boundary'; runId: string; model: string } & Boundary)
  | { type: 'reply'; requestId: string; ok: true; reply: LabReply }
  | { type: 'reply'; requestId: string; ok: false; error: string };

/** Ends an exhaustive switch: compiles only when every case was handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';
/** A rate and epochs the cell's own Learning rate and Epochs would take, as the panel allows. */
const isFineTune = (f: unknown) =>
  isObj(f) && Object.keys(fineTuneProblems({ learningRate: f.learningRate, epochs: f.epochs })).length === 0;
const isProgress = (p: unknown) => isObj(p) && ['epoch', 'epochs', 'batch', 'batches', 'samplesPerSec', 'etaSec'].every((k) => isNum(p[k]));
const isMarks = (v: unknown) =>
  v === undefined || (Array.isArray(v) && v.every((k) => isObj(k) && isStr(k.kind) && isNum(k.epoch) && isStr(k.text)));
const LEVELS = new Set(['log', 'info', 'warn', 'error']);
const INSIGHT_KINDS: string[] = ['gradCam', 'attention', 'activations'] satisfies InsightResult['kind'][];
const UPDATE_KINDS: string[] = ['append', 'replace', 'progress'] satisfies DisplayUpdate['kind'][];

type Fields = Record<string, unknown>;
/** A check per message type: a mapped type over the union, so a type left out (or a stray one) fails to compile. */
type Checks<M extends { type: string }> = { [T in M['type']]: (m: Fields) => boolean };

const run = (m: Fields) => isStr(m.runId);
const FROM_KERNEL: Checks<FromKernel> = {
  ready: (m) => isStr(m.backend) && Array.isArray(m.available) && Array.isArray(m.notes) && m.notes.every(isStr),
  initFailed: (m) => isStr(m.message),
  modelDefined: (m) => isStr(m.name) && typeof m.ok === 'boolean' && isStr(m.message),
  reply: (m) => isStr(m.requestId) && (m.ok === true ? isObj(m.reply) && isStr(m.reply.op) : m.ok === false && isStr(m.error)),
  started: run,
  stream: (m) => run(m) && LEVELS.has(m.level as string) && isStr(m.text),
  display: (m) => run(m) && isObj(m.output) && isStr(m.output.kind),
  displayUpdate: (m) => run(m) && isStr(m.id) && isObj(m.update) && UPDATE_KINDS.includes(m.update.kind as string),
  result: (m) => run(m) && isObj(m.value) && isStr(m.value.kind),
  error: (m) => run(m) && isObj(m.error) && isStr(m.error.name) && isStr(m.error.message) && Array.isArray(m.error.frames),
  done: (m) => run(m) && typeof m.ok === 'boolean' && isNum(m.ms),
  verdict: (m) => run(m) && isVerdict(m.verdict),
  trainBegin: (m) => run(m) && isStr(m.trainId) && Array.isArray(m.metrics) && isProgress(m.progress),
  trainBatches: (m) => run(m) && isStr(m.trainId) && Array.isArray(m.points) && isProgress(m.progress),
  trainEpoch: (m) =>
    run(m) && isStr(m.trainId) && isNum(m.epoch) && isObj(m.values) && isProgress(m.progress) && isNum(m.numTensors) && isMarks(m.marks),
  trainEnd: (m) => run(m) && isStr(m.trainId) && typeof m.stopped === 'boolean' && isObj(m.final) && isMarks(m.marks),
  insight: (m) => run(m) && isStr(m.model) && isObj(m.result) && INSIGHT_KINDS.includes(m.result.kind as string),
  insightStopped: (m) => run(m) && isStr(m.model) && INSIGHT_KINDS.includes(m.kind as string) && isStr(m.error),
  boundary: (m) => run(m) && isStr(m.model) && isBoundary(m),
};

const TO_KERNEL: Checks<ToKernel> = {
  init: (m) => isStr(m.backend) && isObj(m.wasm) && isObj(m.port),
  run: (m) => run(m) && isStr(m.cellId) && isStr(m.source) && Array.isArray(m.datasets) && m.datasets.every(isStr),
  trainGraph: (m) =>
    run(m) &&
    isStr(m.cellId) &&
    isStr(m.name) &&
    isObj(m.graph) &&
    isObj(m.settings) &&
    isStr(m.userKey) &&
    isObj(m.backbones) &&
    (m.fineTune === undefined || isFineTune(m.fineTune)),
  check: (m) => run(m) && isStr(m.cellId) && isStr(m.source),
  stopTraining: () => true,
  pauseTraining: (m) => typeof m.paused === 'boolean',
  defineModel: (m) => isStr(m.name) && isObj(m.graph) && (m.keepWeights === undefined || typeof m.keepWeights === 'boolean'),
  request: (m) => isStr(m.requestId) && isObj(m.request) && isStr(m.request.op),
};

/** The message's check, when `data` is an object whose `type` is one of `checks`' own. */
function checked(checks: Record<string, (m: Fields) => boolean>, data: unknown): boolean {
  return isObj(data) && isStr(data.type) && Object.hasOwn(checks, data.type) && checks[data.type](data);
}

/**
 * True for a well-formed message from the kernel. The page renders what passes,
 * so fields it reads as text must be text; anything else is dropped.
 */
export function isFromKernel(data: unknown): data is FromKernel {
  return checked(FROM_KERNEL, data);
}

/** True for a well-formed message from the page; the kernel drops anything else. */
export function isToKernel(data: unknown): data is ToKernel {
  return checked(TO_KERNEL, data);
}
