import * as tf from '@tensorflow/tfjs';
import { decodeMnist, mnistSubset } from '../../src/data/mnist';
import { LiveMetrics } from '../../workers/kernel/liveMetrics';

// Issue 5's workloads: an MLP and a small CNN on MNIST, as the Train button
// trains them (fresh model, validation split, shuffled batches), so the bare
// side does the very same work with nothing of Layerbook around it.

// One workload for both sides: the bench script reads the same file.
import MNIST_BENCH from './mnistWorkloads.json';

export type MnistModel = keyof typeof MNIST_BENCH;

export function mnistModel(kind: MnistModel): tf.LayersModel {
  const input = tf.input({ shape: [28, 28, 1] });
  let x: tf.SymbolicTensor;
  if (kind === 'mlp') {
    x = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 64, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  } else {
    x = tf.layers.conv2d({ filters: 8, kernelSize: [3, 3], activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    x = tf.layers.maxPooling2d({ poolSize: [2, 2] }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** The kernel's live-metrics callback with nowhere to post: what it alone costs a fit, with no page drawing. */
const liveMetricsAlone = () => new LiveMetrics({ post: () => {}, stopRequested: () => false, whilePaused: async () => {} }, 'bench');

/**
 * Side (a) for MNIST: fetch, decode, fit; samples per second over the whole fit, as Layerbook's
 * progress line counts them. With `liveMetrics`, the kernel's callback rides along (side a+).
 */
export async function bareMnist(
  kind: MnistModel,
  compressed: Uint8Array,
  liveMetrics = false,
): Promise<{ samplesPerSec: number; seconds: number }> {
  const w = MNIST_BENCH[kind];
  const data = mnistSubset(decodeMnist(compressed), w.samples);
  const train = data.count - data.testCount;
  const x = tf.tensor(data.x.subarray(0, train * 784), [train, 28, 28, 1]);
  const y = tf.tensor1d(data.y.subarray(0, train));
  const model = mnistModel(kind);
  // The whole fit, to the last GPU result: tfjs reads its history after onTrainEnd, and
  // only then has the GPU finished the work the callbacks saw queued. Layerbook's figure
  // also counts to completed work: it reads each epoch's metrics before it reports.
  // From the first callback, as Layerbook's progress line counts from it ('never': no extra yields).
  let started = 0;
  const begin = new tf.CustomCallback({ onTrainBegin: async () => void (started = performance.now()) }, 'never');
  await model.fit(x, y, {
    epochs: w.epochs,
    batchSize: w.batchSize,
    validationSplit: w.validationSplit,
    shuffle: true,
    callbacks: liveMetrics ? [begin, liveMetricsAlone()] : [begin],
  });
  const seconds = (performance.now() - started) / 1000;
  tf.dispose([x, y]);
  model.dispose();
  const fitted = Math.round(train * (1 - w.validationSplit)) * w.epochs;
  return { samplesPerSec: fitted / seconds, seconds };
}
