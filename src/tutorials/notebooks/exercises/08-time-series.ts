import type { TrainingSettings } from '../../../doc/trainConfig';
import { buildChain } from '../../../graph/build';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 8's practice: cutting a series into windows, a second forecast to beat (the mean of the
// last values), and a linear forecaster trained to a goal. The linear model reached a test MAE of
// about 0.095 in our runs; the goal asks for at most 0.11, and the naive forecast's is about 0.16.

/**
 * The tutorial's forecaster settings, which the exercise's forecaster trains with too: the same
 * windows and test split. Declared here because the tutorial imports its practice.
 */
export const FORECAST_TRAINING: TrainingSettings = {
  dataset: 'sine',
  samples: 1000,
  noise: 0.5,
  seed: 1,
  loss: 'mse',
  optimizer: 'adam',
  learning_rate: 0.01,
  epochs: 25,
  batch_size: 32,
  validation_split: 0.2,
  keep_best: true,
  monitor: 'val_loss',
  metrics: ['mae'],
};

const window30 = ['Input', { shape: [30, 1] }] as const;

export default [
  md(`
    ## Practice

    Three exercises: make windows yourself, try another forecast that needs no training, and train the simplest
    forecaster there is. Run your cell (or **Train** the graph cell), then press **Check**.
  `),
  codeExercise(
    `
    function makeWindows(series: number[], size: number) {
      const windows: number[][] = [];
      const next: number[] = [];
      // Your loop: one window for every start that still has a value after the window.
      return { x: tf.tensor2d(windows, [windows.length, size]), y: tf.tensor1d(next) };
    }
    makeWindows([1, 2, 3, 4], 2);
    `,
    {
      task: `
        **Cut your own windows.** Write \`makeWindows(series, size)\` that returns \`{ x, y }\`: \`x\` holds every
        window of \`size\` consecutive values that still has a value after it, in order, shaped
        \`[windows, size, 1]\` like the dataset's (one feature per step); \`y\` holds the value after each window,
        shaped \`[windows]\`. For example \`makeWindows([1, 2, 3, 4], 2)\` gives \`x\` = \`[[[1], [2]], [[2], [3]]]\`
        and \`y\` = \`[3, 4]\`.
      `,
      hints: [
        'A series of n values has n − size such windows: starts 0, 1, … n − size − 1.',
        'In the loop, `windows.push(series.slice(start, start + size))` and `next.push(series[start + size])`.',
        `
          The feature axis: \`tf.tensor3d(windows.map((w) => w.map((v) => [v])), [windows.length, size, 1])\`, or
          \`tf.tensor2d(…).expandDims(-1)\`.
        `,
      ],
      solution: `
        function makeWindows(series: number[], size: number) {
          const windows: number[][] = [];
          const next: number[] = [];
          for (let start = 0; start + size < series.length; start++) {
            windows.push(series.slice(start, start + size));
            next.push(series[start + size]);
          }
          return { x: tf.tensor3d(windows.map((w) => w.map((v) => [v])), [windows.length, size, 1]), y: tf.tensor1d(next) };
        }
        makeWindows([1, 2, 3, 4], 2);
      `,
      check: `
        await check.function('makeWindows', [
          { args: [[1, 2, 3, 4], 2], expected: { x: [[[1], [2]], [[2], [3]]], y: [3, 4] } },
          { args: [[0, 10, 20, 30], 1], expected: { x: [[[0]], [[10]], [[20]]], y: [10, 20, 30] } },
          { args: [[5, 4, 3, 2, 1], 3], expected: { x: [[[5], [4], [3]], [[4], [3], [2]]], y: [2, 1] } },
        ]);
      `,
    },
  ),
  md(`
    The naive forecast copies the last value, noise and all. Averaging the last few values cancels some of the
    noise, at the price of lagging behind the wave.
  `),
  codeExercise(
    `
    // The mean of each window's last k values, one forecast per window.
    function meanOfLast(windows: tf.Tensor3D, k: number): tf.Tensor1D {
      return windows.mean([1, 2]) as tf.Tensor1D; // every value of the window, not only the last k
    }
    meanOfLast(xTest, 3).shape;
    `,
    {
      task: `
        **Another forecast to beat.** Write \`meanOfLast(windows, k)\`: for a tensor of windows shaped
        \`[windows, steps, 1]\`, return a 1-D tensor with one forecast per window, the mean of its **last \`k\`**
        values. For windows \`[[[1], [2], [3], [4]], [[4], [4], [0], [2]]]\` and \`k = 2\` it returns \`[3.5, 1]\`.
        (Then score it on \`xTest\` with \`tf.losses.meanSquaredError\`, as the naive forecast was: which \`k\` is best?)
      `,
      hints: [
        'The starter averages every step; cut the last k steps out first.',
        '`windows.slice([0, steps - k, 0], [-1, k, 1])` keeps the last k steps, where `steps` is `windows.shape[1]`.',
      ],
      solution: `
        function meanOfLast(windows: tf.Tensor3D, k: number): tf.Tensor1D {
          const steps = windows.shape[1];
          return windows.slice([0, steps - k, 0], [-1, k, 1]).mean([1, 2]) as tf.Tensor1D;
        }
        tf.losses.meanSquaredError(yTest, meanOfLast(xTest, 3)).dataSync()[0];
      `,
      check: `
        const windows = tf.tensor3d([[[1], [2], [3], [4]], [[4], [4], [0], [2]]]);
        await check.function(
          'meanOfLast',
          [
            { args: [windows, 2], expected: [3.5, 1] },
            { args: [windows, 1], expected: [4, 2] },
            { args: [windows, 4], expected: [2.5, 2.5] },
          ],
          { tol: 1e-5 },
        );
      `,
    },
  ),
  md(`
    Last, the simplest forecaster there is: no hidden layer at all. Always try the simple model before the clever one.
  `),
  graphExercise(
    'linear_forecaster',
    buildChain(window30, ['Flatten'], ['Dense', { units: 16, activation: 'relu' }], ['Dense', { units: 1, activation: 'linear' }]),
    FORECAST_TRAINING,
    {
      task: `
        **A linear forecaster.** Make \`linear_forecaster\` linear: the 30 values of a window flattened and read by
        **a single Dense layer** of one unit with no activation, so its output is \`(None, 1)\` and it has fewer
        than 40 parameters. Then press **Train** (the settings are the forecaster's) and reach a **test MAE of at
        most 0.11**. The naive forecast's is about 0.16.
      `,
      hints: [
        'The starter has a hidden Dense layer of 16 units between Flatten and the output: delete it.',
        'Input (30, 1) → Flatten → Dense with 1 unit and activation linear: 30 weights and a bias, 31 parameters.',
      ],
      solution: `
        Delete the hidden Dense layer, so the graph is **Input** (30, 1) → **Flatten** → **Dense** (1 unit, activation
        \`linear\`): 31 parameters. Train it with the same settings; its test MAE comes out at about 0.095, as good as
        the Conv1D + LSTM forecaster's or better. A sum of sine waves follows a linear rule from step to step, so a
        linear model fits it well.
      `,
      solutionGraph: buildChain(window30, ['Flatten'], ['Dense', { units: 1, activation: 'linear' }]),
      check: `
        check.model('linear_forecaster', { layers: { Dense: 1 }, outputShape: [null, 1], maxParams: 40 });
        check.trained('linear_forecaster', { metric: 'test_mae', atMost: 0.11 });
      `,
    },
  ),
];
