import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { deflateSync, inflateSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMnist, MNIST_CLASSES, type MnistData, mnistSubset } from '../../src/data/mnist';
import { seededRandom } from '../../src/data/random';

const file = new Uint8Array(readFileSync(new URL('../../public/data/mnist.lbd', import.meta.url)));
let data: MnistData;
let trainCount: number;
const PIXELS = 28 * 28;

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = decodeMnist(file);
  trainCount = data.count - data.testCount;
});

function classShares(y: Float32Array): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const label of y) counts[label]++;
  return counts.map((c) => c / y.length);
}

/** The file's raw bytes with `edit` applied, compressed again (stored, level 0: only validity matters). */
function repacked(edit: (raw: Uint8Array) => Uint8Array): Uint8Array {
  return deflateSync(edit(inflateSync(file)), { level: 0 });
}

/** Byte-wise equality: vitest's toEqual walks a million-element typed array for seconds. */
function same(a: Float32Array, b: Float32Array): boolean {
  return (
    a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
  );
}

describe('the shipped MNIST file', () => {
  it('holds at least 10,000 training and 2,000 test digits of 28×28×1', () => {
    expect(trainCount).toBeGreaterThanOrEqual(10_000);
    expect(data.testCount).toBeGreaterThanOrEqual(2_000);
    expect(data.xShape).toEqual([28, 28, 1]);
    expect(data.x).toHaveLength(data.count * PIXELS);
    expect(data.y).toHaveLength(data.count);
    expect(data.classes).toEqual(MNIST_CLASSES);
  });

  it('has pixels in [0, 1] with black backgrounds and white strokes', () => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of data.x) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // MNIST's digits cover about a fifth of the frame: the mean is near 0.13, not near 0.87.
    expect(sum / data.x.length).toBeGreaterThan(0.08);
    expect(sum / data.x.length).toBeLessThan(0.2);
  });

  it('has every class at 7–13 % of the training and of the test split', () => {
    expect(data.y.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
    for (const split of [data.y.subarray(0, trainCount), data.y.subarray(trainCount)]) {
      for (const share of classShares(split)) {
        expect(share).toBeGreaterThanOrEqual(0.07);
        expect(share).toBeLessThanOrEqual(0.13);
      }
    }
  });

  it('keeps the first 1,000 training digits of a fair order', () => {
    // The prefix a subset keeps must itself be balanced, or a small run would miss digits.
    for (const share of classShares(data.y.subarray(0, 1000))) expect(share).toBeGreaterThan(0.05);
  });
});

describe('mnistSubset', () => {
  it('keeps the first N training digits and the whole test split', () => {
    const sub = mnistSubset(data, 3000);
    expect(sub.count).toBe(3000 + data.testCount);
    expect(sub.testCount).toBe(data.testCount);
    expect(sub.x).toHaveLength(sub.count * PIXELS);
    expect(sub.y).toHaveLength(sub.count);
    expect(same(sub.x.subarray(0, 3000 * PIXELS), data.x.subarray(0, 3000 * PIXELS))).toBe(true);
    expect(same(sub.y.subarray(0, 3000), data.y.subarray(0, 3000))).toBe(true);
    expect(same(sub.x.subarray(3000 * PIXELS), data.x.subarray(trainCount * PIXELS))).toBe(true);
    expect(same(sub.y.subarray(3000), data.y.subarray(trainCount))).toBe(true);
    // The same split from a smaller subset: test accuracy is always on the same digits.
    expect(same(mnistSubset(data, 500).x.subarray(500 * PIXELS), sub.x.subarray(3000 * PIXELS))).toBe(true);
  });

  it('keeps every training digit when asked for more than there are', () => {
    const all = mnistSubset(data, 10 ** 9);
    expect(all.count).toBe(data.count);
    expect(same(all.x, data.x) && same(all.y, data.y)).toBe(true);
  });
});

describe('decodeMnist on damaged input', () => {
  const expectDamaged = (bytes: Uint8Array) => expect(() => decodeMnist(bytes)).toThrow(/^The MNIST file is damaged or incomplete: /);

  it('rejects a download cut short', () => {
    expectDamaged(file.subarray(0, Math.floor(file.length / 2)));
    expectDamaged(file.subarray(0, 10));
    expectDamaged(new Uint8Array(0));
  });

  it('rejects a complete stream whose contents are cut short', () => {
    expectDamaged(repacked((raw) => raw.subarray(0, raw.length - 100)));
    expectDamaged(repacked((raw) => raw.subarray(0, 20)));
  });

  it('rejects a wrong magic', () => {
    expectDamaged(
      repacked((raw) => {
        raw[7] = '2'.charCodeAt(0);
        return raw;
      }),
    );
  });

  it('rejects counts that do not fit the data', () => {
    expectDamaged(
      repacked((raw) => {
        new DataView(raw.buffer).setUint32(8, 4_000_000_000, true);
        return raw;
      }),
    );
    expectDamaged(
      repacked((raw) => {
        new DataView(raw.buffer).setUint32(16, 32, true);
        return raw;
      }),
    );
  });

  it('rejects random bytes', () => {
    const rand = seededRandom(3);
    for (const length of [1, 100, 5000]) {
      expectDamaged(Uint8Array.from({ length }, () => rand.int(256)));
    }
  });
});

describe('labels match images', () => {
  it('a softmax regression on 3,000 digits reaches 85 % on the 2,000 test digits', async () => {
    const sub = mnistSubset(data, 3000);
    const n = sub.count;
    const xs = tf.tensor2d(sub.x, [n, PIXELS]);
    const ys = tf.oneHot(tf.tensor1d(sub.y, 'int32'), 10);
    const [xTrain, xTest] = tf.split(xs, [3000, sub.testCount]);
    const [yTrain, yTest] = tf.split(ys, [3000, sub.testCount]);
    // Seeded weights and the file's own (already shuffled) order: the same accuracy every run.
    const kernelInitializer = tf.initializers.glorotUniform({ seed: 1 });
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [PIXELS], units: 10, activation: 'softmax', kernelInitializer })],
    });
    const optimizer = tf.train.adam(0.01);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(xTrain, yTrain, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
    const scores = model.evaluate(xTest, yTest) as tf.Scalar[];
    const value = (await scores[1].data())[0];
    tf.dispose([xs, ys, xTrain, xTest, yTrain, yTest, ...scores]);
    model.dispose();
    optimizer.dispose();
    expect(value).toBeGreaterThanOrEqual(0.85);
  });
});
