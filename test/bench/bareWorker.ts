import * as tf from '@tensorflow/tfjs';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import { BENCH, benchModel } from './mlpFit';
import { bareMnist, type MnistModel } from './mnistFit';
import { useWasmPaths } from '../../workers/kernel/wasmPaths';

// wasm set up as the kernel sets it up (SIMD, no threads), from the files this page serves.
const wasmPath = (url: string) => new URL(url, self.location.href).href;
useWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPath(wasmUrl), 'tfjs-backend-wasm-simd.wasm': wasmPath(wasmSimdUrl) });

type Job = { backend: string; mnist?: MnistModel; compressed?: Uint8Array; liveMetrics?: boolean };

// Side (a): bare tfjs in a plain worker, no Layerbook: the ceiling to compare with.
self.onmessage = (event: MessageEvent<Job>) => {
  // A failure (a backend that will not start) goes back as a message: a rejected handler in a
  // worker fires no error event, and the bench would wait for an answer that never comes.
  run(event.data).then(
    (result) => self.postMessage(result),
    (e: Error) => self.postMessage({ error: `${e.message}` }),
  );
};

async function run(job: Job) {
  await tf.setBackend(job.backend);
  await tf.ready();
  if (tf.getBackend() !== job.backend) throw new Error(`${job.backend} did not start (tfjs is on ${tf.getBackend()})`);
  if (job.mnist) {
    return { backend: tf.getBackend(), ...(await bareMnist(job.mnist, job.compressed!, job.liveMetrics)) };
  }
  const model = benchModel();
  const xs = tf.randomNormal([BENCH.samples, 784]);
  const ys = tf.oneHot(tf.randomUniform([BENCH.samples], 0, 10, 'int32'), 10);
  // Warm-up compiles shaders and creates the optimizer's slots, as Layerbook's side does too.
  await model.fit(xs, ys, { epochs: BENCH.warmupEpochs, batchSize: BENCH.batchSize });
  const started = performance.now();
  await model.fit(xs, ys, { epochs: BENCH.epochs, batchSize: BENCH.batchSize });
  const seconds = (performance.now() - started) / 1000;
  return { backend: tf.getBackend(), samplesPerSec: (BENCH.samples * BENCH.epochs) / seconds, seconds };
}
