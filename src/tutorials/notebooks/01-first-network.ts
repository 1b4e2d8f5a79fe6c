import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice from './exercises/01-first-network';

// Tutorial 1: a first network on TensorFlow Playground's spiral, built and trained without code,
// then the same network written in TensorFlow.js code.

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
    pass over the training points). Dots are the points it trains on, squares the ones it checks itself
    on after each epoch (validation), and hollow rings the test points it never sees while training.
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

    ## The same network in code

    Everything the graph cell did takes a dozen lines of TensorFlow.js. The code cell below loads the
    same 400 points (same samples, noise and seed as the graph cell's settings), builds the same three
    Dense layers, trains them and checks them on the same 80 test points. Press **Run** (or
    **Shift+Enter** in the cell) and watch its loss curve appear under it.

    If you know Keras, the pieces map one to one, with JavaScript spellings: \`tf.sequential\` is
    \`keras.Sequential\`; \`tf.layers.dense({ units: 32, activation: 'relu' })\` is
    \`keras.layers.Dense(32, activation="relu")\` (options go in one object, in camelCase); the first
    layer's \`inputShape: [2]\` stands for \`keras.Input(shape=(2,))\`; and \`fit\` and \`evaluate\`
    return promises and tensors, so the cell \`await\`s them.
  `),
  code(`
    // The graph cell's data: 400 points in all (320 to train on, the last 80 kept for the test).
    const spiral = await lb.datasets.load('spiral', { samples: 400, noise: 0.05, seed: 1 });
    // Labels come as whole numbers 0 and 1; binary cross-entropy wants them as one column of floats.
    const yTrain = spiral.yTrain.toFloat().reshape([-1, 1]);
    const yTest = spiral.yTest.toFloat().reshape([-1, 1]);

    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 32, activation: 'relu', inputShape: [2] }),
        tf.layers.dense({ units: 32, activation: 'relu' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    await model.fit(spiral.xTrain, yTrain, { epochs: 150, batchSize: 32 });

    // evaluate returns the loss and each metric as tensors, in the order compile named them.
    const [testLoss, testAcc] = model.evaluate(spiral.xTest, yTest) as tf.Scalar[];
    const testAccuracy = (await testAcc.data())[0];
    console.log(\`test accuracy \${(testAccuracy * 100).toFixed(1)} % on \${spiral.xTest.shape[0]} points\`);
    testAccuracy
  `),
  md(`
    The graph cell's model lives in code too, under the cell's name. After you have pressed **Train**,
    \`spiral_net\` in a code cell is the trained network: end a cell with \`spiral_net\` to see its
    summary, or ask it about one point with
    \`spiral_net.predict(tf.tensor2d([[0.5, -0.3]]))\` (a number near 1 means spiral 1).
    So you can build a model by drawing it and then inspect, test or reuse it in code.
  `),
  ...practice,
  md(`
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
    - **In code:** make the same change in the code cell (a layer fewer, 4 units, \`'tanh'\`) and run
      it again: both ways of building give the same kind of network, so the results should agree.
  `),
];
