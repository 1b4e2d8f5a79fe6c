import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice from './exercises/02-tensors-gradients';

// Tutorial 2: tensors, shapes and broadcasting, variables, gradients with tf.grad and
// tf.variableGrads, and one step of gradient descent taken by hand, then many, plotted; last, one
// neuron built in a graph cell, its output recomputed by hand from its weights.

export default [
  md(`
    # Tensors and gradients

    Everything a neural network computes is arithmetic on **tensors**: arrays of numbers with any
    number of axes. Training is one idea repeated: compute a **loss** (how wrong the network is), ask
    for its **gradient** (which way each weight should move to make the loss smaller), and move the
    weights a little that way.

    This tutorial does all of it by hand, in code, with TensorFlow.js (\`tf\`, already loaded in every
    code cell). Run the cells in order: click into one and press **Shift+Enter**.
  `),
  md(`
    ## Tensors have a shape and a dtype

    A tensor's **shape** lists how long each axis is; its **rank** is how many axes it has; its
    **dtype** is the kind of number it holds (\`float32\` unless you ask for another). The last
    expression of a cell is shown under it: for a tensor, its shape, dtype and values.
  `),
  code(`
    const a = tf.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    console.log('shape', a.shape, 'rank', a.rank, 'dtype', a.dtype, 'size', a.size);
    a
  `),
  md(`
    Tensors are made in many ways: from arrays, filled with zeros or ones, as a range, or drawn at
    random (which is how a network's weights start). \`reshape\` lays the same numbers out in another
    shape, as long as the count stays the same: 2 × 3 = 6 = 3 × 2.
  `),
  code(`
    display(tf.zeros([2, 2]));
    display(tf.linspace(0, 1, 5));
    display(tf.randomNormal([2, 3], 0, 1, 'float32', 42));
    a.reshape([3, 2])
  `),
  md(`
    ## Broadcasting

    Arithmetic on two tensors works element by element: \`a.add(b)\` adds the numbers at the same
    place. When the shapes differ, TensorFlow **broadcasts**: it lines the shapes up from the right,
    and an axis of length 1 (or a missing one) is repeated to match the other. So a row of 3 numbers
    is added to *every* row of \`a\`, and a column of 2 numbers to *every* column. This is how a Dense
    layer adds one bias per unit to every example of a batch.
  `),
  code(`
    const row = tf.tensor([10, 20, 30]); // shape [3]: lines up with a's last axis
    const column = tf.tensor([[100], [200]]); // shape [2, 1]: its 1 is repeated 3 times
    display(a.add(row));
    display(a.add(column));
    a.mul(2) // a number is a tensor of shape [], repeated everywhere
  `),
  md(`
    Shapes that cannot be lined up are an error, and the error names both shapes. Reading shapes is
    most of debugging a network, so it is worth seeing one fail on purpose:
  `),
  code(`
    try {
      a.add(tf.tensor([1, 2])); // [2, 3] and [2]: 3 and 2 differ, and neither is 1
    } catch (e) {
      console.log('Refused:', (e as Error).message);
    }
  `),
  md(`
    **Memory.** Tensors live in the backend's memory (on a GPU, its memory), which JavaScript's
    garbage collector does not see. \`tf.tidy(() => …)\` frees every tensor made inside it except the
    one it returns, and \`t.dispose()\` frees one. \`tf.memory().numTensors\` counts the tensors alive.
  `),
  code(`
    const before = tf.memory().numTensors;
    const total = tf.tidy(() => a.square().sum()); // the square is freed, the sum kept
    console.log('tensors made and kept:', tf.memory().numTensors - before);
    total
  `),
  md(`
    ## Variables

    A tensor never changes. A **variable** holds a tensor that can be replaced with \`assign\`: a
    network's weights are variables, and training is a long run of assigns. Variables are what
    gradients are taken with respect to.
  `),
  code(`
    const v = tf.variable(tf.tensor([1, 2, 3]));
    v.assign(v.mul(10));
    v
  `),
  md(`
    ## Gradients

    The **derivative** of a function says how fast its output changes when its input moves a little.
    For f(x) = x² it is f′(x) = 2x: at x = 3 the output grows 6 times as fast as the input.

    \`tf.grad(f)\` returns a new function that computes the derivative of \`f\`, by automatic
    differentiation (TensorFlow records each operation of \`f\` and applies the chain rule backwards
    through them). Given many x at once, it gives the derivative at each.
  `),
  code(`
    const df = tf.grad((x) => x.square()); // a function that computes the derivative of x²
    const atThree = await df(tf.scalar(3)).array();
    console.log("tf.grad says f'(3) =", atThree, 'and by hand 2 × 3 =', 2 * 3);

    const xs = tf.linspace(-3, 3, 61);
    const x = await xs.array();
    display.plot(
      [
        { name: 'f(x) = x²', x, y: xs.square() },
        { name: "f'(x) from tf.grad", x, y: df(xs) },
      ],
      { title: 'A function and its gradient', xLabel: 'x' },
    );
  `),
  md(`
    Where the gradient is negative, f falls as x grows; where it is positive, f rises; at the bottom
    (x = 0) it is zero. So **stepping against the gradient goes downhill**: that is gradient descent.

    ## A loss to make smaller

    Take points that lie near the line y = 2x + 1 and a model with two weights, a slope **w** and an
    intercept **b**, that predicts ŷ = w·x + b. Its loss is the **mean squared error**: the average of
    (ŷ − y)² over the points. Both weights start at 0, so the model starts out wrong.
  `),
  code(`
    const xData = tf.linspace(-1, 1, 40);
    const noise = tf.randomNormal([40], 0, 0.1, 'float32', 7);
    const yData = xData.mul(2).add(1).add(noise);

    const w = tf.variable(tf.scalar(0));
    const b = tf.variable(tf.scalar(0));
    const predictions = () => xData.mul(w).add(b); // ŷ for every point
    // The mean of the squared errors; asScalar() tells tf (and the editor) that the loss is one number.
    const loss = () => predictions().sub(yData).square().mean().asScalar();

    const lossBefore = await loss().array();
    console.log('loss with w = 0 and b = 0:', lossBefore);
  `),
  md(`
    \`tf.variableGrads(f)\` runs \`f\` and returns its value and its gradient with respect to every
    trainable variable it used, keyed by the variable's name. Here the gradient can also be worked out
    by hand, which is a good check that it means what we think:

    - ∂loss/∂w = mean of 2·(ŷ − y)·x
    - ∂loss/∂b = mean of 2·(ŷ − y)
  `),
  code(`
    const { value, grads } = tf.variableGrads(loss);
    const gradW = await grads[w.name].array();
    const gradB = await grads[b.name].array();

    const error = predictions().sub(yData);
    const byHandW = await error.mul(xData).mul(2).mean().array();
    const byHandB = await error.mul(2).mean().array();

    display.table([
      { weight: 'w', 'tf.variableGrads': gradW, 'by hand': byHandW },
      { weight: 'b', 'tf.variableGrads': gradB, 'by hand': byHandB },
    ]);
    value
  `),
  md(`
    Both gradients are negative: making w and b larger makes the loss smaller. One step of **gradient
    descent** moves each weight against its gradient, scaled by the **learning rate**:

    > w ← w − learning rate × ∂loss/∂w
  `),
  code(`
    const learningRate = 0.1;
    w.assign(w.sub(grads[w.name].mul(learningRate)));
    b.assign(b.sub(grads[b.name].mul(learningRate)));
    tf.dispose([value, grads[w.name], grads[b.name]]);

    const lossAfter = await loss().array();
    console.log(\`after one step: w = \${await w.array()}, b = \${await b.array()}\`);
    console.log(\`loss \${lossBefore.toFixed(4)} → \${lossAfter.toFixed(4)}\`);
  `),
  md(`
    ## Many steps, plotted

    Training is that step in a loop. An optimizer does the same arithmetic for you:
    \`optimizer.minimize(loss)\` takes the gradients and updates every variable. \`display.plot\` returns
    a handle whose \`append\` adds points as the loop runs, so the loss curve grows live (press **Stop**
    under it to end the loop early).
  `),
  code(`
    const optimizer = tf.train.sgd(learningRate);
    const curve = display.plot(
      { loss: [lossBefore, lossAfter] }, // after 0 steps, and after the one by hand
      { title: 'Loss, step by step', xLabel: 'step', logY: true },
    );
    for (let step = 2; step <= 60; step++) {
      optimizer.minimize(loss); // one step: the gradients, then every variable moved against them
      const now = loss();
      curve.append({ loss: now }); // the point for this step: the loss after it
      now.dispose();
      await tf.nextFrame(); // lets the plot draw, and Stop reach the loop
    }
    const fitted = { w: await w.array(), b: await b.array(), loss: await loss().array() };
    fitted
  `),
  md(`
    The weights end near 2 and 1, the line the points were drawn from. Last, the points and the line
    the model learned, on one plot:
  `),
  code(`
    display.plot(
      [
        { name: 'points', x: xData, y: yData },
        { name: 'learned line', x: xData, y: predictions() },
      ],
      { title: \`ŷ = \${fitted.w.toFixed(2)}·x + \${fitted.b.toFixed(2)}\`, xLabel: 'x', yLabel: 'y' },
    );
  `),
  md(`
    ## One neuron is w·x + b

    The line you just fitted, ŷ = w·x + b, is already most of a **neuron**. A unit of a Dense layer does
    the same with several inputs: it multiplies each input by a weight of its own, adds the products
    and a bias, and passes the sum through an **activation**. With two inputs and a **sigmoid**,
    σ(z) = 1 / (1 + e⁻ᶻ), which squeezes any number into a probability between 0 and 1, one neuron is
    **logistic regression**, the simplest classifier there is.

    The graph cell below is that neuron: an Input of 2 numbers and a Dense layer of 1 unit with a
    sigmoid. Its training settings pick the *gaussian* set (two blobs of points, one per class) and
    binary cross-entropy, the loss for a yes/no answer. **Press Train** on it: training takes the same
    gradient steps you took by hand above, now on three weights (w₁, w₂ and b).

    Look at the *Decision boundary* panel: the border between the colours is a **straight line**, the
    points where w₁·x₁ + w₂·x₂ + b = 0 and the sigmoid says exactly 0.5. One neuron cannot draw
    anything else.
  `),
  graph('neuron', buildChain(['Input', { shape: [2] }], ['Dense', { units: 1, activation: 'sigmoid' }]), {
    dataset: 'gaussian',
    samples: 200,
    noise: 0.05,
    loss: 'binary_crossentropy',
    optimizer: 'adam',
    learning_rate: 0.1,
    epochs: 20,
    batch_size: 16,
    validation_split: 0.2,
    metrics: ['accuracy'],
  }),
  md(`
    Once trained, the graph cell's model is \`neuron\` in every code cell. Its Dense layer keeps a
    **kernel** of shape [2, 1] (one weight per input) and a **bias** of shape [1];
    \`neuron.getWeights()\` returns both as tensors. The cell below works out the neuron's answer for
    one point by hand, with the tensor operations from the top of this page, and then asks the model
    itself. The two numbers agree: a layer is nothing more than this arithmetic.
  `),
  code(`
    const [kernel, bias] = neuron.getWeights(); // the kernel [2, 1] and the bias [1]
    console.log('kernel shape', kernel.shape, 'bias shape', bias.shape);

    const point = tf.tensor2d([[0.2, -0.1]]); // one point, as a batch of one: shape [1, 2]
    const z = point.matMul(kernel).add(bias); // w₁·x₁ + w₂·x₂ + b
    const byHand = tf.scalar(1).div(z.neg().exp().add(1)); // the sigmoid: 1 / (1 + e⁻ᶻ)
    const fromModel = neuron.predict(point) as tf.Tensor;

    const [w1, w2] = await kernel.data();
    const neuronCheck = {
      w1,
      w2,
      b: (await bias.data())[0],
      byHand: (await byHand.data())[0],
      fromModel: (await fromModel.data())[0],
    };
    neuronCheck
  `),
  ...practice,
  md(`
    ## Try next

    - **Learning rate:** set \`learningRate\` to 1.2 and run the cells from the one-step cell down. The
      loss grows instead of shrinking: each step jumps over the valley. At 0.01 it crawls.
    - **Another loss:** make \`loss\` the mean *absolute* error (\`.abs()\` in place of \`.square()\`).
      Its gradient has the same size wherever the model is wrong, however wrong.
    - **Another function:** give \`tf.grad\` \`x => x.sin()\` and check that it returns \`cos(x)\`.
    - **A border one neuron cannot draw:** set the neuron's dataset to *circles* and train again. No
      straight line separates a disc from the ring around it, and the accuracy stays not much better
      than a coin toss.
    - Every layer in the next tutorials is made of this: tensors, variables, and one gradient step
      after another.
  `),
];
