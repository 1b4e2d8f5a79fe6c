import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphFromModelFile } from '../../src/graph/keras/modelFile';
import { buildModel } from '../../workers/kernel/buildModel';
import { createKernelState } from '../../workers/kernel/kernelState';
import { answer } from '../../workers/kernel/lab';

// A .keras file's weights (model.weights.h5), read by Layerbook and loaded through the kernel's
// Load weights path: the model predicts what real Keras predicts with the same file.

let n = 0;
const ids = () => () => `n${++n}`;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a .keras file’s weights', () => {
  it('load into the graph’s model so that it predicts as Keras does with the same file (≤ 1e-5)', async () => {
    const path = 'test/fixtures/keras/mnist_cnn.keras';
    const opened = graphFromModelFile('mnist_cnn.keras', new Uint8Array(readFileSync(path)), ids());
    if (!opened.weights) throw new Error('no weights read');
    const model = buildModel(opened.graph, 'mnist_cnn');
    (globalThis as Record<string, unknown>).mnist_cnn = model;
    const kernel = createKernelState();
    const reply = await answer(kernel, {
      op: 'loadWeights',
      model: 'mnist_cnn',
      files: { modelTopology: null, weightSpecs: opened.weights.specs, weightData: opened.weights.data },
    });
    expect(reply).toEqual({ op: 'loadWeights', message: 'Loaded 6 weight tensors into mnist_cnn.' });
    const x = tf.randomUniform([8, 28, 28, 1]);
    const ours = Array.from((model.predict(x) as tf.Tensor).dataSync());
    const script = [
      'import json, sys, numpy as np, keras',
      `model = keras.saving.load_model(${JSON.stringify(path)})`,
      'x = np.asarray(json.load(sys.stdin), np.float32).reshape(8, 28, 28, 1)',
      'print(json.dumps(model.predict(x, verbose=0).ravel().tolist()))',
    ].join('\n');
    const r = spawnSync('.venv/bin/python', ['-c', script], { input: JSON.stringify(Array.from(x.dataSync())), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr.slice(-3000));
    const keras = JSON.parse(r.stdout) as number[];
    expect(keras).toHaveLength(ours.length);
    const diff = Math.max(...ours.map((v, i) => Math.abs(v - keras[i])));
    console.log(`mnist_cnn.keras: largest difference from Keras ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-5);
    delete (globalThis as Record<string, unknown>).mnist_cnn;
    model.dispose();
  });

  it('come from a trained model: BatchNormalization’s moving statistics, and the optimizer’s state left in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerbook-trained-'));
    try {
      // Keras 2 style (input_shape on the first layer), trained, so the file also holds Adam's
      // state, whose step count is an int64 that Layerbook need not read.
      const script = [
        'import json, numpy as np, keras',
        'from keras import layers',
        'rng = np.random.default_rng(0)',
        'x = rng.normal(size=(64, 4)).astype("float32"); y = rng.integers(0, 3, 64)',
        'model = keras.Sequential([layers.Dense(8, activation="relu", input_shape=(4,)), layers.BatchNormalization(),',
        '    layers.Dropout(0.2), layers.Dense(3, activation="softmax")])',
        'model.compile("adam", "sparse_categorical_crossentropy")',
        'model.fit(x, y, epochs=3, verbose=0)',
        `model.save(${JSON.stringify(join(dir, 'trained.keras'))})`,
        'probe = rng.normal(size=(8, 4)).astype("float32")',
        'print(json.dumps({"x": probe.ravel().tolist(), "y": model.predict(probe, verbose=0).ravel().tolist(),',
        '    "moving_mean": model.layers[1].moving_mean.numpy().tolist()}))',
      ].join('\n');
      const r = spawnSync('.venv/bin/python', ['-c', script], { encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
      if (r.status !== 0) throw new Error(r.stderr.slice(-3000));
      const keras = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { x: number[]; y: number[]; moving_mean: number[] };
      // Trained: the moving mean has left its starting zeros, so a model that skipped it would differ.
      expect(Math.max(...keras.moving_mean.map(Math.abs))).toBeGreaterThan(0.01);
      const opened = graphFromModelFile('trained.keras', new Uint8Array(readFileSync(join(dir, 'trained.keras'))), ids());
      expect(opened.notes).toEqual([]);
      if (!opened.weights) throw new Error('no weights read');
      const model = buildModel(opened.graph, 'trained');
      (globalThis as Record<string, unknown>).trained = model;
      const reply = await answer(createKernelState(), {
        op: 'loadWeights',
        model: 'trained',
        files: { modelTopology: null, weightSpecs: opened.weights.specs, weightData: opened.weights.data },
      });
      expect(reply).toEqual({ op: 'loadWeights', message: 'Loaded 8 weight tensors into trained.' });
      const ours = Array.from((model.predict(tf.tensor(keras.x, [8, 4])) as tf.Tensor).dataSync());
      const diff = Math.max(...ours.map((v, i) => Math.abs(v - keras.y[i])));
      console.log(`trained.keras: largest difference from Keras ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-5);
      delete (globalThis as Record<string, unknown>).trained;
      model.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
