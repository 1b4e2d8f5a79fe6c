import { builtinDataset, testCountOf } from '../../src/data/builtin';
import { decodeMnist, mnistSubset, type MnistData } from '../../src/data/mnist';
import type { TensorData } from '../../src/data/types';
import { BUILTIN_DATASETS, type BuiltinDataset, type TrainConfig } from '../../src/doc/trainConfig';
import type { DatasetPayload } from '../../src/protocol/lab';

// Data the page handed over: MNIST (inflated here, off the page's thread) and
// the learner's own. The kernel has no storage and no network of its own.

const provided = new Map<string, TensorData>();
let mnist: MnistData | null = null;

/** Keeps data the page sent; returns how many examples it holds. */
export function putDataset(key: string, payload: DatasetPayload): number {
  if (payload.kind === 'mnist') {
    mnist = decodeMnist(payload.compressed);
    return mnist.count;
  }
  const { x, xShape, y, count, classes, testCount } = payload;
  const width = xShape.reduce((a, b) => a * b, 1);
  if (x.length !== count * width || y.length !== count) throw new Error(`The data for ${payload.name} does not fit its shape [${xShape}] × ${count}.`);
  provided.set(key, { x, xShape, y, count, classes, testCount });
  return count;
}

/** The examples a run trains on, with extras (texts, vocabulary, boxes) where the dataset has them. */
export type RunData = TensorData & { testCount: number; texts?: string[]; vocabulary?: Record<string, number>; maxLength?: number };

/** The dataset a graph cell's settings name; `userKey` finds the learner's own data. */
export function datasetFor(config: TrainConfig, userKey: string): RunData {
  if (config.dataset === 'mnist') {
    if (!mnist) throw new Error('MNIST has not reached the kernel: press Train again (the page sends it first).');
    return mnistSubset(mnist, config.samples) as RunData;
  }
  if (config.dataset === 'user') {
    const data = provided.get(userKey);
    if (!data) throw new Error('This cell has no data of your own loaded in this session: choose a CSV file or an image folder under Dataset, then press Train.');
    return { ...data, testCount: data.testCount ?? testCountOf(data.count) };
  }
  if (!(BUILTIN_DATASETS as readonly string[]).includes(config.dataset)) throw new Error(`Unknown dataset ${config.dataset}.`);
  const data = builtinDataset(config.dataset as BuiltinDataset, config.samples, config.noise, config.seed);
  return { ...data, testCount: testCountOf(data.count) };
}
