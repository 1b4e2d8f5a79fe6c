/** A dataset as the kernel trains on it: flat typed arrays that cross to the worker by transfer. */
export interface TensorData {
  /** Feature values, row after row. */
  x: Float32Array;
  /** The shape of one example's features, e.g. [2] for a point, [32, 32, 1] for an image. */
  xShape: number[];
  /** Integer class labels (classification) or target values (regression), one per example. */
  y: Float32Array;
  /** Class names, for classification; absent for regression. */
  classes?: string[];
  count: number;
  /** Examples at the end held out as the test split; absent: the default test fraction. */
  testCount?: number;
}

/** Options every generator takes. */
export interface GeneratorOptions {
  samples: number;
  /** 0 (clean) to 1 (very noisy), as in TensorFlow Playground. */
  noise: number;
  seed: number;
}
