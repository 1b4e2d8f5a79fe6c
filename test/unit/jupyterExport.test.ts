import { describe, expect, it } from 'vitest';
import type { TrainingSettings } from '../../src/doc/trainConfig';
import type { Cell, GraphCell, NotebookDoc } from '../../src/doc/types';
import type { Ipynb } from '../../src/graph/keras/ipynb';
import { exportFileName } from '../../src/doc/exportFile';
import { notebookToIpynb } from '../../src/graph/keras/toNotebook';
import { chain } from '../fixtures/graphs/reference';

// The Jupyter export's translation, read as text (test/python/jupyterExport.test.ts runs it in Jupyter).

const spiralMlp = chain(
  ['Input', { shape: [2] }],
  ['Dense', { units: 8, activation: 'relu' }],
  ['Dense', { units: 1, activation: 'sigmoid' }],
);
const threeClasses = chain(['Input', { shape: [2] }], ['Dense', { units: 3, activation: 'softmax' }]);

function doc(cells: Cell[], graphs: NotebookDoc['graphs']): NotebookDoc {
  return { format: 'layerbook', version: 3, id: 'doc1', title: 'My: notebook', cells, graphs, metadata: {} };
}

const graphCell = (name: string, training: TrainingSettings, graphId = 'g1'): GraphCell => ({
  id: `c-${name}`,
  kind: 'graph',
  graphId,
  name,
  training,
});

const text = (nb: Ipynb, id: string) => {
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id}: ${nb.cells.map((c) => c.id).join(', ')}`);
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
};

describe('Export as Jupyter notebook', () => {
  it('writes nbformat 4.5 with a Python kernel, valid unique cell ids, markdown as markdown and code cells as JavaScript to read', () => {
    const { notebook, summary } = notebookToIpynb(
      doc(
        [
          { id: 'm1', kind: 'markdown', source: '# Spirals\n\nSome *text*.' },
          { id: 'k1', kind: 'code', source: 'const s = `a ``` fence`;\nconsole.log(s);' },
          graphCell('model', { dataset: 'spiral', loss: 'binary_crossentropy' }),
        ],
        { g1: spiralMlp },
      ),
      { distribute: false },
    );
    expect(notebook).toMatchObject({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', language: 'python' } } });
    const ids = notebook.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    // The notebook's own title opens it, then the set-up; no second title.
    expect(ids.slice(0, 3)).toEqual(['m1', 'layerbook-setup', 'layerbook-helpers']);
    expect(text(notebook, 'm1')).toBe('# Spirals\n\nSome *text*.');
    // The code holds ```: its fence is longer, so the block holds all of it.
    expect(text(notebook, 'k1')).toContain('````javascript\nconst s = `a ``` fence`;\nconsole.log(s);\n````');
    expect(text(notebook, 'k1')).toContain('kept here to read, not run');
    for (const part of ['data', 'model', 'fit']) expect(ids).toContain(`c-model-${part}`);
    expect(summary).toEqual([
      '1 markdown cell as markdown; 1 TensorFlow.js code cell kept as JavaScript to read',
      'model: its data (spiral), its Keras model, compile and fit',
    ]);
    expect(exportFileName('My: notebook', '.ipynb')).toBe('My- notebook.ipynb');
  });

  it('makes the data as the browser does, with the test split at its end and labels as the loss takes them', () => {
    const { notebook } = notebookToIpynb(
      doc(
        [
          graphCell('a', { dataset: 'spiral', loss: 'binary_crossentropy', samples: 300, noise: 0.2, seed: 5 }),
          graphCell('b', { dataset: 'spiral', loss: 'categorical_crossentropy' }, 'g2'),
          graphCell('c', { dataset: 'mnist', loss: 'sparse_categorical_crossentropy', samples: 5000 }, 'g3'),
        ],
        {
          g1: spiralMlp,
          g2: chain(['Input', { shape: [2] }], ['Dense', { units: 2, activation: 'softmax' }]),
          g3: chain(['Input', { shape: [28, 28, 1] }], ['Flatten', {}], ['Dense', { units: 10, activation: 'softmax' }]),
        },
      ),
      { distribute: false },
    );
    const a = text(notebook, 'c-a-data');
    expect(a).toContain('x, y = toy2d("spiral", samples=300, noise=0.2, seed=5)');
    expect(a).toContain('test_count = test_count_of(len(x))');
    expect(a).toContain('y_train, y_test = y_train[:, None], y_test[:, None]');
    expect(text(notebook, 'c-b-data')).toContain('keras.utils.to_categorical(y, 2)');
    const c = text(notebook, 'c-c-data');
    expect(c).toContain('x, y = mnist_digits(samples=5000)');
    expect(c).toContain('test_count = 2000');
    // Helpers once each, the seeded generator first.
    const helpers = text(notebook, 'layerbook-helpers');
    expect(helpers.indexOf('class Mulberry32')).toBeLessThan(helpers.indexOf('def toy2d'));
    expect(helpers.split('class Mulberry32').length).toBe(2);
    expect(helpers).toContain('def mnist_digits');
  });

  it('compiles and fits with the cell’s optimizer, schedule, loss, metrics, callbacks, epochs, batch and split', () => {
    const { notebook } = notebookToIpynb(
      doc(
        [
          graphCell('m', {
            dataset: 'spiral',
            loss: 'binary_crossentropy',
            optimizer: 'adamw',
            weight_decay: 0.01,
            learning_rate: 0.003,
            schedule: 'exponential',
            epochs: 12,
            batch_size: 16,
            validation_split: 0.25,
            metrics: ['accuracy', 'precision'],
            early_stopping: true,
            patience: 3,
            monitor: 'val_accuracy',
            reduce_lr_on_plateau: true,
            seed: 9,
          }),
        ],
        { g1: spiralMlp },
      ),
      { distribute: false },
    );
    const model = text(notebook, 'c-m-model');
    expect(model).toContain('keras.utils.set_random_seed(9)');
    expect(model).toContain('fitted = math.floor(len(x_train) * (1 - 0.25) + 0.5)');
    expect(model).toContain('steps = max(1, math.ceil(fitted / 16) * 12)');
    expect(model).toContain('keras.optimizers.schedules.ExponentialDecay(0.003, decay_steps=steps, decay_rate=0.1)');
    expect(model).toContain('optimizer=keras.optimizers.AdamW(learning_rate=learning_rate, weight_decay=0.01)');
    expect(model).toContain('loss="binary_crossentropy"');
    expect(model).toContain('metrics=["accuracy", precision]');
    const fit = text(notebook, 'c-m-fit');
    expect(fit).toContain('epochs=12');
    expect(fit).toContain('batch_size=16');
    expect(fit).toContain('validation_split=0.25');
    expect(fit).toContain('keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3, restore_best_weights=True)');
    // A schedule sets the rate at every batch: no plateau reductions, as in Layerbook.
    expect(fit).not.toContain('ReduceLROnPlateau');
    expect(fit).toContain('evaluate(x_test, y_test, return_dict=True');
    expect(text(notebook, 'layerbook-helpers')).toContain('def precision(y_true, y_pred)');
  });

  it('watches what Keras logs: the loss without an accuracy metric, no val_ without a split; plateau and keep-best', () => {
    const { notebook } = notebookToIpynb(
      doc(
        [
          graphCell('r', {
            dataset: 'sine',
            loss: 'mse',
            optimizer: 'sgd',
            momentum: 0.8,
            validation_split: 0,
            monitor: 'val_accuracy',
            reduce_lr_on_plateau: true,
            keep_best: true,
            patience: 4,
          }),
        ],
        { g1: chain(['Input', { shape: [30, 1] }], ['Flatten', {}], ['Dense', { units: 1 }]) },
      ),
      { distribute: false },
    );
    const model = text(notebook, 'c-r-model');
    expect(model).toContain('keras.optimizers.SGD(learning_rate=0.01, momentum=0.8)');
    expect(model).toContain('metrics=["mae"]');
    const fit = text(notebook, 'c-r-fit');
    expect(fit).toContain('keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=4, min_lr=1e-6)');
    expect(fit).toContain('KeepBestWeights("loss")');
    expect(text(notebook, 'layerbook-helpers')).toContain('class KeepBestWeights(keras.callbacks.Callback)');
  });

  it('loads the weights written beside it before the fit, which then trains on from them', () => {
    const { notebook, summary } = notebookToIpynb(doc([graphCell('model', { dataset: 'spiral' })], { g1: spiralMlp }), {
      distribute: false,
      weights: { 'c-model': 'model.weights.npz' },
    });
    const ids = notebook.cells.map((c) => c.id);
    expect(ids.indexOf('c-model-weights')).toBe(ids.indexOf('c-model-model') + 1);
    expect(text(notebook, 'c-model-weights')).toContain('load_layerbook_weights(model, "model.weights.npz")');
    expect(text(notebook, 'c-model-fit')).toMatch(/^# Trains on from Layerbook’s weights: skip this cell/);
    expect(text(notebook, 'layerbook-helpers')).toContain('def load_layerbook_weights(model, path):');
    expect(summary).toContain('model: its data (spiral), its Keras model, its weights (model.weights.npz), compile and fit');
  });

  it('builds and compiles under tf.distribute.MirroredStrategy when asked', () => {
    const { notebook, summary } = notebookToIpynb(doc([graphCell('model', { dataset: 'spiral' })], { g1: spiralMlp }), {
      distribute: true,
    });
    expect(text(notebook, 'layerbook-setup')).toContain('strategy = tf.distribute.MirroredStrategy()');
    const model = text(notebook, 'c-model-model');
    expect(model).toMatch(/with strategy\.scope\(\):\n {4}input_layer = keras\.Input/);
    expect(model).toMatch(/\n {4}model\.compile\(/);
    expect(model).toMatch(/\nmodel\.summary\(\)$/);
    expect(summary).toContain('Each model is built and trained under tf.distribute.MirroredStrategy().');
  });

  it('leaves out, and says why, a graph that cannot train, and reads a learner’s CSV by name', () => {
    const { notebook, summary } = notebookToIpynb(
      doc(
        [
          graphCell('wrong', { dataset: 'mnist', loss: 'sparse_categorical_crossentropy' }),
          graphCell('mine', { dataset: 'user', loss: 'sparse_categorical_crossentropy' }, 'g2'),
          graphCell('unloaded', { dataset: 'user', loss: 'sparse_categorical_crossentropy' }, 'g2'),
        ],
        { g1: spiralMlp, g2: threeClasses },
      ),
      {
        distribute: false,
        ownData: {
          'c-mine': {
            kind: 'csv',
            file: 'iris.csv',
            delimiter: ',',
            features: ['a', 'b'],
            label: 'species',
            normalize: true,
            classes: ['x', 'y', 'z'],
          },
        },
      },
    );
    expect(summary[0]).toMatch(/^wrong: left out, its graph could not train yet \(.*28, 28, 1/);
    expect(text(notebook, 'c-wrong-unfinished')).toContain('could not train yet');
    expect(notebook.cells.some((c) => c.id === 'c-wrong-fit')).toBe(false);
    expect(text(notebook, 'c-mine-data')).toContain(
      'x, y = csv_dataset("iris.csv", features=["a", "b"], label="species", normalize=True, classes=["x", "y", "z"], delimiter=",")',
    );
    expect(text(notebook, 'layerbook-helpers')).toContain('def csv_dataset(');
    // Data not loaded in this tab: no file name to read, so its cell says where to load it (and stops a run there).
    expect(summary[2]).toBe('unloaded: a cell to load your own data into, its Keras model, compile and fit');
    expect(text(notebook, 'c-unloaded-data')).toContain('raise RuntimeError("Load your own data in this cell first');
  });
});
