import { buildGraph } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice, { RESIDUAL_SPIRAL } from './exercises/05-functional-api';

// Tutorial 5: models that are graphs, not stacks. A skip connection in a graph cell (it trains on a
// built-in set), then two inputs and two outputs in code with tf.model, since a graph cell trains one
// input and one output.

export default [
  md(`
    # The functional API

    A **Sequential** model is a stack: each layer takes the output of the one before. Many useful
    models are not stacks. A layer's output may feed two layers, two paths may join again, a model may
    read two different inputs or answer two questions at once. Keras's **functional API** builds such
    models by calling layers on tensors, then naming which tensors are the model's inputs and outputs.

    In TensorFlow.js the same idea reads:

    | | Keras (Python) | TensorFlow.js |
    |---|---|---|
    | an input | \`inputs = keras.Input(shape=(2,))\` | \`const inputs = tf.input({ shape: [2] })\` |
    | call a layer on it | \`x = layers.Dense(32)(inputs)\` | \`const x = tf.layers.dense({ units: 32 }).apply(inputs)\` |
    | join two paths | \`layers.add([a, b])\` | \`tf.layers.add().apply([a, b])\` |
    | the model | \`keras.Model(inputs, outputs)\` | \`tf.model({ inputs, outputs })\` |

    In a graph cell you do the same by drawing: a layer with two wires leaving it feeds both, and a
    merge layer (**Add**, **Concatenate**, **Multiply**) takes several wires in.

    ## A skip connection

    In a **residual block** the input of a few layers is added back to their output. The layers only
    have to learn a *correction* to what comes in, and gradients have a short path back to the early
    layers, which is what lets very deep networks (ResNets) train at all.

    The graph cell below classifies the spiral with one residual block: the output of the first Dense
    layer (\`dense\`) goes both through two more Dense layers and, along the skip wire, straight to
    **Add**. Both paths have 32 values per example, so Add can sum them (it needs equal shapes; the
    graph says so on the layer if they differ). **Press Train**: when it ends, the **Test metrics**
    under the cell should show an accuracy well over 90 %.
  `),
  graph(
    'residual',
    buildGraph(
      [
        ['input', 'Input', { shape: [2] }],
        ['dense_in', 'Dense', { units: 32, activation: 'relu' }],
        ['block_1', 'Dense', { units: 32, activation: 'relu' }],
        ['block_2', 'Dense', { units: 32, activation: 'relu' }],
        ['skip_add', 'Add', {}],
        ['output', 'Dense', { units: 1, activation: 'sigmoid' }],
      ],
      [
        ['input', 'dense_in'],
        ['dense_in', 'block_1'],
        ['block_1', 'block_2'],
        ['block_2', 'skip_add'],
        ['dense_in', 'skip_add'],
        ['skip_add', 'output'],
      ],
    ),
    RESIDUAL_SPIRAL,
  ),
  md(`
    The summary under the graph lists \`add\` with two inputs. *Copy as tfjs code* on the graph
    cell writes the model in the functional style of the table above: each layer \`.apply\`-ed to the
    tensors wired into it, and \`tf.model\` at the end. In a code cell \`residual\` is the trained model:
  `),
  code(`
    // Which layers feed each layer: add has two.
    residual.layers.map((layer) => ({
      layer: layer.name,
      inputs: layer.inboundNodes[0].inboundLayers.map((l) => l.name).join(', ') || '(none)',
      output: JSON.stringify(layer.outputShape),
    }));
  `),
  md(`
    ## Two inputs and two outputs

    A graph cell trains on one dataset with one input and one answer. For a model that reads two
    things and answers two questions, we write code. The task: show the model **two handwritten
    digits** and ask

    1. **what is their sum?** (0 to 18: a class out of 19), and
    2. **is the first digit larger than the second?** (yes or no).

    Both images are read by the **same** encoder, a Flatten and a Dense layer whose weights are shared:
    a digit is a digit whichever side it is on, so there is no reason to learn it twice. The two codes
    are joined with **Concatenate**, go through one shared Dense layer, and then split into two
    **heads**, one per question, each with its own loss. Training one model on two related tasks
    (multi-task learning) often helps both, because what one task teaches the shared layers the
    other can use.

    First the data: 6,000 MNIST training digits become 3,000 pairs, and the 2,000 test digits 1,000
    test pairs.
  `),
  code(`
    const mnist = await lb.datasets.load('mnist', { samples: 6000 });
    /** The first half of a set's digits paired with its second half, and the two answers for each pair. */
    function pairs(x: tf.Tensor, y: tf.Tensor) {
      const half = x.shape[0] / 2;
      const [a, b] = tf.split(x, 2);
      const [labelA, labelB] = tf.split(y.toFloat(), 2);
      return { a, b, sum: labelA.add(labelB), larger: labelA.greater(labelB).toFloat().reshape([half, 1]) };
    }
    const train = pairs(mnist.xTrain, mnist.yTrain);
    const test = pairs(mnist.xTest, mnist.yTest);
    display.images(tf.concat([train.a.slice(0, 8), train.b.slice(0, 8)]), {
      labels: [...train.sum.slice(0, 8).arraySync(), ...train.larger.slice(0, 8).flatten().arraySync()].map(String),
      columns: 8,
    });
    train.a.shape;
  `),
  md(`
    The top row shows the first digits of eight pairs, labelled with each pair's sum; the bottom row
    their partners, labelled 1 where the top digit is the larger. Now the model, in the functional
    style. Layers are made once and **applied** to as many tensors as we like: applying \`encoder\` to
    both inputs is what shares its weights.
  `),
  code(`
    const digitA = tf.input({ shape: [28, 28, 1], name: 'digit_a' });
    const digitB = tf.input({ shape: [28, 28, 1], name: 'digit_b' });

    // One encoder, applied to both inputs: the same weights read either digit.
    const flatten = tf.layers.flatten();
    const encoder = tf.layers.dense({ units: 64, activation: 'relu', name: 'encoder' });
    const encode = (digit: tf.SymbolicTensor) => encoder.apply(flatten.apply(digit)) as tf.SymbolicTensor;

    const joined = tf.layers.concatenate().apply([encode(digitA), encode(digitB)]) as tf.SymbolicTensor;
    const shared = tf.layers.dense({ units: 64, activation: 'relu' }).apply(joined) as tf.SymbolicTensor;
    const sumHead = tf.layers.dense({ units: 19, activation: 'softmax', name: 'sum' }).apply(shared) as tf.SymbolicTensor;
    const largerHead = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'larger' }).apply(shared) as tf.SymbolicTensor;

    const pairModel = tf.model({ inputs: [digitA, digitB], outputs: [sumHead, largerHead], name: 'pair_model' });
    pairModel;
  `),
  md(`
    The summary shows \`encoder\` once, with its 50,240 weights counted once, though two paths run
    through it.

    Each output gets its own loss, named by the output layer's name; the model's loss is their
    **sum**. Keras can weigh the parts (\`loss_weights={"sum": 1.0, "larger": 0.2}\`); TensorFlow.js
    4.22 has no \`lossWeights\`, so to weigh a head you give it a loss function that scales its loss.
    Inputs are passed as a list in the order of \`inputs\`, and targets by output name, as in Keras.
  `),
  code(`
    pairModel.compile({
      optimizer: tf.train.adam(0.002),
      loss: { sum: 'sparseCategoricalCrossentropy', larger: 'binaryCrossentropy' },
      metrics: { sum: 'accuracy', larger: 'accuracy' },
    });
    const history = await pairModel.fit([train.a, train.b], { sum: train.sum, larger: train.larger }, {
      epochs: 12,
      batchSize: 64,
      validationSplit: 0.1,
    });
    const [sumPred, largerPred] = pairModel.predict([test.a, test.b]) as tf.Tensor[];
    const sumAccuracy = tf.metrics.sparseCategoricalAccuracy(test.sum, sumPred).mean().dataSync()[0];
    const largerAccuracy = tf.metrics.binaryAccuracy(test.larger, largerPred).mean().dataSync()[0];
    const losses = history.history.loss as number[];
    display.table([
      { head: 'sum (19 classes)', 'test accuracy': sumAccuracy, 'guessing': 1 / 10 },
      { head: 'larger (yes or no)', 'test accuracy': largerAccuracy, 'guessing': 0.5 },
    ]);
    ({
      logged: Object.keys(history.history).join(', '),
      firstLoss: losses[0],
      lastLoss: losses.at(-1),
      sumShape: sumPred.shape,
      largerShape: largerPred.shape,
      sumAccuracy,
      largerAccuracy,
    });
  `),
  md(`
    The charts under the cell show each head's loss and accuracy (\`sum_loss\`, \`larger_acc\`, …)
    besides the total \`loss\`, which is their sum. The outputs have the shapes the heads promise:
    \`[1000, 19]\` (a probability for each possible sum) and \`[1000, 1]\` (one probability of *larger*).
    Guessing the commonest sum (9) would be right about one time in ten; the model reads both digits
    and does far better.
  `),
  ...practice,
  md(`
    ## Try next

    - **A deeper residual net:** in the graph cell, add a second block (two Dense layers and an Add
      whose second wire comes from the first \`add\`). Then delete the skip wires and compare: with
      many layers, the version without skips usually learns more slowly.
    - **No sharing:** give each input its own \`tf.layers.dense\` encoder. The model has twice the
      encoder weights; does it learn the digits as well from the same 3,000 pairs?
    - **One task at a time:** build the model with only the \`sum\` head, train it, and compare its sum
      accuracy with the two-headed model's.
    - **Weigh a head:** make the \`larger\` loss count half, with a loss function of your own:
      \`larger: (y, p) => tf.metrics.binaryCrossentropy(y, p).mul(0.5)\`.
  `),
];
