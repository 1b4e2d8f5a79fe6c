import { code, graph, md } from '../cells';
import practice, { DIGITS_TRAINING, digitsMlp } from './exercises/03-dense-digits';

// Tutorial 3: a multi-layer perceptron on MNIST in code (summary, compile, fit, evaluate, a
// confusion matrix, a test digit predicted), then the same network as a graph cell, whose
// Predict panel takes the learner's own drawing.

export default [
  md(`
    # Digits with a dense network

    **MNIST** is 70,000 handwritten digits, each a 28 × 28 grey image with its label 0–9: the
    "hello world" of image classification. Layerbook ships 22,000 of them (20,000 to train on and
    2,000 to test with), so this works offline.

    You will build a **multi-layer perceptron** (MLP): layers of Dense units, each connected to every
    number of the layer before. Then you will train it, measure it on digits it has never seen, look at
    the digits it gets wrong, and finally draw a digit of your own for it to read.

    Run the cells in order (**Shift+Enter**); the training cell takes about half a minute.
  `),
  code(`
    const mnist = await lb.datasets.load('mnist');
    console.log('training images', mnist.xTrain.shape, 'labels', mnist.yTrain.shape);
    console.log('test images    ', mnist.xTest.shape, 'labels', mnist.yTest.shape);

    const firstLabels = (await mnist.yTrain.slice(0, 24).array()) as number[];
    display.images(mnist.xTrain.slice(0, 24), {
      labels: firstLabels.map(String),
      columns: 12,
      title: 'The first 24 training digits',
    });
  `),
  md(`
    Each image is a tensor of shape \`[28, 28, 1]\` (height, width, one grey channel) with values from 0
    (black) to 1 (white), so the training set is one tensor of shape \`[20000, 28, 28, 1]\`. The labels
    are the digits themselves, as integers.

    ## The model

    A Dense layer wants a flat list of numbers, so the first layer, **Flatten**, lays the 28 × 28 pixels
    out as 784 numbers. Then:

    - **Dense(256, relu)**: 256 units, each a weighted sum of all 784 pixels plus a bias, then relu.
      That is 784 × 256 + 256 = 200,960 weights, nearly all of the model.
    - **Dropout(0.2)**: while training, zeroes a random 20 % of those 256 numbers at each step (and
      scales the rest up to make up for them), so no unit can rely on any single other one; it does
      nothing when predicting. It fights **overfitting**.
    - **Dense(10, softmax)**: one unit per digit. **Softmax** turns the ten sums into probabilities
      that add up to 1: the model's belief about which digit it sees.

    \`summary()\` prints each layer's output shape and parameter count, as Keras's does. The \`None\`
    (here \`null\`) in each shape is the batch: any number of images at once. A cell that ends with the
    model itself (a last line \`mlp\`) shows the same as a table, with **Open as graph** under it.
  `),
  code(`
    const mlp = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28, 1] }),
        tf.layers.dense({ units: 256, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    mlp.summary();
  `),
  md(`
    ## Compile and fit

    **compile** chooses how the model learns:

    - the **loss**: \`sparseCategoricalCrossentropy\` is −log(the probability given to the right digit).
      It is small when the model is confidently right and huge when it is confidently wrong. "Sparse"
      means the labels are digits (3), not one-hot rows ([0, 0, 0, 1, 0, …]);
    - the **optimizer**: Adam, gradient descent that adapts each weight's step size. Its learning rate
      is 0.001 by default (\`optimizer: 'adam'\` gives that); 0.002 learns faster in a short run;
    - the **metrics** to report besides the loss: accuracy.

    **fit** trains: in each **epoch** it goes once through the training images in shuffled **batches**
    of 64, taking one gradient step per batch: 5 epochs of 18,000 images are about 1,400 steps.
    \`validationSplit: 0.1\` keeps the last 10 % of the training images out of training and measures the
    model on them after every epoch. Layerbook draws the loss and accuracy live under the cell, for
    training and validation.
  `),
  code(`
    mlp.compile({
      optimizer: tf.train.adam(0.002),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    // The labels are int32 (class numbers); tfjs's sparse loss wants them as float32, so toFloat().
    const history = await mlp.fit(mnist.xTrain, mnist.yTrain.toFloat(), {
      epochs: 5,
      batchSize: 64,
      validationSplit: 0.1,
      shuffle: true,
    });
    history
  `),
  md(`
    ## Evaluate on the test digits

    Training accuracy says how well the model knows the digits it studied. What matters is how it does
    on digits it has **never seen**: the 2,000 test digits. \`evaluate\` returns one scalar per number it
    reports: the loss first, then each metric. Expect a test accuracy of around 96 to 97 %.
  `),
  code(`
    // evaluate (like predict) returns one tensor, or a list of them: [ … ].flat() is a list either way.
    const [testLoss, testAccuracyTensor] = [mlp.evaluate(mnist.xTest, mnist.yTest.toFloat())].flat();
    const testAccuracy = await testAccuracyTensor.array();
    const lossValue = await testLoss.array();
    console.log(\`test loss \${lossValue.toFixed(3)}, test accuracy \${(testAccuracy * 100).toFixed(1)} %\`);
  `),
  md(`
    ## Which digits does it confuse?

    One number hides *which* mistakes the model makes. The **confusion matrix** counts, for each true
    digit (a row), how often the model said each digit (a column). The diagonal is right; everything
    else is a mistake, and the biggest cells off the diagonal are the pairs it mixes up (often 4 and 9,
    or 3, 5 and 8).
  `),
  code(`
    const [testProbabilities] = [mlp.predict(mnist.xTest)].flat();
    const predicted = testProbabilities.argMax(-1); // the most probable digit of each test image
    const truth = (await mnist.yTest.array()) as number[];
    const guesses = (await predicted.array()) as number[];

    // counts[true digit][predicted digit], one count per test image.
    const counts = mnist.classes.map(() => mnist.classes.map(() => 0));
    truth.forEach((digit, i) => counts[digit][guesses[i]]++);
    display.confusion(mnist.classes, counts);

    // The test digits it got wrong, labelled "true → predicted".
    const wrong = truth.map((_, i) => i).filter((i) => truth[i] !== guesses[i]);
    console.log(\`\${wrong.length} of \${truth.length} test digits are wrong\`);
    const shown = wrong.slice(0, 16);
    display.images(tf.gather(mnist.xTest, shown), {
      labels: shown.map((i) => \`\${truth[i]} → \${guesses[i]}\`),
      columns: 8,
      title: 'Mistakes (true → predicted)',
    });
  `),
  md(`
    Many mistakes are digits a person would hesitate over too. Others are not: a dense network sees 784
    separate numbers, with no idea that neighbouring pixels belong together, so a digit drawn a little
    off-centre looks new to it. The next tutorial's convolutional network fixes exactly that.

    ## Predict one digit

    To predict, give the model a batch (here a batch of one: \`expandDims(0)\` adds the batch axis) and
    read the ten probabilities.
  `),
  code(`
    const index = 0; // try others: any number from 0 to 1999
    const digit = mnist.xTest.slice(index, 1).reshape([28, 28, 1]);
    display.image(digit);

    const [output] = [mlp.predict(digit.expandDims(0))].flat();
    const probabilities = (await output.reshape([10]).array()) as number[];
    const ranked = probabilities
      .map((p, d) => ({ digit: d, probability: p }))
      .sort((a, b) => b.probability - a.probability);
    const percent = (p: number) => \`\${(p * 100).toFixed(1)} %\`;
    display.table(ranked.slice(0, 3).map((r) => ({ digit: r.digit, probability: percent(r.probability) })));
    const answer = ranked[0].digit;
    console.log(\`the model reads \${answer}; the label says \${truth[index]}\`);
  `),
  md(`
    ## Draw your own digit

    The graph cell below is the same network, built from layers you can see and change, and trained
    without code, with the same settings except one: *Samples* is 10,000, half the training digits, so
    it is ready in well under half a minute, at around 95 % on the test digits. **Press Train**, then
    **Predict** under it and **draw a digit** in the box with the mouse or a finger: the model's top
    guesses appear each time you lift the pen, and **Clear** starts again.

    Your drawing is cropped, scaled and centred the way MNIST's digits were prepared, so it can be
    anywhere in the box. Then try to fool the model: a 7 with a bar, a 1 with a foot and a flag, a very
    thin or slanted digit. *Test sample* shows it test digits instead, with their true labels.

    Code cells can use the trained graph model by its name, \`digits\` (for example
    \`digits.predict(digit.expandDims(0))\`). After training, the cell shows its **Test metrics**
    and confusion matrix; press a number in the matrix to see the test digits behind it (**Evaluate**
    measures again).
  `),
  graph('digits', digitsMlp(256), DIGITS_TRAINING),
  ...practice,
  md(`
    ## Try next

    - **Narrower or deeper:** 64 units, or a second Dense(64, relu) layer. The summary shows what each
      change costs in weights; the test accuracy shows what it buys.
    - **No Dropout:** delete it and train for 10 epochs. Watch the training accuracy pull away from the
      validation accuracy: the model is memorising.
    - **Learning rate:** 0.01 learns faster at first but often ends worse; 0.0001 is slow. The loss chart
      shows both. *Schedule* lowers the rate as training goes on, to get some of each.
    - **More or fewer examples:** set the graph cell's *Samples* to 20,000, then to 1,000. How much
      does the test accuracy change? More data usually beats a bigger model.
  `),
];
