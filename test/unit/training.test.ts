import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES, optimizerCall, suggestLoss } from '../../src/training/compileSpec';
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
  it('every loss name compiles in tfjs and every optimizer call exists in tf.train', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })] });
    for (const spec of Object.values(LOSSES)) {
      const losses = tf.losses as unknown as Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor>;
      const loss = 'viaLosses' in spec ? (yTrue: tf.Tensor, yPred: tf.Tensor) => losses[spec.tfjs](yTrue, yPred) : spec.tfjs;
      expect(() => model.compile({ optimizer: 'sgd', loss }), spec.tfjs).not.toThrow();
    }
    for (const o of [{ name: 'adam' }, { name: 'sgd' }, { name: 'sgd', momentum: 0.9 }, { name: 'rmsprop' }, { name: 'adagrad' }] as const) {
      const { factory, args } = optimizerCall({ ...o, learningRate: 0.01 });
      const make = (tf.train as unknown as Record<string, (...a: number[]) => tf.Optimizer>)[factory];
      expect(make(...args)).toBeInstanceOf(tf.Optimizer);
    }
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
    expect(checkLoss(NaN, { ...ctx, inputMax: 255 })?.message).toMatch(/NaN .* at epoch 2, batch 15\. The likely cause: the inputs are not normalised \(values up to 255\)/);
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
