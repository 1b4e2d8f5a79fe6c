import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetSpec } from '../../src/data/catalogue';
import { fillGraphCell, insertGraphCell } from '../../src/doc/graphOps';
import { loadNotebookValue } from '../../src/doc/load';
import { createNotebook } from '../../src/doc/ops';
import { settingProblems, trainConfigOf } from '../../src/doc/trainConfig';
import type { GraphCell } from '../../src/doc/types';
import { buildChain } from '../../src/graph/build';
import { inferGraph } from '../../src/graph/infer';
import { TEMPLATES } from '../../src/graph/templates';
import { createNotebookStore } from '../../src/store/notebookStore';
import { suggestLoss } from '../../src/training/compileSpec';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { answer } from '../../workers/kernel/lab';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { registerWasmGradients } from '../../workers/kernel/wasmGradients';
import { kernelHarness, type TestKernel } from './kernelHarness';

// Issue 25: an empty graph cell offers templates that train as they are. Each is checked as
// inferred (no problems, shapes that fit its dataset) and trained through the kernel's own
// trainGraph with its own settings, on wasm (what learners' browsers here pick), with only
// Samples and Epochs shortened so the file runs in seconds.

let freshKernel: () => TestKernel;
beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmGradients();
  await tf.setBackend('wasm');
  await tf.ready();
  freshKernel = kernelHarness();
});

describe('the Start from templates', () => {
  it('are the six of issue 25, each a valid graph, laid out, whose input and output fit its dataset', () => {
    expect(TEMPLATES.map((t) => [t.name, t.training.dataset])).toEqual([
      ['MLP', 'spiral'],
      ['CNN', 'mnist'],
      ['LSTM text classifier', 'sentiment'],
      ['Transformer encoder', 'sentiment'],
      ['Autoencoder', 'mnist'],
      ['Residual block', 'shapes'],
    ]);
    for (const t of TEMPLATES) {
      const info = inferGraph(t.graph);
      expect(
        Object.values(info.nodes).flatMap((n) => (n.error ? [`${n.name}: ${n.error}`] : [])),
        t.name,
      ).toEqual([]);
      expect(info.ok, t.name).toBe(true);
      expect(Object.keys(t.graph.positions).sort(), t.name).toEqual(t.graph.nodes.map((n) => n.id).sort());
      expect(settingProblems(t.training), t.name).toEqual([]);
      expect(t.description.length, t.name).toBeLessThan(120);

      const spec = datasetSpec(t.training.dataset);
      const [input] = info.inputs.map((id) => info.nodes[id]);
      const [output] = info.outputs.map((id) => info.nodes[id]);
      expect(input.shape, t.name).toEqual([null, ...spec.inputShape!]);
      if (t.training.target === 'input') {
        // An autoencoder outputs what it takes in, with a loss for numbers.
        expect(output.shape, t.name).toEqual(input.shape);
        expect(t.training.loss, t.name).toBe('mse');
      } else {
        // The loss the training panel would pick for this dataset and this last layer, with nothing to warn about.
        const advice = suggestLoss(spec.classes!.length, output.shape!.at(-1)!, String(output.config.activation));
        expect(advice, t.name).toEqual({ loss: t.training.loss, warning: null });
      }
    }
    // The residual block's skip: Add takes the block's input and the second convolution's output.
    const residual = inferGraph(TEMPLATES[5].graph);
    expect(residual.nodes.add.inputs).toEqual(['half', 'conv2']);
  });

  it('fills an empty graph cell and its settings in one edit; a graph with layers is left alone', () => {
    const doc = insertGraphCell(createNotebook('n', 'T', 'c1'), 'gc', 'g1', 'model1', 1);
    const cnn = TEMPLATES[1];
    const filled = fillGraphCell(doc, 'gc', cnn.graph, cnn.training);
    expect(filled.graphs.g1).toBe(cnn.graph);
    expect((filled.cells[1] as GraphCell).training).toEqual(cnn.training);
    expect(loadNotebookValue(filled).ok).toBe(true);
    expect(fillGraphCell(filled, 'gc', TEMPLATES[0].graph, TEMPLATES[0].training)).toBe(filled);
    expect(fillGraphCell(doc, 'c1', cnn.graph, cnn.training)).toBe(doc);
  });

  it('Start from is one store action: the settings are the template’s, and Undo empties the graph again', () => {
    const store = createNotebookStore({ id: 'n', doc: createNotebook('n', 'T', 'c1'), rev: 1, updatedAt: 0, trusted: true });
    store.setState({ access: 'write' });
    const cellId = store.getState().addGraphCell()!;
    const { graphId } = store.getState().doc.cells.find((c) => c.id === cellId) as GraphCell;
    // Settings chosen before, as a learner may have: the template's replace them all.
    store.getState().setTrainConfig(cellId, { epochs: 3, early_stopping: true });
    const edits = store.getState().editCount;
    store.getState().startFromTemplate(cellId, 'Autoencoder');
    expect(store.getState().editCount).toBe(edits + 1);
    const cell = store.getState().doc.cells.find((c) => c.id === cellId) as GraphCell;
    expect(trainConfigOf(cell.training)).toMatchObject({ ...TEMPLATES[4].training, early_stopping: false });
    const graph = store.getState().doc.graphs[graphId];
    expect(graph).toEqual(TEMPLATES[4].graph);
    expect(graph).not.toBe(TEMPLATES[4].graph); // the document's own copy
    store.getState().undoGraph(graphId);
    expect(store.getState().doc.graphs[graphId].nodes).toEqual([]);
    store.getState().redoGraph(graphId);
    expect(store.getState().doc.graphs[graphId]).toEqual(TEMPLATES[4].graph);
  });

  it('a model trained to reconstruct its input is told what it needs: its input’s shape out, and a loss for numbers', async () => {
    const before = tf.memory().numTensors;
    // Shapes' images are 32 × 32 × 1; this model gives back a flat 784.
    const noReshape = buildChain(['Input', { shape: [32, 32, 1] }], ['Flatten'], ['Dense', { units: 784, activation: 'sigmoid' }]);
    const settings = { ...TEMPLATES[4].training, dataset: 'shapes', samples: 30, epochs: 1 };
    await expect(
      trainGraph(
        freshKernel().state,
        makeDisplay(() => undefined),
        'ae',
        noReshape,
        settings,
      ),
    ).rejects.toThrow(
      "To reconstruct its input, ae must output the input's shape (32, 32, 1), but it outputs (784): end it with a Reshape to 32, 32, 1.",
    );
    await expect(
      trainGraph(
        freshKernel().state,
        makeDisplay(() => undefined),
        'ae',
        noReshape,
        { ...settings, loss: 'sparse_categorical_crossentropy' },
      ),
    ).rejects.toThrow(/needs classes, but a model that reconstructs its input outputs numbers: choose mse, mae or huber/);
    expect(tf.memory().numTensors).toBe(before);
  });

  // Only Samples and Epochs are shortened here; every other setting is the template's own.
  const SHORT: Record<string, { samples: number; epochs: number }> = {
    MLP: { samples: 1000, epochs: 15 },
    CNN: { samples: 600, epochs: 2 },
    'LSTM text classifier': { samples: 1000, epochs: 2 },
    'Transformer encoder': { samples: 1000, epochs: 3 },
    Autoencoder: { samples: 600, epochs: 2 },
    'Residual block': { samples: 900, epochs: 3 },
  };
  const mnist = new Uint8Array(readFileSync('public/data/mnist.lbd'));

  for (const t of TEMPLATES) {
    it(`${t.name} trains as it is: the loss falls and, for a classifier, the test split beats chance`, async () => {
      const { state, sent } = freshKernel();
      if (t.training.dataset === 'mnist')
        await answer(state, { op: 'dataset', key: 'mnist', payload: { kind: 'shipped', dataset: 'mnist', compressed: mnist } });
      await trainGraph(
        state,
        makeDisplay(() => undefined),
        'template',
        t.graph,
        { ...t.training, ...SHORT[t.name] },
      );
      const losses = sent.flatMap((m) => (m.type === 'trainEpoch' ? [m.values.loss] : []));
      expect(losses).toHaveLength(SHORT[t.name].epochs);
      expect(losses.at(-1)).toBeLessThan(losses[0] * 0.9);
      const reply = await answer(state, { op: 'evaluate', model: 'template' });
      if (reply.op !== 'evaluate') throw new Error('wrong reply');
      const { evaluation } = reply;
      const classes = datasetSpec(t.training.dataset).classes!.length;
      if (t.training.target === 'input') {
        // Mean absolute error per pixel: well under what an all-grey guess (about 0.3 on MNIST) gets.
        expect(evaluation.accuracy).toBeUndefined();
        expect(evaluation.mae).toBeLessThan(0.2);
        // Predict shows the reconstruction as the input is shown: an image.
        const predicted = await answer(state, { op: 'predict', model: 'template', input: { kind: 'sample', index: 3 } });
        if (predicted.op !== 'predict') throw new Error('wrong reply');
        expect(predicted.prediction.output).toMatchObject({ kind: 'image', width: 28, height: 28, channels: 1 });
        expect(predicted.prediction.value).toBeUndefined();
      } else {
        expect(evaluation.accuracy).toBeGreaterThan(1 / classes + 0.15);
      }
    }, 60_000);
  }
});
