import { buildChain } from '../../graph/build';
import { graph, md } from '../cells';

// Tutorial 1: a first network on TensorFlow Playground's spiral, built and trained without code.

export default [
  md(`
    # Your first neural network

    A neural network is a function with many knobs (its **weights**). Training turns the knobs, a
    little at a time, so that the function's answers match the examples it is shown.

    Here the examples are points on a plane, each coloured by which of two spirals it belongs to. The
    network sees only the two coordinates of a point and must answer *which spiral?* No straight line
    separates the spirals, so the network has to learn a curved border: its **decision boundary**.

    **Do this:** press **Train** in the graph cell below. Watch the *Decision boundary* panel: the
    coloured field is the network's answer for every point of the plane, redrawn after each epoch (one
    pass over the training points). Points with a dark outline were held back for testing.
  `),
  graph(
    'spiral_net',
    buildChain(
      ['Input', { shape: [2] }],
      ['Dense', { units: 32, activation: 'relu' }],
      ['Dense', { units: 32, activation: 'relu' }],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ),
    {
      dataset: 'spiral',
      samples: 400,
      noise: 0.05,
      loss: 'binary_crossentropy',
      optimizer: 'adam',
      learning_rate: 0.02,
      epochs: 250,
      batch_size: 32,
      validation_split: 0.2,
      keep_best: true,
      metrics: ['accuracy'],
    },
  ),
  md(`
    ## What you are looking at

    - **Input** takes the two coordinates of a point: its shape is \`2\`.
    - Each **Dense** layer computes weighted sums of everything in the layer before it, then applies an
      **activation**. \`relu\` keeps positive sums and zeroes the rest; stacking such layers lets the
      network bend its border many times.
    - The last layer has **one unit** with a \`sigmoid\` activation: a number between 0 and 1, read as
      *the probability that the point is on spiral 1*. That is why the loss is **binary cross-entropy**,
      the loss for a yes/no answer.

    Under the graph, Layerbook shows each layer's output shape and its number of parameters, as Keras's
    \`model.summary()\` does. After training, *Test metrics* shows how well the network does on the 80
    points it never trained on: that number, not the training accuracy, says whether it learned the
    spirals or memorised its examples.

    ## Try next

    - **Depth:** delete one hidden Dense layer and train again. Can one layer of 32 units bend the
      border enough?
    - **Width:** set the hidden layers to 4 units. The boundary becomes coarse polygons.
    - **Activation:** change \`relu\` to \`tanh\` or \`linear\`. With \`linear\` everywhere, the network can
      only draw a straight line, however deep it is.
    - **Noise:** raise *Noise* in the training settings to 0.3. The spirals blur into each other, and
      the test accuracy stops rising long before the training accuracy does: the first sign of
      overfitting.
    - **Other sets:** pick *xor*, *circles* or *gaussian* as the dataset. Which need a hidden layer at all?
  `),
];
