import { code, md } from '../cells';
import practice from './exercises/11-vae';

// Tutorial 11: a variational autoencoder on MNIST, written as code with a training loop of its own
// (Keras overrides train_step; tfjs has no such hook, so the loop is spelled out).

export default [
  md(`
    # A variational autoencoder

    An **autoencoder** squeezes each input through a narrow *code* and learns to rebuild the input from it. A
    **variational** autoencoder (VAE; Kingma and Welling, 2013) makes the code a probability distribution, so
    that any point of the code space decodes to something plausible: pick a code at random and the decoder
    draws a digit nobody wrote.

    It has four pieces:

    - an **encoder** that maps a digit to the mean and the log-variance of a Gaussian over a small *latent*
      space (here 2 numbers, so that we can draw it);
    - **sampling** a latent point \`z\` from that Gaussian;
    - a **decoder** that draws a digit from \`z\`;
    - a **loss** with two terms: *reconstruction* (how far the drawing is from the input) and the
      *Kullback–Leibler divergence* between each digit's Gaussian and the standard normal N(0, 1), which
      keeps the codes packed around the origin with no holes between them.

    Keras's tutorial writes the VAE as a \`keras.Model\` subclass whose \`train_step\` computes both terms under
    a \`GradientTape\`. TensorFlow.js has no \`train_step\` to override and \`model.fit\` takes one loss per
    output, so here the training loop is our own, a dozen lines.

    First the data: the 20,000 training digits and the 2,000 test digits, as rows of 784 pixels between 0 and 1.
  `),
  code(`
    const mnist = await lb.datasets.load('mnist');
    const flat = (x: tf.Tensor) => x.reshape([x.shape[0], 784]) as tf.Tensor2D;
    const xTrain = flat(mnist.xTrain);
    const xTest = flat(mnist.xTest);
    [xTrain.shape, xTest.shape]
  `),
  md(`
    ## Encoder and decoder

    The encoder has one hidden layer and **two outputs**, the mean and the log-variance of \`z\`, so it is
    built with the functional API (\`tf.model\`). Predicting the *log* of the variance lets the layer output
    any number; \`exp\` makes it positive. The decoder mirrors it and ends in a \`sigmoid\`, one value between 0
    and 1 per pixel.

    Keras's tutorial uses convolutions; dense layers learn MNIST almost as well here and train several times
    faster in the browser.
  `),
  code(`
    const latentDim = 2;
    const pixels = tf.input({ shape: [784] });
    const hidden = tf.layers.dense({ units: 128, activation: 'relu' }).apply(pixels) as tf.SymbolicTensor;
    const zMean = tf.layers.dense({ units: latentDim, name: 'z_mean' }).apply(hidden) as tf.SymbolicTensor;
    const zLogVar = tf.layers.dense({ units: latentDim, name: 'z_log_var' }).apply(hidden) as tf.SymbolicTensor;
    const encoder = tf.model({ inputs: pixels, outputs: [zMean, zLogVar], name: 'encoder' });

    const decoder = tf.sequential({
      name: 'decoder',
      layers: [
        tf.layers.dense({ inputShape: [latentDim], units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 784, activation: 'sigmoid' }),
      ],
    });
    decoder
  `),
  md(`
    ## Sampling: the reparameterisation trick

    Drawing \`z\` at random would stop the gradient: there is no derivative of "pick a random number" with
    respect to the mean. The trick is to draw the randomness *separately*, \`ε ~ N(0, 1)\`, and compute

    \`z = mean + exp(logVar / 2) · ε\`

    which is an ordinary function of the mean and log-variance, so gradients flow through it to the encoder.

    The loss, per digit: the reconstruction term is binary cross-entropy summed over the 784 pixels; the KL
    term of a Gaussian against N(0, 1) has a closed form, \`−½ Σ (1 + logVar − mean² − exp(logVar))\`. Both
    are averaged over the batch. Calling a model with \`apply\` on tensors (not \`predict\`) keeps the
    computation differentiable.
  `),
  code(`
    function sampleZ(mean: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
      const epsilon = tf.randomNormal(mean.shape);
      return mean.add(logVar.mul(0.5).exp().mul(epsilon));
    }

    function vaeLoss(x: tf.Tensor2D) {
      const [mean, logVar] = encoder.apply(x) as tf.Tensor[];
      const rebuilt = decoder.apply(sampleZ(mean, logVar)) as tf.Tensor;
      // binaryCrossentropy averages over the pixels: times 784 makes it the sum.
      const reconstruction = tf.metrics.binaryCrossentropy(x, rebuilt).mul(784).mean() as tf.Scalar;
      const kl = tf.scalar(-0.5).mul(logVar.add(1).sub(mean.square()).sub(logVar.exp()).sum(1)).mean() as tf.Scalar;
      return { reconstruction, kl };
    }
  `),
  md(`
    ## The training loop

    One step does what Keras's \`GradientTape\` block does: \`tf.variableGrads(f)\` runs \`f\`, records it, and
    returns the loss with its gradient for every trainable variable \`f\` used; \`optimizer.applyGradients\`
    moves the weights. (\`optimizer.minimize(f)\` does both in one call; we want the two loss terms as well, so
    we keep them.) Tensors made inside the step are freed when it ends, except the ones we \`tf.keep\`.

    The plot is live: \`display.plot\` returns a handle, and each \`append\` adds a point while the loop runs.
    \`await tf.nextFrame()\` lets the page draw, and lets you press *Stop*. Four passes over the 20,000 digits
    take some seconds.
  `),
  code(`
    const optimizer = tf.train.adam(0.002);

    function trainStep(x: tf.Tensor2D): number[] {
      const parts: tf.Scalar[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const { reconstruction, kl } = vaeLoss(x);
        parts.push(tf.keep(reconstruction), tf.keep(kl));
        return reconstruction.add(kl) as tf.Scalar;
      });
      optimizer.applyGradients(grads);
      const numbers = [value, ...parts].map((t) => t.dataSync()[0]);
      tf.dispose([value, ...parts, ...Object.values(grads)]);
      return numbers;
    }

    const batchSize = 128;
    const epochs = 4;
    const steps = Math.floor(xTrain.shape[0] / batchSize);
    const lossPlot = display.plot([], { title: 'VAE loss per batch', xLabel: 'batch' });
    const losses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      // A new order each epoch, as fit's shuffle does.
      const order = Int32Array.from(tf.util.createShuffledIndices(xTrain.shape[0]));
      for (let s = 0; s < steps; s++) {
        const x = tf.tidy(() => xTrain.gather(tf.tensor1d(order.subarray(s * batchSize, (s + 1) * batchSize), 'int32')));
        const [loss, reconstruction, kl] = trainStep(x);
        x.dispose();
        losses.push(loss);
        lossPlot.append({ loss, reconstruction, kl });
        await tf.nextFrame();
      }
    }
    const firstAndLast = { first: losses.slice(0, 10), last: losses.slice(-10) };
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    ({ firstLoss: mean(firstAndLast.first), lastLoss: mean(firstAndLast.last) })
  `),
  md(`
    The reconstruction term does most of the falling. The KL term moves the other way early on: to tell
    digits apart, the encoder spreads their codes out, away from N(0, 1), and pays for it in KL. Training
    settles where the two balance (here around 170 per digit after four passes, down from about 500 at the
    start).

    ## New digits from the prior

    To generate, skip the encoder: draw \`z\` from N(0, 1), the distribution the KL term pulled the codes
    towards, and decode. With only two numbers of code the digits are blurry, and some classes are drawn more
    often than others; the next picture shows why.
  `),
  code(`
    const generated = tf.tidy(() => decoder.predict(tf.randomNormal([16, latentDim])) as tf.Tensor);
    display.images(generated.reshape([16, 28, 28, 1]), { columns: 8, title: 'Decoded from z ~ N(0, 1)' });
    generated.dispose();
  `),
  md(`
    ## The latent space

    Each test digit's *mean* is a point in the plane. Coloured by the digit it really is, the classes form
    regions: the VAE was never told the labels, yet digits that look alike land near each other. Where two
    regions meet, the decoder draws something in between.
  `),
  code(`
    const [means, logVars] = encoder.predict(xTest) as tf.Tensor[];
    display.scatter(means as tf.Tensor2D, { labels: mnist.yTest, classes: mnist.classes, title: 'Test digits, latent means' });

    // A walk across the plane: decode a 10 × 10 grid of codes from −2 to 2 on both axes.
    const grid = tf.tidy(() => {
      const steps = tf.linspace(-2, 2, 10);
      const zs = tf.stack([steps.tile([10]), steps.reshape([10, 1]).tile([1, 10]).reshape([100]).reverse()], 1);
      return (decoder.predict(zs) as tf.Tensor).reshape([100, 28, 28, 1]);
    });
    display.images(grid, { columns: 10, title: 'Decoded from a grid of codes' });
    tf.dispose([means, logVars, grid]);
  `),
  ...practice,
  md(`
    ## Try next

    - **A bigger latent space**: set \`latentDim\` to 8 and run the cells again. The digits get sharper. The
      latent-space cell is written for two numbers, so change it too: plot two of the eight axes
      (\`means.slice([0, 0], [-1, 2])\`) and give the grid's codes six more columns of zeros.
    - **Weigh the KL term**: multiply \`kl\` by 4 in \`trainStep\` (a *β-VAE*). The codes crowd closer to the
      origin and the digits blur; at 0.1 they sharpen, but the prior samples get stranger.
    - **Convolutions**: replace the dense layers with \`conv2d\` and \`conv2dTranspose\` layers as in Keras's
      tutorial, and compare the loss after the same four epochs.
  `),
];
