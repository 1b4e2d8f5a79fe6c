import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from './expectClose';
import { LOSSES, OPTIMIZERS, optimizerCall, suggestLoss } from '../../src/training/compileSpec';
import { AdamW } from '../../workers/kernel/adamw';
import { makeOptimizer } from '../../workers/kernel/optimizers';
import { setLearningRate } from '../../workers/kernel/trainingCallbacks';
import { checkLoss } from '../../src/training/nanGuard';
import { learningRateAt, schedulePreview } from '../../src/training/schedules';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('learning-rate schedules (Keras’s formulas)', () => {
  it('exponential decay, smooth and staircase', () => {
    expect(learningRateAt({ kind: 'exponential', decaySteps: 100, decayRate: 0.5 }, 0.1, 100)).toBeCloseTo(0.05, 10);
    expect(learningRateAt({ kind: 'exponential', decaySteps: 100, decayRate: 0.5 }, 0.1, 50)).toBeCloseTo(0.1 * Math.SQRT1_2, 10);
    expect(learningRateAt({ kind: 'exponential', decaySteps: 100, decayRate: 0.5, staircase: true }, 0.1, 150)).toBeCloseTo(0.05, 10);
  });

  it('polynomial decay ends at its end rate and stays there', () => {
    const s = { kind: 'polynomial', decaySteps: 100, endLearningRate: 0.001, power: 1 } as const;
    expect(learningRateAt(s, 0.1, 50)).toBeCloseTo(0.0505, 10);
    expect(learningRateAt(s, 0.1, 100)).toBeCloseTo(0.001, 10);
    expect(learningRateAt(s, 0.1, 1000)).toBeCloseTo(0.001, 10);
  });

  it('cosine decay halves at the middle and floors at alpha', () => {
    const s = { kind: 'cosine', decaySteps: 100, alpha: 0.1 } as const;
    expect(learningRateAt(s, 1, 0)).toBeCloseTo(1, 10);
    expect(learningRateAt(s, 1, 50)).toBeCloseTo(0.55, 10);
    expect(learningRateAt(s, 1, 200)).toBeCloseTo(0.1, 10);
  });

  it('a preview spans the run', () => {
    const p = schedulePreview({ kind: 'constant' }, 0.01, 1000, 10);
    expect(p).toHaveLength(11);
    expect(p[10]).toEqual({ x: 1000, y: 0.01 });
  });
});

describe('loss and optimizer mapping', () => {
  it('every loss name compiles in tfjs and every optimizer the settings name can be made', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })] });
    for (const spec of Object.values(LOSSES)) {
      const losses = tf.losses as unknown as Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor>;
      const loss = 'viaLosses' in spec ? (yTrue: tf.Tensor, yPred: tf.Tensor) => losses[spec.tfjs](yTrue, yPred) : spec.tfjs;
      expect(() => model.compile({ optimizer: 'sgd', loss }), spec.tfjs).not.toThrow();
    }
    const made = OPTIMIZERS.map((name) => makeOptimizer({ name, learningRate: 0.01 }));
    made.forEach((o) => expect(o).toBeInstanceOf(tf.Optimizer));
    expect(made.map((o) => o.getClassName())).toEqual(['Adam', 'AdamW', 'SGD', 'RMSProp', 'Adagrad']);
    expect(makeOptimizer({ name: 'sgd', momentum: 0.9, learningRate: 0.01 }).getClassName()).toBe('Momentum');
    expect(optimizerCall({ name: 'adamw', learningRate: 0.01 }).args).toEqual([0.01, 0.004]);
  });

  it('AdamW is Keras’s: each step shrinks the weights by lr × weight_decay, then takes Adam’s step, and follows a changed rate', () => {
    // With a constant gradient g, Adam's bias-corrected step is lr · g / (|g| + ε) ≈ lr · sign(g) at every step.
    const w = tf.variable(tf.tensor1d([1, -2]));
    const g = tf.tensor1d([0.5, -0.25]);
    const opt = new AdamW(0.1, 0.5);
    const step = () => opt.minimize(() => w.mul(g).sum<tf.Scalar>(), false, [w]);
    step();
    // 1 · (1 − 0.1 · 0.5) − 0.1 = 0.85; −2 · 0.95 + 0.1 = −1.8
    expectClose(w.dataSync(), [0.85, -1.8], 1e-5);
    step();
    expectClose(w.dataSync(), [0.85 * 0.95 - 0.1, -1.8 * 0.95 + 0.1], 1e-5);
    // A schedule sets the rate on the optimizer; the decay follows it.
    setLearningRate(opt, 0.01);
    const before = Array.from(w.dataSync());
    step();
    expectClose(w.dataSync(), [before[0] * (1 - 0.01 * 0.5) - 0.01, before[1] * (1 - 0.01 * 0.5) + 0.01], 1e-5);
    // Without decay it is tfjs's Adam exactly.
    const a = tf.variable(tf.tensor1d([1, -2]));
    const b = tf.variable(tf.tensor1d([1, -2]));
    const plain = tf.train.adam(0.1);
    const none = new AdamW(0.1, 0);
    for (let i = 0; i < 3; i++) {
      plain.minimize(() => a.square().sum<tf.Scalar>(), false, [a]);
      none.minimize(() => b.square().sum<tf.Scalar>(), false, [b]);
    }
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([w, g, a, b]);
    [opt, plain, none].forEach((o) => o.dispose());
  });

  it('suggests the loss the labels and output need, and warns about the last activation', () => {
    expect(suggestLoss(10, 10, 'softmax')).toEqual({ loss: 'sparse_categorical_crossentropy', warning: null });
    expect(suggestLoss(10, 10, 'linear').warning).toMatch(/softmax/);
    expect(suggestLoss(2, 1, 'sigmoid')).toEqual({ loss: 'binary_crossentropy', warning: null });
    expect(suggestLoss(3, 10, 'softmax').warning).toMatch(/3 classes but the last layer has 10 outputs/);
    expect(suggestLoss(null, 1, 'linear')).toEqual({ loss: 'mse', warning: null });
  });
});

describe('the NaN guard', () => {
  const ctx = { epoch: 1, batch: 14, learningRate: 0.5, loss: 'categoricalCrossentropy' };
  it('passes finite losses', () => expect(checkLoss(0.3, ctx)).toBeNull());
  it('names where it happened and the likely cause: unnormalised input first, then the learning rate', () => {
    expect(checkLoss(NaN, { ...ctx, inputMax: 255 })?.message).toMatch(
      /NaN .* at epoch 2, batch 15\. The likely cause: the inputs are not normalised \(values up to 255\)/,
    );
    expect(checkLoss(Infinity, ctx)?.message).toMatch(/became infinite .* likely cause: the learning rate \(0\.5\) is high: try 0\.05/);
  });
  it('a real run with a huge learning rate on unscaled data is caught', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
    model.compile({ optimizer: tf.train.sgd(10), loss: 'meanSquaredError' });
    const h = await model.fit(tf.tensor2d([[1000], [2000], [3000]]), tf.tensor2d([[1], [2], [3]]), { epochs: 5, verbose: 0 });
    const losses = h.history.loss as number[];
    const bad = losses.findIndex((l) => !Number.isFinite(l));
    expect(bad).toBeGreaterThanOrEqual(0);
    expect(checkLoss(losses[bad], { epoch: bad, batch: 0, learningRate: 10, inputMax: 3000, loss: 'meanSquaredError' })).not.toBeNull();
  });
});
