import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setNodeTrainable } from '../../src/doc/graphOps';
import { buildChain } from '../../src/graph/build';
import { sameLayers } from '../../src/graph/sameLayers';
import { isToKernel } from '../../src/protocol/messages';
import { fineTuneProblems } from '../../src/training/fineTune';
import { buildModel, disposeModel } from '../../workers/kernel/buildModel';
import { copyWeights } from '../../workers/kernel/copyWeights';
import { defineGraphModel } from '../../workers/kernel/defineModel';
import { answer } from '../../workers/kernel/lab';
import { makeDisplay } from '../../workers/kernel/displayApi';
import { createLiveChannel } from '../../workers/kernel/display/liveChannel';
import { trainGraph } from '../../workers/kernel/trainGraph';
import { kernelHarness } from './kernelHarness';

// Fine-tuning, the second phase of transfer learning (issue 28): a run that goes on from the
// weights the last Train left, with only Trainable changed, its epochs counted on from there.

const freshKernel = kernelHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const graph = buildChain(
  ['Input', { shape: [2] }],
  ['Dense', { units: 8, activation: 'relu' }],
  ['Dense', { units: 8, activation: 'relu' }],
  ['Dense', { units: 1, activation: 'sigmoid' }],
);
// The first Dense frozen, as phase one freezes a backbone; phase two unfreezes it.
const frozen = setNodeTrainable(graph, 'n1', false);
const settings = { dataset: 'spiral', samples: 200, epochs: 3, batch_size: 32, learning_rate: 0.01, validation_split: 0.2, seed: 4 };
const display = () =>
  makeDisplay(() => undefined, {
    channel: createLiveChannel({ send: () => undefined, stopRequested: () => false, running: () => true }),
    runId: 'r',
  });
const weightsOf = (name: string) =>
  Object.fromEntries(
    ((globalThis as Record<string, unknown>)[name] as tf.LayersModel).weights.map((w) => [w.originalName, w.read().arraySync()]),
  );

describe('Fine-tune', () => {
  it('goes on from the trained weights, counts its epochs on from the run it continues, and marks where it began', async () => {
    const { state: kernel, sent } = freshKernel();
    await trainGraph(kernel, display(), 'ft', frozen, settings);
    const trained = weightsOf('ft');
    const model = (globalThis as Record<string, unknown>).ft as tf.LayersModel;
    sent.length = 0;
    await trainGraph(kernel, display(), 'ft', graph, settings, { fineTune: { learningRate: 0.001, epochs: 2 } });
    const epochs = sent.flatMap((m) => (m.type === 'trainEpoch' ? [m.epoch] : []));
    expect(epochs).toEqual([3, 4]);
    const begin = sent.find((m) => m.type === 'trainBegin');
    expect(begin?.type === 'trainBegin' && begin.progress).toMatchObject({ epoch: 4, epochs: 5 });
    // Its first batch is counted after the 3 epochs before it: 4 batches each (160 points less the validation 32, batches of 32).
    const firstBatch = sent.find((m) => m.type === 'trainBatches');
    expect(firstBatch?.type === 'trainBatches' && firstBatch.points[0].step).toBe(3 * 4 + 1);
    const marks = sent.flatMap((m) => (m.type === 'trainEpoch' || m.type === 'trainEnd' ? (m.marks ?? []) : []));
    expect(marks).toEqual([{ kind: 'fine_tune', epoch: 2, text: 'fine-tune from here: learning rate 0.001, 105 of 105 params trainable' }]);
    // A new model under the name, which started from the trained weights (the frozen layer's moved only now, a little).
    const tuned = weightsOf('ft');
    expect((globalThis as Record<string, unknown>).ft).not.toBe(model);
    const first = (w: Record<string, unknown>) => (w['dense/kernel'] as number[][]).flat();
    const moved = first(tuned).map((v, i) => Math.abs(v - first(trained)[i]));
    expect(Math.max(...moved)).toBeGreaterThan(0);
    expect(Math.max(...moved)).toBeLessThan(0.05);
    // Kept for the next phase: a second Fine-tune counts on from epoch 5.
    sent.length = 0;
    await trainGraph(kernel, display(), 'ft', graph, settings, { fineTune: { learningRate: 0.001, epochs: 1 } });
    expect(sent.flatMap((m) => (m.type === 'trainEpoch' ? [m.epoch] : []))).toEqual([5]);
  });

  it('refuses, saying what to do, when there is no trained model or its layers changed', async () => {
    const { state: kernel } = freshKernel();
    delete (globalThis as Record<string, unknown>).fresh;
    await expect(trainGraph(kernel, display(), 'fresh', graph, settings, { fineTune: { learningRate: 0.001, epochs: 1 } })).rejects.toThrow(
      "Fine-tune goes on from the weights fresh's last Train left, and this kernel holds none " +
        '(a restart, or a change to its layers, starts afresh): press Train first.',
    );
    await trainGraph(kernel, display(), 'fresh', graph, settings);
    const wider = buildChain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 16, activation: 'relu' }],
      ['Dense', { units: 8 }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    );
    await expect(trainGraph(kernel, display(), 'fresh', wider, settings, { fineTune: { learningRate: 0.001, epochs: 1 } })).rejects.toThrow(
      'Fine-tune goes on with the layers fresh was trained with, ' +
        'but the weight dense/kernel was (2, 8) and is now (2, 16): press Train to start afresh.',
    );
  });

  it('copies weights only between the same layers, and says which one differs', () => {
    const a = buildModel(graph, 'a');
    const b = buildModel(frozen, 'b');
    expect(copyWeights(a, b)).toBeNull();
    expect(b.getLayer('dense').getWeights()[0].arraySync()).toEqual(a.getLayer('dense').getWeights()[0].arraySync());
    const shorter = buildModel(buildChain(['Input', { shape: [2] }], ['Dense', { units: 8 }], ['Dense', { units: 1 }]), 'c');
    expect(copyWeights(a, shorter)).toBe('the weight dense_2/kernel is no longer in the graph');
    expect(copyWeights(shorter, a)).toBe('the weight dense_1/kernel was (8, 1) and is now (8, 8)');
    for (const m of [a, b, shorter]) disposeModel(m);
  });

  it('a graph that differs only in Trainable or places keeps the same layers; any other change does not', () => {
    expect(sameLayers(graph, frozen)).toBe(true);
    expect(sameLayers(graph, { ...graph, positions: { n1: { x: 500, y: 0 } } })).toBe(true);
    expect(sameLayers(graph, { ...graph, nodes: graph.nodes.map((n) => (n.id === 'n1' ? { ...n, config: { units: 9 } } : n)) })).toBe(
      false,
    );
    expect(sameLayers(graph, { ...graph, edges: graph.edges.slice(1) })).toBe(false);
  });

  it('a Trainable edit keeps the trained weights, compiled for Evaluate; Fine-tune then goes on from them', async () => {
    const { state: kernel } = freshKernel();
    await trainGraph(kernel, display(), 'kept', frozen, settings);
    const trained = (globalThis as Record<string, unknown>).kept as tf.LayersModel;
    const run = await answer(kernel, { op: 'evaluate', model: 'kept', reuse: true });
    // The first box ticked: the same layers, so the weights and the test split stay.
    const { model, kept } = defineGraphModel(kernel, 'kept', graph, true);
    expect(kept).toBe(true);
    expect(model).not.toBe(trained);
    // By name: a frozen layer's weights are listed after the trainable ones, so the two lists differ in order.
    const byName = (m: tf.LayersModel) => Object.fromEntries(m.weights.map((w) => [w.originalName, w.read().arraySync()]));
    expect(byName(model)).toEqual(byName(trained));
    // Evaluate on the rebuilt model (not the stored report): it is compiled, and scores as the trained one did.
    const again = await answer(kernel, { op: 'evaluate', model: 'kept' });
    expect(again.op === 'evaluate' && again.evaluation.loss).toBeCloseTo(run.op === 'evaluate' ? run.evaluation.loss : NaN, 5);
    await trainGraph(kernel, display(), 'kept', graph, settings, { fineTune: { learningRate: 0.001, epochs: 1 } });
    // A change of layers is fresh weights, and nothing to fine-tune from.
    const wider = buildChain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 9 }],
      ['Dense', { units: 8 }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    );
    expect(defineGraphModel(kernel, 'kept', wider, false).kept).toBe(false);
    expect(defineGraphModel(kernel, 'kept', graph, true).kept).toBe(false);
    await expect(trainGraph(kernel, display(), 'kept', graph, settings, { fineTune: { learningRate: 0.001, epochs: 1 } })).rejects.toThrow(
      /press Train first/,
    );
    // Nothing trained under a name: nothing to keep.
    expect(defineGraphModel(kernel, 'never', graph, true).kept).toBe(false);
  });

  it('a Trainable edit during a Train waits for its end, and the rebuilt model then takes the trained weights', async () => {
    const harness = freshKernel();
    const { state: kernel, sent } = harness;
    let rebuilt: tf.LayersModel | null = null;
    // The learner ticks a box while the first epoch ends.
    const push = sent.push.bind(sent);
    sent.push = (...messages) => {
      for (const m of messages)
        if (m.type === 'trainEpoch' && m.epoch === 0 && !rebuilt) rebuilt = defineGraphModel(kernel, 'mid', graph, true).model;
      return push(...messages);
    };
    await trainGraph(kernel, display(), 'mid', frozen, settings);
    const now = (globalThis as Record<string, unknown>).mid as tf.LayersModel;
    expect(rebuilt).not.toBeNull();
    expect(now).toBe(rebuilt);
    const stored = await answer(kernel, { op: 'evaluate', model: 'mid', reuse: true });
    const fresh = await answer(kernel, { op: 'evaluate', model: 'mid' });
    // Scored as the run's own model was: it holds the trained weights, not those it was built with mid-run.
    expect(fresh.op === 'evaluate' && fresh.evaluation.loss).toBeCloseTo(stored.op === 'evaluate' ? stored.evaluation.loss : NaN, 5);
    sent.length = 0;
    await trainGraph(kernel, display(), 'mid', graph, settings, { fineTune: { learningRate: 0.001, epochs: 1 } });
    expect(sent.flatMap((m) => (m.type === 'trainEpoch' ? [m.epoch] : []))).toEqual([3]);
  });

  it('takes the rate and epochs that the cell’s own Learning rate and Epochs take, in the panel and in the kernel’s message check', () => {
    expect(fineTuneProblems({ learningRate: 0.0005, epochs: 6 })).toEqual({});
    expect(fineTuneProblems({ learningRate: 0, epochs: 1.5 })).toEqual({
      learningRate: 'The fine-tune learning rate is a number above 0, at most 10',
      epochs: 'Fine-tune epochs is a whole number from 1 to 1,000',
    });
    expect(fineTuneProblems({ learningRate: NaN, epochs: 1001 })).toEqual({
      learningRate: 'The fine-tune learning rate is a number above 0, at most 10',
      epochs: 'Fine-tune epochs is a whole number from 1 to 1,000',
    });
    const message = (fineTune: unknown) => ({
      type: 'trainGraph',
      runId: 'r',
      cellId: 'c',
      name: 'm',
      graph: {},
      settings: {},
      userKey: '',
      backbones: {},
      fineTune,
    });
    expect(isToKernel(message({ learningRate: 0.001, epochs: 2 }))).toBe(true);
    expect(isToKernel(message(undefined))).toBe(true);
    for (const bad of [{ learningRate: -1, epochs: 2 }, { learningRate: 0.001, epochs: 0.5 }, { learningRate: 11, epochs: 2 }, 'fast'])
      expect(isToKernel(message(bad))).toBe(false);
  });
});
