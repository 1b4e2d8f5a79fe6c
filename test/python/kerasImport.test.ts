import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferGraph } from '../../src/graph/infer';
import { graphFromKerasConfig } from '../../src/graph/keras/fromKerasConfig';
import { importKerasCode } from '../../src/graph/keras/fromKerasPython';
import { graphFromModelFile } from '../../src/graph/keras/modelFile';
import { IMPORT_CASES } from '../fixtures/keras/importCases';
import { buildModel } from '../../workers/kernel/buildModel';
import { createKernelState } from '../../workers/kernel/kernelState';
import { answer } from '../../workers/kernel/lab';
import { realKeras, type KerasResult } from './realKeras';

// Keras code as tutorials write it: real Keras builds it from the text, Layerbook imports the same
// text, and every layer agrees on its class, parameter count and output shape (issue 27).

const ids = () => {
  let n = 0;
  return () => `k${n++}`;
};

/** Layers as (class, params, shape) lines, sorted, without the inputs: Keras's Sequential lists none. */
const layerLines = (rows: Array<[string, number, unknown]>) =>
  rows
    .filter(([cls]) => cls !== 'Input' && cls !== 'InputLayer')
    .map(([cls, params, shape]) => `${cls} ${params} ${JSON.stringify(shape)}`)
    .sort();

describe('Keras code import, against real Keras', () => {
  let results: Map<string, KerasResult>;
  const saved = mkdtempSync(join(tmpdir(), 'layerbook-keras-files-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
    results = realKeras(
      Object.entries(IMPORT_CASES).map(([name, code]) => ({ name, code })),
      saved,
    ).results;
  });
  afterAll(() => rmSync(saved, { recursive: true, force: true }));

  const check = (title: string, graph: ReturnType<typeof importKerasCode>['graph']) => {
    const keras = results.get(title);
    if (!keras?.ok) throw new Error(`real Keras could not build "${title}": ${keras?.error}\n${keras?.trace}`);
    const info = inferGraph(graph);
    expect(
      info.ok,
      Object.values(info.nodes)
        .map((n) => n.error)
        .filter(Boolean)
        .join('; '),
    ).toBe(true);
    expect(info.total).toBe(keras.facts.count_params);
    expect(info.trainable).toBe(keras.facts.trainable);
    expect(info.inputs.map((id) => info.nodes[id].shape)).toEqual(keras.facts.inputs);
    expect(info.outputs.map((id) => info.nodes[id].shape)).toEqual(keras.facts.outputs);
    const ours = info.order
      .map((id) => info.nodes[id])
      .map((n) => [n.className, n.trainable + n.nonTrainable, n.shape] as [string, number, unknown]);
    const theirs = keras.facts.layers.map((l) => [l.class_name, l.params, l.output_shapes[0]] as [string, number, unknown]);
    expect(layerLines(ours)).toEqual(layerLines(theirs));
  };

  for (const [title, code] of Object.entries(IMPORT_CASES)) {
    it(`${title}: the same layers, parameters and shapes as Keras`, () => check(title, importKerasCode(code, ids()).graph));
    // What a .keras file's config.json holds for the same model opens to the same graph.
    it(`${title}: Keras's own saved description (model.to_json()) opens to the same layers`, () => {
      const keras = results.get(title);
      if (!keras?.ok) throw new Error(`real Keras could not build "${title}"`);
      check(title, graphFromKerasConfig(JSON.parse(keras.facts.json), ids()).graph);
    });
    it(`${title}: the .keras file Keras saves opens as the same graph, with weights that predict as Keras's do`, async () => {
      const keras = results.get(title);
      if (!keras?.ok || !keras.facts.saved) throw new Error(`real Keras could not save "${title}"`);
      const opened = graphFromModelFile('model.keras', new Uint8Array(readFileSync(keras.facts.saved)), ids());
      check(title, opened.graph);
      // Its weights come too, every value of every layer, and the model predicts what Keras's does.
      expect(opened.notes.filter((n) => /weights/i.test(n))).toEqual([]);
      const values = (opened.weights?.specs ?? []).reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
      expect(values).toBe(keras.facts.count_params);
      const probe = keras.facts.probe;
      if (!probe || !opened.weights) throw new Error('no probe or no weights');
      const model = buildModel(opened.graph, 'opened');
      (globalThis as Record<string, unknown>).opened = model;
      try {
        const files = { modelTopology: null, weightSpecs: opened.weights.specs, weightData: opened.weights.data };
        const reply = await answer(createKernelState(), { op: 'loadWeights', model: 'opened', files });
        expect(reply).toEqual({ op: 'loadWeights', message: `Loaded ${opened.weights.specs.length} weight tensors into opened.` });
        const xs = model.inputs.map((input, i) => tf.tensor(probe.inputs[i], [2, ...input.shape.slice(1)] as number[]));
        const ys = [model.predict(xs.length === 1 ? xs[0] : xs)].flat();
        ys.forEach((y, i) => {
          const ours = Array.from(y.dataSync());
          expect(ours).toHaveLength(probe.outputs[i].length);
          const diff = Math.max(...ours.map((v, j) => Math.abs(v - probe.outputs[i][j]) / Math.max(1, Math.abs(v))));
          expect(diff, `output ${i}: largest relative difference from Keras`).toBeLessThanOrEqual(1e-4);
        });
        tf.dispose([...xs, ...ys]);
      } finally {
        delete (globalThis as Record<string, unknown>).opened;
        model.dispose();
      }
    });
  }
});
