import type * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../src/doc/trainConfig';
import type { Evaluation } from '../../src/protocol/lab';
import type { SampleView } from '../../src/protocol/sampleView';
import type { RunData } from '../../src/data/catalogue';

// The test split a Train run holds back: what Evaluate, Predict and Insight answer on.

/** A trained model's test split, as Evaluate, Predict and Insight use it. */
export interface Trained {
  config: TrainConfig;
  classify: boolean;
  classes: string[];
  xShape: number[];
  testX: Float32Array;
  testY: Float32Array;
  testCount: number;
  texts?: string[];
  vocabulary?: Record<string, number>;
  maxLength?: number;
  /** Epochs the model has trained, over its Train and the Fine-tunes that went on from it. */
  epochs?: number;
  /**
   * The model those epochs trained (or, after a Trainable edit, the rebuilt one that kept its weights):
   * a Fine-tune goes on only from the model under the name that is this one.
   */
  model?: tf.LayersModel;
  /** From the latest Evaluate: the test split's outputs ([testCount, outputs]), the classes they predict, and the report. */
  outputs?: Float32Array;
  guess?: Int32Array;
  evaluation?: Evaluation;
}

/** The test split of a run's data (the examples at its end). */
export function testSplitOf(config: TrainConfig, classify: boolean, data: RunData): Trained {
  const width = exampleWidth(data);
  const start = data.count - data.testCount;
  return {
    config,
    classify,
    classes: data.classes ?? [],
    xShape: data.xShape,
    // Copies: the run's full arrays can then be collected.
    testX: data.x.slice(start * width),
    testY: data.y.slice(start),
    testCount: data.testCount,
    texts: data.texts?.slice(start),
    vocabulary: data.vocabulary,
    maxLength: data.maxLength,
  };
}

/** Values in one example. */
export const exampleWidth = (t: { xShape: number[] }) => t.xShape.reduce((a, b) => a * b, 1);

/** Test example `index` as the page shows it: a text, an image or its values. */
export function viewOf(t: Trained, index: number): SampleView {
  if (t.texts) return { kind: 'text', text: t.texts[index] };
  const w = exampleWidth(t);
  return valuesView(t.xShape, t.testX.slice(index * w, (index + 1) * w));
}

/** One example's values (an input, or a model's reconstruction of one) as the page shows them: an image or a list. */
export function valuesView(xShape: number[], pixels: Float32Array): SampleView {
  if (xShape.length === 3) return { kind: 'image', height: xShape[0], width: xShape[1], channels: xShape[2], pixels };
  return { kind: 'values', values: Array.from(pixels) };
}
