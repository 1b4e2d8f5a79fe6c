import type { TrainingSettings } from '../../../doc/trainConfig';
import { buildChain } from '../../../graph/build';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 3's practice: a deeper MLP written to a given layer order (checked by its structure),
// then the drawing network shrunk under a parameter budget and trained to a goal on MNIST.

// The tutorial's drawing network and its Train settings are declared here, with the exercise that
// starts from them, because the tutorial imports its practice (an import back would be a cycle).

/** The tutorial's drawing network (`digits`), with `units` in its hidden Dense layer. */
export const digitsMlp = (units: number) =>
  buildChain(
    ['Input', { shape: [28, 28, 1] }],
    ['Flatten'],
    ['Dense', { units, activation: 'relu' }],
    ['Dropout', { rate: 0.2 }],
    ['Dense', { units: 10, activation: 'softmax' }],
  );

/** The drawing network's Train settings in the tutorial: half the training digits, to be quick. */
export const DIGITS_TRAINING: TrainingSettings = {
  dataset: 'mnist',
  samples: 10_000,
  loss: 'sparse_categorical_crossentropy',
  optimizer: 'adam',
  learning_rate: 0.002,
  epochs: 5,
  batch_size: 64,
  validation_split: 0.1,
  metrics: ['accuracy'],
};

export default [
  md(`
    ## Practice

    Two exercises on this page's network. **Check** under a cell says whether it does what the task
    asks, or what is still missing; **Hint** gives one clue at a time.
  `),
  codeExercise(
    `
    // Two Dense layers so far: add a second hidden Dense layer, and a Dropout after each hidden one.
    const deepMlp = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28, 1] }),
        tf.layers.dense({ units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    deepMlp.summary();
    `,
    {
      task: `
        Build \`deepMlp\` with \`tf.sequential\`, for MNIST's images (input shape \`(None, 28, 28, 1)\`), with these
        six layers in this order: Flatten, Dense(128, relu), Dropout(0.2), Dense(64, relu), Dropout(0.2),
        Dense(10, softmax) (output shape \`(None, 10)\`). It does not need training.
      `,
      hints: [
        'The starter has Flatten, Dense(128) and the output layer. Three layers are missing, all between the last two.',
        'A Dropout layer is `tf.layers.dropout({ rate: 0.2 })`; it goes right after the Dense layer whose outputs it drops.',
        "After `Dense(128)`: `tf.layers.dropout({ rate: 0.2 })`, `tf.layers.dense({ units: 64, activation: 'relu' })`, " +
          'and `tf.layers.dropout({ rate: 0.2 })` again, then the softmax layer.',
      ],
      solution: `
        const deepMlp = tf.sequential({
          layers: [
            tf.layers.flatten({ inputShape: [28, 28, 1] }),
            tf.layers.dense({ units: 128, activation: 'relu' }),
            tf.layers.dropout({ rate: 0.2 }),
            tf.layers.dense({ units: 64, activation: 'relu' }),
            tf.layers.dropout({ rate: 0.2 }),
            tf.layers.dense({ units: 10, activation: 'softmax' }),
          ],
        });
        deepMlp.summary();
      `,
      check: `
        const net = check.model('deepMlp', {
          inputShape: [null, 28, 28, 1],
          outputShape: [null, 10],
          layers: { Flatten: 1, Dense: 3, Dropout: 2 },
          layerCount: 6,
        });
        const layers = net.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
        const order = layers.map((layer) => layer.getClassName()).join(', ');
        const wanted = 'Flatten, Dense, Dropout, Dense, Dropout, Dense';
        check.ok(order === wanted, \`the layers of deepMlp are \${order}; the task asks for \${wanted}\`);
        const config = (i: number) => layers[i].getConfig() as { units?: number; activation?: string; rate?: number };
        const [first, second, last] = [config(1), config(3), config(5)];
        check.ok(
          first.units === 128 && second.units === 64,
          \`the hidden Dense layers have \${first.units} and \${second.units} units; the task asks for 128 and 64\`,
        );
        check.ok(
          first.activation === 'relu' && second.activation === 'relu',
          \`the hidden Dense layers use \${first.activation} and \${second.activation}; the task asks for relu\`,
        );
        check.ok(last.activation === 'softmax', \`the last layer uses \${last.activation}; the task asks for softmax\`);
        const rates = [config(2).rate, config(4).rate];
        check.ok(rates.every((r) => r === 0.2), \`the Dropout rates are \${rates.join(' and ')}; the task asks for 0.2\`);
        return \`deepMlp has \${net.countParams().toLocaleString('en-US')} parameters\`;
      `,
    },
  ),
  md(`
    The graph cell below is this page's drawing network, set to train on all 20,000 training digits for
    4 epochs. Nearly all of its 203,530 parameters are in one layer. Can a network a quarter of its size
    still read digits well?
  `),
  graphExercise(
    'small_digits',
    digitsMlp(256),
    { ...DIGITS_TRAINING, samples: 20_000, epochs: 4 },
    {
      task: `
        Change \`small_digits\` so that it has fewer than 50,000 parameters and, after **Train**, a test accuracy
        (\`test_accuracy\` in the *Test metrics* under the cell) of at least 0.92.
      `,
      hints: [
        'The summary under the graph shows where the parameters are: the first Dense layer has 784 × 256 weights and 256 biases.',
        'After Flatten, each unit of a Dense layer costs 785 parameters (784 weights and a bias), and each also ' +
          'adds 10 weights to the output layer. How many units fit under 50,000?',
        'Set the hidden Dense layer to 48 units (38,170 parameters in all) and press **Train**.',
      ],
      solution: `
        Give the hidden Dense layer 48 units instead of 256 (anything up to 62 fits the budget): 784 × 48 + 48
        parameters, plus 48 × 10 + 10 for the output layer, 38,170 in all. Keep the rest and press **Train**.
        The test accuracy ends near 0.94.
      `,
      solutionGraph: digitsMlp(48),
      check: `
        check.trained('small_digits', { metric: 'test_accuracy', atLeast: 0.92, maxParams: 50_000 });
      `,
    },
  ),
];
