import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBlockCut, setNodeTrainable } from '../../src/doc/graphOps';
import { loadNotebookValue } from '../../src/doc/load';
import type { ModelBlock, ModelGraph, NotebookDoc } from '../../src/doc/types';
import { buildChain } from '../../src/graph/build';
import { notebookToIpynb } from '../../src/graph/keras/toNotebook';
import { backboneSpec } from '../../src/data/backbones';
import { decodeMnist } from '../../src/data/mnist';
import { blockFromModelFiles, blockFromModelJson } from '../../src/graph/backboneBlock';
import { inferGraph } from '../../src/graph/infer';
import type { ModelFiles } from '../../src/protocol/lab';
import { loadBackbones } from '../../workers/kernel/backbones';
import { buildModel, disposeModel } from '../../workers/kernel/buildModel';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { answer } from '../../workers/kernel/lab';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { kernelHarness } from './kernelHarness';
import { shippedBackboneFiles } from '../fixtures/shippedBackbone';

// The shipped backbone as one layer of a graph (issue 28): counted as tfjs counts it, built with
// its pretrained weights, and as good on its own digits as the script that trained it said.

const freshKernel = kernelHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = backboneSpec('digits-0-4')!;
const json = readFileSync(`public/${spec.model}`, 'utf8');
const weights = readFileSync(`public/${spec.weights}`);
const files = shippedBackboneFiles(spec);
const size = (ws: tf.LayerVariable[]) => ws.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);

function withBackbone(cut = spec.cut): ModelGraph {
  let n = 0;
  const block = blockFromModelJson(json, { kind: 'shipped', id: spec.id }, cut, () => `b${n++}`);
  return {
    nodes: [
      { id: 'in', className: 'Input', config: { shape: [28, 28, 1] } },
      { id: 'bb', className: 'Functional', config: {}, block, trainable: false },
      { id: 'head', className: 'Dense', config: { units: 5, activation: 'softmax' } },
    ],
    edges: [
      { id: 'e0', source: 'in', sourcePort: 'out', target: 'bb', targetPort: 'in0' },
      { id: 'e1', source: 'bb', sourcePort: 'out', target: 'head', targetPort: 'in0' },
    ],
    positions: {},
  };
}

describe('the shipped backbone', () => {
  it('is at most 1 MB of weights', () => {
    expect(weights.byteLength).toBeLessThanOrEqual(1024 * 1024);
  });

  it('enters a graph as one layer, cut at its features, counted as tfjs counts it, frozen or not', () => {
    const graph = withBackbone();
    const info = inferGraph(graph);
    expect(info.ok).toBe(true);
    const bb = info.nodes.bb;
    expect([bb.name, bb.shape]).toEqual(['digits_0_4', [null, 800]]);
    // Its convolutions (160 + 4,640) are frozen; the head (800 × 5 + 5) trains.
    expect([info.trainable, info.nonTrainable]).toEqual([4005, 4800]);
    expect(info.nodes.head.name).toBe('dense');
    for (const g of [graph, setNodeTrainable(graph, 'bb', true)]) {
      const gi = inferGraph(g);
      const model = buildModel(g, 'transfer');
      expect([size(model.trainableWeights), size(model.nonTrainableWeights)]).toEqual([gi.trainable, gi.nonTrainable]);
      expect(model.layers.map((l) => l.name)).toEqual(['input_layer', 'digits_0_4', 'dense']);
      model.dispose();
    }
    // Cut at its own classifier's features (dense, 64): the head is numbered after the backbone's layers.
    const deeper = inferGraph(withBackbone('dense'));
    expect([deeper.nodes.bb.shape, deeper.nodes.head.name]).toEqual([[null, 64], 'dense_1']);
  });

  it('says on the block what does not fit, with both shapes', () => {
    const graph = withBackbone();
    const wrong = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'in' ? { ...n, config: { shape: [32, 32, 3] } } : n)) };
    expect(inferGraph(wrong).nodes.bb.error).toBe(
      'digits_0_4 takes (None, 28, 28, 1), but its input is (None, 32, 32, 3): feed it examples of that shape.',
    );
    // A head that does not fit what the block gives says so, with the block's output shape.
    const convHead = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'head' ? { ...n, className: 'Conv2D', config: { filters: 4, kernel_size: [3, 3] } } : n)),
    };
    expect(inferGraph(convHead).nodes.head.error).toBe(
      'Conv2D expects an image (height, width, channels) (3 dimensions after the batch), but got (None, 800).',
    );
  });

  it('gets its pretrained weights, and with its own classifier recognizes the test digits 0–4', () => {
    const graph = withBackbone('dense_1');
    // The whole backbone, its classifier included, as the only layer: it must score as its script reported.
    const whole: ModelGraph = { ...graph, nodes: graph.nodes.slice(0, 2), edges: graph.edges.slice(0, 1) };
    const model = buildModel(whole, 'whole');
    loadBackbones(model, whole, { [spec.id]: files });
    const mnist = decodeMnist(new Uint8Array(readFileSync('public/data/mnist.lbd')));
    const test = Array.from({ length: mnist.testCount }, (_, i) => mnist.count - mnist.testCount + i).filter((i) => mnist.y[i] < 5);
    const x = tf.tensor4d(Float32Array.from(test.flatMap((i) => Array.from(mnist.x.subarray(i * 784, (i + 1) * 784)))), [
      test.length,
      28,
      28,
      1,
    ]);
    const predicted = (model.predict(x) as tf.Tensor).argMax(-1).dataSync();
    const right = test.filter((i, k) => predicted[k] === mnist.y[i]).length;
    // scripts/make-backbone.mjs printed 0.9960 on these 1,004 digits.
    expect(test.length).toBe(1004);
    expect(right / test.length).toBeCloseTo(0.996, 3);
    tf.dispose(x);
    model.dispose();
  });

  it('trains the head on MNIST while the frozen backbone keeps its pretrained weights bit for bit, with no optimizer state', async () => {
    const { state } = freshKernel();
    await answer(state, {
      op: 'dataset',
      key: 'mnist',
      payload: { kind: 'shipped', dataset: 'mnist', compressed: new Uint8Array(readFileSync('public/data/mnist.lbd')) },
    });
    const graph = withBackbone();
    const settings = { dataset: 'mnist', samples: 300, epochs: 1, batch_size: 32, loss: 'sparse_categorical_crossentropy' };
    // Ten classes here: the head is widened to MNIST's; the backbone is what matters.
    const ten = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'head' ? { ...n, config: { units: 10, activation: 'softmax' } } : n)) };
    await trainGraph(
      state,
      makeDisplay(() => undefined),
      'transfer',
      ten,
      settings,
      { backbones: { [spec.id]: files } },
    );
    const model = (globalThis as Record<string, unknown>).transfer as tf.LayersModel;
    const shipped = tf.io.decodeWeights(files.weightData, files.weightSpecs as tf.io.WeightsManifestEntry[]);
    const backbone = model.getLayer('digits_0_4');
    expect(backbone.weights.map((w) => w.originalName)).toEqual(['conv2d/kernel', 'conv2d/bias', 'conv2d_1/kernel', 'conv2d_1/bias']);
    for (const w of backbone.weights)
      expect(Array.from(w.read().dataSync()), w.originalName).toEqual(Array.from(shipped[w.originalName].dataSync()));
    // The head learned: its weights are no longer Glorot's small start (a bias is 0 at the start).
    expect(Math.max(...Array.from(model.getLayer('dense').getWeights()[1].dataSync()).map(Math.abs))).toBeGreaterThan(0);
    const slots = (await (model as unknown as { optimizer_: tf.Optimizer }).optimizer_.getWeights()).map((w) => w.name);
    expect(slots.filter((n) => n.startsWith('conv2d'))).toEqual([]);
    expect(slots.filter((n) => n.startsWith('dense/'))).toHaveLength(4);
    tf.dispose(Object.values(shipped));
    disposeModel(model);
  });

  it('goes to Jupyter as a Keras model called on the graph’s input, saying when its pretrained weights stay behind', () => {
    const doc: NotebookDoc = {
      format: 'layerbook',
      version: 5,
      id: 'd',
      title: 'Transfer',
      cells: [
        {
          id: 'c1',
          kind: 'graph',
          graphId: 'g1',
          name: 'transfer',
          training: { dataset: 'mnist', loss: 'sparse_categorical_crossentropy' },
        },
      ],
      // Ten classes, as MNIST has: a graph that does not fit its data is left out of the notebook.
      graphs: {
        g1: {
          ...withBackbone(),
          nodes: withBackbone().nodes.map((n) => (n.id === 'head' ? { ...n, config: { units: 10, activation: 'softmax' } } : n)),
        },
      },
      metadata: {},
    };
    const { notebook, summary } = notebookToIpynb(doc, { distribute: false });
    const model = notebook.cells.find((c) => c.id === 'c1-model');
    const source = Array.isArray(model?.source) ? model.source.join('') : (model?.source ?? '');
    expect(source).toContain('digits_0_4_model = keras.Model(inputs=[digits_0_4_input], outputs=flatten, name="digits_0_4")');
    expect(source).toContain('digits_0_4 = digits_0_4_model(input_layer)');
    expect(summary[0]).toContain('(digits_0_4 starts from fresh weights in Python: tick Include trained weights to take what it learned)');
    const withWeights = notebookToIpynb(doc, { distribute: false, weights: { c1: 'transfer.weights.npz' } }).summary[0];
    expect(withWeights).not.toContain('fresh weights');
  });

  it('refuses a block inside a block, and says where a block has no layer to cut at', () => {
    const graph = withBackbone();
    const block = graph.nodes[1].block!;
    const nested = { ...block, graph: { ...block.graph, nodes: [...block.graph.nodes, { ...graph.nodes[1], id: 'inner' }] } };
    const doc = (g: ModelGraph) => ({
      format: 'layerbook',
      version: 5,
      id: 'd',
      title: 'T',
      cells: [{ id: 'c1', kind: 'graph', graphId: 'g1', name: 'm' }],
      graphs: { g1: g },
      metadata: {},
    });
    const refused = loadNotebookValue(doc({ ...graph, nodes: graph.nodes.map((n) => (n.id === 'bb' ? { ...n, block: nested } : n)) }));
    expect(refused.ok ? '' : refused.error.message).toMatch(/graphs\.g1\.nodes\[1\]\.block\.graph\.nodes\[\d+\]: Unrecognized key.*block/);
    const uncut = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'bb' ? { ...n, block: { ...block, cut: 'gone' } } : n)) };
    expect(loadNotebookValue(doc(uncut)).ok).toBe(true);
    expect(inferGraph(uncut).nodes.bb.error).toBe('digits_0_4 has no layer to cut at: choose one in its settings.');
  });

  it('holds one backbone per graph, and refuses a cut at its Input', () => {
    const graph = withBackbone();
    const second = { ...graph.nodes[1], id: 'bb2' };
    const two = {
      ...graph,
      nodes: [...graph.nodes, second],
      edges: [...graph.edges, { id: 'e2', source: 'in', sourcePort: 'out', target: 'bb2', targetPort: 'in0' }],
    };
    expect(inferGraph(two).nodes.bb2.error).toBe('A graph holds one backbone for now, and digits_0_4 is one: delete one of them.');
    const block = graph.nodes[1].block!;
    const input = block.graph.nodes.find((n) => n.className === 'Input')!;
    expect(setBlockCut(graph, 'bb', input.id)).toEqual(graph);
    const atInput = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'bb' ? { ...n, block: { ...block, cut: input.id } } : n)) };
    expect(inferGraph(atInput).nodes.bb.error).toBe('digits_0_4 has no layer to cut at: choose one in its settings.');
    const unwired = { ...graph, edges: graph.edges.slice(1) };
    expect(inferGraph(unwired).nodes.bb.error).toBe(
      'digits_0_4 takes one input, examples of shape (None, 28, 28, 1): connect an Input of that shape to it.',
    );
  });

  it('keeps a BatchNormalization inside a frozen block in inference mode while the graph trains', async () => {
    const block: ModelBlock = {
      name: 'base',
      source: { kind: 'shipped', id: 'digits-0-4' },
      graph: buildChain(['Input', { shape: [3] }], ['Dense', { units: 4 }], ['BatchNormalization']),
      cut: 'n2',
    };
    const graph: ModelGraph = {
      nodes: [
        { id: 'in', className: 'Input', config: { shape: [3] } },
        { id: 'bb', className: 'Functional', config: {}, block, trainable: false },
        { id: 'head', className: 'Dense', config: { units: 1 } },
      ],
      edges: [
        { id: 'e0', source: 'in', sourcePort: 'out', target: 'bb', targetPort: 'in0' },
        { id: 'e1', source: 'bb', sourcePort: 'out', target: 'head', targetPort: 'in0' },
      ],
      positions: {},
    };
    const model = buildModel(graph, 'bn');
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const stats = () =>
      model
        .getLayer('base')
        .weights.filter((w) => /moving/.test(w.originalName))
        .map((w) => Array.from(w.read().dataSync()));
    const before = stats();
    expect(before).toHaveLength(2);
    await model.fit(tf.randomNormal([32, 3], 5, 2), tf.randomNormal([32, 1]), { epochs: 2, verbose: 0 });
    expect(stats()).toEqual(before);
    model.dispose();
  });

  it('a learner’s own model becomes a block cut before its output; one with one layer, or a layer Layerbook lacks, is refused', () => {
    const saved = buildModel(
      buildChain(['Input', { shape: [2] }], ['Dense', { units: 8, activation: 'relu' }], ['Dense', { units: 2, activation: 'softmax' }]),
      'mine',
    );
    const files: ModelFiles = {
      modelTopology: saved.toJSON(null, false),
      weightSpecs: saved.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[], dtype: 'float32' as const })),
      weightData: new ArrayBuffer(0),
    };
    let n = 0;
    const source = { kind: 'saved' as const, key: 'nb/backbone:mine' };
    const block = blockFromModelFiles(files, source, () => `m${n++}`);
    expect(block.name).toBe('mine');
    expect(block.source).toEqual(source);
    const info = inferGraph(block.graph);
    expect(info.nodes[block.cut].name).toBe('dense');
    disposeModel(saved);

    const single = buildModel(buildChain(['Input', { shape: [2] }], ['Dense', { units: 2 }]), 'single');
    expect(() => blockFromModelFiles({ ...files, modelTopology: single.toJSON(null, false) }, source, () => `s${n++}`)).toThrow(
      'single has a single layer: there is nothing before its output to reuse as a backbone.',
    );
    disposeModel(single);
    const odd = {
      class_name: 'Sequential',
      config: { name: 'odd', layers: [{ class_name: 'FancyLayer', config: { name: 'f', batch_input_shape: [null, 2] } }] },
    };
    expect(() => blockFromModelFiles({ ...files, modelTopology: odd }, source, () => `o${n++}`)).toThrow(
      'This model has layers Layerbook does not have: FancyLayer.',
    );
  });
});
