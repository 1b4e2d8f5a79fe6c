import { decodeMnist, MNIST_CLASSES, mnistSubset } from './mnist';
import { decodeDigits5to9, DIGITS_5_9_CLASSES, DIGITS_5_9_TEST, DIGITS_5_9_TRAIN } from './mnistFewShot';
import { sentiment } from './sentiment';
import { SHAPE_CLASSES, shapes } from './shapes';
import { sineWindows } from './timeSeries';
import { toy2d, type ToySet } from './toy2d';
import type { GeneratorOptions, TensorData } from './types';

// The one dataset catalogue (DESIGN.md rule 5): each dataset a graph cell can
// train on is declared here once. The Dataset chooser, the training panel,
// Predict, the kernel and the tests all read it; adding a dataset means adding
// its record below (and its generator, if it is a new one) and its test.

/** How Predict takes an input for a model trained on a dataset: a drawing (at what size), a sentence, or test samples only. */
export type PredictMode =
  { kind: 'draw'; size: number; channels: number; style: 'mnist' | 'fill' } | { kind: 'text' } | { kind: 'samples' };

/** Data a run trains on, with its test split's size (the examples at its end). */
export type SplitData = TensorData & { testCount: number };

/** The examples a run trains on, with extras (texts, vocabulary) where the dataset has them. */
export type RunData = SplitData & { texts?: string[]; vocabulary?: Record<string, number>; maxLength?: number };

/** Where a dataset's examples come from. */
type DatasetSource =
  /** Made where it is used (page or kernel) from the settings' samples, noise and seed. */
  | { kind: 'generated'; generate(options: GeneratorOptions): TensorData }
  /**
   * A file shipped in public/ (fetched by the page, which hands it to the opaque-origin kernel);
   * `decode` checks and unpacks it once, `take` picks a run's examples from what it decoded.
   */
  | {
      kind: 'shipped';
      file: string;
      decode(bytes: Uint8Array): SplitData;
      take(data: SplitData, samples: number): SplitData;
      trainExamples(samples: number): number;
    }
  /** The learner's own CSV or image folder, loaded on the page for one cell. */
  | { kind: 'own' };

/**
 * The settings a dataset starts a learner with when it is chosen (Keras's compile and fit names):
 * a loss that fits its labels, and a run that trains well in reasonable time on a slow machine.
 * Choosing another dataset replaces each of them only while it still has the previous dataset's
 * value, so what the learner typed stays (src/training/taskFit.ts, settingsForDataset).
 */
export interface DatasetPreset {
  loss: 'sparse_categorical_crossentropy' | 'binary_crossentropy' | 'mse';
  samples: number;
  epochs: number;
  batch_size: number;
  learning_rate: number;
  validation_split: number;
  schedule: 'constant' | 'cosine';
}

/** A small, quick run: the defaults a new graph cell starts with (DEFAULT_TRAIN_CONFIG, for the spiral). */
const SMALL_RUN = { samples: 400, epochs: 50, batch_size: 32, learning_rate: 0.01, validation_split: 0.2, schedule: 'constant' } as const;

export interface DatasetSpec<Name extends string = string> {
  name: Name;
  /** In the Dataset select. */
  label: string;
  /** One line under it: what the examples are and the input shape a model needs. */
  help: string;
  /** Class names; null for a number to predict; undefined when the learner's data decides. */
  classes: readonly string[] | null | undefined;
  /** One example's shape (a model's input shape); undefined when the learner's data decides. */
  inputShape: readonly number[] | undefined;
  /** Whether its generator takes a noise level (TensorFlow Playground's Noise slider). */
  noisy: boolean;
  /** How Predict takes an input; undefined when the learner's data decides (see predictModeOf). */
  predict: PredictMode | undefined;
  /** The settings choosing it starts with; for the learner's own data, its labels then decide the loss. */
  preset: DatasetPreset;
  source: DatasetSource;
  /** Part of another dataset (MNIST's digits 5–9): a model's input shape alone picks the whole one. */
  partOf?: string;
}

const generated = (generate: (options: GeneratorOptions) => TensorData): DatasetSource => ({ kind: 'generated', generate });

/** One of TensorFlow Playground's 2-D sets: two classes of points. */
const toySet = <N extends ToySet>(name: N, what: string) =>
  ({
    name,
    label: name,
    help: `${what} (TensorFlow Playground): input shape 2.`,
    classes: ['0', '1'],
    inputShape: [2],
    noisy: true,
    predict: { kind: 'samples' },
    preset: { loss: 'binary_crossentropy', ...SMALL_RUN },
    source: generated((o) => toy2d(name, o)),
  }) as const;

const DATASETS = [
  toySet('spiral', 'Two interleaved spirals of 2-D points'),
  toySet('xor', 'Points labelled by quadrant'),
  toySet('circles', 'A disc inside a ring'),
  toySet('gaussian', 'Two blobs of points'),
  {
    name: 'shapes',
    label: 'shapes',
    help: 'Circles, squares and triangles drawn in 32×32 grey images: input shape 32, 32, 1.',
    classes: SHAPE_CLASSES,
    inputShape: [32, 32, 1],
    noisy: true,
    predict: { kind: 'draw', size: 32, channels: 1, style: 'fill' },
    preset: { loss: 'sparse_categorical_crossentropy', ...SMALL_RUN },
    source: generated((o) => shapes(o)),
  },
  {
    name: 'sine',
    label: 'sine',
    help: 'Windows of a noisy wave; predict the next value: input shape 30, 1.',
    classes: null,
    inputShape: [30, 1],
    noisy: true,
    predict: { kind: 'samples' },
    preset: { loss: 'mse', ...SMALL_RUN },
    source: generated((o) => sineWindows(o)),
  },
  {
    name: 'sentiment',
    label: 'sentiment',
    help: 'Short reviews as 16 word ids, positive or negative: input shape 16 (int32), then an Embedding.',
    classes: ['negative', 'positive'],
    inputShape: [16],
    noisy: false,
    predict: { kind: 'text' },
    preset: { loss: 'binary_crossentropy', ...SMALL_RUN },
    source: generated((o) => sentiment(o)),
  },
  {
    name: 'mnist',
    label: 'MNIST digits',
    help:
      'Handwritten digits, 28×28 grey: input shape 28, 28, 1 (Flatten first for Dense layers). ' +
      'Samples picks how many of the 20,000 training digits to use; the 2,000 test digits are always the same. ' +
      'MNIST is by Yann LeCun and Corinna Cortes (CC BY-SA 3.0).',
    classes: MNIST_CLASSES,
    inputShape: [28, 28, 1],
    noisy: false,
    predict: { kind: 'draw', size: 28, channels: 1, style: 'mnist' },
    preset: {
      loss: 'sparse_categorical_crossentropy',
      samples: 20_000,
      epochs: 3,
      batch_size: 32,
      learning_rate: 0.01,
      validation_split: 0.1,
      schedule: 'cosine',
    },
    // The test digits are apart from Samples, which counts training digits only.
    source: {
      kind: 'shipped',
      file: 'data/mnist.lbd',
      decode: decodeMnist,
      take: mnistSubset,
      trainExamples: (samples) => Math.min(samples, 20_000),
    },
  },
  {
    name: 'mnist-5-9',
    label: 'MNIST digits 5–9, few labelled',
    help:
      'The digits 5 to 9 only, as five classes: input shape 28, 28, 1. Samples picks how many training digits, the same ' +
      'number of each (100: 20 of each), to learn from a few as transfer learning does; ' +
      `the ${DIGITS_5_9_TEST} test digits 5–9 are always the same.`,
    classes: DIGITS_5_9_CLASSES,
    inputShape: [28, 28, 1],
    noisy: false,
    predict: { kind: 'draw', size: 28, channels: 1, style: 'mnist' },
    // Few examples: none spared for validation, small batches, and a few more epochs than MNIST's.
    preset: {
      loss: 'sparse_categorical_crossentropy',
      samples: 100,
      epochs: 6,
      batch_size: 16,
      learning_rate: 0.005,
      validation_split: 0,
      schedule: 'constant',
    },
    partOf: 'mnist',
    // The same shipped file as MNIST; the test digits are apart from Samples, as there.
    source: {
      kind: 'shipped',
      file: 'data/mnist.lbd',
      decode: decodeDigits5to9,
      take: mnistSubset,
      trainExamples: (samples) => Math.min(samples, DIGITS_5_9_TRAIN),
    },
  },
  {
    name: 'user',
    label: 'your own (CSV or images)',
    help:
      'A CSV file (pick the feature columns and the label) or a folder with one sub-folder of images per class. ' +
      'It stays in this tab: load it again after a reload.',
    classes: undefined,
    inputShape: undefined,
    noisy: false,
    predict: undefined,
    // Most of a learner's own data is classes (a folder of images per class); loading it sets the loss its labels need.
    preset: { loss: 'sparse_categorical_crossentropy', ...SMALL_RUN },
    source: { kind: 'own' },
  },
] as const satisfies ReadonlyArray<DatasetSpec>;

export type DatasetName = (typeof DATASETS)[number]['name'];

/** Every dataset, in the order the Dataset select lists them. */
export const DATASET_SPECS: ReadonlyArray<DatasetSpec<DatasetName>> = DATASETS;

/** The datasets' names, as a settings schema lists them. */
export const DATASET_NAMES = DATASETS.map((d) => d.name) as [DatasetName, ...DatasetName[]];

const BY_NAME: ReadonlyMap<string, DatasetSpec<DatasetName>> = new Map(DATASET_SPECS.map((d) => [d.name, d]));

/** The record of a dataset by name (settings are validated against DATASET_NAMES, so it is there). */
export function datasetSpec(name: DatasetName): DatasetSpec<DatasetName> {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`Unknown dataset ${name}.`);
  return spec;
}

/** The fraction of a dataset held back for Evaluate, unless it brings a test split of its own (MNIST). */
const TEST_FRACTION = 0.2;

/** Examples held back for Evaluate out of `count`, when a dataset brings no test split of its own. */
export const testCountOf = (count: number): number => Math.max(1, Math.round(count * TEST_FRACTION));

/** The learner's own data as a cell holds it: what the catalogue leaves to the data. */
export interface OwnDataShape {
  xShape: number[];
  classes?: string[];
  count: number;
}

/** Classes to predict: a count, null for a number, undefined until the learner's data is loaded. */
export function classCountOf(spec: DatasetSpec, own: OwnDataShape | undefined): number | null | undefined {
  if (spec.source.kind !== 'own') return spec.classes === null ? null : spec.classes?.length;
  return own ? (own.classes?.length ?? null) : undefined;
}

/** How Predict takes an input: a drawing for image data (the learner's images at their size), else test samples. */
export function predictModeOf(spec: DatasetSpec, own: OwnDataShape | undefined): PredictMode {
  if (spec.predict) return spec.predict;
  const shape = own?.xShape;
  return shape?.length === 3 ? { kind: 'draw', size: shape[0], channels: shape[2], style: 'fill' } : { kind: 'samples' };
}

/** Examples a run's fit() gets (before its validation split): what a schedule decays over. */
export function trainExamplesOf(spec: DatasetSpec, samples: number, own: OwnDataShape | undefined): number {
  const { source } = spec;
  if (source.kind === 'shipped') return source.trainExamples(samples);
  const count = source.kind === 'own' ? (own?.count ?? 0) : samples;
  return count - testCountOf(count);
}
