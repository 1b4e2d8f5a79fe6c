import type { DatasetName } from '../catalogue';
import { DIGITS_5_9_TEST, DIGITS_5_9_TRAIN } from '../mnistFewShot';
import mnistPy from './mnist.py?raw';
import randomPy from './random.py?raw';
import sentimentPy from './sentiment.py?raw';
import shapesPy from './shapes.py?raw';
import sinePy from './sine.py?raw';
import toy2dPy from './toy2d.py?raw';

// The built-in datasets in Python, for the exported Jupyter notebook: the same generators as
// src/data, written with NumPy and Layerbook's seeded generator, so an exported run trains on the
// very examples the browser's run did (test/python checks them against these files' TypeScript).

/** Python for one dataset: the helper sources it needs and the call that returns its `x, y`. */
export interface PythonDataset {
  helpers: readonly string[];
  call(options: { samples: number; noise: number; seed: number }): string;
  /** Examples at the end held out as the test split; undefined: a fifth (test_count_of). */
  testCount?: number;
  /** How the examples were made, for the notebook's comment. */
  describe(options: { samples: number; noise: number; seed: number }): string;
}

const toy = (name: string): PythonDataset => ({
  helpers: [randomPy, toy2dPy],
  call: ({ samples, noise, seed }) => `toy2d(${JSON.stringify(name)}, samples=${samples}, noise=${noise}, seed=${seed})`,
  describe: ({ samples, noise, seed }) => `${samples} points of the ${name} set, noise ${noise}, seed ${seed}`,
});

/**
 * Each built-in dataset's Python; null for the learner's own data, which the notebook reads from
 * its file by name. A dataset added to the catalogue without its Python here fails to compile.
 */
export const PYTHON_DATASETS: Record<DatasetName, PythonDataset | null> = {
  spiral: toy('spiral'),
  xor: toy('xor'),
  circles: toy('circles'),
  gaussian: toy('gaussian'),
  shapes: {
    helpers: [randomPy, shapesPy],
    call: ({ samples, noise, seed }) => `shapes(samples=${samples}, noise=${noise}, seed=${seed})`,
    describe: ({ samples, noise, seed }) => `${samples} images of shapes, noise ${noise}, seed ${seed}`,
  },
  sine: {
    helpers: [randomPy, sinePy],
    call: ({ samples, noise, seed }) => `sine_windows(samples=${samples}, noise=${noise}, seed=${seed})`,
    describe: ({ samples, noise, seed }) => `${samples} windows of the noisy wave, noise ${noise}, seed ${seed}`,
  },
  sentiment: {
    helpers: [randomPy, sentimentPy],
    call: ({ samples, seed }) => `sentiment(samples=${samples}, seed=${seed})`,
    describe: ({ samples, seed }) => `${samples} short reviews, seed ${seed}`,
  },
  mnist: {
    helpers: [randomPy, mnistPy],
    call: ({ samples }) => `mnist_digits(samples=${samples})`,
    testCount: 2000,
    describe: ({ samples }) =>
      `the ${Math.min(samples, 20_000).toLocaleString('en-US')} training digits and 2,000 test digits Layerbook ships, ` +
      'from keras.datasets.mnist',
  },
  'mnist-5-9': {
    helpers: [randomPy, mnistPy],
    call: ({ samples }) => `mnist_digits_5_9(samples=${samples})`,
    testCount: DIGITS_5_9_TEST,
    describe: ({ samples }) =>
      `${Math.min(samples, DIGITS_5_9_TRAIN).toLocaleString('en-US')} of the training digits 5–9 Layerbook ships (as many of each) ` +
      `and its ${DIGITS_5_9_TEST} test digits 5–9, from keras.datasets.mnist; labels 0–4 stand for the digits 5–9`,
  },
  user: null,
};
