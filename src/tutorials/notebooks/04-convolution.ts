import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice, { SHAPES_TRAINING } from './exercises/04-convolution';

// Tutorial 4: a CNN on MNIST as a graph cell (Conv2D, pooling, BatchNormalization, Dropout),
// trained in well under a minute in the browser; its filters, feature maps and Grad-CAM, from the
// Insight panel and from code; then a CNN on Shapes, where Grad-CAM can be checked by eye.
// The first graph cell must stay the MNIST CNN: the end-to-end test presses its Train, then Insight.

export default [
  md(`
    # Convolutional networks

    The dense network of the last tutorial sees a digit as 784 unrelated numbers: it has no idea that
    pixel 200 sits next to pixel 201, and a stroke that moves two pixels is new to it. A **convolutional
    network** (CNN) is built for images:

    - A **convolution** (Conv2D) slides a small **filter**, here 3 × 3 weights, over the whole image, and
      at each place computes one number: how much the patch under it looks like the filter. The same 9
      weights are used everywhere, so a filter that finds a stroke finds it *anywhere*. Each filter
      makes one **feature map**; a layer of 8 filters makes 8.
    - **Pooling** (MaxPooling2D) keeps the largest number of each 2 × 2 block, halving the maps'
      width and height: the next layer sees a coarser, larger view.
    - Stacked, the first layer finds edges and strokes, the next finds combinations of them (loops,
      corners, crossings), and a Dense layer at the end reads the digit from those.

    **Press Train** in the graph cell below (it takes well under half a minute), then read on while it
    trains.
  `),
  graph(
    'digits_cnn',
    buildChain(
      ['Input', { shape: [28, 28, 1] }],
      ['Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu' }],
      ['MaxPooling2D', { pool_size: [2, 2] }],
      ['BatchNormalization', { momentum: 0.9 }],
      ['Conv2D', { filters: 16, kernel_size: [3, 3], activation: 'relu' }],
      ['MaxPooling2D', { pool_size: [2, 2] }],
      ['Flatten'],
      ['Dropout', { rate: 0.25 }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ),
    {
      dataset: 'mnist',
      samples: 15_000,
      loss: 'sparse_categorical_crossentropy',
      optimizer: 'adam',
      learning_rate: 0.01,
      schedule: 'cosine',
      epochs: 2,
      batch_size: 32,
      validation_split: 0.1,
      metrics: ['accuracy'],
    },
  ),
  md(`
    ## The layers, shape by shape

    The summary under the graph shows each layer's output shape; follow one digit through it:

    | layer | output | what happens |
    |---|---|---|
    | Conv2D(8, 3 × 3) | 26 × 26 × 8 | 8 filters; a 3 × 3 window fits 26 times across 28 pixels |
    | MaxPooling2D | 13 × 13 × 8 | the largest of each 2 × 2 block |
    | BatchNormalization | 13 × 13 × 8 | each channel rescaled to mean 0, variance 1 (then a learned scale and shift) |
    | Conv2D(16, 3 × 3) | 11 × 11 × 16 | 16 filters, each 3 × 3 × 8: it reads all 8 maps at once |
    | MaxPooling2D | 5 × 5 × 16 | the largest of each 2 × 2 block; the odd last row and column are dropped |
    | Flatten, Dropout, Dense(10) | 10 | 400 numbers, a quarter dropped while training, then 10 probabilities |

    - **BatchNormalization** rescales each channel over the batch while training, so the next layer
      always gets numbers of the same size and learns faster with a large learning rate. When predicting
      it uses running averages instead; their **momentum** is 0.9 here (Keras's default is 0.99), so the
      averages catch up within this short run.
    - **Dropout** zeroes a random quarter of the 400 features at each training step, so the classifier
      cannot lean on a few of them.
    - The whole network has about 5,300 weights, under a thirtieth of the dense network's 200,000 or so,
      and does better: sharing a filter over the image is the right assumption for images.
    - **Schedule: cosine** lowers the learning rate from 0.01 to 0 along a cosine over the run: big steps
      first, then small ones that settle into the minimum. The learning-rate chart under the cell shows it.

    When training ends, the **Test metrics** table under the cell (its caption starts *Test split*) gives
    the accuracy on the 2,000 test digits: about 98 %, where the dense network reached about 96 %.

    ## Where does it look? Insight

    Press **Insight** under the trained model, then **Show heatmaps**. Its first view is **Grad-CAM**
    (gradient-weighted class activation mapping): for each of 8 test digits, a heatmap laid over the
    digit of the places that raised the score of the class the model predicted. It takes the gradient of
    that class's score with respect to the last convolution's feature maps, weighs each map by its
    average gradient, adds them up and keeps the positive part. The brighter, the stronger the evidence
    (the legend shows the scale; **Opacity** fades the heat to see the digit under it).

    - For a digit, the heat lies on the strokes that tell it apart: the closed top of a 9 against the
      open one of a 4, the middle bar of a 3.
    - **Class** explains another class than the predicted one: where is the evidence for an 8 in this 3?
    - **Target layer** picks the convolution to explain: the first one is sharper but knows less.
    - **Samples** and **From sample** page through the test digits.
    - Switch **Live** on and press **Train** again: the heatmaps are recomputed at every epoch end, so you
      watch the model learn where to look.

    Further down, **Activations** shows any layer's output for one test digit (pick the *Layer* and
    *Sample*, then **Show activations**), one small image per channel. The code cells below do the same
    from code, and return the numbers.
  `),
  md(`
    ## Filters and feature maps, from code

    The trained model is \`digits_cnn\` in code cells, and its layers have Keras's names: \`conv2d\`,
    \`max_pooling2d\`, \`conv2d_1\` and so on. The first convolution's weights are its 8 filters, each 3 × 3
    numbers (light for positive weights, dark for negative):
  `),
  code(`
    const kernel = digits_cnn.getLayer('conv2d').getWeights()[0]; // [3, 3, 1, 8]: height, width, in, out
    const filters = kernel.transpose([3, 0, 1, 2]); // [8, 3, 3, 1]: one 3 × 3 picture per filter
    const scaled = filters.sub(filters.min()).div(filters.max().sub(filters.min())); // 0 to 1, to show
    display.images(scaled, {
      columns: 8,
      labels: ['0', '1', '2', '3', '4', '5', '6', '7'],
      title: 'The 8 filters of conv2d',
    });
  `),
  md(`
    \`insight.activations(model, image, layer)\` runs one image through the model and shows what a layer
    outputs: here the 8 feature maps of the first convolution, then the 16 of the second. Each map lights
    up where its filter matched: one follows left edges, another the tops of strokes, another the ink
    itself.
  `),
  code(`
    const mnist = await lb.datasets.load('mnist', { samples: 1 }); // the test digits are always all there
    const digit = mnist.xTest.slice(0, 1);
    const firstMaps = await insight.activations(digits_cnn, digit, 'conv2d');
    const secondMaps = await insight.activations(digits_cnn, digit, 'conv2d_1');
    console.log(\`conv2d: [\${firstMaps.shape}], conv2d_1: [\${secondMaps.shape}]\`);
  `),
  md(`
    \`insight.gradCam(model, images)\` computes the same heatmaps as the Insight panel for any images and
    returns them as numbers, one value from 0 to 1 per place of the last convolution's 11 × 11 grid:
  `),
  code(`
    const digitCam = await insight.gradCam(digits_cnn, mnist.xTest.slice(0, 8), { classes: mnist.classes });
    const size = \`\${digitCam.heatmaps[0].length} × \${digitCam.heatmaps[0][0].length}\`;
    console.log(\`Grad-CAM of \${digitCam.layer}: \${digitCam.heatmaps.length} heatmaps of \${size}\`);
    console.log(\`predicted \${digitCam.predicted}\`);
  `),
  md(`
    ## Shapes: checking where a CNN looks

    On digits it is hard to say where a model *should* look. **Shapes** makes it easy: each 32 × 32
    image holds one filled circle, square or triangle, at a random place and size. A model that has
    learned the task must find the shape, so its Grad-CAM should light up the shape and nothing else.

    This CNN is built to be explained. Its two convolutions keep the full 32 × 32 resolution (\`same\`
    padding, no pooling between them), so the heatmap is as sharp as the image; they have **no biases**,
    so the empty background gives exactly 0 and cannot count as evidence; and
    **GlobalAveragePooling2D** averages each of the 16 maps into one number, so the classifier can only
    use *how much* of each pattern there is, not where. The second convolution is a
    **SeparableConv2D**: a 3 × 3 filter per channel, then a 1 × 1 convolution that mixes them, for a
    fraction of a Conv2D's weights.

    **Press Train** (about 15 seconds), then **Insight**. Squares are told apart by their corners,
    triangles by their slanted edges and tip, circles by their round outline, so the heat tends to hug
    the outline rather than fill the shape.
  `),
  graph(
    'shapes_cnn',
    buildChain(
      ['Input', { shape: [32, 32, 1] }],
      ['Conv2D', { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu', use_bias: false }],
      ['SeparableConv2D', { filters: 16, kernel_size: [3, 3], padding: 'same', activation: 'relu', use_bias: false }],
      ['GlobalAveragePooling2D'],
      ['Dense', { units: 3, activation: 'softmax' }],
    ),
    SHAPES_TRAINING,
  ),
  md(`
    The same from code: \`lb.datasets.load\` with the graph cell's *Samples*, *Noise* and *Seed* makes the
    very images it trained and was tested on. The heatmaps are 32 × 32 here, one value per pixel.
  `),
  code(`
    const shapeSet = await lb.datasets.load('shapes', { samples: 900, noise: 0.05, seed: 3 });
    const shapeImages = shapeSet.xTest.slice(0, 12);
    const shapeCam = await insight.gradCam(shapes_cnn, shapeImages, { classes: shapeSet.classes });
    const shapeSize = \`\${shapeCam.heatmaps[0].length} × \${shapeCam.heatmaps[0][0].length}\`;
    console.log(\`Grad-CAM of \${shapeCam.layer}: \${shapeCam.heatmaps.length} heatmaps of \${shapeSize}\`);
    console.log(\`predicted \${shapeCam.predicted.map((k) => shapeSet.classes[k]).join(', ')}\`);
  `),
  ...practice,
  md(`
    ## Try next

    - **Fewer filters:** set the first Conv2D of \`digits_cnn\` to 4 filters, or delete the second
      convolution and its pooling. How much accuracy does each cost?
    - **No BatchNormalization:** delete it and train again with the same learning rate. Then set its
      momentum back to Keras's 0.99: the test accuracy can drop, because the running averages have not
      caught up after so few steps, though the training accuracy looks fine.
    - **Grad-CAM for the wrong class:** in Insight, pick a *Class* the model did not predict. Where is the
      evidence for a 7 in a 1?
    - **Biases back:** tick *use_bias* on both convolutions of \`shapes_cnn\` and train again. The heat
      spreads over the background in some runs: a filter with a bias can turn "nothing here" into evidence.
  `),
];
