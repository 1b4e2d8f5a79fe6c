import { describe, expect, it } from 'vitest';
import { loadNotebookValue, parseUntrustedJson } from '../../src/doc/load';
import { trainConfigOf } from '../../src/doc/trainConfig';
import type { GraphCell, NotebookDoc } from '../../src/doc/types';
import { ipynbToDoc, IpynbError, isIpynb } from '../../src/graph/keras/fromIpynb';
import { inferGraph } from '../../src/graph/infer';
import { notebookToIpynb } from '../../src/graph/keras/toNotebook';
import { loadTutorialDoc, TUTORIALS } from '../../src/tutorials/catalogue';

// Open notebook file with a Jupyter notebook (issue 27): what comes over, what stays Python, and
// what a broken or hostile file is told.

let n = 0;
const newId = () => `id${++n}`;

const code = (source: string) => ({ cell_type: 'code', source: source.split(/(?<=\n)/), metadata: {}, outputs: [], execution_count: null });
const md = (source: string) => ({ cell_type: 'markdown', source, metadata: {} });
const notebook = (cells: unknown[], metadata: Record<string, unknown> = { kernelspec: { name: 'python3', language: 'python' } }) => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata,
  cells,
});

/** Through the one load path, as Open notebook file does. */
function open(value: unknown, name = 'tutorial.ipynb'): { doc: NotebookDoc; summary: string[] } {
  const { doc, summary } = ipynbToDoc(value, name, newId);
  const loaded = loadNotebookValue(doc);
  if (!loaded.ok) throw loaded.error;
  return { doc: loaded.doc, summary };
}

const graphCells = (doc: NotebookDoc) => doc.cells.filter((c): c is GraphCell => c.kind === 'graph');

describe('Open notebook file with a Jupyter notebook', () => {
  it('a Keras tutorial as it is written: markdown over, the model a graph cell with its compile and fit, the rest Python to read', () => {
    const { doc, summary } = open(
      notebook([
        md('# MNIST convnet\n\nA small CNN.'),
        code('!pip install -q keras'),
        code('import numpy as np\nimport keras\nfrom keras import layers\n\nnum_classes = 10\ninput_shape = (28, 28, 1)'),
        code(
          '(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\n' +
            'x_train = x_train.astype("float32") / 255\nx_train = np.expand_dims(x_train, -1)\nprint(x_train.shape)',
        ),
        code(
          'model = keras.Sequential(\n    [\n        keras.Input(shape=input_shape),\n' +
            '        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),\n        layers.MaxPooling2D(pool_size=(2, 2)),\n' +
            '        layers.Flatten(),\n        layers.Dropout(0.5),\n' +
            '        layers.Dense(num_classes, activation="softmax"),\n    ]\n)\nmodel.summary()',
        ),
        code(
          'batch_size = 128\nepochs = 15\n\n' +
            'model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])\n\n' +
            'model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)',
        ),
        code('score = model.evaluate(x_test, y_test, verbose=0)\nprint("Test loss:", score[0])'),
        code('class Mine(keras.Model):\n    def call(self, x):\n        return x\n\nmine = Mine()'),
      ]),
      'mnist_convnet.ipynb',
    );
    expect(doc.title).toBe('mnist_convnet');
    const [model] = graphCells(doc);
    expect(graphCells(doc)).toHaveLength(1);
    expect(model.name).toBe('model');
    expect(model.python).toContain('layers.Conv2D(32, kernel_size=(3, 3), activation="relu")');
    const info = inferGraph(doc.graphs[model.graphId]);
    expect(info.ok).toBe(true);
    // Keras's count for this model: Conv2D 320 + Dense 54,090.
    expect(info.total).toBe(320 + 13 * 13 * 32 * 10 + 10);
    expect(model.training).toMatchObject({
      dataset: 'mnist',
      loss: 'sparse_categorical_crossentropy',
      optimizer: 'adam',
      batch_size: 128,
      epochs: 15,
      validation_split: 0.1,
    });
    const texts = doc.cells.map((c) => (c.kind === 'graph' ? `graph ${c.name}` : c.source));
    expect(texts[0]).toContain('*Opened from the Jupyter notebook `mnist_convnet.ipynb`.*');
    expect(texts[1]).toBe('# MNIST convnet\n\nA small CNN.');
    expect(texts[2]).toContain('```python\n!pip install -q keras\n```');
    expect(texts[2]).toContain('it does not run here');
    expect(texts[5]).toBe('graph model');
    expect(texts[6]).toContain('its compile and fit are the settings of graph cell `model` above');
    expect(summary).toEqual([
      '1 markdown cell came over as markdown.',
      '1 Keras model became graph cell (`model`), its Python kept with it, the compile and fit of 1 later cell as settings.',
      '6 other code cells kept as code to read: it does not run here.',
      'Cell 8, line 5: not made a graph cell, kept as Python. Mine is a subclassed model (class Mine(keras.Model), line 1): ' +
        'its forward pass is Python code in call(), which a graph cannot hold. Rewrite it with the functional API or Sequential.',
    ]);
  });

  it('opens what Export as Jupyter notebook wrote: each graph cell comes back with its layers and settings', async () => {
    const tutorial = await loadTutorialDoc(TUTORIALS.find((t) => t.slug === 'losses-optimizers')!);
    const { notebook: exported } = notebookToIpynb(tutorial, { distribute: false });
    const { doc } = open(JSON.parse(JSON.stringify(exported)), 'losses.ipynb');
    const before = graphCells(tutorial);
    const after = graphCells(doc);
    expect(after.map((c) => c.name)).toEqual(before.map((c) => c.name));
    for (const [i, cell] of after.entries()) {
      expect(inferGraph(doc.graphs[cell.graphId]).total, cell.name).toBe(inferGraph(tutorial.graphs[before[i].graphId]).total);
      const [was, now] = [trainConfigOf(before[i].training), trainConfigOf(cell.training)];
      for (const field of [
        'dataset',
        'optimizer',
        'learning_rate',
        'loss',
        'epochs',
        'batch_size',
        'validation_split',
        'early_stopping',
      ] as const)
        expect(now[field], `${cell.name} ${field}`).toEqual(was[field]);
    }
  });

  it('keeps another kernel’s code as code in its language, and says what a file Layerbook cannot read is', () => {
    const r = open(notebook([code('x <- c(1, 2, 3)')], { kernelspec: { name: 'ir', language: 'R' } }), 'stats.ipynb');
    expect(r.doc.cells[1]).toMatchObject({ kind: 'markdown', source: expect.stringContaining('```r\nx <- c(1, 2, 3)\n```') });
    expect(() => ipynbToDoc({ nbformat: 3, worksheets: [] }, 'old.ipynb', newId)).toThrow(IpynbError);
    expect(() => ipynbToDoc({ nbformat: 3, worksheets: [] }, 'old.ipynb', newId)).toThrow(/format 3; Layerbook opens format 4/);
    expect(() => ipynbToDoc({ nbformat: 4, cells: 'no' }, 'bad.ipynb', newId)).toThrow(/no list of cells/);
    expect(() => ipynbToDoc(notebook(Array.from({ length: 2001 }, () => md('x'))), 'big.ipynb', newId)).toThrow(/more than 2000 cells/);
    // A cell Jupyter never writes is left out and said; the rest opens.
    const odd = open(notebook([md('kept'), { cell_type: 42 }]));
    expect(odd.summary).toContain('Cell 2 is not a cell Jupyter writes; it was left out.');
  });

  it('reads a long notebook cell by cell, not each cell with all before it: 600 cells of plain Python, then a model', () => {
    // Read with every cell before it, each cell cost a parse of the whole notebook so far: 150 s here.
    const plain = Array.from({ length: 600 }, (_, i) => code(`x${i} = [1, 2, 3]\n`.repeat(100)));
    const { doc } = open(
      notebook([
        code('import keras\nfrom keras import layers\nnum_classes = 3\n'),
        ...plain.slice(0, 5),
        code('model = keras.Sequential([keras.Input((4,)), layers.Dense(num_classes)])\n'),
        ...plain.slice(5),
        code('late = keras.Sequential([keras.Input((4,)), layers.Dense(2)])\n'),
      ]),
    );
    // The first model uses num_classes from the first cell; the second comes after 840 KB of other cells.
    expect(graphCells(doc).map((c) => [c.name, inferGraph(doc.graphs[c.graphId]).total])).toEqual([
      ['model', 15],
      ['late', 10],
    ]);
  }, 20_000);

  it('is hardened like any notebook file: hostile keys and deep nesting are refused before conversion', () => {
    const hostile = parseUntrustedJson(
      '{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "x", "__proto__": {"polluted": 1}}]}',
    );
    expect(hostile.ok ? '' : hostile.error.code).toBe('forbidden-key');
    const deep = parseUntrustedJson(`{"nbformat": 4, "cells": ${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(deep.ok ? '' : deep.error.code).toBe('too-deep');
    expect(isIpynb({ nbformat: 4 })).toBe(true);
    expect(isIpynb({ format: 'layerbook' })).toBe(false);
  });
});
