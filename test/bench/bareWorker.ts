import * as tf from '@tensorflow/tfjs';
import { BENCH, benchModel } from './mlpFit';
import { bareMnist, type MnistModel } from './mnistFit';

type Job = { backend: string; mnist?: MnistModel; compressed?: Uint8Array; liveMetrics?: boolean };

// Side (a): bare tfjs in a plain worker, no Layerbook: the ceiling to compare with.
self.onmessage = async (event: MessageEvent<Job>) => {
  await tf.setBackend(event.data.backend);
  await tf.ready();
  if (event.data.mnist) {
    self.postMessage({ backend: tf.getBackend(), ...(await bareMnist(event.data.mnist, event.data.compressed!, event.data.liveMetrics)) });
    return;
  }
  const model = benchModel();
  const xs = tf.randomNormal([BENCH.samples, 784]);
  const ys = tf.oneHot(tf.randomUniform([BENCH.samples], 0, 10, 'int32'), 10);
  // Warm-up compiles shaders and creates the optimizer's slots, as Layerbook's side does too.
  await model.fit(xs, ys, { epochs: BENCH.warmupEpochs, batchSize: BENCH.batchSize });
  const started = performance.now();
  await model.fit(xs, ys, { epochs: BENCH.epochs, batchSize: BENCH.batchSize });
  const seconds = (performance.now() - started) / 1000;
  self.postMessage({ backend: tf.getBackend(), samplesPerSec: (BENCH.samples * BENCH.epochs) / seconds, seconds });
};
