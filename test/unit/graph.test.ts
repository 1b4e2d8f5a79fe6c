import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitKeras } from '../../src/graph/emitKeras';
import { inferGraph } from '../../src/graph/infer';
import { formatShape } from '../../src/graph/shape';
import { buildModel } from '../../workers/kernel/buildModel';
import { chain, graph, REFERENCE } from '../fixtures/graphs/reference';
import { modelFromTfjsExport } from './runTfjsExport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Layer by layer: name, Keras-printed output shape, and parameter count. */
function summaryOf(model: tf.LayersModel) {
  return model.layers.map((l) => [l.name, formatShape(l.outputShape as never), l.countParams()]);
}

function inferredSummary(g: ReturnType<typeof inferGraph>) {
  return g.order.map((id) => {
    const n = g.nodes[id];
    return [n.name, formatShape(n.shape!), n.trainable + n.nonTrainable];
  });
}

const count = (ws: tf.LayerVariable[]) => ws.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);

describe('shape inference equals TensorFlow.js, for the reference architectures', () => {
  expect(Object.keys(REFERENCE).length).toBeGreaterThanOrEqual(15);
  for (const [title, g] of Object.entries(REFERENCE)) {
    it(title, () => {
      const info = inferGraph(g);
      expect(
        Object.values(info.nodes)
          .filter((n) => n.error)
          .map((n) => `${n.name}: ${n.error}`),
      ).toEqual([]);
      const model = buildModel(g, 'model1');
      expect(inferredSummary(info)).toEqual(expect.arrayContaining(summaryOf(model)));
      expect(summaryOf(model)).toEqual(expect.arrayContaining(inferredSummary(info)));
      expect(info.total).toBe(model.countParams());
      expect(info.trainable).toBe(count(model.trainableWeights));
      expect(info.nonTrainable).toBe(count(model.nonTrainableWeights));
      model.dispose();
    });
  }
});

describe('exported code', () => {
  for (const [title, g] of Object.entries(REFERENCE)) {
    it(`tfjs code for "${title}" runs in a cell and builds the same model`, async () => {
      const fromCode = await modelFromTfjsExport(g, 'model1');
      const fromGraph = buildModel(g, 'model1');
      expect(summaryOf(fromCode)).toEqual(summaryOf(fromGraph));
      fromCode.dispose();
      fromGraph.dispose();
    });
  }

  it('Keras code uses keras.Input, keras.layers and keras.Model with Keras names, and compiles with py_compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerbook-keras-'));
    try {
      const files = Object.entries(REFERENCE).map(([title, g]) => {
        const code = emitKeras(g, 'model1');
        expect(code).toContain('keras.Input(shape=(');
        expect(code).toMatch(/model1 = keras\.Model\(inputs=\[.+\], outputs=\[.+\], name="model1"\)/);
        const file = join(dir, `${title.replace(/\W+/g, '_')}.py`);
        writeFileSync(file, code);
        return file;
      });
      // One Python for every file (it stops at the first that does not compile, naming it).
      execFileSync('python3', ['-m', 'py_compile', ...files]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const cnn = emitKeras(REFERENCE['functional MNIST CNN'], 'model1');
    expect(cnn).toContain(
      'conv2d = layers.Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 1), padding="valid", ' +
        'activation="relu", use_bias=True, name="conv2d")(input_layer)',
    );
    expect(emitKeras(REFERENCE['stacked GRU'], 'm')).toContain('reset_after=False');
    expect(emitKeras(REFERENCE['Bidirectional LSTM'], 'm')).toContain('layers.Bidirectional(layer=layers.LSTM(units=32');
    const vit = emitKeras(REFERENCE['tiny ViT with augmentation'], 'm');
    expect(vit.match(/class TransformerEncoder\(layers.Layer\)/g)).toHaveLength(1);
    expect(vit).toContain('transformer_encoder = TransformerEncoder(num_heads=4');
    expect(vit).toContain('random_flip = layers.RandomFlip(mode="horizontal"');
    expect(emitKeras(REFERENCE['cross-attention between two sequences'], 'm')).toContain(
      'name="multi_head_attention")(input_layer, input_layer_1)',
    );
  });
});

describe('graphs that are wrong explain themselves on the node', () => {
  it('a shape mismatch names both shapes', () => {
    const g = graph(
      [
        ['a', 'Input', { shape: [10] }],
        ['b', 'Input', { shape: [5] }],
        ['add', 'Add'],
      ],
      [
        ['a', 'add'],
        ['b', 'add'],
      ],
    );
    expect(inferGraph(g).nodes.add.error).toBe('Add can only add inputs of the same shape, but got (None, 10) and (None, 5).');
  });

  it('a 1-D input into Conv2D says what it expects', () => {
    const info = inferGraph(chain(['Input', { shape: [784] }], ['Conv2D']));
    expect(info.nodes.n1.error).toBe(
      'Conv2D expects an image (height, width, channels) (3 dimensions after the batch), but got (None, 784).',
    );
    expect(info.ok).toBe(false);
  });

  it('a missing input, a cycle, a layer cut off from the inputs, a parameter out of range', () => {
    const g = graph(
      [
        ['in', 'Input', { shape: [4] }],
        ['d1', 'Dense', { units: 0 }],
        ['lonely', 'Dense'],
        ['x', 'Dense'],
        ['y', 'Dense'],
      ],
      [
        ['in', 'd1'],
        ['x', 'y'],
        ['y', 'x'],
      ],
    );
    const info = inferGraph(g);
    expect(info.nodes.d1.error).toBe("Check this layer's settings: units must be at least 1 (it is 0).");
    expect(info.nodes.lonely.error).toBe("Dense has no input: connect a layer's output to it.");
    expect(info.nodes.x.error).toMatch(/part of a cycle/);
    expect(info.nodes.y.error).toMatch(/part of a cycle/);
  });

  it('a branch that does not start at an Input', () => {
    const g = graph(
      [
        ['in', 'Input', { shape: [4] }],
        ['d', 'Dense'],
        ['r', 'Reshape', { target_shape: [2, 2] }],
      ],
      [['in', 'd']],
    );
    expect(inferGraph(g).nodes.r.error).toBe("Reshape has no input: connect a layer's output to it.");
  });

  it('too many inputs into a one-input layer, and a merge with one input', () => {
    const g = graph(
      [
        ['a', 'Input', { shape: [4] }],
        ['b', 'Input', { shape: [4] }],
        ['d', 'Dense'],
        ['cat', 'Concatenate'],
      ],
      [
        ['a', 'd'],
        ['b', 'd'],
        ['a', 'cat'],
      ],
    );
    const info = inferGraph(g);
    expect(info.nodes.d.error).toMatch(/takes one input but 2 are connected/);
    expect(info.nodes.cat.error).toMatch(/joins two or more inputs; connect another/);
  });

  it('Flatten of an unknown length and a Reshape that loses values', () => {
    expect(inferGraph(chain(['Input', { shape: [null, 3] }], ['Flatten'])).nodes.n1.error).toMatch(/a dimension is None/);
    expect(inferGraph(chain(['Input', { shape: [10] }], ['Reshape', { target_shape: [3, 3] }])).nodes.n1.error).toMatch(
      /cannot reshape \(None, 10\) \(10 values\) into \(None, 3, 3\) \(9 values\)/,
    );
  });
});

describe('layer names', () => {
  it('are Keras’s: snake case, numbered from the second of a kind', async () => {
    const { snake } = await import('../../src/graph/infer');
    expect(['Conv2D', 'MaxPooling2D', 'SimpleRNN', 'LSTM', 'BatchNormalization', 'GlobalAveragePooling1D'].map(snake)).toEqual([
      'conv2d',
      'max_pooling2d',
      'simple_rnn',
      'lstm',
      'batch_normalization',
      'global_average_pooling1d',
    ]);
    const info = inferGraph(REFERENCE['functional MNIST CNN']);
    expect(info.order.map((id) => info.nodes[id].name)).toEqual([
      'input_layer',
      'conv2d',
      'max_pooling2d',
      'conv2d_1',
      'max_pooling2d_1',
      'flatten',
      'dropout',
      'dense',
    ]);
  });
});

describe('IR to tfjs JSON and back', () => {
  /** What makes a graph the same model: layer kinds and settings, in order, and who feeds whom. */
  function essence(g: import('../../src/doc/types').ModelGraph) {
    const info = inferGraph(g);
    return info.order.map((id) => {
      const n = info.nodes[id];
      return { name: n.name, className: n.className, config: n.config, inputs: n.inputs.map((i) => info.nodes[i].name) };
    });
  }

  for (const [title, g] of Object.entries(REFERENCE)) {
    it(`is lossless for "${title}"`, async () => {
      const { graphFromKerasJson } = await import('../../src/graph/fromKerasJson');
      const model = buildModel(g, 'model1');
      let n = 0;
      const { graph, unknown } = graphFromKerasJson(model.toJSON(null, false), () => `id${n++}`);
      // A model used as a layer (a backbone) does not come back as a block yet: it is marked unknown, not dropped.
      if (g.nodes.some((node) => node.block)) {
        expect(unknown).toEqual(['Model']);
        model.dispose();
        return;
      }
      expect(unknown).toEqual([]);
      expect(essence(graph)).toEqual(essence(g));
      model.dispose();
    });
  }

  it('reads a Sequential model built in code', async () => {
    const { graphFromKerasJson } = await import('../../src/graph/fromKerasJson');
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [784], units: 64, activation: 'relu' }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    let n = 0;
    const { graph } = graphFromKerasJson(model.toJSON(null, false), () => `id${n++}`);
    const info = inferGraph(graph);
    expect(info.ok).toBe(true);
    expect(info.total).toBe(model.countParams());
    expect(info.order.map((id) => info.nodes[id].className)).toEqual(['Input', 'Dense', 'Dense']);
  });

  it('keeps layers it does not know, marked on their nodes', async () => {
    const { graphFromKerasJson } = await import('../../src/graph/fromKerasJson');
    const json = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Dense', config: { batch_input_shape: [null, 4], units: 2 } },
          { class_name: 'ConvLSTM2D', config: {} },
        ],
      },
    };
    const { graph, unknown } = graphFromKerasJson(json, () => Math.random().toString(36).slice(2));
    expect(unknown).toEqual(['ConvLSTM2D']);
    expect(Object.values(inferGraph(graph).nodes).find((n) => n.className === 'ConvLSTM2D')?.error).toBe(
      'Layerbook does not know the layer ConvLSTM2D',
    );
  });
});
