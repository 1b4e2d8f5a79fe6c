import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabReply, LabRequest } from '../../src/protocol/lab';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { answer, beginTraining, endTraining } from '../../workers/kernel/lab';
import type { KernelState } from '../../workers/kernel/kernelState';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { chain } from '../fixtures/graphs/reference';
import { kernelHarness, type TestKernel } from './kernelHarness';

// Evaluate, Predict, samples, saving and loading weights, and the marks and
// metrics a graph run sends, on real tfjs (cpu backend).

let freshKernel: () => TestKernel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  freshKernel = kernelHarness();
});

const ask = async <Op extends LabRequest['op']>(kernel: KernelState, request: LabRequest & { op: Op }) =>
  (await answer(kernel, request)) as Extract<LabReply, { op: Op }>;
const quiet = makeDisplay(() => undefined);
const mlp = chain(['Input', { shape: [2] }], ['Dense', { units: 16, activation: 'relu' }], ['Dense', { units: 2, activation: 'softmax' }]);
const gaussian = {
  dataset: 'gaussian',
  samples: 300,
  epochs: 15,
  batch_size: 32,
  learning_rate: 0.05,
  loss: 'sparse_categorical_crossentropy',
  metrics: ['accuracy', 'precision', 'recall'],
};

/** A fresh kernel with the two-blob classifier trained in it, as model `blobs`. */
async function trainedBlobs(): Promise<TestKernel> {
  const k = freshKernel();
  await trainGraph(k.state, quiet, 'blobs', mlp, gaussian);
  return k;
}

describe('the kernel lab', () => {
  it('evaluates exactly: per-class precision and recall agree with the confusion matrix and accuracy', async () => {
    const { state, sent } = await trainedBlobs();
    const epoch = sent.find((m) => m.type === 'trainEpoch');
    // The chosen metrics and the learning rate reach the charts.
    expect(Object.keys(epoch?.type === 'trainEpoch' ? epoch.values : {})).toEqual(
      expect.arrayContaining(['loss', 'acc', 'precision', 'recall', 'lr', 'val_loss']),
    );
    const { evaluation } = await ask(state, { op: 'evaluate', model: 'blobs' });
    const m = evaluation.confusion!;
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(60);
    expect(evaluation.accuracy).toBeCloseTo((m[0][0] + m[1][1]) / 60, 6);
    expect(evaluation.perClass![1].precision).toBeCloseTo(m[1][1] / (m[0][1] + m[1][1]), 6);
    expect(evaluation.perClass![1].recall).toBeCloseTo(m[1][1] / (m[1][0] + m[1][1]), 6);
    expect(evaluation.accuracy).toBeGreaterThan(0.9);
  });

  it('gives the report Train ended with when asked to reuse it, and evaluates afresh otherwise', async () => {
    const { state } = await trainedBlobs();
    const { evaluation: afresh } = await ask(state, { op: 'evaluate', model: 'blobs' });
    const { evaluation: kept } = await ask(state, { op: 'evaluate', model: 'blobs', reuse: true });
    expect(kept).toBe(afresh);
    const { evaluation: again } = await ask(state, { op: 'evaluate', model: 'blobs' });
    expect(again).not.toBe(afresh);
    expect(again).toEqual(afresh);
  });

  it('lists the samples behind a confusion-matrix cell, most confident first, and predicts one of them', async () => {
    const { state } = await trainedBlobs();
    const { evaluation } = await ask(state, { op: 'evaluate', model: 'blobs' });
    const { list } = await ask(state, { op: 'samples', model: 'blobs', truth: 0, predicted: 0, limit: 5 });
    expect(list.total).toBe(evaluation.confusion![0][0]);
    expect(list.samples.length).toBe(Math.min(5, list.total));
    const conf = list.samples.map((s) => s.confidence);
    expect([...conf].sort((a, b) => b - a)).toEqual(conf);
    expect(list.samples[0].view.kind).toBe('values');
    const { prediction } = await ask(state, { op: 'predict', model: 'blobs', input: { kind: 'sample', index: list.samples[0].index } });
    expect(prediction.truth).toBe(evaluation.classes![0]);
    expect(prediction.probabilities[0]).toBeCloseTo(list.samples[0].confidence, 5);
    expect(prediction.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('exports the model and loads its weights back into a fresh graph of the same architecture, and refuses another', async () => {
    const { state } = await trainedBlobs();
    const { files } = await ask(state, { op: 'exportModel', model: 'blobs' });
    expect(files.weightSpecs.map((w) => w.shape)).toEqual([[2, 16], [16], [16, 2], [2]]);
    const x = tf.tensor2d([
      [0.3, -0.2],
      [1, 1],
    ]);
    const trained = ((globalThis as Record<string, unknown>).blobs as tf.LayersModel).predict(x) as tf.Tensor;
    await trainGraph(state, quiet, 'blobs', mlp, { ...gaussian, epochs: 1, learning_rate: 0.0001 });
    const fresh = ((globalThis as Record<string, unknown>).blobs as tf.LayersModel).predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(fresh.sub(trained))).dataSync()[0]).toBeGreaterThan(1e-3);
    const { message } = await ask(state, { op: 'loadWeights', model: 'blobs', files: { ...files, weightData: files.weightData.slice(0) } });
    expect(message).toMatch(/Loaded 4 weight tensors/);
    const reloaded = ((globalThis as Record<string, unknown>).blobs as tf.LayersModel).predict(x) as tf.Tensor;
    expect(Array.from(reloaded.dataSync())).toEqual(Array.from(trained.dataSync()));

    const wider = chain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 32, activation: 'relu' }],
      ['Dense', { units: 2, activation: 'softmax' }],
    );
    await trainGraph(state, quiet, 'blobs', wider, { ...gaussian, epochs: 1 });
    await expect(answer(state, { op: 'loadWeights', model: 'blobs', files })).rejects.toThrow(
      /another architecture: .*\[2,16\] in the file but \[2,32\]/,
    );
    tf.dispose([x, trained, fresh, reloaded]);
  });

  it('marks early stopping and the best epoch, and restores the best weights', async () => {
    const { state, sent } = freshKernel();
    // A learning rate far too high: validation loss stops improving almost at once.
    await trainGraph(state, quiet, 'jumpy', mlp, {
      ...gaussian,
      epochs: 60,
      learning_rate: 3,
      optimizer: 'sgd',
      early_stopping: true,
      patience: 2,
    });
    const marks = sent.flatMap((m) => (m.type === 'trainEpoch' || m.type === 'trainEnd' ? (m.marks ?? []) : []));
    const stop = marks.find((m) => m.kind === 'early_stop');
    const best = marks.find((m) => m.kind === 'best_epoch');
    expect(stop).toBeDefined();
    expect(best!.epoch).toBeLessThan(stop!.epoch);
    expect(best!.text).toMatch(/weights restored/);
    const epochs = sent.filter((m) => m.type === 'trainEpoch');
    expect(epochs.length).toBe(stop!.epoch + 1);
    // The mark arrives with the epoch it belongs to.
    const carrier = epochs.find((m) => m.type === 'trainEpoch' && m.marks?.some((k) => k.kind === 'early_stop'));
    expect(carrier?.type === 'trainEpoch' && carrier.epoch).toBe(stop!.epoch);
  });

  it('watches accuracy when asked to (tfjs logs it as val_acc), and refuses Evaluate while a run trains the model', async () => {
    const { state, sent } = freshKernel();
    await trainGraph(state, quiet, 'byAccuracy', mlp, {
      ...gaussian,
      epochs: 60,
      learning_rate: 3,
      optimizer: 'sgd',
      early_stopping: true,
      patience: 2,
      monitor: 'val_accuracy',
    });
    const marks = sent.flatMap((m) => (m.type === 'trainEpoch' || m.type === 'trainEnd' ? (m.marks ?? []) : []));
    expect(marks.find((m) => m.kind === 'best_epoch')?.text).toMatch(/^best val_acc /);
    beginTraining(state, 'byAccuracy');
    await expect(answer(state, { op: 'evaluate', model: 'byAccuracy' })).rejects.toThrow(/is training: try again/);
    endTraining(state, 'byAccuracy');
  });

  it('says which loss fits when a class loss meets a number to predict', async () => {
    const before = tf.memory().numTensors;
    const dense = chain(['Input', { shape: [30, 1] }], ['Flatten', {}], ['Dense', { units: 1 }]);
    await expect(
      trainGraph(freshKernel().state, quiet, 'wave', dense, { dataset: 'sine', samples: 100, epochs: 1, loss: 'categorical_crossentropy' }),
    ).rejects.toThrow(/needs classes.*choose mse, mae or huber/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on MNIST handed over as the shipped compressed file', async () => {
    const { state } = freshKernel();
    const compressed = new Uint8Array(readFileSync('public/data/mnist.lbd'));
    const { count } = await ask(state, { op: 'dataset', key: 'mnist', payload: { kind: 'shipped', dataset: 'mnist', compressed } });
    expect(count).toBe(22_000);
    const logistic = chain(['Input', { shape: [28, 28, 1] }], ['Flatten', {}], ['Dense', { units: 10, activation: 'softmax' }]);
    await trainGraph(state, quiet, 'digits', logistic, {
      dataset: 'mnist',
      samples: 2000,
      epochs: 2,
      batch_size: 64,
      learning_rate: 0.01,
      loss: 'sparse_categorical_crossentropy',
      validation_split: 0,
    });
    const { evaluation } = await ask(state, { op: 'evaluate', model: 'digits' });
    expect(evaluation.count).toBe(2000);
    expect(evaluation.accuracy).toBeGreaterThan(0.8);
    const { prediction } = await ask(state, { op: 'predict', model: 'digits', input: { kind: 'pixels', data: new Float32Array(784) } });
    expect(prediction.classes).toHaveLength(10);
    await expect(answer(state, { op: 'predict', model: 'digits', input: { kind: 'pixels', data: new Float32Array(10) } })).rejects.toThrow(
      /takes 28 × 28 × 1/,
    );
  }, 60_000);

  it('says what to do when a model was never trained with Train', async () => {
    const { state } = freshKernel();
    (globalThis as Record<string, unknown>).untrained = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    await expect(answer(state, { op: 'evaluate', model: 'untrained' })).rejects.toThrow(/Train it first/);
    await expect(answer(state, { op: 'evaluate', model: 'nothing' })).rejects.toThrow(/no model called nothing/);
  });
});
