import * as tf from '@tensorflow/tfjs';
import { DATASET_NAMES, datasetSpec, testCountOf, type DatasetName } from '../../src/data/catalogue';
import type { RunData, SplitData } from '../../src/data/catalogue';
import { builtinDataset } from '../../src/data/builtin';
import { DEFAULT_TRAIN_CONFIG } from '../../src/doc/trainConfig';
import type { KernelState } from './kernelState';

// `lb.datasets.load(name)` in a code cell: the same datasets a graph cell trains on, as tensors,
// split as Keras's load_data() splits them (the test examples are the ones at the end).

/** A dataset as a cell gets it. */
export interface LoadedDataset {
  xTrain: tf.Tensor;
  yTrain: tf.Tensor1D;
  xTest: tf.Tensor;
  yTest: tf.Tensor1D;
  /** Class names, index by label; absent for a number to predict. */
  classes?: string[];
  /** A text set's word → id (sentiment): 0 pads, 1 stands for a word it does not know. */
  vocabulary?: Record<string, number>;
}

export interface LoadOptions {
  /** How many training examples (the generated sets make this many in all). */
  samples?: number;
  noise?: number;
  seed?: number;
}

/** How long a cell waits for a shipped set the page is sending before it says so (MNIST takes 1–2 s). */
const ARRIVAL_TIMEOUT_MS = 20_000;

export function makeDatasetsApi(kernel: KernelState) {
  /** A shipped set, now or once the page's copy arrives (the page sends it as the cell runs). */
  const shipped = async (name: DatasetName, label: string): Promise<SplitData> => {
    const ready = kernel.shipped.get(name);
    if (ready) return ready;
    if (!kernel.coming.names.includes(name)) {
      throw new Error(
        `lb.datasets.load: ${label} has not reached the kernel. Write its name in quotes in the call ` +
          `(lb.datasets.load('${name}')), so the page sends it when the cell runs.`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const waiting = kernel.coming.waiting.get(name) ?? [];
      const arrived = (failure?: Error) => {
        clearTimeout(timer);
        if (failure) reject(new Error(`lb.datasets.load: ${label} arrived damaged (${failure.message}); run the cell again.`));
        else resolve();
      };
      const timer = setTimeout(() => {
        // Gone from the list, so a late arrival does not call it.
        kernel.coming.waiting.set(
          name,
          (kernel.coming.waiting.get(name) ?? []).filter((w) => w !== arrived),
        );
        reject(new Error(`lb.datasets.load: ${label} did not arrive from the page within 20 s; run the cell again.`));
      }, ARRIVAL_TIMEOUT_MS);
      waiting.push(arrived);
      kernel.coming.waiting.set(name, waiting);
    });
    const arrived = kernel.shipped.get(name);
    if (!arrived) throw new Error(`lb.datasets.load: ${label} did not arrive; run the cell again.`);
    return arrived;
  };

  return {
    /** The dataset's names, as the Dataset menu lists them. */
    names: (): string[] => [...DATASET_NAMES],
    async load(name: string, options: LoadOptions = {}): Promise<LoadedDataset> {
      const known = DATASET_NAMES.find((n) => n === name);
      if (!known) throw new Error(`lb.datasets.load: there is no dataset "${String(name)}". Try one of: ${DATASET_NAMES.join(', ')}.`);
      const spec = datasetSpec(known);
      const { source } = spec;
      let data: RunData;
      if (source.kind === 'shipped') {
        const all = await shipped(known, spec.label);
        data = options.samples === undefined ? all : source.take(all, options.samples);
      } else if (source.kind === 'generated') {
        const made = builtinDataset(
          known,
          options.samples ?? DEFAULT_TRAIN_CONFIG.samples,
          options.noise ?? DEFAULT_TRAIN_CONFIG.noise,
          options.seed ?? DEFAULT_TRAIN_CONFIG.seed,
        );
        data = { ...made, testCount: made.testCount ?? testCountOf(made.count) };
      } else {
        throw new Error(
          'lb.datasets.load: your own data is loaded in a graph cell (Dataset → Your own data); a code cell cannot open files.',
        );
      }
      const width = data.x.length / data.count;
      const train = data.count - data.testCount;
      const x = (from: number, to: number) => tf.tensor(data.x.subarray(from * width, to * width), [to - from, ...data.xShape]);
      const y = (from: number, to: number) => tf.tensor1d(data.y.subarray(from, to), data.classes ? 'int32' : 'float32');
      const { vocabulary } = data;
      return {
        xTrain: x(0, train),
        yTrain: y(0, train),
        xTest: x(train, data.count),
        yTest: y(train, data.count),
        classes: data.classes,
        ...(vocabulary ? { vocabulary } : {}),
      };
    },
  };
}
