import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetSpec } from '../../src/data/catalogue';
import { decodeMnist, mnistSubset } from '../../src/data/mnist';
import { decodeDigits5to9, DIGITS_5_9_TEST, DIGITS_5_9_TRAIN } from '../../src/data/mnistFewShot';

// The digits 5–9 with few labels (issue 28's tutorial): made from the shipped MNIST file, so that a
// prefix of its training digits holds as many of each digit, and its test digits are all the file's 5–9.

const bytes = new Uint8Array(readFileSync('public/data/mnist.lbd'));

describe('MNIST digits 5–9, few labelled', () => {
  const all = decodeMnist(bytes);
  const few = decodeDigits5to9(bytes);
  const width = 28 * 28;

  it('holds every training and test digit 5–9 of the shipped file, labelled 0–4, and says how many', () => {
    const count = (from: number, to: number) => Array.from(all.y.subarray(from, to)).filter((d) => d >= 5).length;
    const trainEnd = all.count - all.testCount;
    expect(few.count - few.testCount).toBe(count(0, trainEnd));
    expect(few.count - few.testCount).toBe(DIGITS_5_9_TRAIN);
    expect(few.testCount).toBe(count(trainEnd, all.count));
    expect(few.testCount).toBe(DIGITS_5_9_TEST);
    expect(few.testCount).toBe(996);
    expect(new Set(few.y)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(few.classes).toEqual(['5', '6', '7', '8', '9']);
  });

  it('takes the training digits in turns, so Samples 100 is 20 of each; the test digits are the file’s, in order', () => {
    const spec = datasetSpec('mnist-5-9');
    if (spec.source.kind !== 'shipped') throw new Error('not shipped');
    const hundred = spec.source.take(few, 100);
    const labels = Array.from(hundred.y.subarray(0, 100));
    expect(labels.slice(0, 10)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map((k) => labels.filter((l) => l === k).length)).toEqual([20, 20, 20, 20, 20]);
    expect(hundred.testCount).toBe(996);
    expect(mnistSubset(few, 100).count).toBe(1096);
    // The first test digit 5–9 is the file's first test digit of 5 to 9, pixel for pixel.
    const trainEnd = all.count - all.testCount;
    let first = trainEnd;
    while (all.y[first] < 5) first++;
    const start = few.count - few.testCount;
    expect(few.x.subarray(start * width, (start + 1) * width)).toEqual(all.x.subarray(first * width, (first + 1) * width));
    expect(few.y[start]).toBe(all.y[first] - 5);
  });
});
