import type { TrainingSettings } from '../../../doc/trainConfig';
import { buildChain } from '../../../graph/build';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 4's practice: the shapes a stack of convolutions and poolings makes (checked by value),
// then a Shapes classifier under a parameter budget that only weight sharing can meet (a trained goal).

/**
 * The tutorial's Shapes run (its `shapes_cnn` cell), which the budget exercise trains on too, so the
 * two compare on the same images. Declared here because the tutorial imports its practice.
 */
export const SHAPES_TRAINING: TrainingSettings = {
  dataset: 'shapes',
  samples: 900,
  noise: 0.05,
  seed: 3,
  loss: 'sparse_categorical_crossentropy',
  optimizer: 'adam',
  learning_rate: 0.01,
  epochs: 10,
  batch_size: 32,
  validation_split: 0.1,
  metrics: ['accuracy'],
};

export default [
  md(`
    ## Practice

    Two exercises on convolutions. **Check** under a cell says whether it does what the task asks, or
    what is still wrong; **Hint** gives one clue at a time.

    First, shapes. **LeNet-5** (1998), one of the first CNNs, read 32 × 32 images of digits. It began
    with two convolutions of 5 × 5 filters, each followed by a 2 × 2 pooling (an average in the
    original; max pooling here). Working out the shapes such a stack makes is much of designing one.
  `),
  codeExercise(
    `
    // The input is [32, 32, 1]; list the shape each of the four layers outputs after it.
    const lenetShapes: number[][] = [];
    lenetShapes
    `,
    {
      task: `
        Make \`lenetShapes\` the list of the shapes that these four layers output, in order, each as
        \`[height, width, channels]\` (without the batch), for one 32 × 32 × 1 image: Conv2D(6 filters, 5 × 5),
        MaxPooling2D(2 × 2), Conv2D(16 filters, 5 × 5), MaxPooling2D(2 × 2). Padding is \`valid\` (the
        default) and strides are the defaults. Work them out by hand, or build the layers and read them.
      `,
      hints: [
        'A 5 × 5 filter fits 32 − 5 + 1 = 28 times across 32 pixels, and a convolution outputs one channel per filter.',
        'A 2 × 2 pooling halves height and width and keeps the channels. The second convolution then starts from 14 × 14 × 6.',
        'The list starts `[[28, 28, 6], [14, 14, 6], …]`; the second convolution fits 14 − 5 + 1 times.',
      ],
      solution: `
        // Built for real, each layer reports its output shape; slice(1) drops the batch's null.
        const lenet = tf.sequential({
          layers: [
            tf.layers.conv2d({ filters: 6, kernelSize: 5, inputShape: [32, 32, 1] }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 16, kernelSize: 5 }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
          ],
        });
        const lenetShapes = lenet.layers.map((layer) => (layer.outputShape as number[]).slice(1));
        lenetShapes
      `,
      check: `
        check.value('lenetShapes', [
          [28, 28, 6],
          [14, 14, 6],
          [10, 10, 16],
          [5, 5, 16],
        ]);
        return 'a Flatten after the last pooling would hand 5 × 5 × 16 = 400 numbers to the Dense layers';
      `,
    },
  ),
  md(`
    Next, a budget. The graph cell below classifies *Shapes* with a dense network: it reads the image's
    1,024 pixels as unrelated numbers, needs a weight for every pixel and every unit, and still
    gets many of the test images wrong.
  `),
  graphExercise(
    'shape_finder',
    buildChain(
      ['Input', { shape: [32, 32, 1] }],
      ['Flatten'],
      ['Dense', { units: 64, activation: 'relu' }],
      ['Dense', { units: 3, activation: 'softmax' }],
    ),
    SHAPES_TRAINING,
    {
      task: `
        Change \`shape_finder\` so that it has fewer than 2,000 parameters and, after **Train**, a test accuracy
        (\`test_accuracy\` in the *Test metrics* under the cell) of at least 0.95.
      `,
      hints: [
        'A 3 × 3 filter has 9 weights wherever it is on the image: convolutions cost far fewer parameters than Dense layers on pixels.',
        'Flatten after the convolutions would still hand thousands of numbers to Dense. **GlobalAveragePooling2D** ' +
          'averages each feature map into one number instead, as `shapes_cnn` above does.',
        'Try Conv2D(8, 3 × 3, relu, padding same), MaxPooling2D, Conv2D(16, 3 × 3, relu, padding same), MaxPooling2D, ' +
          'GlobalAveragePooling2D, then Dense(3, softmax): 1,299 parameters.',
      ],
      solution: `
        Replace Flatten and the hidden Dense layer with convolutions, and average their maps before the output:
        Conv2D(8 filters, 3 × 3, relu, padding \`same\`), MaxPooling2D(2 × 2), Conv2D(16 filters, 3 × 3, relu,
        padding \`same\`), MaxPooling2D(2 × 2), GlobalAveragePooling2D, then the Dense(3, softmax) output: 80 + 1,168
        + 51 = 1,299 parameters. Keep the training settings and press **Train**: the test accuracy ends near 1.
      `,
      solutionGraph: buildChain(
        ['Input', { shape: [32, 32, 1] }],
        ['Conv2D', { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu' }],
        ['MaxPooling2D', { pool_size: [2, 2] }],
        ['Conv2D', { filters: 16, kernel_size: [3, 3], padding: 'same', activation: 'relu' }],
        ['MaxPooling2D', { pool_size: [2, 2] }],
        ['GlobalAveragePooling2D'],
        ['Dense', { units: 3, activation: 'softmax' }],
      ),
      check: `
        check.trained('shape_finder', { metric: 'test_accuracy', atLeast: 0.95, maxParams: 2_000 });
      `,
    },
  ),
];
