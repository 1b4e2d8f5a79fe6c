import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { smooth } from '../../src/features/training/decimate';
import { readModelFiles, toModelJson } from '../../src/features/lab/modelFiles';
import { classProbabilities, classReport, confusionMatrix, predictedClasses } from '../../src/training/evaluation';
import { precision, recall } from '../../src/training/metrics';

beforeAll(() => tf.setBackend('cpu'));

describe('evaluation', () => {
  it('builds the confusion matrix and scikit-learn’s classification report', () => {
    const truth = [0, 0, 0, 1, 1, 2];
    const guess = [0, 0, 1, 1, 2, 2];
    const m = confusionMatrix(truth, guess, 3);
    expect(m).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    const r = classReport(m, ['a', 'b', 'c']);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.perClass[1]).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(r.perClass[2].precision).toBeCloseTo(0.5);
    expect(r.perClass[0].f1).toBeCloseTo((2 * 1 * (2 / 3)) / (1 + 2 / 3));
    expect(r.macro.support).toBe(6);
  });

  it('reads classes from softmax rows or one sigmoid column', () => {
    expect(Array.from(predictedClasses(new Float32Array([0.1, 0.9, 0.8, 0.2]), 2))).toEqual([1, 0]);
    expect(Array.from(predictedClasses(new Float32Array([0.7, 0.2]), 2))).toEqual([1, 0]);
    expect(classProbabilities([0.8])).toEqual([0.19999999999999996, 0.8]);
    expect(classProbabilities([-0.3], true)).toEqual([1, 0]);
  });
});

describe('precision and recall as training metrics', () => {
  it('threshold a sigmoid at 0.5 (tfjs’s own count only exact ones)', () => {
    const yTrue = tf.tensor2d([[1], [1], [0], [0]]);
    const yPred = tf.tensor2d([[0.9], [0.2], [0.7], [0.1]]);
    expect(precision(yTrue, yPred).dataSync()[0]).toBeCloseTo(0.5);
    expect(recall(yTrue, yPred).dataSync()[0]).toBeCloseTo(0.5);
    expect(precision.name).toBe('precision');
  });

  it('macro-average over the classes of sparse labels', () => {
    const yTrue = tf.tensor1d([0, 1, 2, 2]);
    const yPred = tf.tensor2d([
      [0.8, 0.1, 0.1],
      [0.6, 0.3, 0.1],
      [0.1, 0.1, 0.8],
      [0.1, 0.8, 0.1],
    ]);
    // predicted 0,0,2,1: class 0 precision 1/2, class 1 0/1, class 2 1/1 → 0.5; recall 1, 0, 1/2 → 0.5
    expect(precision(yTrue, yPred).dataSync()[0]).toBeCloseTo(0.5);
    expect(recall(yTrue, yPred).dataSync()[0]).toBeCloseTo(0.5);
  });
});

describe('chart smoothing', () => {
  it('is TensorBoard’s debiased moving average', () => {
    const pts = [1, 1, 1, 5].map((y, x) => ({ x, y }));
    const s = smooth(pts, 0.5);
    expect(s[0].y).toBeCloseTo(1);
    expect(s[2].y).toBeCloseTo(1);
    expect(s[3].y).toBeCloseTo((0.5 * 0.875 + 0.5 * 5) / (1 - 0.5 ** 4));
    expect(smooth(pts, 0)).toBe(pts);
  });
});

describe('model files', () => {
  it('writes model.json with a weights manifest and reads it back with its .bin', async () => {
    const weightData = new Float32Array([1, 2, 3, 4, 5, 6]).buffer;
    const files = {
      modelTopology: { class_name: 'Model' },
      weightSpecs: [{ name: 'd/kernel', shape: [2, 3], dtype: 'float32' }],
      weightData,
    };
    const json = toModelJson(files, 'm.weights.bin');
    expect(json.weightsManifest[0].paths).toEqual(['./m.weights.bin']);
    const picked = [new File([JSON.stringify(json)], 'm.json'), new File([weightData], 'm.weights.bin')];
    const back = await readModelFiles(picked);
    expect(back.weightSpecs).toEqual(files.weightSpecs);
    expect(Array.from(new Float32Array(back.weightData))).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(readModelFiles([picked[0]])).rejects.toThrow(/needs m.weights.bin/);
    await expect(readModelFiles([picked[1]])).rejects.toThrow(/Pick the model.json/);
    await expect(readModelFiles([new File(['{oops'], 'x.json')])).rejects.toThrow(/not JSON/);
  });
});

describe('chart ticks', () => {
  it('end for a span lost in floating-point rounding (a constant learning rate, smoothed)', async () => {
    const { niceTicks } = await import('../../src/features/training/drawLineChart');
    expect(niceTicks(0.01, 0.010000000000000002)).toEqual([0.01]);
    expect(niceTicks(0, 1)).toEqual([0, 0.5, 1]);
  });
});
