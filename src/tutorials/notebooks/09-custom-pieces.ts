import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice from './exercises/09-custom-pieces';

// Tutorial 9: the pieces a learner writes when the built-in ones are not enough (a layer, a loss, a
// metric, a callback), then a training loop of their own instead of fit. Mostly code: a graph cell
// cannot hold a class the learner wrote (the text says so), but its model takes the learner's loss,
// metric and callback, and one section shows that.

export default [
  md(`
    # Your own pieces

    Keras and TensorFlow.js come with many layers, losses and metrics, but sooner or later you need one
    they lack. Each is an ordinary piece of code you can write yourself:

    | piece | what you write | TensorFlow.js | Keras |
    |---|---|---|---|
    | layer | weights and a forward pass | a class extending \`tf.layers.Layer\` | a subclass of \`keras.layers.Layer\` |
    | loss | how wrong a batch is | \`(yTrue, yPred) => tensor\` | \`def loss(y_true, y_pred)\` |
    | metric | a number to watch | \`(yTrue, yPred) => tensor\` | a function or \`keras.metrics.Metric\` |
    | callback | code run during \`fit\` | \`{ onEpochEnd(epoch, logs) {…} }\` | a \`keras.callbacks.Callback\` |
    | training loop | the steps of \`fit\` | \`tf.variableGrads\` + \`optimizer.applyGradients\` | \`tf.GradientTape\` |

    We build all five on the **spiral** (two interleaved arms of 2-D points). Graph cells cannot hold a
    class you wrote, so the pieces live in code cells; but a model drawn in a graph cell takes your
    loss, metric and callback like any other, as one section shows. Layerbook's own extra layers
    (\`lb.layers\`, such as \`TransformerEncoder\`) are custom layers written exactly this way.

    ## A custom layer

    Our layer, \`SineDense\`, is a Dense layer with a sine as its activation: \`sin(ω · (x·W + b))\`.
    Networks of such layers (SIRENs) are good at wiggly, periodic functions, and a spiral is one. A
    layer class has four parts:

    - **build(inputShape)** runs once, when the layer first sees an input, and makes the weights with
      \`this.addWeight(name, shape, dtype, initializer)\` (Keras: \`self.add_weight\`);
    - **call(inputs)** is the forward pass, in tensor operations, so gradients flow through it;
    - **computeOutputShape** tells the model the output's shape (here the last axis becomes \`units\`);
    - **getConfig** and a static **className** let a saved model be loaded again, once the class is
      registered with \`tf.serialization.registerClass\` (Keras: \`@keras.saving.register_keras_serializable\`).
  `),
  code(`
    class SineDense extends tf.layers.Layer {
      static className = 'SineDense';
      units: number;
      frequency: number;
      kernel: tf.LayerVariable | null = null;
      bias: tf.LayerVariable | null = null;

      constructor(args: { units: number; frequency?: number; inputShape?: number[]; name?: string }) {
        super(args);
        this.units = args.units;
        this.frequency = args.frequency ?? 1;
      }

      build(inputShape: tf.Shape | tf.Shape[]) {
        const features = (inputShape as tf.Shape).at(-1) as number;
        this.kernel = this.addWeight('kernel', [features, this.units], 'float32', tf.initializers.glorotUniform({}));
        this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
        this.built = true;
      }

      computeOutputShape(inputShape: tf.Shape | tf.Shape[]) {
        return [...(inputShape as tf.Shape).slice(0, -1), this.units];
      }

      call(inputs: tf.Tensor | tf.Tensor[]) {
        return tf.tidy(() => {
          const x = Array.isArray(inputs) ? inputs[0] : inputs;
          return tf.sin(x.matMul(this.kernel!.read()).add(this.bias!.read()).mul(this.frequency));
        });
      }

      getConfig() {
        return { ...super.getConfig(), units: this.units, frequency: this.frequency };
      }
    }
    tf.serialization.registerClass(SineDense);

    // Check it by hand: with weights we choose, the output must be the sine we expect.
    const probe = new SineDense({ units: 2, frequency: 1 });
    probe.apply(tf.zeros([1, 2])); // builds it: 2 inputs, so a 2 × 2 kernel
    probe.setWeights([tf.tensor2d([[1, 0], [0, 2]]), tf.tensor1d([0, 0.5])]);
    const probeOut = (probe.apply(tf.tensor2d([[Math.PI / 2, 0.25]])) as tf.Tensor).arraySync();
    // sin(π/2) = 1 and sin(2 × 0.25 + 0.5) = sin(1) ≈ 0.841
    probeOut;
  `),
  md(`
    ## A custom loss

    Binary cross-entropy treats every example alike. The **focal loss** (from object detection, where
    most examples are easy background) multiplies each example's cross-entropy by \`(1 − p)^γ\`, where
    \`p\` is the probability the model gave the right answer. Examples the model already gets right
    with confidence count for almost nothing; the hard ones dominate. Keras has it as
    \`BinaryFocalCrossentropy\`; TensorFlow.js does not, so we write it. A loss takes the true labels
    and the predictions and returns a loss per example (fit averages them).

    ## A custom metric

    A metric is the same kind of function, only watched, not minimised. Ours counts the fraction of
    examples the model gets **wrong while more than 90 % sure**: the mistakes that matter most. The
    function's name becomes the metric's name in the logs and charts.
  `),
  code(`
    const GAMMA = 2;
    function focalLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return tf.tidy(() => {
        const p = yPred.clipByValue(1e-7, 1 - 1e-7);
        // The probability given to the true class, and its cross-entropy.
        const pTrue = yTrue.mul(p).add(tf.scalar(1).sub(yTrue).mul(tf.scalar(1).sub(p)));
        return tf.scalar(1).sub(pTrue).pow(GAMMA).mul(pTrue.log().neg()).mean(-1);
      });
    }

    function sureButWrong(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return tf.tidy(() => {
        const sure = yPred.greater(0.9).logicalOr(yPred.less(0.1));
        const wrong = yPred.round().notEqual(yTrue);
        return sure.logicalAnd(wrong).toFloat().mean(-1);
      });
    }

    // A check by hand: a confident right answer costs far less than a hesitant one.
    const lossCheck = focalLoss(tf.tensor2d([[1], [1], [0]]), tf.tensor2d([[0.95], [0.6], [0.99]])).arraySync();
    lossCheck;
  `),
  md(`
    The three example losses: 0.95 for class 1 is nearly free, 0.6 costs more, and 0.99 for an
    example of class 0 (a confident mistake) costs by far the most.

    ## A custom callback

    During \`fit\`, TensorFlow.js calls a callback's methods at moments of training:
    \`onTrainBegin\`, \`onEpochBegin\`, \`onBatchEnd\`, \`onEpochEnd\` (with that epoch's logs) and so on.
    A plain object with the methods you need will do (\`new tf.CustomCallback({...})\` is the same
    thing as a class). Ours keeps a diary: each epoch's loss and our metric, and a line in the cell
    every 10 epochs. (Layerbook draws fit's curves anyway; a callback is for what it does not do, such
    as stopping on a rule of your own, or saving something every epoch.)

    Now everything together: a model made of our layer, compiled with our loss and metric, trained
    with our callback.
  `),
  code(`
    const spiral = await lb.datasets.load('spiral', { samples: 400, noise: 0.05 });
    const xs = spiral.xTrain;
    const ys = spiral.yTrain.toFloat().reshape([-1, 1]);
    /** The share of test points a model puts on the right arm. */
    const testAccuracyOf = (m: tf.LayersModel) =>
      tf.metrics.binaryAccuracy(spiral.yTest.toFloat().reshape([-1, 1]), m.predict(spiral.xTest) as tf.Tensor).mean().dataSync()[0];

    const model = tf.sequential({
      layers: [
        new SineDense({ units: 32, frequency: 3, inputShape: [2] }),
        tf.layers.dense({ units: 32, activation: 'relu' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: focalLoss, metrics: ['accuracy', sureButWrong] });

    const diary: Array<{ epoch: number; loss: number; sureButWrong: number }> = [];
    const diaryKeeper = {
      onEpochEnd: async (epoch: number, logs?: tf.Logs) => {
        diary.push({ epoch, loss: logs!.loss, sureButWrong: logs!.sureButWrong });
        if ((epoch + 1) % 10 === 0) console.log(\`epoch \${epoch + 1}: focal loss \${logs!.loss.toFixed(4)}\`);
      },
    };
    await model.fit(xs, ys, { epochs: 60, batchSize: 32, validationSplit: 0.2, callbacks: [diaryKeeper] });

    const last = diary.at(-1)!;
    ({
      epochsLogged: diary.length,
      firstLoss: diary[0].loss,
      lastLoss: last.loss,
      lastSureButWrong: last.sureButWrong,
      testAccuracy: testAccuracyOf(model),
    });
  `),
  md(`
    Show \`model\` in a cell: its summary names our layer by its class, \`SineDense\`, and counts its 96 weights (a
    2 × 32 kernel and 32 biases). Because the class is registered, \`model.save\` writes it into
    \`model.json\` and \`tf.loadLayersModel\` can rebuild it, in any notebook that defines and registers
    the class first.

    ## Your pieces on a drawn model

    A loss, a metric and a callback are not tied to models written in code. The graph cell below,
    \`spiral_base\`, is the plain version of our network, drawn: three Dense layers, no \`SineDense\`.
    **Press Train** on it. It trains on the same 400 spiral points with the settings under it (binary
    cross-entropy, Adam), and its *Test metrics* are a baseline to compare with.
  `),
  graph(
    'spiral_base',
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
      epochs: 150,
      batch_size: 32,
      validation_split: 0.2,
      keep_best: true,
      metrics: ['accuracy'],
    },
  ),
  md(`
    In code cells the drawn model is \`spiral_base\`, an ordinary \`tf.LayersModel\`. The cell below
    first measures it with our metric, then trains it again with all our pieces: our focal loss and
    \`sureButWrong\` metric in \`compile\`, our diary-keeping callback in \`fit\`, and the same 150
    epochs and validation split as Train used, so the two runs can be compared.

    \`compile\` swaps the loss, the metrics and the optimizer but keeps the weights, so \`fit\` would
    carry on from the network Train left. To watch it learn from the start, the cell first gives every
    layer fresh weights, as Train does: a new random kernel (Glorot uniform, a Dense layer's default)
    and zero biases. Weights are only tensors, and \`setWeights\` replaces them.
  `),
  code(`
    /** Our metric on the test points: the share a model gets wrong while more than 90 % sure. */
    const sureButWrongOf = (m: tf.LayersModel) =>
      tf.tidy(() => {
        const yTest = spiral.yTest.toFloat().reshape([-1, 1]);
        return sureButWrong(yTest, m.predict(spiral.xTest) as tf.Tensor).mean().dataSync()[0];
      });
    const baseline = { testAccuracy: testAccuracyOf(spiral_base), sureButWrong: sureButWrongOf(spiral_base) };

    for (const layer of spiral_base.layers) {
      const [kernel, bias] = layer.getWeights(); // none for the Input layer
      if (kernel) layer.setWeights([tf.initializers.glorotUniform({}).apply(kernel.shape), tf.zerosLike(bias)]);
    }
    spiral_base.compile({ optimizer: tf.train.adam(0.01), loss: focalLoss, metrics: ['accuracy', sureButWrong] });
    diary.length = 0; // a fresh page of the diary for this run
    await spiral_base.fit(xs, ys, { epochs: 150, batchSize: 32, validationSplit: 0.2, callbacks: [diaryKeeper] });
    display.table(diary.filter((d) => (d.epoch + 1) % 30 === 0)); // a page of the diary: every 30th epoch

    ({
      baseline,
      afterFocal: { testAccuracy: testAccuracyOf(spiral_base), sureButWrong: sureButWrongOf(spiral_base) },
      epochsLogged: diary.length,
      firstLoss: diary[0].loss,
      lastLoss: diary.at(-1)!.loss,
    });
  `),
  md(`
    The diary filled as before, with our metric in every epoch's logs: \`compile\`, \`fit\` and the
    callback cannot tell a drawn model from a written one. So you can draw the layers and still write,
    in code, whatever the training needs that a graph cell's settings do not offer. (The callback's
    lines every 10 epochs appear under the cell that defined \`diaryKeeper\`, not this one: a function
    prints to the console of the cell it was written in.)

    Compare \`baseline\` (binary cross-entropy, from Train) with \`afterFocal\` in the cell's result.
    On a spiral this clean both losses learn it; focal loss pays off on data where easy examples far
    outnumber the hard ones.

    ## A training loop of your own

    \`fit\` is a loop: take a batch, compute the loss, compute its gradient with respect to every
    weight, let the optimizer change the weights, repeat. Writing the loop yourself is how you train
    models \`fit\` cannot (GANs, VAEs, reinforcement learning), or try an idea \`fit\` has no option for.

    - \`tf.variableGrads(f)\` runs \`f\`, which returns the loss, and returns the loss and the gradient of
      every trainable variable it used: Keras's \`GradientTape\` in one call.
    - \`optimizer.applyGradients(grads)\` takes one step. (\`optimizer.minimize(f)\` does both.)
    - \`display.plot\` returns a handle; \`plot.append({ loss })\` adds a point to the chart while the loop
      runs. Awaiting \`tf.nextFrame()\` now and then lets the chart redraw and the *Stop* button work.

    The loop trains a fresh copy of the same model with the same loss, on shuffled batches of 32.
  `),
  code(`
    const loopModel = tf.sequential({
      layers: [
        new SineDense({ units: 32, frequency: 3, inputShape: [2] }),
        tf.layers.dense({ units: 32, activation: 'relu' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    const optimizer = tf.train.adam(0.01);
    const lossPlot = display.plot([], { title: 'Focal loss per batch, own loop', xLabel: 'step', smoothing: 0.6 });
    const batchSize = 32;
    const count = xs.shape[0];
    const stepLosses: number[] = [];

    for (let epoch = 0; epoch < 40; epoch++) {
      const order = tf.util.createShuffledIndices(count);
      for (let start = 0; start < count; start += batchSize) {
        const index = tf.tensor1d(Array.from(order.slice(start, start + batchSize)), 'int32');
        const xb = xs.gather(index);
        const yb = ys.gather(index);
        // The forward pass in training mode, and its loss: the function whose gradients we want.
        const batchLoss = () => focalLoss(yb, loopModel.apply(xb, { training: true }) as tf.Tensor).mean() as tf.Scalar;
        const { value, grads } = tf.variableGrads(batchLoss);
        optimizer.applyGradients(grads);
        const loss = value.dataSync()[0];
        stepLosses.push(loss);
        lossPlot.append({ loss });
        tf.dispose([index, xb, yb, value, grads]);
      }
      await tf.nextFrame();
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    ({
      steps: stepLosses.length,
      firstEpochLoss: mean(stepLosses.slice(0, 10)),
      lastEpochLoss: mean(stepLosses.slice(-10)),
      loopAccuracy: testAccuracyOf(loopModel),
    });
  `),
  md(`
    The chart grew while the loop ran, and the loss fell as it does under \`fit\`: the loop *is* what
    \`fit\` does, minus validation, callbacks and metrics, which are now yours to add where you want.

    A note on memory: in a loop you write, every tensor you make stays until you free it. \`tf.tidy\`
    frees what a function made (except what it returns), and \`tf.dispose\` frees what you name; the
    loop above frees each batch's tensors and gradients. \`tf.memory().numTensors\` should not grow from
    step to step.
  `),
  ...practice,
  md(`
    ## Try next

    - **Frequency:** build the model with \`frequency: 1\` and then \`10\`. Too low and the border is
      too smooth to follow the arms; too high and it becomes noise.
    - **γ:** set \`GAMMA = 0\`. The focal loss becomes plain binary cross-entropy: check its value
      against \`tf.metrics.binaryCrossentropy\` on the same three examples.
    - **A callback that stops:** in \`diaryKeeper\`, set \`model.stopTraining = true\` once
      \`sureButWrong\` has been 0 for five epochs in a row.
    - **Clip the gradients** in the loop: scale \`grads\` down when their global norm is above 1, a
      step \`fit\` in TensorFlow.js has no option for.
  `),
];
