import { inflateSync } from 'fflate';
import type { TensorData } from './types';

/** MNIST's class names: the digit each label stands for. */
export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** MNIST as the kernel trains on it: training digits first, then the last `testCount` as the test split. */
export interface MnistData extends TensorData {
  testCount: number;
}

// public/data/mnist.lbd, written by scripts/make-mnist.mjs: deflate of
// 'LBMNIST1', uint32 LE trainCount, testCount, rows, cols, then every image's
// pixels (uint8, train then test), then every label (uint8, same order).
const MAGIC = 'LBMNIST1';
const HEADER = 8 + 4 * 4;
const SIDE = 28;

/** Decompresses and checks the shipped MNIST file; throws an Error a learner can read if it is damaged. */
export function decodeMnist(compressed: Uint8Array): MnistData {
  let raw: Uint8Array;
  try {
    raw = inflateSync(compressed);
  } catch (e) {
    throw damaged(`it could not be decompressed (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (raw.length < HEADER) throw damaged(`it holds ${raw.length} bytes, too few for its header.`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (raw[i] !== MAGIC.charCodeAt(i)) throw damaged('it does not start as a Layerbook MNIST file should.');
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const [trainCount, testCount, rows, cols] = [0, 1, 2, 3].map((i) => view.getUint32(8 + 4 * i, true));
  if (rows !== SIDE || cols !== SIDE) throw damaged(`its images are ${rows}×${cols}, not ${SIDE}×${SIDE}.`);
  if (trainCount === 0 || testCount === 0) throw damaged(`it has ${trainCount} training and ${testCount} test digits.`);
  const count = trainCount + testCount;
  const pixels = rows * cols;
  // Checked before allocating, so a damaged header cannot ask for gigabytes.
  const expected = HEADER + count * pixels + count;
  if (raw.length !== expected) {
    throw damaged(`${count} digits need ${expected} bytes, but it holds ${raw.length}.`);
  }
  const labels = raw.subarray(HEADER + count * pixels);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    if (labels[i] > 9) throw damaged(`digit ${i} has the label ${labels[i]}, which is not 0–9.`);
    y[i] = labels[i];
  }
  const image = raw.subarray(HEADER, HEADER + count * pixels);
  const x = new Float32Array(image.length);
  for (let i = 0; i < image.length; i++) x[i] = image[i] / 255;
  return { x, xShape: [rows, cols, 1], y, classes: MNIST_CLASSES, count, testCount };
}

/**
 * The first `trainSamples` training digits (the file's order is already
 * shuffled, so a prefix is a fair sample) and always the whole test split, so
 * test accuracy is measured on the same digits whatever the training size.
 */
export function mnistSubset(data: MnistData, trainSamples: number): MnistData {
  const trainCount = data.count - data.testCount;
  const keep = Number.isFinite(trainSamples) ? Math.max(1, Math.min(Math.floor(trainSamples), trainCount)) : trainCount;
  if (keep === trainCount) return data;
  const width = data.x.length / data.count;
  const x = new Float32Array((keep + data.testCount) * width);
  x.set(data.x.subarray(0, keep * width));
  x.set(data.x.subarray(trainCount * width), keep * width);
  const y = new Float32Array(keep + data.testCount);
  y.set(data.y.subarray(0, keep));
  y.set(data.y.subarray(trainCount), keep);
  return { ...data, x, y, xShape: [...data.xShape], count: keep + data.testCount };
}

function damaged(why: string): Error {
  return new Error(`The MNIST file is damaged or incomplete: ${why} Reloading the page fetches it again.`);
}
