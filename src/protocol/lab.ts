import type { DatasetName } from '../data/catalogue';
import type { TrainConfig } from '../doc/trainConfig';
import { insightBuffers, type InsightResult, type InsightSpec } from './insight';
import type { SampleView } from './sampleView';

// Requests the page makes of a trained model in the kernel (Evaluate, Predict,
// the samples behind a confusion-matrix cell, saving and loading weights) and
// the data it hands over for training. Each request gets one reply; buffers
// cross by transfer, never as JSON.

/** Data the page owns and the kernel trains on: a file shipped with the app (MNIST), or the learner's own. */
export type DatasetPayload =
  /** A shipped dataset's file as fetched, still compressed (see src/data/catalogue.ts); the kernel decodes it. */
  | { kind: 'shipped'; dataset: DatasetName; compressed: Uint8Array }
  /** A CSV or image folder turned into tensors on the page. */
  | {
      kind: 'tensors';
      name: string;
      x: Float32Array;
      xShape: number[];
      y: Float32Array;
      count: number;
      classes?: string[];
      testCount?: number;
    };

/** What a model saved in the browser or downloaded consists of: tf.io's ModelArtifacts, plain. */
export interface ModelFiles {
  modelTopology: unknown;
  weightSpecs: Array<{ name: string; shape: number[]; dtype: string }>;
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
}

export type PredictInput =
  /** An image the learner drew, already at the model's input size (values 0–1). */
  | { kind: 'pixels'; data: Float32Array }
  | { kind: 'text'; text: string }
  /** One example of the test split, by its index there. */
  | { kind: 'sample'; index: number };

export type LabRequest =
  | { op: 'dataset'; key: string; payload: DatasetPayload }
  /** reuse: the report the last Train ended with, when nothing has changed since (no second pass over the test split). */
  | { op: 'evaluate'; model: string; reuse?: boolean }
  | { op: 'predict'; model: string; input: PredictInput }
  | { op: 'samples'; model: string; truth: number; predicted: number; limit: number }
  | { op: 'exportModel'; model: string }
  | { op: 'loadWeights'; model: string; files: ModelFiles }
  /** Ties a model that was not trained here (weights loaded) to its cell's dataset, for Evaluate and Predict. */
  | { op: 'attachData'; model: string; settings: TrainConfig; userKey: string }
  /** Grad-CAM, an attention map or activations of the trained model, on test examples. */
  | { op: 'insight'; model: string; spec: InsightSpec }
  /** Live: the same, recomputed at every epoch end of the model's next Train runs (null: stop). */
  | { op: 'watch'; model: string; spec: InsightSpec | null };

/** One row of the metrics table: a class, or the averages. */
export interface ClassMetrics {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  model: string;
  count: number;
  loss: number;
  /** Classification only. */
  accuracy?: number;
  mae?: number;
  classes?: string[];
  perClass?: ClassMetrics[];
  macro?: Omit<ClassMetrics, 'name'>;
  /** counts[true][predicted]. */
  confusion?: number[][];
}

export interface Prediction {
  classes: string[];
  probabilities: number[];
  /** A regression model's output. */
  value?: number;
  /** An autoencoder's output (its reconstruction of the input), shown as the input is. */
  output?: SampleView;
  /** For a test sample: its true label and the sample itself. */
  truth?: string;
  sample?: SampleView;
  index?: number;
  testCount: number;
}

export interface SampleList {
  truth: string;
  predicted: string;
  /** How many test examples are in this cell of the matrix in all. */
  total: number;
  samples: Array<{ index: number; confidence: number; view: SampleView }>;
}

export type LabReply =
  | { op: 'dataset'; count: number }
  | { op: 'evaluate'; evaluation: Evaluation }
  | { op: 'predict'; prediction: Prediction }
  | { op: 'samples'; list: SampleList }
  | { op: 'exportModel'; files: ModelFiles }
  | { op: 'loadWeights'; message: string }
  | { op: 'attachData'; testCount: number }
  | { op: 'insight'; result: InsightResult }
  | { op: 'watch' };

/** The reply to request `op`. */
export type ReplyOf<Op extends LabRequest['op']> = Extract<LabReply, { op: Op }>;

/** Buffers a request or reply can hand over rather than copy. */
export function labTransferables(value: LabRequest | LabReply): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView | ArrayBuffer | undefined) => {
    const buffer = a instanceof ArrayBuffer ? a : a?.buffer;
    if (buffer instanceof ArrayBuffer && !out.includes(buffer)) out.push(buffer);
  };
  switch (value.op) {
    case 'dataset':
      if ('payload' in value) {
        if (value.payload.kind === 'shipped') add(value.payload.compressed);
        else {
          add(value.payload.x);
          add(value.payload.y);
        }
      }
      break;
    case 'predict':
      if ('input' in value && value.input.kind === 'pixels') add(value.input.data);
      if ('prediction' in value && value.prediction.sample?.kind === 'image') add(value.prediction.sample.pixels);
      break;
    case 'samples':
      if ('list' in value) for (const s of value.list.samples) if (s.view.kind === 'image') add(s.view.pixels);
      break;
    case 'exportModel':
      if ('files' in value) add(value.files.weightData);
      break;
    case 'loadWeights':
      if ('files' in value) add(value.files.weightData);
      break;
    case 'insight':
      if ('result' in value) for (const b of insightBuffers(value.result)) add(b);
      break;
    case 'evaluate':
    case 'attachData':
    case 'watch':
      // No buffers in these requests or replies: they are copied whole.
      break;
  }
  return out;
}
