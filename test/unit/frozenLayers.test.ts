import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setNodeTrainable } from '../../src/doc/graphOps';
import { buildChain } from '../../src/graph/build';
import { inferGraph } from '../../src/graph/infer';
import { buildModel, disposeModel } from '../../workers/kernel/buildModel';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { withSeededRandom } from '../../workers/kernel/seededRandom';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { allFrozen, halfFrozen } from '../fixtures/graphs/frozen';
import { REFERENCE } from '../fixtures/graphs/reference';
import { kernelHarness } from './kernelHarness';
import { modelFromTfjsExport } from './runTfjsExport';

// Frozen layers (Keras's trainable=False): counted as tfjs counts them, left alone by training,
// and given no optimizer state (issue 28).

const freshKernel = kernelHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const size = (ws: tf.LayerVariable[]) => ws.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);

describe('frozen layers', () => {
  for (const [title, graph] of Object.entries(REFERENCE)) {
    it(`${title}: frozen halfway and wholly, counted as tfjs counts the built model and the exported code's`, async () => {
      for (const frozen of [halfFrozen(graph), allFrozen(graph)]) {
        const info = inferGraph(frozen);
        expect(info.total).toBe(inferGraph(graph).total);
        for (const model of [buildModel(frozen, 'model1'), await modelFromTfjsExport(frozen, 'model1')]) {
          expect({ trainable: size(model.trainableWeights), nonTrainable: size(model.nonTrainableWeights) }).toEqual({
            trainable: info.trainable,
            nonTrainable: info.nonTrainable,
          });
          // Layer by layer too.
          for (const id of info.order) {
            const node = info.nodes[id];
            expect({ layer: node.name, nonTrainable: size(model.getLayer(node.name).nonTrainableWeights) }).toEqual({
              layer: node.name,
              nonTrainable: node.nonTrainable,
            });
          }
          model.dispose();
        }
      }
    });
  }

  it('leaves a frozen layer’s weights bit for bit as they started, moves the others, and gives them no optimizer state', async () => {
    const graph = buildChain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 8, activation: 'relu' }],
      ['BatchNormalization'],
      ['Dense', { units: 8, activation: 'relu' }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    );
    // The first Dense and the BatchNormalization frozen: n1, n2.
    const frozen = setNodeTrainable(setNodeTrainable(graph, 'n1', false), 'n2', false);
    const settings = {
      dataset: 'spiral',
      samples: 200,
      epochs: 3,
      batch_size: 32,
      optimizer: 'adam',
      seed: 5,
      loss: 'binary_crossentropy',
    };
    // Train builds its model with the Seed's random numbers; the same build, apart, is where it started.
    const start = await withSeededRandom(5, () => Promise.resolve(buildModel(frozen, 'start')));
    const before = new Map(start.weights.map((w) => [w.originalName.replace(/^start\//, ''), Array.from(w.read().dataSync())]));
    await trainGraph(
      freshKernel().state,
      makeDisplay(() => undefined),
      'frozenNet',
      frozen,
      settings,
    );
    const trained = (globalThis as Record<string, unknown>).frozenNet as tf.LayersModel;
    const names = trained.layers.map((l) => l.name);
    expect(names).toEqual(['input_layer', 'dense', 'batch_normalization', 'dense_1', 'dense_2']);
    for (const layer of trained.layers.slice(1)) {
      for (const w of layer.weights) {
        const was = before.get(w.originalName.replace(/^frozenNet\//, ''));
        if (!was) throw new Error(`no starting value for ${w.originalName}`);
        const now = Array.from(w.read().dataSync());
        if (layer.name === 'dense' || layer.name === 'batch_normalization') expect(now, w.originalName).toEqual(was);
        else expect(now, w.originalName).not.toEqual(was);
      }
    }
    // Adam keeps two moments per weight it trains: none for the frozen layers' weights.
    const optimizer = (trained as unknown as { optimizer_: tf.Optimizer }).optimizer_;
    const slots = (await optimizer.getWeights()).map((w) => w.name);
    // Slots are named after their weight ("dense_1/kernel_1/m", tfjs numbering the variable).
    expect(slots.filter((s) => /^(dense|batch_normalization)\//.test(s))).toEqual([]);
    expect(slots.filter((s) => /^dense_1\/kernel(_\d+)?\/[mv]$/.test(s))).toHaveLength(2);
    expect(slots.filter((s) => s.startsWith('dense_2/'))).toHaveLength(4);
    disposeModel(trained);
    start.dispose();
  });
});
