import { buildChain } from '../../../graph/build';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 1's practice: a Sequential model written to a given shape (checked by its structure),
// then a drawn network trained to a goal under a parameter budget (checked by its test split).

export default [
  md(`
    ## Practice

    Two short exercises on what this page showed. Press **Check** under a cell to find out whether it
    does what the task asks; **Hint** gives a clue at a time, and **Solution** shows one answer.
  `),
  codeExercise(
    `
    // One Dense layer so far. Make it three: two hidden layers, then this output layer.
    const tripleNet = tf.sequential({
      layers: [tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [2] })],
    });
    tripleNet.summary();
    `,
    {
      task: `
        Build \`tripleNet\` with \`tf.sequential\`: exactly three Dense layers. The first takes points of 2
        numbers (input shape \`(None, 2)\`); the first two have 16 units each with \`relu\`; the last has 1 unit
        with \`sigmoid\` (output shape \`(None, 1)\`). It does not need training.
      `,
      hints: [
        'Each layer is one `tf.layers.dense({ … })` in the `layers` list, in order from input to output.',
        'Only the first layer takes `inputShape: [2]`: the others get their input size from the layer before.',
        "The list starts with `tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2] })`, then the same " +
          'without `inputShape`, then the sigmoid layer the starter already has (without its `inputShape`).',
      ],
      solution: `
        const tripleNet = tf.sequential({
          layers: [
            tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2] }),
            tf.layers.dense({ units: 16, activation: 'relu' }),
            tf.layers.dense({ units: 1, activation: 'sigmoid' }),
          ],
        });
        tripleNet.summary();
      `,
      check: `
        const net = check.model('tripleNet', { inputShape: [null, 2], outputShape: [null, 1], layers: { Dense: 3 }, layerCount: 3 });
        const dense = net.layers.filter((layer) => layer.getClassName() === 'Dense');
        const config = (i: number) => dense[i].getConfig() as { units: number; activation: string };
        const hidden = [config(0), config(1)];
        check.ok(
          hidden.every((c) => c.units === 16),
          \`the first two layers of tripleNet have \${hidden.map((c) => c.units).join(' and ')} units; the task asks for 16 each\`,
        );
        check.ok(
          hidden.every((c) => c.activation === 'relu'),
          \`the first two layers of tripleNet use \${hidden.map((c) => c.activation).join(' and ')}; the task asks for relu\`,
        );
        const last = config(2).activation;
        check.ok(last === 'sigmoid', \`the last layer of tripleNet uses \${last}; the task asks for sigmoid\`);
        return \`tripleNet has \${net.countParams()} parameters: (2 + 1) × 16, then (16 + 1) × 16, then 16 + 1\`;
      `,
    },
  ),
  md(`
    The graph cell below trains on *circles*: a disc of one class inside a ring of the other. As it
    comes, it is a single neuron, and one neuron can only draw a straight border.
  `),
  graphExercise(
    'ring_net',
    buildChain(['Input', { shape: [2] }], ['Dense', { units: 1, activation: 'sigmoid' }]),
    {
      dataset: 'circles',
      samples: 400,
      noise: 0.1,
      seed: 1,
      loss: 'binary_crossentropy',
      optimizer: 'adam',
      learning_rate: 0.05,
      epochs: 60,
      batch_size: 32,
      validation_split: 0.2,
      metrics: ['accuracy'],
    },
    {
      task: `
        Change \`ring_net\` so that, after **Train**, its test accuracy (\`test_accuracy\` in the *Test metrics*
        under the cell) is at least 0.95, with fewer than 30 parameters in all.
      `,
      hints: [
        'No straight line puts the disc on one side and the ring on the other. What did the spiral network have that this one lacks?',
        'Add a hidden **Dense** layer between Input and the output layer. After 2 inputs, a Dense layer of n units has ' +
          '2 × n weights and n biases; the summary under the graph adds them up.',
        'A hidden Dense layer of 6 units with `relu` makes 25 parameters in all. Then press **Train**.',
      ],
      solution: `
        Add a hidden Dense layer of 6 units with \`relu\` between Input and the output layer: 2 × 6 + 6 = 18
        parameters, plus 6 + 1 for the output, 25 in all. Press **Train**: a hidden layer lets the border bend
        around the disc, and the test accuracy ends near 1.
      `,
      solutionGraph: buildChain(
        ['Input', { shape: [2] }],
        ['Dense', { units: 6, activation: 'relu' }],
        ['Dense', { units: 1, activation: 'sigmoid' }],
      ),
      check: `
        check.trained('ring_net', { metric: 'test_accuracy', atLeast: 0.95, maxParams: 30 });
      `,
    },
  ),
];
