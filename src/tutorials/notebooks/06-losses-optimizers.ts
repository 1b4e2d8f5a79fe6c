import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice, { NOISY_CIRCLES } from './exercises/06-losses-optimizers';

// Tutorial 6: what compile() chooses (the loss, the optimizer and its learning rate), then
// overfitting on a small, noisy set of circles and three cures for it, compared on the same examples.

const hidden = ['Dense', { units: 64, activation: 'relu' }] as const;
const output = ['Dense', { units: 1, activation: 'sigmoid' }] as const;
const input = ['Input', { shape: [2] }] as const;

export default [
  md(`
    # Losses, optimizers and schedules

    When Keras or TensorFlow.js compiles a model, three choices decide how it learns:

    - the **loss**: one number that says how wrong the model is (training makes it smaller);
    - the **optimizer**: the rule that turns the loss's gradient into a change of the weights;
    - the **learning rate** (and its **schedule**): how big those changes are, and how that size
      changes while training goes on.

    This tutorial looks at each, then at the commonest way training goes wrong, **overfitting**, and
    at three cures for it.

    ## Losses

    For a number to predict (a price, a temperature) the loss compares the prediction with the truth
    through their difference, the **error**:

    - **MSE** (mean squared error) squares it: big errors count far more than small ones.
    - **MAE** (mean absolute error) takes its size: every unit of error costs the same, so a few wild
      examples (outliers) pull the model less.
    - **Huber** is MSE near zero and MAE further out (beyond \`delta\`): smooth where the model is
      nearly right, forgiving of outliers.
  `),
  code(`
    // Errors from -3 to 3, and each loss of each error on its own (no averaging: Reduction.NONE).
    const errors = tf.linspace(-3, 3, 121);
    const zeros = tf.zerosLike(errors);
    const none = tf.Reduction.NONE;
    display.plot(
      [
        { name: 'MSE', x: errors, y: tf.losses.meanSquaredError(zeros, errors, undefined, none) },
        { name: 'MAE', x: errors, y: tf.losses.absoluteDifference(zeros, errors, undefined, none) },
        { name: 'Huber (delta 1)', x: errors, y: tf.losses.huberLoss(zeros, errors, undefined, 1, none) },
      ],
      { title: 'Regression losses', xLabel: 'error (prediction − truth)', yLabel: 'loss' },
    );
  `),
  md(`
    For a class to predict, the model outputs a **probability**, and the loss is the
    **cross-entropy**: minus the log of the probability the model gave the right answer. A model that
    says 0.9 for the true class pays 0.1; one that says 0.01 pays 4.6, and one that says 0 would pay
    without limit. Squared error on the same probability never costs more than 1, which is why
    classifiers are trained with cross-entropy: a confident mistake must hurt.

    Keras names these \`binary_crossentropy\` (one sigmoid output, yes or no) and
    \`sparse_categorical_crossentropy\` (softmax over classes, labels as class numbers); tfjs names them
    \`'binaryCrossentropy'\` and \`'sparseCategoricalCrossentropy'\`.
  `),
  code(`
    // The probability a model gives the true class, from almost 0 to almost 1.
    const p = tf.linspace(0.01, 0.99, 99);
    const truth = tf.onesLike(p);
    display.plot(
      [
        { name: 'cross-entropy', x: p, y: tf.metrics.binaryCrossentropy(truth.expandDims(1), p.expandDims(1)) },
        { name: 'squared error', x: p, y: truth.sub(p).square() },
      ],
      { title: 'Loss of one example whose true class is 1', xLabel: 'predicted probability of class 1', yLabel: 'loss' },
    );
  `),
  md(`
    ## Optimizers racing on a surface

    Training walks downhill on the loss. To *see* the walk, take a loss of just two weights, \`x\` and
    \`y\`, so it can be drawn as a map: a long, narrow valley whose lowest point is \`(0, 0)\`. It is
    steep across the valley (along \`y\`) and nearly flat along it (along \`x\`), like many real losses.

    Each optimizer below starts at the same point and takes 60 steps with \`optimizer.minimize\`:

    - **SGD** steps straight down the slope, scaled by the learning rate. A rate large enough to make
      progress along the flat floor makes it bounce from wall to wall across the valley.
    - **SGD with momentum** keeps a running velocity: bounces cancel out, and the steady push along
      the floor builds up speed.
    - **RMSProp** divides each weight's step by the recent size of its gradients, so the steep and
      the flat direction get steps of similar size.
    - **Adam** combines both ideas (momentum and per-weight scaling). It is the usual first choice.
  `),
  code(`
    // The valley: steep across (y), nearly flat along (x); its minimum is 0 at (0, 0).
    const valley = (x: tf.Tensor, y: tf.Tensor) => x.square().mul(0.02).add(y.square());
    const start = [-4, 1.5];

    /** Follows one optimizer for \`steps\` steps from \`start\`; returns the path it took. */
    function race(name: string, optimizer: tf.Optimizer, steps = 60, rateAt?: (step: number) => number) {
      const x = tf.variable(tf.scalar(start[0]));
      const y = tf.variable(tf.scalar(start[1]));
      const path = { name, x: [start[0]], y: [start[1]] };
      for (let step = 0; step < steps; step++) {
        if (rateAt) (optimizer as tf.SGDOptimizer).setLearningRate(rateAt(step));
        // minimize computes the gradient of the loss and applies one step to x and y.
        optimizer.minimize(() => valley(x, y) as tf.Scalar, false, [x, y]);
        path.x.push(x.dataSync()[0]);
        path.y.push(y.dataSync()[0]);
      }
      tf.dispose([x, y, optimizer]);
      return path;
    }

    const paths = [
      race('SGD', tf.train.sgd(0.9)),
      race('SGD + momentum', tf.train.momentum(0.1, 0.9)),
      race('RMSProp', tf.train.rmsprop(0.1)),
      race('Adam', tf.train.adam(0.3)),
    ];

    /** The loss map on a grid, row 0 at the bottom (y = -2), as display.heatmap expects. */
    function valleyMap() {
      const [gx, gy] = tf.meshgrid(tf.linspace(-5, 5, 101), tf.linspace(-2, 2, 41));
      return valley(gx, gy);
    }
    display.heatmap(valleyMap(), { x: [-5, 5], y: [-2, 2], paths, title: 'Four optimizers, 60 steps each' });

    const distance = (path: { x: number[]; y: number[] }, i: number) => Math.hypot(path.x.at(i)!, path.y.at(i)!);
    const race1 = paths.map((path) => ({
      optimizer: path.name,
      'start: distance to minimum': distance(path, 0),
      'end: distance to minimum': distance(path, -1),
    }));
    display.table(race1);
  `),
  md(`
    Follow the lines on the map. Plain SGD zigzags across the valley and is still well short of the middle
    after 60 steps: the flat direction gets tiny steps. Momentum overshoots, then curls in. RMSProp and
    Adam head more directly for the middle, because they even out the two directions.

    In tfjs these are \`tf.train.sgd(rate)\`, \`tf.train.momentum(rate, 0.9)\`, \`tf.train.rmsprop(rate)\`
    and \`tf.train.adam(rate)\`; Keras writes \`keras.optimizers.SGD(learning_rate=…, momentum=0.9)\`,
    \`RMSprop\` and \`Adam\`. In a graph cell they are the *Optimizer* setting.

    **Try:** give SGD a rate of 0.5 in the cell above. The zigzag is gone, but the walk along the floor
    is slower still. No single rate suits both directions: that is the problem momentum, RMSProp and
    Adam solve. Then try 1.05: across the valley each step now overshoots by more than it corrects,
    and the path flies off the map. The loss grows without end, which in a real model shows up as a
    loss of \`NaN\`.

    ## Learning-rate schedules

    A rate that is large enough to cover ground early is often too large to settle at the end. A
    **schedule** starts with the full rate and lowers it as training goes on. Layerbook's graph cells
    offer three (the *Schedule* setting, with its curve drawn under it), each spread over the whole run:

    - **exponential**: multiplies the rate by the same factor each step, down to a tenth at the end;
    - **polynomial** (here a straight line): down to a hundredth;
    - **cosine**: follows half a cosine wave, slow at first and at the end, down to zero.

    In Keras a schedule is an object passed as the optimizer's \`learning_rate\`
    (\`keras.optimizers.schedules.CosineDecay\`). TensorFlow.js has no schedule objects: you set the rate
    yourself before each step, as \`race\` does with its \`rateAt\` function, or in a callback's
    \`onBatchBegin\` when you use \`model.fit\`.
  `),
  code(`
    const runSteps = 1000;
    const base = 0.01;
    const schedules: Record<string, (step: number) => number> = {
      constant: () => base,
      exponential: (step) => base * 0.1 ** (step / runSteps),
      polynomial: (step) => base + (base / 100 - base) * (step / runSteps),
      cosine: (step) => base * 0.5 * (1 + Math.cos((Math.PI * step) / runSteps)),
    };
    const stepsAxis = Array.from({ length: runSteps + 1 }, (_, i) => i);
    display.plot(
      Object.entries(schedules).map(([name, rate]) => ({ name, x: stepsAxis, y: stepsAxis.map(rate) })),
      { title: 'Learning rate over a run of 1,000 steps', xLabel: 'step', yLabel: 'learning rate' },
    );

    // SGD at a rate a little too high for the steep direction, without and with a cosine decay over its 60 steps.
    const scheduled = [
      race('SGD, constant 1.02', tf.train.sgd(1.02)),
      race('SGD, cosine from 1.02', tf.train.sgd(1.02), 60, (step) => 1.02 * 0.5 * (1 + Math.cos((Math.PI * step) / 60))),
    ];
    display.heatmap(valleyMap(), { x: [-5, 5], y: [-2, 2], paths: scheduled, title: 'The same SGD with and without a schedule' });
  `),
  md(`
    At a constant 1.02 each bounce across the valley is a little wider than the last, and the path
    leaves the map: training diverges. With the cosine schedule the same start rate bounces for a few
    steps, then, as the rate falls below 1, the bounces die away and the path settles on the floor.
    The price is speed: a falling rate also slows the walk along the floor, so a schedule trades
    speed for steadiness, and the best one depends on the problem. That is why the graph cell's
    **Run history** matters: train once per setting and compare.

    ## Overfitting

    A model **overfits** when it learns the examples it trains on, noise and all, instead of the
    pattern behind them. Its training loss keeps falling while its loss on examples it never saw stops
    falling and then rises: the gap between them is the overfitting.

    The graph cell below is built to overfit. Its data is the *circles* set (a disc of one class inside
    a ring of the other) with so much noise that the two overlap: the best border is a plain circle,
    and some points will always sit on the wrong side of it. The network has two layers of 64 units
    (about 4,400 weights) for only 112 training points, and trains for 150 epochs. **Press Train** and
    watch the *loss* and *val_loss* curves part ways. Then look at the **Decision boundary** under the cell: the
    border bends around single stray points.
  `),
  graph('overfit', buildChain(input, hidden, hidden, output), NOISY_CIRCLES),
  md(`
    ## Three cures

    **Dropout** switches off a random fraction of a layer's outputs at every training step (and none
    when predicting). No unit can count on a particular partner being there, so the network cannot
    build the fragile, point-by-point rules that memorising needs. The graph below is the same network
    with a **Dropout** layer (rate 0.5: half the outputs) after each hidden layer.
  `),
  graph('with_dropout', buildChain(input, hidden, ['Dropout', { rate: 0.5 }], hidden, ['Dropout', { rate: 0.5 }], output), NOISY_CIRCLES),
  md(`
    **Early stopping** watches *val_loss* and ends training when it has not improved for a while
    (*Patience* epochs), then puts back the weights of the best epoch. It does not change the model at
    all, only when training ends. Here it is a tick in the training settings of the same network as
    \`overfit\`: the chart marks where it stopped and which epoch it kept.
  `),
  graph('stopped_early', buildChain(input, hidden, hidden, output), {
    ...NOISY_CIRCLES,
    early_stopping: true,
    patience: 20,
    monitor: 'val_loss',
    restore_best_weights: true,
  }),
  md(`
    **L2 regularisation** (weight decay) adds the sum of the squared weights, times a small factor, to
    the loss, so every weight is pulled toward zero unless the data keeps pushing it out. Large weights
    are what sharp, twisted borders need, so the border stays smooth. In tfjs a layer takes it as
    \`kernelRegularizer: tf.regularizers.l2({ l2: 0.001 })\` (Keras: \`kernel_regularizer=keras.regularizers.L2(0.001)\`).
    Graph cells do not offer it on a layer yet, so this model is built and trained in code, on the same
    points and with the same settings. (In a graph cell, the *adamw* optimizer's *Weight decay* pulls
    the weights toward zero in a similar way.)
  `),
  code(`
    const circles = await lb.datasets.load('circles', { samples: 200, noise: 0.6, seed: 1 });
    const l2 = () => tf.regularizers.l2({ l2: 0.001 });
    const withL2 = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 64, activation: 'relu', kernelRegularizer: l2() }),
        tf.layers.dense({ units: 64, activation: 'relu', kernelRegularizer: l2() }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    withL2.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    // Labels become a column of floats, the shape of the model's one sigmoid output.
    const labels = (y: tf.Tensor) => y.toFloat().reshape([-1, 1]);
    await withL2.fit(circles.xTrain, labels(circles.yTrain), { epochs: 150, batchSize: 16, validationSplit: 0.3, verbose: 0 });
  `),
  md(`
    ## The gaps side by side

    Each model is scored on the 112 points it trained on, and on points it has never seen. The test
    split has only 40, and a score on 40 noisy points jumps around from run to run; since the circles
    are generated, we can draw 1,000 fresh points from the same recipe with another seed, for a
    steadier measure. The **gap** is the loss on fresh points minus the loss on training points.
  `),
  code(`
    // fit trains on the first 70 % of xTrain and validates on the rest, as Keras's validation_split does.
    const fitCount = Math.floor(circles.xTrain.shape[0] * 0.7);
    const seenX = circles.xTrain.slice(0, fitCount);
    const seenY = labels(circles.yTrain).slice(0, fitCount);
    // The same kind of data, new points: seed 2 instead of 1; both splits, 1,000 points in all.
    const fresh = await lb.datasets.load('circles', { samples: 1000, noise: 0.6, seed: 2 });
    const unseenX = fresh.xTrain.concat(fresh.xTest);
    const unseenY = labels(fresh.yTrain).concat(labels(fresh.yTest));

    function scores(name: string, model: tf.LayersModel) {
      return tf.tidy(() => {
        const predict = (x: tf.Tensor) => model.predict(x) as tf.Tensor;
        const seen = tf.metrics.binaryCrossentropy(seenY, predict(seenX)).mean().dataSync()[0];
        const unseen = tf.metrics.binaryCrossentropy(unseenY, predict(unseenX)).mean().dataSync()[0];
        const accuracy = tf.metrics.binaryAccuracy(unseenY, predict(unseenX)).mean().dataSync()[0];
        return { model: name, 'training loss': seen, 'fresh loss': unseen, gap: unseen - seen, 'fresh accuracy': accuracy };
      });
    }
    const gaps = [
      scores('overfit', overfit),
      scores('Dropout', with_dropout),
      scores('EarlyStopping', stopped_early),
      scores('L2', withL2),
    ];
    display.table(gaps);
    gaps;
  `),
  md(`
    The overfitting network has the widest gap: it is far more sure of itself on its own 112 points
    than on new ones. Early stopping and L2 cut the gap well down, often to half or less. Dropout narrows it less
    here, and by an amount that changes from run to run: it shines in big networks with far more
    weights than examples, and this one is small. A narrow gap alone is not the goal (a model that
    learned nothing has no gap at all): look at the loss and accuracy on fresh points too. Cures also
    combine: Dropout *and* early stopping is common.
  `),
  ...practice,
  md(`
    ## Try next

    - **Compare in one history:** on \`overfit\`, train once as it is, then change one thing (tick
      *EarlyStopping*, or set the optimizer to *adamw* with *Weight decay* 0.05, or add a Dropout layer)
      and train again. Its *Run history* lists every run with its settings and overlays their curves.
    - **More data is the best cure:** set *Samples* to 1,500 on \`overfit\`. With more points to fit,
      memorising them gets harder than learning the circle.
    - **Schedules in a graph cell:** set *Schedule* to *cosine decay* on \`with_dropout\` and watch the
      *learning rate* chart and how smoothly the loss settles.
    - **Optimizers on real data:** train \`overfit\` with *sgd* (its *Momentum* is 0.9 unless you change
      it) at learning rate 0.01, then 0.1, then *adam* at 0.01, and compare how fast each loss falls in
      the Run history.
    - **A loss for outliers:** in the first code cell, set Huber's \`delta\` to 0.5 and to 2. Where does
      its curve leave the parabola?
  `),
];
