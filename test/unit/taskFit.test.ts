import { describe, expect, it } from 'vitest';
import { DATASET_SPECS, datasetSpec, type DatasetName, type OwnDataShape } from '../../src/data/catalogue';
import { setNodeConfig } from '../../src/doc/graphOps';
import { DEFAULT_TRAIN_CONFIG, TRAIN_FIELDS, trainConfigOf, type TrainConfig } from '../../src/doc/trainConfig';
import type { ModelGraph } from '../../src/doc/types';
import { inferGraph } from '../../src/graph/infer';
import {
  cellTaskProblems,
  fittingLoss,
  settingsForDataset,
  settingsForOwnData,
  taskProblems,
  type TaskFix,
  type TaskProblem,
} from '../../src/training/taskFit';
import { chain } from '../fixtures/graphs/reference';

// Issue 25: the model, the dataset and the loss are checked against one another before Train,
// and each mismatch comes with a fix that, applied, leaves nothing to fix.

type Layer = [string, Record<string, unknown>?];
const cnn = (...end: Layer[]) => chain(['Input', { shape: [28, 28, 1] }], ['Conv2D', {}], ['MaxPooling2D', {}], ['Flatten', {}], ...end);
const points = (...end: Layer[]) => chain(['Input', { shape: [2] }], ['Dense', { units: 8, activation: 'relu' }], ...end);
const wave = (...end: Layer[]) => chain(['Input', { shape: [30, 1] }], ['Flatten', {}], ...end);

const settingsOf = (dataset: DatasetName, extra: Partial<TrainConfig> = {}) => trainConfigOf({ dataset, ...extra });
const check = (graph: ModelGraph, dataset: DatasetName, extra: Partial<TrainConfig> = {}, own?: OwnDataShape) =>
  taskProblems(inferGraph(graph), datasetSpec(dataset), settingsOf(dataset, extra), own);

/** Applies a fix as the panel's button does: the layer's settings, then the training settings. */
function applyFix(graph: ModelGraph, settings: Partial<TrainConfig>, fix: TaskFix | undefined) {
  if (!fix) throw new Error('expected a fix');
  return {
    graph: fix.node ? setNodeConfig(graph, fix.node.id, fix.node.patch) : graph,
    settings: { ...settings, ...fix.settings } as Partial<TrainConfig>,
  };
}

/** The one problem, fixed, leaves none. */
function expectFixed(graph: ModelGraph, dataset: DatasetName, settings: Partial<TrainConfig>, problem: TaskProblem) {
  const fixed = applyFix(graph, settings, problem.fix);
  expect(check(fixed.graph, dataset, fixed.settings)).toEqual([]);
  return fixed;
}

const last = (graph: ModelGraph) => graph.nodes[graph.nodes.length - 1].id;

describe('the model, the data and the loss fit one another', () => {
  it('MNIST with Dense(10, softmax) and the spiral’s binary_crossentropy: said in a learner’s words, and fixed', () => {
    const graph = cnn(['Dense', { units: 10, activation: 'softmax' }]);
    const problems = check(graph, 'mnist', { loss: 'binary_crossentropy' });
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatchObject({ kind: 'output', nodeId: last(graph), blocking: true });
    expect(p.message).toBe(
      'MNIST digits has 10 classes, given as the numbers 0–9: binary_crossentropy is for two classes. ' +
        "Use sparse_categorical_crossentropy, which takes the last layer's 10 probabilities.",
    );
    expect(p.fix).toEqual({ label: 'Use sparse_categorical_crossentropy', settings: { loss: 'sparse_categorical_crossentropy' } });
    expectFixed(graph, 'mnist', { loss: 'binary_crossentropy' }, p);
    // Nothing to say once the loss fits, with either cross-entropy.
    expect(check(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' })).toEqual([]);
    expect(check(graph, 'mnist', { loss: 'categorical_crossentropy' })).toEqual([]);
  });

  it('MNIST with Dense(1, sigmoid) and binary: both the loss and the layer change in one fix', () => {
    const graph = cnn(['Dense', { units: 1, activation: 'sigmoid' }]);
    const [p] = check(graph, 'mnist', { loss: 'binary_crossentropy' });
    expect(p.fix).toEqual({
      label: 'Use sparse_categorical_crossentropy and Dense(10, softmax)',
      settings: { loss: 'sparse_categorical_crossentropy' },
      node: { id: last(graph), patch: { units: 10, activation: 'softmax' } },
    });
    expectFixed(graph, 'mnist', { loss: 'binary_crossentropy' }, p);
  });

  it('the palette’s Dense (32 units, linear) at the end of a classifier: the layer is fixed to Dense(10, softmax)', () => {
    const graph = cnn(['Dense', {}]);
    const problems = check(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' });
    expect(problems.map((p) => p.message)).toEqual([
      'MNIST digits has 10 classes, given as the numbers 0–9, but the last layer has 32 outputs: ' +
        'sparse_categorical_crossentropy needs one per class. End with Dense(10, softmax).',
    ]);
    expectFixed(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' }, problems[0]);
  });

  it('Dense(3) for 10 classes is a problem; so is Dense(10) without softmax', () => {
    const three = cnn(['Dense', { units: 3, activation: 'softmax' }]);
    const [p] = check(three, 'mnist', { loss: 'sparse_categorical_crossentropy' });
    expect(p.message).toMatch(/but the last layer has 3 outputs/);
    expect(p.fix?.node).toEqual({ id: last(three), patch: { units: 10, activation: 'softmax' } });
    expectFixed(three, 'mnist', { loss: 'sparse_categorical_crossentropy' }, p);

    for (const activation of ['linear', 'relu', 'sigmoid']) {
      const ten = cnn(['Dense', { units: 10, activation }]);
      const [q] = check(ten, 'mnist', { loss: 'sparse_categorical_crossentropy' });
      expect(q.message).toBe(
        `sparse_categorical_crossentropy expects a probability for each class, but the last layer's activation is ${activation}: ` +
          'use softmax, so its 10 outputs add up to 1.',
      );
      expectFixed(ten, 'mnist', { loss: 'sparse_categorical_crossentropy' }, q);
    }
  });

  it('spiral: Dense(1, sigmoid) with binary and Dense(2, softmax) with sparse both fit; crossing them does not', () => {
    const one = points(['Dense', { units: 1, activation: 'sigmoid' }]);
    const two = points(['Dense', { units: 2, activation: 'softmax' }]);
    expect(check(one, 'spiral', { loss: 'binary_crossentropy' })).toEqual([]);
    expect(check(two, 'spiral', { loss: 'sparse_categorical_crossentropy' })).toEqual([]);
    expect(check(two, 'spiral', { loss: 'categorical_crossentropy' })).toEqual([]);
    expect(check(one, 'spiral', { loss: 'hinge' })).toEqual([]);

    const [a] = check(two, 'spiral', { loss: 'binary_crossentropy' });
    expect(a.message).toMatch(/^Spiral has 2 classes, given as the numbers 0 and 1\. binary_crossentropy takes one output/);
    expect(a.fix?.settings).toEqual({ loss: 'sparse_categorical_crossentropy' });
    expectFixed(two, 'spiral', { loss: 'binary_crossentropy' }, a);

    const [b] = check(one, 'spiral', { loss: 'sparse_categorical_crossentropy' });
    expect(b.message).toMatch(/with one output use binary_crossentropy \(and sigmoid\), or end with Dense\(2, softmax\)/);
    expect(b.fix).toEqual({ label: 'Use binary_crossentropy', settings: { loss: 'binary_crossentropy' } });
    expectFixed(one, 'spiral', { loss: 'sparse_categorical_crossentropy' }, b);

    // One output without sigmoid: binary cross-entropy needs a probability.
    const linear = points(['Dense', { units: 1 }]);
    const [c] = check(linear, 'spiral', { loss: 'binary_crossentropy' });
    expect(c.fix?.node).toEqual({ id: last(linear), patch: { activation: 'sigmoid' } });
    expectFixed(linear, 'spiral', { loss: 'binary_crossentropy' }, c);
  });

  it('sine regression: Dense(1) with mse fits; softmax, several outputs or a loss for classes do not', () => {
    expect(check(wave(['Dense', { units: 1 }]), 'sine', { loss: 'mse' })).toEqual([]);
    expect(check(wave(['Dense', { units: 1 }]), 'sine', { loss: 'huber' })).toEqual([]);

    const softmax = wave(['Dense', { units: 1, activation: 'softmax' }]);
    const [a] = check(softmax, 'sine', { loss: 'mse' });
    expect(a).toMatchObject({ blocking: true, fix: { node: { id: last(softmax), patch: { activation: 'linear' } } } });
    expect(a.message).toMatch(/^softmax makes the outputs add up to 1/);
    expectFixed(softmax, 'sine', { loss: 'mse' }, a);

    const three = wave(['Dense', { units: 3 }]);
    const [b] = check(three, 'sine', { loss: 'mse' });
    expect(b.message).toMatch(
      /Sine has a number to predict for each example, not classes, one number each, but the last layer has 3 outputs/,
    );
    expectFixed(three, 'sine', { loss: 'mse' }, b);

    const [c] = check(wave(['Dense', { units: 1 }]), 'sine', { loss: 'binary_crossentropy' });
    expect(c.message).toBe(
      'Sine has a number to predict for each example, not classes: binary_crossentropy needs classes. Use mse (mean squared error).',
    );
    expect(c.fix).toEqual({ label: 'Use mse', settings: { loss: 'mse' } });
    expectFixed(wave(['Dense', { units: 1 }]), 'sine', { loss: 'binary_crossentropy' }, c);

    // A bounded activation is advice, not a refusal: Train goes ahead.
    const [d] = check(wave(['Dense', { units: 1, activation: 'tanh' }]), 'sine', { loss: 'mse' });
    expect(d).toMatchObject({ blocking: false, fix: { label: 'Use a linear last layer' } });
  });

  it('a loss for numbers on classes: the loss the labels call for', () => {
    const graph = cnn(['Dense', { units: 10, activation: 'softmax' }]);
    const [p] = check(graph, 'mnist', { loss: 'mse' });
    expect(p.message).toMatch(/mse is for a number to predict, not classes\. Use sparse_categorical_crossentropy\.$/);
    expectFixed(graph, 'mnist', { loss: 'mse' }, p);
    const one = points(['Dense', { units: 1, activation: 'sigmoid' }]);
    const [q] = check(one, 'circles', { loss: 'mae' });
    expect(q.fix).toEqual({ label: 'Use binary_crossentropy', settings: { loss: 'binary_crossentropy' } });
  });

  it('the Input takes the dataset’s examples: a wrong shape is said on the Input, with "Set Input shape to …"', () => {
    const graph = chain(['Input', {}], ['Flatten', {}], ['Dense', { units: 10, activation: 'softmax' }]);
    const problems = check(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' });
    expect(problems).toEqual([
      {
        kind: 'input',
        nodeId: graph.nodes[0].id,
        message: 'MNIST digits has examples of shape 28, 28, 1, but the Input takes 784.',
        fix: { label: 'Set Input shape to 28, 28, 1', node: { id: graph.nodes[0].id, patch: { shape: [28, 28, 1] } } },
        blocking: true,
      },
    ]);
    expectFixed(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' }, problems[0]);
    // None takes any length.
    expect(check(chain(['Input', { shape: [null, 1] }], ['LSTM', { units: 4 }], ['Dense', { units: 1 }]), 'sine', { loss: 'mse' })).toEqual(
      [],
    );
  });

  it('a model ending in many values per example, or in two layers, is refused with what to add', () => {
    const noFlatten = chain(['Input', { shape: [28, 28, 1] }], ['Conv2D', {}], ['MaxPooling2D', {}]);
    const [p] = check(noFlatten, 'mnist', { loss: 'sparse_categorical_crossentropy' });
    expect(p.message).toMatch(
      /ends in \(None, 13, 13, 32\), many values per example: add Flatten or GlobalAveragePooling2D, then end with Dense\(10, softmax\)/,
    );
    expect(p.fix).toBeUndefined();

    const forked: ModelGraph = {
      nodes: [
        { id: 'i', className: 'Input', config: { shape: [2] } },
        { id: 'a', className: 'Dense', config: { units: 1, activation: 'sigmoid' } },
        { id: 'b', className: 'Dense', config: { units: 1, activation: 'sigmoid' } },
      ],
      edges: [
        { id: 'e1', source: 'i', sourcePort: 'out', target: 'a', targetPort: 'in0' },
        { id: 'e2', source: 'i', sourcePort: 'out', target: 'b', targetPort: 'in0' },
      ],
      positions: {},
    };
    expect(check(forked, 'spiral').map((q) => q.message)).toEqual([
      'The model ends in 2 layers (dense, dense_1); training on a dataset needs one last layer: join them, or delete the extra ones.',
    ]);
  });

  it('the activation is read through Dropout, and a fix reaches the Dense before it', () => {
    const graph = cnn(['Dense', { units: 10, activation: 'linear' }], ['Dropout', { rate: 0.2 }]);
    const [p] = check(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' });
    expect(p.nodeId).toBe(last(graph));
    expect(p.fix?.node).toEqual({ id: graph.nodes[4].id, patch: { activation: 'softmax' } });
    expectFixed(graph, 'mnist', { loss: 'sparse_categorical_crossentropy' }, p);
  });

  it('a graph with problems of its own gets only its Input checked: the usual cause of the problems after it', () => {
    // The Input takes the spiral's points; Conv2D then says it wants an image, and the fix is the Input's shape.
    const points2 = chain(['Input', { shape: [2] }], ['Conv2D', {}], ['MaxPooling2D', {}], ['Flatten', {}], ['Dense', {}]);
    expect(inferGraph(points2).ok).toBe(false);
    const problems = check(points2, 'mnist', { loss: 'sparse_categorical_crossentropy' });
    expect(problems.map((p) => p.fix?.label)).toEqual(['Set Input shape to 28, 28, 1']);
    const fixed = applyFix(points2, { loss: 'sparse_categorical_crossentropy' }, problems[0].fix);
    expect(inferGraph(fixed.graph).ok).toBe(true);
    // Then the last layer's turn: the palette's Dense has 32 linear units.
    expect(check(fixed.graph, 'mnist', fixed.settings).map((p) => p.fix?.label)).toEqual(['Set the last layer to Dense(10, softmax)']);
    // An Input whose own setting is wrong says so itself; no layers at all, nothing to say.
    expect(check(chain(['Input', { shape: [0] }], ['Dense', {}]), 'mnist')).toEqual([]);
    expect(check({ nodes: [], edges: [], positions: {} }, 'mnist')).toEqual([]);
  });

  it('the learner’s data before it is loaded gets nothing here', () => {
    expect(check(chain(['Dense', {}]), 'mnist')).toEqual([]);
    expect(check(points(['Dense', { units: 3, activation: 'softmax' }]), 'user', { loss: 'binary_crossentropy' })).toEqual([]);
    // Loaded: three classes of two features; then it is checked as any dataset is.
    const flowers = { xShape: [2], count: 150, classes: ['a', 'b', 'c'] };
    expect(
      check(points(['Dense', { units: 3, activation: 'softmax' }]), 'user', { loss: 'sparse_categorical_crossentropy' }, flowers),
    ).toEqual([]);
    const [p] = check(points(['Dense', { units: 3, activation: 'softmax' }]), 'user', { loss: 'binary_crossentropy' }, flowers);
    expect(p.message).toMatch(/^Your data has 3 classes, given as the numbers 0–2: binary_crossentropy is for two classes/);
    const [q] = check(
      chain(['Input', { shape: [28, 28, 1] }], ['Flatten', {}], ['Dense', { units: 3, activation: 'softmax' }]),
      'user',
      {},
      flowers,
    );
    expect(q.fix?.label).toBe('Set Input shape to 2');
  });

  it('an autoencoder (target: the input) gives its input back, with a loss for numbers', () => {
    const graph = chain(['Input', { shape: [2] }], ['Dense', { units: 1 }], ['Dense', { units: 3 }]);
    const base = { target: 'input', loss: 'mse' } as unknown as Partial<TrainConfig>;
    if (!('target' in TRAIN_FIELDS)) return; // settings from before autoencoders have no target to check
    const [p] = check(graph, 'gaussian', base);
    expect(p.fix?.node).toEqual({ id: last(graph), patch: { units: 2 } });
    expectFixed(graph, 'gaussian', base, p);
    const [q] = check(setNodeConfig(graph, last(graph), { units: 2 }), 'gaussian', { ...base, loss: 'binary_crossentropy' });
    expect(q.fix?.settings).toEqual({ loss: 'mse' });
  });

  it('cellTaskProblems reads a cell’s stored settings as the panel does', () => {
    const graph = cnn(['Dense', { units: 10, activation: 'softmax' }]);
    expect(cellTaskProblems(inferGraph(graph), { dataset: 'mnist' })).toHaveLength(1); // the default loss is the spiral's
    expect(cellTaskProblems(inferGraph(graph), { dataset: 'mnist', loss: 'sparse_categorical_crossentropy' })).toEqual([]);
  });
});

describe('choosing a dataset', () => {
  const empty = inferGraph({ nodes: [], edges: [], positions: {} });

  it('every dataset has a preset of valid settings, and the spiral’s is a new cell’s defaults', () => {
    for (const spec of DATASET_SPECS) {
      for (const [field, value] of Object.entries(spec.preset)) {
        expect(TRAIN_FIELDS[field as keyof typeof TRAIN_FIELDS].schema.safeParse(value).success, `${spec.name} ${field}`).toBe(true);
      }
      if (spec.classes === null) expect(spec.preset.loss).toBe('mse');
      else if (spec.classes?.length === 2) expect(spec.preset.loss).toBe('binary_crossentropy');
      else expect(spec.preset.loss).toBe('sparse_categorical_crossentropy');
    }
    const defaults = Object.fromEntries(
      Object.keys(datasetSpec('spiral').preset).map((f) => [f, DEFAULT_TRAIN_CONFIG[f as keyof TrainConfig]]),
    );
    expect(datasetSpec('spiral').preset).toEqual(defaults);
  });

  it('a new cell that chooses MNIST before any layer gets MNIST’s loss and run', () => {
    const patch = settingsForDataset(empty, DEFAULT_TRAIN_CONFIG, datasetSpec('mnist'));
    const { preset } = datasetSpec('mnist');
    expect(patch).toEqual({
      dataset: 'mnist',
      ...Object.fromEntries(Object.entries(preset).filter(([f, v]) => DEFAULT_TRAIN_CONFIG[f as keyof TrainConfig] !== v)),
    });
    expect(patch.loss).toBe('sparse_categorical_crossentropy');
    // And back: every field returns to the spiral's.
    const mnist: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...patch };
    const back = settingsForDataset(empty, mnist, datasetSpec('spiral'));
    expect({ ...mnist, ...back }).toEqual(DEFAULT_TRAIN_CONFIG);
  });

  it('what the learner typed stays: a changed field is not the old preset’s, so it is kept', () => {
    const typed = { ...DEFAULT_TRAIN_CONFIG, epochs: 7, samples: 1000 };
    const patch = settingsForDataset(empty, typed, datasetSpec('mnist'));
    expect(patch.epochs).toBeUndefined();
    expect(patch.samples).toBeUndefined();
    expect(patch.batch_size ?? typed.batch_size).toBe(datasetSpec('mnist').preset.batch_size);
  });

  it('the loss follows the labels and the model, unless the learner chose it', () => {
    const two = inferGraph(points(['Dense', { units: 2, activation: 'softmax' }]));
    const one = inferGraph(points(['Dense', { units: 1, activation: 'sigmoid' }]));
    const regression = inferGraph(wave(['Dense', { units: 1 }]));
    // The spiral's default with a two-unit softmax: the blobs call for sparse.
    expect(settingsForDataset(two, DEFAULT_TRAIN_CONFIG, datasetSpec('gaussian')).loss).toBe('sparse_categorical_crossentropy');
    // One sigmoid unit: binary already fits, so it stays (no loss in the patch).
    expect(settingsForDataset(one, DEFAULT_TRAIN_CONFIG, datasetSpec('gaussian')).loss).toBeUndefined();
    expect(settingsForDataset(regression, DEFAULT_TRAIN_CONFIG, datasetSpec('sine')).loss).toBe('mse');
    // Hinge is the learner's choice (no dataset's preset, not what the spiral's labels called for): kept, then flagged.
    const hinge = { ...DEFAULT_TRAIN_CONFIG, loss: 'hinge' as const };
    expect(settingsForDataset(one, hinge, datasetSpec('mnist')).loss).toBeUndefined();
    // A loss the previous labels called for with this model (sparse for Dense(2, softmax)) is not the learner's.
    const sparse = { ...DEFAULT_TRAIN_CONFIG, loss: 'sparse_categorical_crossentropy' as const };
    expect(settingsForDataset(two, sparse, datasetSpec('sine')).loss).toBe('mse');
    expect(fittingLoss(empty, datasetSpec('sine'))).toBe('mse');
  });

  it('loading the learner’s own data sets the loss its labels need, unless the learner chose one', () => {
    const three = inferGraph(points(['Dense', { units: 3, activation: 'softmax' }]));
    const user = { ...DEFAULT_TRAIN_CONFIG, dataset: 'user' as const, loss: 'sparse_categorical_crossentropy' as const };
    const flowers = { xShape: [2], count: 150, classes: ['a', 'b', 'c'] };
    expect(settingsForOwnData(three, user, undefined, flowers)).toEqual({});
    const prices = { xShape: [2], count: 150 };
    expect(settingsForOwnData(inferGraph(points(['Dense', { units: 1 }])), user, undefined, prices)).toEqual({ loss: 'mse' });
    expect(settingsForOwnData(three, { ...user, loss: 'hinge' }, undefined, prices)).toEqual({});
    // Choosing "your own" before any data: its preset's loss, until the data says otherwise.
    expect(settingsForDataset(three, DEFAULT_TRAIN_CONFIG, datasetSpec('user')).loss).toBe('sparse_categorical_crossentropy');
  });
});
