import { describe, expect, it } from 'vitest';
import { emitKeras } from '../../src/graph/emitKeras';
import { inferGraph } from '../../src/graph/infer';
import { importKerasCode, KerasImportError } from '../../src/graph/keras/fromKerasPython';
import { REFERENCE } from '../fixtures/graphs/reference';
import { SUBCLASSED_MODEL } from '../fixtures/keras/importCases';

// Keras code in: settings from compile and fit, refusals with their line, and Layerbook's own
// export read back. Real Keras checks the layers themselves (test/python/kerasImport.test.ts).

const ids = () => {
  let n = 0;
  return () => `k${n++}`;
};
const load = (code: string) => importKerasCode(code, ids());

/** The line and reason of a refusal. */
function refusal(code: string): { line: number; reason: string } {
  try {
    load(code);
  } catch (e) {
    if (e instanceof KerasImportError) return { line: e.line, reason: e.reason };
    throw e;
  }
  throw new Error('expected the code to be refused');
}

const MLP = `import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])
`;

describe('importing Keras code', () => {
  it('reads compile and fit into the settings, with Keras’s defaults for what they leave out', () => {
    const plain = load(`${MLP}model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n`);
    expect(plain.settings).toEqual({
      optimizer: 'adam',
      learning_rate: 0.001,
      schedule: 'constant',
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    expect(plain.modelName).toBe('model');

    const full = load(
      `${MLP}keras.utils.set_random_seed(42)
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255.0
model.compile(keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), keras.losses.SparseCategoricalCrossentropy(),
              metrics=[keras.metrics.SparseCategoricalAccuracy()])
model.fit(x_train, y_train, batch_size=64, epochs=5, validation_split=0.1,
          callbacks=[keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)])
print(model.evaluate(x_test, y_test))
`,
    );
    expect(full.settings).toEqual({
      dataset: 'mnist',
      seed: 42,
      optimizer: 'sgd',
      learning_rate: 0.05,
      momentum: 0.9,
      schedule: 'constant',
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      batch_size: 64,
      epochs: 5,
      validation_split: 0.1,
      early_stopping: true,
      patience: 3,
      restore_best_weights: true,
    });
    expect(full.notes).toContain('Skipped, as Python that does not build the model (loading data, printing): lines 5–6, 11.');
    expect(full.notes.some((n) => n.includes("fit's data stays in Python"))).toBe(true);
  });

  it('keeps Adam’s own rate, a legacy lr=, and says what it cannot take', () => {
    expect(load(`${MLP}model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="mse")\n`).settings).toMatchObject({
      learning_rate: 1e-4,
    });
    expect(load(`${MLP}model.compile(optimizer=keras.optimizers.Adam(lr=0.02), loss="mse")\n`).settings).toMatchObject({
      learning_rate: 0.02,
    });
    expect(load(`${MLP}model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss="mse")\n`).settings).toMatchObject({
      optimizer: 'adam',
      learning_rate: 1e-4,
      loss: 'mse',
    });
    const logits = load(`${MLP}model.compile("rmsprop", keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n`);
    expect(logits.settings).toMatchObject({ optimizer: 'rmsprop', loss: 'sparse_categorical_crossentropy' });
    expect(logits.notes.join(' ')).toContain('from_logits=True is not a Layerbook setting');
  });

  it('refuses a subclassed model, Lambda, a loop that builds layers and an unknown layer, each with its line', () => {
    const subclassed = refusal(SUBCLASSED_MODEL);
    expect(subclassed.line).toBe(12);
    expect(subclassed.reason).toContain('MyModel is a subclassed model');

    const lambda = refusal(`${MLP}x = keras.Input(shape=(4,))\ny = layers.Lambda(lambda t: t * 2)(x)\n`);
    expect(lambda).toMatchObject({ line: 5 });
    expect(lambda.reason).toContain('layers.Lambda runs a Python function');

    const loop = refusal(`import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(8,))])
for units in [64, 32]:
    model.add(layers.Dense(units, activation="relu"))
`);
    expect(loop.line).toBe(4);
    expect(loop.reason).toContain('A loop builds or changes the model here (lines 4–5)');

    const unknownLayer = refusal(`import keras\nmodel = keras.Sequential([keras.Input(shape=(8, 8, 8, 1)), keras.layers.Conv3D(4, 3)])\n`);
    expect(unknownLayer.line).toBe(2);
    expect(unknownLayer.reason).toContain("Conv3D is not one of Layerbook's layers");
    expect(unknownLayer.reason).toContain('Layerbook imports a Sequential model');
  });

  it('refuses what the graph cannot hold: an argument it lacks, a shared layer, no input shape, a model built in a def', () => {
    expect(
      refusal(`import keras\nm = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, kernel_regularizer="l2")])\n`),
    ).toEqual({
      line: 2,
      reason: 'Dense has no argument kernel_regularizer in Layerbook (it takes units, activation, use_bias).',
    });
    expect(
      refusal(`import keras\nm = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Conv2D(8, 3, dilation_rate=2)])\n`).reason,
    ).toBe("Conv2D's dilation_rate=2 is not available in Layerbook (only 1).");
    const shared = refusal(`import keras
from keras import layers
a = keras.Input(shape=(4,))
b = keras.Input(shape=(4,))
dense = layers.Dense(2)
m = keras.Model([a, b], layers.Add()([dense(a), dense(b)]))
`);
    expect(shared.line).toBe(6);
    expect(shared.reason).toContain('is used a second time');
    expect(refusal(`import keras\nm = keras.Sequential([keras.layers.Dense(3)])\n`).reason).toContain('has no input shape');
    // As real Keras does: AveragePooling2D has no default pool size (its MaxPooling2D has one).
    expect(refusal(`import keras\nm = keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.AveragePooling2D()])\n`).reason).toBe(
      'AveragePooling2D needs pool_size: Keras has no default for it.',
    );
    const inDef = refusal(`import keras
def build():
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model = build()
`);
    expect(inDef.reason).toContain('If the model is built inside def build (line 2)');
    expect(refusal('model = keras.Sequential([\n').reason).toContain('This is not Python that Layerbook can read');
  });

  it('says when a layer came in other than Keras 3 builds it (GRU’s reset_after)', () => {
    const gru = load(`import keras\nm = keras.Sequential([keras.Input(shape=(10, 3)), keras.layers.GRU(8)])\n`);
    expect(gru.notes.join(' ')).toContain('reset_after=True');
    const named = load(
      `import keras\nm = keras.Sequential([keras.Input(shape=(10, 3)), keras.layers.GRU(8, reset_after=False, name="memory")])\n`,
    );
    expect(named.notes.join(' ')).not.toContain('reset_after=True');
    expect(named.notes).toContain("GRU's name was left out: Layerbook names layers itself (dense, dense_1, …).");
    expect(named.modelName).toBe('m');
  });

  for (const [title, graph] of Object.entries(REFERENCE)) {
    it(`reads back Layerbook’s own Keras export: ${title}`, () => {
      // A model used as a layer (a backbone) is refused with its line, not imported in part.
      if (graph.nodes.some((node) => node.block)) {
        expect(() => importKerasCode(emitKeras(graph, 'model1'), ids())).toThrow(
          'A model used as a layer inside another model cannot be imported yet: write its layers into this one.',
        );
        return;
      }
      const back = importKerasCode(emitKeras(graph, 'model1'), ids());
      const summary = (g: typeof graph) => {
        const info = inferGraph(g);
        return info.order.map((id) => [info.nodes[id].name, info.nodes[id].shape, info.nodes[id].trainable, info.nodes[id].config]);
      };
      expect(summary(back.graph)).toEqual(summary(graph));
      expect(back.modelName).toBe('model1');
    });
  }
});
