import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import loadWeightsPy from '../../src/data/python/loadWeights.py?raw';
import type { ModelGraph } from '../../src/doc/types';
import { kerasModelCode } from '../../src/graph/emitKeras';
import { inferGraph } from '../../src/graph/infer';
import { weightsNpz, type WeightSpec } from '../../src/graph/keras/npz';
import { buildModel } from '../../workers/kernel/buildModel';
import { chain, REFERENCE } from '../fixtures/graphs/reference';
import { builtinDataset } from '../../src/data/builtin';
import type { DatasetName } from '../../src/data/catalogue';

// Trained weights go along (issue 27): a model's weights, written by the export as .npz, loaded
// by the exported Keras code into real Keras, predict what the browser's model predicts.

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'layerbook-weights-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function weightsOf(model: tf.LayersModel): Promise<{ specs: WeightSpec[]; data: ArrayBuffer }> {
  const saved: { specs?: WeightSpec[]; data?: ArrayBuffer } = {};
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved.specs = (a.weightSpecs ?? []).map((s) => ({ name: s.name, shape: s.shape, dtype: s.dtype }));
      const data = a.weightData;
      saved.data = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { specs: saved.specs ?? [], data: saved.data ?? new ArrayBuffer(0) };
}

/** 32 inputs a model takes: word ids below the vocabulary for an Embedding, else values in [-1, 1]. */
function inputsFor(model: tf.LayersModel, graph: ModelGraph): tf.Tensor[] {
  const info = inferGraph(graph);
  return model.inputs.map((input, i) => {
    const shape = [32, ...input.shape.slice(1).map((d) => d ?? 1)];
    const embedding = graph.nodes.find(
      (n) => n.className === 'Embedding' && graph.edges.some((e) => e.source === info.inputs[i] && e.target === n.id),
    );
    if (embedding) return tf.randomUniform(shape, 0, Number(embedding.config.input_dim), 'int32').toFloat();
    return tf.randomUniform(shape, -1, 1);
  });
}

interface Case {
  name: string;
  code: string;
  npz: string;
  inputs: Array<{ path: string; shape: number[]; dtype: string }>;
  outputs: Array<{ path: string; shape: number[] }>;
}

/** A model's weights, inputs and outputs written for predict_parity.py; `train` trains it first and gives its inputs. */
async function parityCase(name: string, graph: ModelGraph, train?: (model: tf.LayersModel) => Promise<tf.Tensor>): Promise<Case> {
  const model = buildModel(graph, 'model');
  const given = train ? await train(model) : undefined;
  const key = name.replace(/[^a-z0-9]+/gi, '_');
  const { specs, data } = await weightsOf(model);
  const npz = join(dir, `${key}.weights.npz`);
  writeFileSync(npz, weightsNpz(specs, data).npz);
  const inputs = given ? [given] : inputsFor(model, graph);
  const predicted = model.predict(inputs.length > 1 ? inputs : inputs[0]);
  const outputs = Array.isArray(predicted) ? predicted : [predicted];
  const { definitions, lines, model: modelLines } = kerasModelCode(graph, 'model');
  const code = ['import keras', 'from keras import layers', '', ...definitions, '', ...lines, ...modelLines, '', loadWeightsPy].join('\n');
  const c: Case = {
    name,
    code,
    npz,
    inputs: inputs.map((t, i) => {
      const path = join(dir, `${key}.in${i}`);
      // A copy as float32: a tensor cast from int32 may hand back its int32 data.
      writeFileSync(path, Float32Array.from(t.dataSync()));
      return { path, shape: t.shape, dtype: 'float32' };
    }),
    outputs: outputs.map((t, i) => {
      const path = join(dir, `${key}.out${i}`);
      writeFileSync(path, Float32Array.from(t.dataSync()));
      return { path, shape: t.shape };
    }),
  };
  tf.dispose([...inputs, ...outputs]);
  model.dispose();
  return c;
}

function runPython(cases: Case[]) {
  const r = spawnSync('.venv/bin/python', ['test/python/predict_parity.py'], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`predict_parity.py failed (${r.status}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout) as Array<{ name: string; ok: boolean; max_diff?: number; scale?: number; error?: string; trace?: string }>;
}

/** Trains a model a few epochs on a generated dataset; returns 32 of its test examples. */
function trainOn(dataset: DatasetName, samples: number, loss: string) {
  return async (model: tf.LayersModel): Promise<tf.Tensor> => {
    const data = builtinDataset(dataset, samples, 0.1, 3);
    const x = tf.tensor(data.x, [data.count, ...data.xShape]);
    const y = loss === 'binary_crossentropy' ? tf.tensor2d(data.y, [data.count, 1]) : tf.tensor1d(data.y);
    model.compile({
      optimizer: tf.train.adam(0.01),
      loss: loss === 'binary_crossentropy' ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy',
    });
    await model.fit(x, y, { epochs: 3, batchSize: 32 });
    const test = x.slice([data.count - 32]);
    tf.dispose([x, y]);
    return test;
  };
}

describe('trained weights in real Keras', () => {
  it('an MLP, a CNN and an LSTM trained here predict the same on 32 test examples in Keras (≤ 1e-4)', async () => {
    const cases = [
      await parityCase(
        'MLP on the spiral',
        chain(['Input', { shape: [2] }], ['Dense', { units: 16, activation: 'relu' }], ['Dense', { units: 1, activation: 'sigmoid' }]),
        trainOn('spiral', 300, 'binary_crossentropy'),
      ),
      await parityCase(
        'CNN on shapes',
        chain(
          ['Input', { shape: [32, 32, 1] }],
          ['Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu' }],
          ['MaxPooling2D'],
          ['Flatten'],
          ['Dense', { units: 3, activation: 'softmax' }],
        ),
        trainOn('shapes', 150, 'sparse_categorical_crossentropy'),
      ),
      await parityCase(
        'LSTM on sentiment',
        chain(
          ['Input', { shape: [16], dtype: 'int32' }],
          ['Embedding', { input_dim: 64, output_dim: 8 }],
          ['LSTM', { units: 8 }],
          ['Dense', { units: 1, activation: 'sigmoid' }],
        ),
        trainOn('sentiment', 300, 'binary_crossentropy'),
      ),
    ];
    const results = runPython(cases);
    for (const r of results)
      console.log(`${r.name}: ${r.ok ? `max difference ${r.max_diff?.toExponential(2)} (outputs up to ${r.scale?.toFixed(2)})` : r.error}`);
    for (const r of results) expect(r.ok ? r.max_diff : r.error, r.name).toBeLessThanOrEqual(1e-4);
  });

  it('every reference graph: its weights load into the exported Keras model, which predicts as tfjs does (≤ 1e-4)', async () => {
    const cases = [];
    for (const [name, graph] of Object.entries(REFERENCE)) cases.push(await parityCase(name, graph));
    const results = runPython(cases);
    for (const r of results)
      console.log(`${r.name}: ${r.ok ? `max difference ${r.max_diff?.toExponential(2)} (outputs up to ${r.scale?.toFixed(2)})` : r.error}`);
    for (const r of results) expect(r.ok ? r.max_diff : r.error, r.name).toBeLessThanOrEqual(1e-4);
  });
});
