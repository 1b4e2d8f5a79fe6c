import type { TrainingSettings } from '../../../doc/trainConfig';
import { cutAt, onBackbone } from '../../backboneGraphs';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 13's practice: counting what a head on a frozen backbone trains (checked by value), then
// choosing where to cut the backbone (a trained goal: a cut too deep keeps features of digits 0–4 only).

/**
 * The transfer-learning tutorial's run, which its exercise trains with too: 100 digits 5–9 (20 of
 * each), SGD with momentum, 6 epochs, no validation split (too few examples to spare any).
 * test/tutorials/13 measures what the tutorial claims of it.
 */
export const FEW_DIGITS: TrainingSettings = {
  dataset: 'mnist-5-9',
  samples: 100,
  loss: 'sparse_categorical_crossentropy',
  optimizer: 'sgd',
  momentum: 0.9,
  learning_rate: 0.005,
  schedule: 'constant',
  epochs: 6,
  batch_size: 16,
  validation_split: 0,
  seed: 1,
  metrics: ['accuracy'],
};

export default [
  md(`
    ## Practice

    Two exercises on reusing a network. **Check** says whether a cell does what its task asks, or what is
    still wrong; **Hint** gives one clue at a time.
  `),
  codeExercise(
    `
    // How many parameters would a head of Dense(10) train on the frozen backbone, cut at flatten?
    const headParams = 0;
    headParams
    `,
    {
      task: `
        Set \`headParams\` to the number of parameters a **Dense(10)** head trains on the frozen \`digits_0_4\`
        backbone cut at \`flatten\` (as \`transfer\` above is, but with 10 outputs instead of 5). Work it out, or
        build the head in code and count.
      `,
      hints: [
        "The backbone's flatten layer outputs 5 × 5 × 32 numbers; a frozen backbone adds nothing to the count.",
        'A Dense layer has a weight for every input and output pair, and one bias per output.',
        'That is 800 × 10 weights and 10 biases.',
      ],
      solution: `
        // A Dense(10) on the 800 features, built on its own and counted.
        const head = tf.sequential({ layers: [tf.layers.dense({ units: 10, inputShape: [800] })] });
        const headParams = head.countParams();
        headParams
      `,
      check: `
        check.value('headParams', 8010);
        return 'on a frozen backbone, only the head learns: 8,010 parameters from however few examples';
      `,
    },
  ),
  md(`
    Next, where to cut. The cell below cuts the backbone at \`dense\`, its 64-unit hidden layer, one step
    before its own classifier: the head gets 64 numbers per digit instead of 800. Train it and compare
    with \`transfer\`.
  `),
  graphExercise('deep_cut', cutAt('dense', ['Dense', { units: 5, activation: 'softmax' }]), FEW_DIGITS, {
    task: `
      Change where \`deep_cut\`'s backbone is cut, keeping it frozen, so that after **Train** its test
      accuracy (\`test_accuracy\` in the *Test metrics* under the cell) is at least 0.83.
    `,
    hints: [
      "The backbone's dense layer learned to separate the digits 0–4: its 64 numbers say much about those five and little else.",
      "Cut earlier, where the features describe strokes and shapes rather than the old classes: click digits_0_4 and change 'Cut at'.",
      'Cut at flatten, as transfer is: about 0.88.',
    ],
    solution: `
      Click the \`digits_0_4\` node and set **Cut at** to \`flatten\`, then press **Train**: the head reads the 800
      numbers of the convolutions, which describe any digit's strokes, and reaches about 0.88. Cut at \`dense\`, it
      reached about 0.70: that layer had already turned the strokes into evidence for 0 to 4.
    `,
    solutionGraph: onBackbone(['Dense', { units: 5, activation: 'softmax' }]),
    check: `
      const model = check.model('deep_cut');
      check.ok(model.getLayer('digits_0_4').trainableWeights.length === 0, 'keep digits_0_4 frozen: untick Trainable on it');
      check.trained('deep_cut', { metric: 'test_accuracy', atLeast: 0.83 });
      return 'the earlier layers of a network are the most general: cut before the features turn into the old classes';
    `,
  }),
];
