// Trains the backbone Layerbook ships for transfer learning: a small CNN that knows MNIST's digits
// 0–4, from the training digits the app ships (public/data/mnist.lbd), and writes it as a
// TensorFlow.js model (public/data/digits-0-4.json, its weights in digits-0-4.weights.bin).
//
//   node scripts/make-backbone.mjs
//
// Everything random is seeded (starting weights, the order of examples each epoch), so a rerun
// trains the same network. The transfer learning tutorial reuses it for digits 5–9.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { inflateSync } from 'fflate';
import { createServer } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'digits-0-4';
const SEED = 20261203;
const EPOCHS = 3;

/** The shipped digits, as src/data/mnist.ts reads them (the format is described there). */
function readMnist() {
  const raw = inflateSync(new Uint8Array(readFileSync(join(root, 'public/data/mnist.lbd'))));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const [trainCount, testCount] = [0, 1].map((i) => view.getUint32(8 + 4 * i, true));
  const count = trainCount + testCount;
  const pixels = raw.subarray(24, 24 + count * 784);
  const labels = raw.subarray(24 + count * 784);
  return { trainCount, testCount, pixels, labels };
}

/** mulberry32: a small seeded generator, so that the run is the same every time. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The digits 0–4 among `from`…`to` (indexes into the file), as images and labels. */
function digits(mnist, from, to) {
  const picked = [];
  for (let i = from; i < to; i++) if (mnist.labels[i] < 5) picked.push(i);
  const x = new Float32Array(picked.length * 784);
  picked.forEach((i, k) => {
    for (let p = 0; p < 784; p++) x[k * 784 + p] = mnist.pixels[i * 784 + p] / 255;
  });
  return { x, y: Int32Array.from(picked, (i) => mnist.labels[i]), count: picked.length };
}

function backbone() {
  let seed = SEED;
  const init = () => tf.initializers.glorotUniform({ seed: seed++ });
  const input = tf.input({ shape: [28, 28, 1], name: 'input_layer' });
  const layers = [
    tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(), name: 'conv2d' }),
    tf.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d' }),
    tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init(), name: 'conv2d_1' }),
    tf.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d_1' }),
    tf.layers.flatten({ name: 'flatten' }),
    tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(), name: 'dense' }),
    tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(), name: 'dense_1' }),
  ];
  const output = layers.reduce((x, layer) => layer.apply(x), input);
  return tf.model({ inputs: input, outputs: output, name: 'digits_0_4' });
}

// On wasm, with the gradient kernels Layerbook's kernel adds to it (tfjs's wasm cannot train a
// convolution without them), loaded from the TypeScript source through Vite; tfjs's cpu backend
// took over ten minutes for one epoch here.
const vite = await createServer({ root, server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
const { registerWasmGradients } = await vite.ssrLoadModule('/workers/kernel/wasmGradients.ts');
await tf.setBackend('wasm');
registerWasmGradients();
const mnist = readMnist();
const train = digits(mnist, 0, mnist.trainCount);
const test = digits(mnist, mnist.trainCount, mnist.trainCount + mnist.testCount);
const model = backbone();
model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const next = random(SEED);
const started = Date.now();
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  // Shuffled here, with the seeded generator: fit's own shuffle would draw from Math.random.
  const order = Array.from({ length: train.count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const idx = tf.tensor1d(order, 'int32');
  const x = tf.gather(tf.tensor4d(train.x, [train.count, 28, 28, 1]), idx);
  const y = tf.gather(tf.tensor1d(train.y, 'float32'), idx);
  const h = await model.fit(x, y, { epochs: 1, batchSize: 64, shuffle: false, verbose: 0 });
  tf.dispose([idx, x, y]);
  console.log(`epoch ${epoch + 1}: loss ${h.history.loss[0].toFixed(4)}, accuracy ${h.history.acc[0].toFixed(4)}`);
}
const [loss, accuracy] = model.evaluate(tf.tensor4d(test.x, [test.count, 28, 28, 1]), tf.tensor1d(test.y, 'float32'));
console.log(
  `${train.count} training digits 0–4, ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
    `test digits 0–4 (${test.count}): loss ${(await loss.data())[0].toFixed(4)}, accuracy ${(await accuracy.data())[0].toFixed(4)}`,
);
await model.save(
  tf.io.withSaveHandler(async (artifacts) => {
    const weights = `${NAME}.weights.bin`;
    const json = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
      convertedBy: 'scripts/make-backbone.mjs',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [weights], weights: artifacts.weightSpecs }],
    };
    writeFileSync(join(root, 'public/data', `${NAME}.json`), `${JSON.stringify(json)}\n`);
    writeFileSync(join(root, 'public/data', weights), new Uint8Array(artifacts.weightData));
    console.log(`wrote public/data/${NAME}.json and ${weights} (${artifacts.weightData.byteLength.toLocaleString('en-US')} bytes)`);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }),
);
await vite.close();
