import { decodeMnist, type MnistData } from './mnist';

// MNIST's digits 5–9 as a task of their own, for transfer learning from the backbone trained on
// digits 0–4 (scripts/make-backbone.mjs): five classes, and as few labelled examples as the
// learner picks. The Jupyter export's mnist_digits_5_9 (src/data/python/mnist.py) makes the same.

/** The digits this set holds; label k stands for digit FIRST_DIGIT + k. */
const FIRST_DIGIT = 5;
export const DIGITS_5_9_CLASSES = ['5', '6', '7', '8', '9'];
/** Training and test digits 5–9 in the shipped file (of its 20,000 and 2,000); a unit test reads the file to keep these true. */
export const DIGITS_5_9_TRAIN = 9791;
export const DIGITS_5_9_TEST = 996;

/** Indices of the digits 5–9 in `y` from `start` to `end`, taken in turns (a 5, a 6, … a 9, a 5 …) while each lasts. */
function inTurns(y: Float32Array, start: number, end: number): number[] {
  const byDigit = DIGITS_5_9_CLASSES.map((): number[] => []);
  for (let i = start; i < end; i++) if (y[i] >= FIRST_DIGIT) byDigit[y[i] - FIRST_DIGIT].push(i);
  const order: number[] = [];
  const total = byDigit.reduce((n, d) => n + d.length, 0);
  for (let turn = 0; order.length < total; turn++) {
    for (const digits of byDigit) if (turn < digits.length) order.push(digits[turn]);
  }
  return order;
}

/**
 * The shipped MNIST file's digits 5–9: its training digits in turns, so that the first `samples`
 * hold as many of each digit (100: 20 of each), then its test digits 5–9 in their order.
 */
export function decodeDigits5to9(compressed: Uint8Array): MnistData {
  const all = decodeMnist(compressed);
  const trainEnd = all.count - all.testCount;
  const train = inTurns(all.y, 0, trainEnd);
  const test = inTurns(all.y, trainEnd, all.count).sort((a, b) => a - b);
  const picked = [...train, ...test];
  const width = all.x.length / all.count;
  const x = new Float32Array(picked.length * width);
  const y = new Float32Array(picked.length);
  picked.forEach((from, to) => {
    x.set(all.x.subarray(from * width, (from + 1) * width), to * width);
    y[to] = all.y[from] - FIRST_DIGIT;
  });
  return { x, xShape: all.xShape, y, classes: DIGITS_5_9_CLASSES, count: picked.length, testCount: test.length };
}
