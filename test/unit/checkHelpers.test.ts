import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CELL_GLOBALS_DTS, CHECK_MEMBERS } from '../../src/features/code-cell/cellGlobals';
import { makeCheckApi, type CheckApi } from '../../workers/kernel/check/checkApi';
import { NotYet } from '../../workers/kernel/check/notYet';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { chain } from '../fixtures/graphs/reference';
import { kernelHarness, type TestKernel } from './kernelHarness';
import { useLearnerGlobals } from './learnerGlobals';

let freshKernel: () => TestKernel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  freshKernel = kernelHarness();
});

// The helpers read the learner's globals, as cells leave them; each test removes the ones it made.
const { define, adopt } = useLearnerGlobals();

function helpers(): { check: CheckApi; count: () => number; kernel: TestKernel } {
  const kernel = freshKernel();
  const { api, count } = makeCheckApi(kernel.state);
  return { check: api, count, kernel };
}

/** The learner's message a helper call stops with, or null when it passes; any other error fails the test. */
async function notYet(call: () => unknown): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (e) {
    if (e instanceof NotYet) return e.message;
    throw e;
  }
}

/** The shown form of a logged value: 3 significant digits, as check.trained writes it. */
const shown = (v: number) => String(Number(v.toPrecision(3)));

describe('check.value and check.equal', () => {
  it('pass on right answers within the tolerance, and say what differs on wrong ones', async () => {
    const { check } = helpers();
    define('mean', 2.5);
    expect(await notYet(() => check.value('mean', 2.5000001))).toBeNull();
    expect(await notYet(() => check.value('mean', 2.6))).toBe('mean is 2.5; expected 2.6');
    expect(await notYet(() => check.value('mean', 2.49, { tol: 0.1 }))).toBeNull();
    define('x', [0.1, 0.2, 0.3, 0.5]);
    expect(await notYet(() => check.value('x', [0.1, 0.2, 0.3, 0.6]))).toBe('x[3] is 0.5; expected 0.6');
    expect(await notYet(() => check.value('x', [0.1, 0.2, 0.3]))).toBe('x has 4 elements; the task needs 3');
    expect(await notYet(() => check.equal(5, 6))).toBe('the value is 5; expected 6');
    expect(await notYet(() => check.equal('5', 5, { name: 'n' }))).toBe('n is "5"; expected 5');
    expect(await notYet(() => check.equal('cat', 'dog'))).toBe('the value is "cat"; expected "dog"');
    expect(await notYet(() => check.equal(null, undefined))).toBe('the value is null; expected undefined');
    expect(await notYet(() => check.equal(true, true))).toBeNull();
    expect(await notYet(() => check.equal(new Float32Array([0.1, 0.2]), [0.1, 0.2]))).toBeNull();
  });

  it('says where a NaN is, before anything else', async () => {
    const { check } = helpers();
    define('x', [
      [1, 2],
      [NaN, 4],
    ]);
    expect(await notYet(() => check.value('x', [[1, 2]]))).toBe('x has NaN at [1, 0]');
    define('y', NaN);
    expect(await notYet(() => check.value('y', 6))).toBe('y is NaN; expected 6');
    define('t', tf.tensor2d([[1, NaN]]));
    expect(await notYet(() => check.value('t', [[1, 2]]))).toBe('t has NaN at [0, 1]');
    expect(await notYet(() => check.equal({ w: [1, NaN] }, { w: [1, 2] }, { name: 'p' }))).toBe('p.w[1] is NaN');
  });

  it('compares tensors by shape first, then values, allowing float32 rounding', async () => {
    const { check } = helpers();
    define('x', tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]));
    const wanted = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(await notYet(() => check.value('x', wanted))).toBe('x has shape [2, 3]; the task needs [3, 2]');
    expect(await notYet(() => check.value('x', tf.tensor2d(wanted)))).toBe('x has shape [2, 3]; the task needs [3, 2]');
    expect(
      await notYet(() =>
        check.value('x', [
          [1, 2, 3],
          [4, 0, 6],
        ]),
      ),
    ).toBe('x[1][1] is 5; expected 0');
    expect(await notYet(() => check.value('x', tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3])))).toBeNull();
    // 1000.1 is 1000.0999755859375 in float32: 2.4e-5 off, past the 1e-6 tolerance, and still right.
    expect(await notYet(() => check.equal(tf.tensor1d([1000.1]), [1000.1]))).toBeNull();
    expect(await notYet(() => check.equal(tf.scalar(3), 3))).toBeNull();
    expect(await notYet(() => check.equal(tf.tensor1d([3]), 3, { name: 's' }))).toBe(
      's has shape [1]; the task needs [] (a single number)',
    );
    expect(await notYet(() => check.equal(tf.tensor1d([1, 0], 'bool'), [true, false]))).toBeNull();
    expect(await notYet(() => check.equal(tf.tensor1d([1, 0], 'bool'), [1, 1]))).toBe('the value[1] is 0; expected 1');
  });

  it('tells the learner their tensor was disposed', async () => {
    const { check } = helpers();
    const t = tf.tensor1d([1, 2]);
    t.dispose();
    define('t', t);
    expect(await notYet(() => check.value('t', [1, 2]))).toBe(
      't was disposed (by dispose() or a tf.tidy around it), so its values are gone: keep it, then run your cell again.',
    );
  });

  it('compares plain objects by their keys', async () => {
    const { check } = helpers();
    define('cfg', { units: 10, activation: 'relu' });
    expect(await notYet(() => check.value('cfg', { units: 10, activation: 'relu' }))).toBeNull();
    expect(await notYet(() => check.value('cfg', { units: 12, activation: 'relu' }))).toBe('cfg.units is 10; expected 12');
    expect(await notYet(() => check.value('cfg', { units: 10, activation: 'relu', bias: true }))).toBe(
      'cfg has no key "bias"; the task needs one',
    );
    expect(await notYet(() => check.value('cfg', { units: 10 }))).toBe('cfg has a key "activation" the task does not ask for');
  });

  it('says a variable is not defined yet', async () => {
    const { check } = helpers();
    expect(await notYet(() => check.value('nope', 1))).toBe(
      'nope is not defined yet: write it in your cell and run the cell (and the cells above it).',
    );
    expect(await notYet(() => check.defined('nope'))).toMatch(/^nope is not defined yet/);
  });
});

describe('check.function', () => {
  it('calls the learner’s function (async too) with each case', async () => {
    const { check } = helpers();
    define('add', (a: number, b: number) => a + b);
    define('addLater', async (a: number, b: number) => a + b);
    define('mul', (a: number, b: number) => a * b);
    const cases = [
      { args: [2, 2], expected: 4 },
      { args: [2, 3], expected: 5 },
    ];
    expect(await notYet(() => check.function('add', cases))).toBeNull();
    expect(await notYet(() => check.function('addLater', cases))).toBeNull();
    expect(await notYet(() => check.function('mul', cases))).toBe('mul(2, 3) returned 6; expected 5');
  });

  it('says what the function threw, and when it is no function at all', async () => {
    const { check } = helpers();
    define('root', (n: number) => {
      if (n < 0) throw new RangeError('n must not be negative');
      return Math.sqrt(n);
    });
    expect(await notYet(() => check.function('root', [{ args: [-1], expected: NaN }]))).toBe(
      'root(-1) threw RangeError: n must not be negative',
    );
    define('f', 5);
    expect(await notYet(() => check.function('f', [{ args: [], expected: 5 }]))).toBe('`f` is a number, not a function');
    expect(await notYet(() => check.function('missing', []))).toMatch(/^missing is not defined yet/);
  });

  it('shows tensor and long array arguments briefly, and compares tensor results', async () => {
    const { check } = helpers();
    define('double', (t: tf.Tensor) => t.mul(2));
    define('total', (a: number[]) => a.length);
    const t = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    // double(t) is [[2, 4], [6, 8]]: the case expects `last` at [1][1].
    const doubled = (last: number) =>
      notYet(() =>
        check.function('double', [
          {
            args: [t],
            expected: [
              [2, 4],
              [6, last],
            ],
          },
        ]),
      );
    expect(await doubled(8)).toBeNull();
    expect(await doubled(9)).toBe('double(a tensor of shape [2, 2])[1][1] is 8; expected 9');
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(await notYet(() => check.function('total', [{ args: [ten], expected: 55 }]))).toBe(
      'total([1, 2, 3, 4, … (10 in all)]) returned 10; expected 55',
    );
  });
});

/** 784 → 128 → 10: 101,770 parameters. */
const mnistMlp = () =>
  tf.sequential({
    layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })],
  });

describe('check.model', () => {
  it('checks a Sequential model’s layers, shapes and parameters', async () => {
    const { check } = helpers();
    const model = mnistMlp();
    define('model1', model);
    const spec = { layers: { Dense: 2 }, layerCount: 2, inputShape: [null, 784], outputShape: [null, 10], inputs: 1, outputs: 1 };
    expect(check.model('model1', spec)).toBe(model);
    expect(await notYet(() => check.model('model1', { layers: { Dense: 3 } }))).toBe('model1 has 2 Dense layers; the task asks for 3');
    expect(await notYet(() => check.model('model1', { layers: { Conv2D: { atLeast: 1 } } }))).toBe(
      'model1 has no Conv2D layers; the task asks for at least 1',
    );
    expect(await notYet(() => check.model('model1', { layers: { Dense: { atLeast: 3, atMost: 5 } } }))).toBe(
      'model1 has 2 Dense layers; the task asks for 3 to 5',
    );
    expect(await notYet(() => check.model('model1', { outputShape: [null, 1] }))).toBe(
      'the output shape of model1 is (None, 10); the task needs (None, 1)',
    );
    expect(await notYet(() => check.model('model1', { inputShape: [null, 28, 28] }))).toBe(
      'the input shape of model1 is (None, 784); the task needs (None, 28, 28)',
    );
    expect(await notYet(() => check.model('model1', { maxParams: 50_000 }))).toBe(
      'model1 has 101,770 parameters; the task allows fewer than 50,000',
    );
    // Fewer than: the count itself is too many.
    expect(await notYet(() => check.model('model1', { maxParams: 101_770 }))).toMatch(/allows fewer than 101,770$/);
    expect(await notYet(() => check.model('model1', { minParams: 200_000 }))).toBe(
      'model1 has 101,770 parameters; the task asks for at least 200,000',
    );
    expect(await notYet(() => check.model('model1', { outputs: 2 }))).toBe('model1 has 1 output; the task asks for 2');
    expect(await notYet(() => check.model('model1', { skipConnection: true }))).toBe(
      "model1 has no skip connection: add a layer's input to a later layer's output with Add (or Concatenate)",
    );
    define('one', tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 1 })] }));
    expect(await notYet(() => check.model('one', { layers: { Dense: 2 } }))).toBe('one has 1 Dense layer; the task asks for 2');
    define('notModel', 5);
    expect(await notYet(() => check.model('notModel', {}))).toBe(
      '`notModel` is a number, not a model: build it with tf.sequential() or tf.model(), or in a graph cell',
    );
  });

  it('checks a functional model with two outputs, not counting its InputLayer', async () => {
    const { check } = helpers();
    const input = tf.input({ shape: [4] });
    const hidden = tf.layers.dense({ units: 8 }).apply(input) as tf.SymbolicTensor;
    const classes = tf.layers.dense({ units: 10 }).apply(hidden) as tf.SymbolicTensor;
    const value = tf.layers.dense({ units: 1 }).apply(hidden) as tf.SymbolicTensor;
    define('heads', tf.model({ inputs: input, outputs: [classes, value] }));
    expect(
      await notYet(() =>
        check.model('heads', {
          layers: { Dense: 3, InputLayer: 0 },
          layerCount: 3,
          outputs: 2,
          outputShape: [
            [null, 10],
            [null, 1],
          ],
        }),
      ),
    ).toBeNull();
    expect(await notYet(() => check.model('heads', { outputs: 1 }))).toBe('heads has 2 outputs; the task asks for 1');
    expect(await notYet(() => check.model('heads', { outputShape: [null, 10] }))).toBe(
      'the output shapes of heads are [(None, 10), (None, 1)]; the task needs (None, 10)',
    );
    expect(await notYet(() => check.model('heads', { inputShape: [null, 4] }))).toBeNull();
  });

  it('finds a skip connection, and does not take two parallel branches for one', async () => {
    const { check } = helpers();
    const dense = () => tf.layers.dense({ units: 8 });
    const x = tf.input({ shape: [8] });
    const twice = dense().apply(dense().apply(x)) as tf.SymbolicTensor;
    define('residual', tf.model({ inputs: x, outputs: tf.layers.add().apply([x, twice]) as tf.SymbolicTensor }));
    expect(await notYet(() => check.model('residual', { skipConnection: true }))).toBeNull();

    const y = tf.input({ shape: [8] });
    const first = dense().apply(y) as tf.SymbolicTensor;
    const later = dense().apply(dense().apply(first)) as tf.SymbolicTensor;
    const concat = tf.layers.concatenate().apply([first, later]) as tf.SymbolicTensor;
    define('dense_net', tf.model({ inputs: y, outputs: concat }));
    expect(await notYet(() => check.model('dense_net', { skipConnection: true }))).toBeNull();

    const z = tf.input({ shape: [8] });
    const branches = tf.layers.add().apply([dense().apply(z), dense().apply(dense().apply(z))] as tf.SymbolicTensor[]);
    define('parallel', tf.model({ inputs: z, outputs: branches as tf.SymbolicTensor }));
    expect(await notYet(() => check.model('parallel', { skipConnection: true }))).toMatch(/^parallel has no skip connection/);

    // Two Adds, but only one a skip: the second adds two branches of the first (tutorial 5's wrong answer).
    const w = tf.input({ shape: [8] });
    const block = tf.layers.add().apply([w, dense().apply(dense().apply(w))] as tf.SymbolicTensor[]) as tf.SymbolicTensor;
    const siblings = tf.layers.add().apply([dense().apply(block), dense().apply(block)] as tf.SymbolicTensor[]);
    define('one_skip', tf.model({ inputs: w, outputs: siblings as tf.SymbolicTensor }));
    expect(await notYet(() => check.model('one_skip', { layers: { Add: 2 }, skipConnection: 1 }))).toBeNull();
    expect(await notYet(() => check.model('one_skip', { skipConnection: 2 }))).toBe('one_skip has 1 skip connection; the task asks for 2');
  });
});

/** A tiny classifier and its data: 32 points of 8 values, 2 classes. */
function classifier(optimizer: string | tf.Optimizer = 'adam'): { model: tf.LayersModel; x: tf.Tensor; y: tf.Tensor } {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [8], units: 8, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax' })],
  });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.randomNormal([32, 8], 0, 1, 'float32', 7);
  const y = tf.tensor1d(
    Array.from({ length: 32 }, (_, i) => i % 2),
    'float32',
  );
  return { model, x, y };
}

describe('check.trained', () => {
  it('reads the goal from the last run: not trained, params first, the last epoch’s logs, aliases and missing metrics', async () => {
    const { check, kernel } = helpers();
    const { model, x, y } = classifier();
    define('clf', model);
    expect(await notYet(() => check.trained('clf', { metric: 'val_accuracy', atLeast: 0.5 }))).toBe(
      'clf has not been trained yet: press Train (or run clf.fit) first, then Check.',
    );
    // An oversized model is told so before it is trained.
    expect(await notYet(() => check.trained('clf', { metric: 'val_accuracy', maxParams: 10 }))).toBe(
      'clf has 90 parameters; the task allows fewer than 10',
    );
    const history = await model.fit(x, y, { epochs: 3, batchSize: 8, validationSplit: 0.25 });
    const record = kernel.state.fits.get(model);
    expect(record).toMatchObject({ epochs: 3, epochsRun: 3, batchSize: 8, validationSplit: 0.25, optimizer: 'Adam', callbacks: [] });
    const valAcc = history.history.val_acc[2] as number;
    const valLoss = history.history.val_loss[2] as number;
    expect(record?.final.val_acc).toBeCloseTo(valAcc, 6);
    // Goals no run can reach, so the message is tested whatever the run learned.
    expect(await notYet(() => check.trained('clf', { metric: 'val_accuracy', atLeast: 1.5 }))).toBe(
      `val_accuracy ${shown(valAcc)}; the goal is at least 1.5`,
    );
    expect(await notYet(() => check.trained('clf', { metric: 'val_acc', atLeast: 1.5 }))).toBe(
      `val_acc ${shown(valAcc)}; the goal is at least 1.5`,
    );
    expect(await notYet(() => check.trained('clf', { metric: 'val_loss', atMost: -1 }))).toBe(
      `val_loss ${shown(valLoss)}; the goal is at most -1`,
    );
    expect(await notYet(() => check.trained('clf', { metric: 'val_accuracy', atLeast: 0, atMost: 1 }))).toBeNull();
    expect(await notYet(() => check.trained('clf', { metric: 'mae', atMost: 1 }))).toBe(
      "clf's last run did not log mae; it logged loss, accuracy, val_loss, val_accuracy.",
    );
    // The test split's metrics come from a graph cell's Train only.
    expect(await notYet(() => check.trained('clf', { metric: 'test_accuracy', atLeast: 0.5 }))).toMatch(
      /^test_accuracy is measured on the test split when clf is trained with its graph cell's Train button/,
    );
    await model.fit(x, y, { epochs: 1 });
    expect(await notYet(() => check.trained('clf', { metric: 'val_accuracy', atLeast: 0.5 }))).toMatch(
      /^clf's last run did not log val_accuracy; it logged loss, accuracy\. Validation metrics need a validationSplit/,
    );
    // A new model under the same name has not been trained.
    define('clf', classifier().model);
    expect(await notYet(() => check.trained('clf', { metric: 'accuracy', atLeast: 0.5 }))).toMatch(/^clf has not been trained yet/);
    tf.dispose([x, y]);
  });

  it('shows more digits when 3 would round the value onto the goal it missed', () => {
    const { check, kernel } = helpers();
    const { model } = classifier();
    define('clf', model);
    kernel.state.fits.set(model, { epochs: 1, epochsRun: 1, callbacks: [], optimizer: 'Adam', final: { acc: 0.9499 } });
    expect(() => check.trained('clf', { metric: 'accuracy', atLeast: 0.95 })).toThrow('accuracy 0.9499; the goal is at least 0.95');
  });
});

describe('check.training', () => {
  it('reads a code fit’s optimizer, callbacks, epochs run and learning rate', async () => {
    const { check, kernel } = helpers();
    const { model, x, y } = classifier('sgd');
    define('clf', model);
    // A run stopped after its second epoch still leaves a record of what it ran.
    const stopAtTwo = {
      onEpochEnd: async (epoch: number) => {
        if (epoch === 1) model.stopTraining = true;
      },
    };
    await model.fit(x, y, {
      epochs: 10,
      batchSize: 16,
      callbacks: [tf.callbacks.earlyStopping({ monitor: 'loss', patience: 100 }), stopAtTwo] as never,
    });
    expect(kernel.state.fits.get(model)).toMatchObject({ epochs: 10, epochsRun: 2, callbacks: ['EarlyStopping', 'CustomCallback'] });
    expect(await notYet(() => check.training('clf', { optimizer: 'SGD', callbacks: ['EarlyStopping'], minEpochs: 2 }))).toBeNull();
    expect(await notYet(() => check.training('clf', { optimizer: 'adam' }))).toBe('clf was trained with sgd; the task asks for adam');
    expect(await notYet(() => check.training('clf', { callbacks: ['early_stopping', 'ReduceLROnPlateau'] }))).toBe(
      'clf was trained without ReduceLROnPlateau; the task asks for it',
    );
    expect(await notYet(() => check.training('clf', { minEpochs: 5 }))).toBe('clf was trained for 2 epochs; the task asks for at least 5');
    expect(await notYet(() => check.training('clf', { maxLearningRate: 0.001 }))).toBe(
      'clf was trained with a learning rate of 0.01; the task allows at most 0.001',
    );
    expect(await notYet(() => check.training('clf', { schedule: 'cosine' }))).toMatch(
      /^clf was trained in code, where its learning-rate schedule cannot be read/,
    );
    define('fresh', classifier().model);
    expect(await notYet(() => check.training('fresh', { optimizer: 'adam' }))).toBe(
      'fresh has not been trained yet: press Train (or run fresh.fit) first, then Check.',
    );
    tf.dispose([x, y]);
  });

  it('reads a graph cell’s Train from its settings, and its test split after it', async () => {
    const { check, kernel } = helpers();
    const graph = chain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 8, activation: 'relu' }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    );
    const settings = { dataset: 'spiral', samples: 200, epochs: 3, optimizer: 'sgd', schedule: 'cosine', early_stopping: true };
    await trainGraph(
      kernel.state,
      makeDisplay(() => undefined),
      'net',
      graph,
      settings,
    );
    const model = adopt('net') as tf.LayersModel;
    expect(kernel.state.fits.get(model)?.settings).toMatchObject(settings);
    expect(await notYet(() => check.training('net', { optimizer: 'sgd', schedule: 'cosine', callbacks: ['EarlyStopping'] }))).toBeNull();
    expect(await notYet(() => check.training('net', { schedule: 'constant' }))).toBe(
      'net was trained with the cosine schedule; the task asks for constant',
    );
    expect(await notYet(() => check.training('net', { callbacks: ['ReduceLROnPlateau'] }))).toBe(
      'net was trained without ReduceLROnPlateau; the task asks for it',
    );
    const accuracy = kernel.state.trained.get('net')?.evaluation?.accuracy;
    expect(accuracy).toBeTypeOf('number');
    expect(await notYet(() => check.trained('net', { metric: 'test_accuracy', atLeast: 2 }))).toBe(
      `test_accuracy ${shown(accuracy ?? NaN)}; the goal is at least 2`,
    );
    expect(await notYet(() => check.trained('net', { metric: 'test_accuracy', atLeast: 0 }))).toBeNull();
    expect(await notYet(() => check.trained('net', { metric: 'test_mae', atMost: 1 }))).toBe(
      "net's test report has no test_mae; it has test_loss, test_accuracy.",
    );
    // Trained in code since: the Train's test report no longer describes these weights.
    await model.fit(tf.zeros([4, 2]), tf.zeros([4, 1]), { epochs: 1 });
    expect(await notYet(() => check.trained('net', { metric: 'test_accuracy', atLeast: 0 }))).toMatch(
      /^test_accuracy is measured at the end of a Train, and net has been trained in code since/,
    );
  });
});

describe('check.ok and the count of checks made', () => {
  it('counts every helper call, passed or failed', async () => {
    const { check, count } = helpers();
    expect(count()).toBe(0);
    expect(await notYet(() => check.ok(1 + 1 === 2, 'never shown'))).toBeNull();
    expect(await notYet(() => check.ok(0, 'make the first layer use relu'))).toBe('make the first layer use relu');
    expect(await notYet(() => check.value('nope', 1))).not.toBeNull();
    expect(count()).toBe(3);
  });

  it('is declared for the editor with exactly the members the kernel provides', () => {
    const { check } = helpers();
    expect([...CHECK_MEMBERS].sort()).toEqual(Object.keys(check).sort());
    for (const member of CHECK_MEMBERS) expect(CELL_GLOBALS_DTS).toContain(`  ${member}(`);
    expect(CELL_GLOBALS_DTS).toContain('declare const check: {');
  });
});
