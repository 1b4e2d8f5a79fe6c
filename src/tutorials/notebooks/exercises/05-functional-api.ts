import type { TrainingSettings } from '../../../doc/trainConfig';
import { buildChain, buildGraph } from '../../../graph/build';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 5's practice: skip connections drawn into a deep stack (checked by structure, then by a
// trained goal), and a two-input, two-output model written with tf.model (checked by structure).

/**
 * The spiral run of the tutorial's residual cell; the exercise's graph trains on it, a little shorter.
 * Declared here because the tutorial imports its practice.
 */
export const RESIDUAL_SPIRAL: TrainingSettings = {
  dataset: 'spiral',
  samples: 400,
  noise: 0.05,
  loss: 'binary_crossentropy',
  optimizer: 'adam',
  learning_rate: 0.02,
  epochs: 150,
  batch_size: 32,
  validation_split: 0.2,
  keep_best: true,
  metrics: ['accuracy'],
};

const hidden = { units: 32, activation: 'relu' };

export default [
  md(`
    ## Practice

    Two exercises on models that are not a stack. **Check** under a cell says whether it does what the
    task asks, or what is still missing; **Hint** gives one clue at a time.

    First, skips. The graph cell below is a plain stack of five Dense layers: the kind of deep network
    that skip connections make easier to train.
  `),
  graphExercise(
    'deep_skip',
    buildChain(
      ['Input', { shape: [2] }],
      ['Dense', hidden],
      ['Dense', hidden],
      ['Dense', hidden],
      ['Dense', hidden],
      ['Dense', hidden],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ),
    { ...RESIDUAL_SPIRAL, epochs: 100 },
    {
      task: `
        Give \`deep_skip\` two residual blocks: two **Add** layers, each summing the output of some Dense
        layer with the output of the layers after it (a skip connection). Then press **Train**: its test
        accuracy (\`test_accuracy\` in the *Test metrics* under the cell) must be at least 0.9.
      `,
      hints: [
        'An **Add** layer takes two wires in and sums them; both must carry 32 numbers per example, as every hidden Dense layer here does.',
        'For the first block, cut the wire from the third Dense layer to the fourth, and put an Add there: its inputs ' +
          'are the third Dense layer and, by a second wire, the first one.',
        'Do the same two layers further down: an Add between the fifth Dense layer and the output, whose second ' +
          'input is the first Add. Then press **Train**.',
      ],
      solution: `
        Make two blocks of two Dense layers, each closed by an Add. Wire the first Dense layer to the second,
        the second to the third, and the third into a new Add, whose second input is a wire from the first
        Dense layer. The Add feeds the fourth Dense layer, the fourth the fifth, and the fifth a second Add,
        whose other input is the first Add. The second Add feeds the output layer. Press **Train**: the test
        accuracy ends well above 0.9.
      `,
      solutionGraph: buildGraph(
        [
          ['input', 'Input', { shape: [2] }],
          ['dense_1', 'Dense', hidden],
          ['dense_2', 'Dense', hidden],
          ['dense_3', 'Dense', hidden],
          ['add_1', 'Add', {}],
          ['dense_4', 'Dense', hidden],
          ['dense_5', 'Dense', hidden],
          ['add_2', 'Add', {}],
          ['output', 'Dense', { units: 1, activation: 'sigmoid' }],
        ],
        [
          ['input', 'dense_1'],
          ['dense_1', 'dense_2'],
          ['dense_2', 'dense_3'],
          ['dense_3', 'add_1'],
          ['dense_1', 'add_1'],
          ['add_1', 'dense_4'],
          ['dense_4', 'dense_5'],
          ['dense_5', 'add_2'],
          ['add_1', 'add_2'],
          ['add_2', 'output'],
        ],
      ),
      check: `
        check.model('deep_skip', { skipConnection: 2 });
        check.model('deep_skip', { layers: { Add: 2 } });
        check.trained('deep_skip', { metric: 'test_accuracy', atLeast: 0.9 });
      `,
    },
  ),
  md(`
    Next, two inputs and two outputs, in code. A weather station sends its last 24 hourly readings and
    which of 5 stations it is; one model answers two questions: *will it rain?* and *how warm will it
    be?*
  `),
  codeExercise(
    `
    // One input and one output so far.
    const readings = tf.input({ shape: [24], name: 'readings' });
    const weatherHidden = tf.layers.dense({ units: 32, activation: 'relu' }).apply(readings) as tf.SymbolicTensor;
    const rainHead = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'rain' }).apply(weatherHidden) as tf.SymbolicTensor;
    const weatherModel = tf.model({ inputs: readings, outputs: rainHead });
    weatherModel
    `,
    {
      task: `
        Build \`weatherModel\` with \`tf.model\`: two inputs, \`readings\` of shape \`(None, 24)\` and a station of
        shape \`(None, 5)\`, in that order, joined by a **Concatenate** layer; then one Dense(32, relu) layer
        that both outputs read; then the two outputs, in this order: one named \`rain\` (1 unit, sigmoid) and
        one named \`temperature\` (1 unit, no activation). It does not need training.
      `,
      hints: [
        'Make the second input with `tf.input({ shape: [5] })`, and join the two with `tf.layers.concatenate().apply([…, …])`.',
        'Apply the shared Dense layer to the joined tensor, and apply two output layers to its result: ' +
          "`tf.layers.dense({ units: 1, name: 'temperature' })` is the second.",
        '`tf.model({ inputs: [readings, station], outputs: [rainHead, temperatureHead] })` puts them together.',
      ],
      solution: `
        const readings = tf.input({ shape: [24], name: 'readings' });
        const station = tf.input({ shape: [5], name: 'station' });
        const weatherJoined = tf.layers.concatenate().apply([readings, station]) as tf.SymbolicTensor;
        const weatherHidden = tf.layers.dense({ units: 32, activation: 'relu' }).apply(weatherJoined) as tf.SymbolicTensor;
        const rainHead = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'rain' }).apply(weatherHidden) as tf.SymbolicTensor;
        const temperatureHead = tf.layers.dense({ units: 1, name: 'temperature' }).apply(weatherHidden) as tf.SymbolicTensor;
        const weatherModel = tf.model({ inputs: [readings, station], outputs: [rainHead, temperatureHead] });
        weatherModel
      `,
      check: `
        const net = check.model('weatherModel', {
          inputs: 2,
          outputs: 2,
          inputShape: [
            [null, 24],
            [null, 5],
          ],
          outputShape: [
            [null, 1],
            [null, 1],
          ],
          layers: { Concatenate: 1, Dense: 3 },
        });
        const names = net.outputNames.join(', ');
        check.ok(names === 'rain, temperature', \`the outputs of weatherModel are named \${names}; the task asks for rain, temperature\`);
        const config = (name: string) => net.getLayer(name).getConfig() as { units: number; activation: string };
        const activation = (name: string) => config(name).activation;
        const [shared] = net.layers.filter((l) => l.getClassName() === 'Dense' && !net.outputNames.includes(l.name));
        const { units, activation: sharedActivation } = config(shared.name);
        check.ok(
          units === 32 && sharedActivation === 'relu',
          \`the shared Dense layer has \${units} units with \${sharedActivation}; the task asks for 32 units with relu\`,
        );
        check.ok(activation('rain') === 'sigmoid', \`the rain output uses \${activation('rain')}; the task asks for sigmoid\`);
        check.ok(
          activation('temperature') === 'linear',
          \`the temperature output uses \${activation('temperature')}; the task asks for none (linear)\`,
        );
        return 'to train it, compile gives each output its own loss by name, as the pair model does above';
      `,
    },
  ),
];
