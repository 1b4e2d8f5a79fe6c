import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisplayOutput } from '../../src/protocol/display';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { answer, labelsFor } from '../../workers/kernel/lab';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { chain } from '../fixtures/graphs/reference';
import { kernelHarness, type TestKernel } from './kernelHarness';

let freshKernel: () => TestKernel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  freshKernel = kernelHarness();
});

const mlp = chain(['Input', { shape: [2] }], ['Dense', { units: 8, activation: 'relu' }], ['Dense', { units: 1, activation: 'sigmoid' }]);
const settings = { dataset: 'xor', samples: 200, epochs: 10, batch_size: 32, learning_rate: 0.05, loss: 'binary_crossentropy' };

describe('training a graph in the kernel', () => {
  it('reports numTensors each epoch, flat over 10 epochs', async () => {
    const { state, sent } = freshKernel();
    const shown: DisplayOutput[] = [];
    await trainGraph(
      state,
      makeDisplay((o) => shown.push(o)),
      'leakCheck',
      mlp,
      settings,
    );
    const counts = sent.flatMap((m) => (m.type === 'trainEpoch' ? [m.numTensors] : []));
    expect(counts).toHaveLength(10);
    expect(new Set(counts).size).toBe(1);
    expect(shown.map((o) => o.kind)).toEqual(['markdown']);
    const before = tf.memory().numTensors;
    const reply = await answer(state, { op: 'evaluate', model: 'leakCheck' });
    if (reply.op !== 'evaluate') throw new Error('wrong reply');
    expect(reply.evaluation.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(40);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves no tensors behind over 5 train-and-stop cycles', async () => {
    const counts: number[] = [];
    const kernel = freshKernel();
    const { sent } = kernel;
    for (let i = 0; i < 5; i++) {
      kernel.stop = true; // each run is stopped at its first batch
      await trainGraph(
        kernel.state,
        makeDisplay(() => undefined),
        'cycle',
        mlp,
        settings,
      );
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    // Each really was stopped, after its first batch and before its 10 epochs ran.
    const ends = sent.filter((m) => m.type === 'trainEnd');
    expect(ends.slice(-5).map((m) => m.type === 'trainEnd' && m.stopped)).toEqual([true, true, true, true, true]);
  });

  it('keeps one dataset on the device between runs: the same data is reused, other data replaces it', async () => {
    const { state } = freshKernel();
    await trainGraph(
      state,
      makeDisplay(() => undefined),
      'reuse',
      mlp,
      settings,
    );
    const afterFirst = tf.memory().numTensors;
    await trainGraph(
      state,
      makeDisplay(() => undefined),
      'reuse',
      mlp,
      settings,
    );
    expect(tf.memory().numTensors).toBe(afterFirst);
    await trainGraph(
      state,
      makeDisplay(() => undefined),
      'reuse',
      mlp,
      { ...settings, dataset: 'circles' },
    );
    expect(tf.memory().numTensors).toBe(afterFirst);
  });

  it('EarlyStopping restores the best epoch’s weights only when Restore best weights is ticked', async () => {
    // Two blobs are soon told apart: validation accuracy reaches 1 and can only stay there, so the run stops.
    const blobs = { ...settings, dataset: 'gaussian', epochs: 200, monitor: 'val_accuracy', patience: 2, early_stopping: true };
    for (const restore of [true, false]) {
      const shown: DisplayOutput[] = [];
      await trainGraph(
        freshKernel().state,
        makeDisplay((o) => shown.push(o)),
        'early',
        mlp,
        { ...blobs, restore_best_weights: restore },
      );
      const text = shown.map((o) => (o.kind === 'markdown' ? o.text : '')).join('\n');
      expect(text).toMatch(/\*\*Early stopping\*\* at epoch \d+/);
      expect(text).toMatch(
        restore
          ? /The weights of the best epoch \(\d+, val_acc 1\.000\) were restored/
          : /keeps the last epoch's weights; the best was epoch \d+/,
      );
    }
  });

  it('trains with every loss and optimizer in the settings: labels shaped for the loss, and the loss falls', async () => {
    const two = (units: number, activation: string) =>
      chain(['Input', { shape: [2] }], ['Dense', { units: 16, activation: 'tanh' }], ['Dense', { units, activation }]);
    const wave = chain(['Input', { shape: [30, 1] }], ['Flatten'], ['Dense', { units: 1 }]);
    const cases: Array<[string, ReturnType<typeof chain>, Record<string, unknown>]> = [
      ['sparse_categorical_crossentropy', two(2, 'softmax'), { dataset: 'gaussian', optimizer: 'adam' }],
      ['categorical_crossentropy', two(2, 'softmax'), { dataset: 'gaussian', optimizer: 'rmsprop' }],
      ['binary_crossentropy', two(1, 'sigmoid'), { dataset: 'gaussian', optimizer: 'adamw' }],
      ['hinge', two(1, 'tanh'), { dataset: 'gaussian', optimizer: 'sgd', momentum: 0.9 }],
      ['mse', wave, { dataset: 'sine', optimizer: 'adagrad', learning_rate: 0.1 }],
      ['mae', wave, { dataset: 'sine', optimizer: 'sgd', momentum: 0 }],
      ['huber', wave, { dataset: 'sine', optimizer: 'adam' }],
    ];
    for (const [loss, graph, extra] of cases) {
      const { state, sent } = freshKernel();
      await trainGraph(
        state,
        makeDisplay(() => undefined),
        'lossCheck',
        graph,
        { ...settings, epochs: 8, ...extra, loss },
      );
      const losses = sent.flatMap((m) => (m.type === 'trainEpoch' ? [m.values.loss] : []));
      expect(losses, loss).toHaveLength(8);
      expect(losses.every(Number.isFinite), loss).toBe(true);
      expect(losses[7], loss).toBeLessThan(losses[0]);
    }
    // The labels each loss is given: class indices, one-hot rows, -1/1 for hinge, a column otherwise.
    const y = Float32Array.from([0, 1, 1]);
    const shaped = (loss: Parameters<typeof labelsFor>[1]) => tf.tidy(() => labelsFor(y, loss, 2).arraySync());
    expect(shaped('sparse_categorical_crossentropy')).toEqual([0, 1, 1]);
    expect(shaped('categorical_crossentropy')).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(shaped('hinge')).toEqual([[-1], [1], [1]]);
    expect(shaped('binary_crossentropy')).toEqual([[0], [1], [1]]);
  });

  it('follows the learning-rate schedule, down to a tenth by the end of an exponential decay', async () => {
    for (const optimizer of ['adam', 'sgd']) {
      await trainGraph(
        freshKernel().state,
        makeDisplay(() => undefined),
        'scheduled',
        mlp,
        { ...settings, optimizer, schedule: 'exponential', learning_rate: 0.01 },
      );
      const model = (globalThis as Record<string, unknown>).scheduled as tf.LayersModel;
      const opt = model.optimizer as unknown as { learningRate: number };
      expect(opt.learningRate, optimizer).toBeGreaterThan(0.001);
      expect(opt.learningRate, optimizer).toBeLessThan(0.0013);
    }
  });

  it('disposeModel frees a trained model and its optimizer’s state, which model.dispose() alone leaves', async () => {
    const { disposeModel } = await import('../../workers/kernel/buildModel');
    const before = tf.memory().numTensors;
    const build = () => {
      const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3 })] });
      m.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
      return m;
    };
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 3]);
    const bare = build();
    await bare.fit(x, y, { epochs: 1, verbose: 0 });
    bare.dispose();
    expect(tf.memory().numTensors).toBeGreaterThan(before + 2); // Adam's slots outlive the model
    const after = tf.memory().numTensors;
    const freed = build();
    await freed.fit(x, y, { epochs: 1, verbose: 0 });
    disposeModel(freed);
    expect(tf.memory().numTensors).toBe(after);
    tf.dispose([x, y]);
  });

  it('stops with the NaN guard’s message when the loss diverges', async () => {
    const regression = chain(['Input', { shape: [30, 1] }], ['Flatten'], ['Dense', { units: 1 }]);
    await expect(
      trainGraph(
        freshKernel().state,
        makeDisplay(() => undefined),
        'diverging',
        regression,
        { dataset: 'sine', loss: 'mse', optimizer: 'sgd', learning_rate: 10, epochs: 20 },
      ),
    ).rejects.toThrow(
      new RegExp(
        String.raw`Training stopped: the loss became NaN \(not a number\) at epoch \d+, batch \d+\. ` +
          String.raw`The likely cause: the learning rate \(10\) is high: try 1`,
      ),
    );
  });

  it('refuses settings a learner is still typing, naming each field, and trains on nothing in their place', async () => {
    const { state, sent } = freshKernel();
    const half = { ...settings, epochs: '', learning_rate: 0 };
    await expect(
      trainGraph(
        state,
        makeDisplay(() => undefined),
        'halfTyped',
        mlp,
        half,
      ),
    ).rejects.toThrow(
      'Fix Learning rate, Epochs first: Learning rate must be a number above 0, at most 10. Epochs must be a whole number from 1 to 1,000.',
    );
    expect(sent).toEqual([]);
    expect((globalThis as Record<string, unknown>).halfTyped).toBeUndefined();
  });

  it('trains the same model from the same Seed, another from another, and leaves Math.random as it was', async () => {
    const withDropout = chain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 8, activation: 'relu' }],
      ['Dropout', { rate: 0.3 }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    );
    const weightsAfter = async (seed: number) => {
      const { state } = freshKernel();
      await trainGraph(
        state,
        makeDisplay(() => undefined),
        'seeded',
        withDropout,
        { ...settings, epochs: 3, seed },
      );
      const model = (globalThis as Record<string, unknown>).seeded as tf.LayersModel;
      return model.getWeights().map((w) => Array.from(w.dataSync()));
    };
    const random = Math.random;
    const first = await weightsAfter(7);
    expect(await weightsAfter(7)).toEqual(first);
    expect(await weightsAfter(8)).not.toEqual(first);
    expect(Math.random).toBe(random);
  });
});
