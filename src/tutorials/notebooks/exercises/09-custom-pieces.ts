import { codeExercise, md } from '../../cells';

// Tutorial 9's practice: a loss (Huber) checked on cases, a layer with a weight of its own checked
// through its outputs, and a built-in callback checked in the settings of the learner's fit.

export default [
  md(`
    ## Practice

    Three pieces to write yourself: a loss, a layer and a callback. Run your cell, then press **Check**; the
    check tries your piece on small cases of its own.
  `),
  codeExercise(
    `
    // The Huber loss with δ = 1, one value per example. For now this is half the squared error everywhere.
    function huber(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return tf.tidy(() => yPred.sub(yTrue).square().mul(0.5).mean(-1));
    }
    huber(tf.tensor2d([[0], [0]]), tf.tensor2d([[0.5], [3]])).arraySync();
    `,
    {
      task: `
        **A loss that forgives outliers.** The squared error grows fast, so one wild label can dominate a batch.
        The **Huber loss** (Keras's \`Huber\`, tfjs's \`tf.losses.huberLoss\`) is half the squared error for small
        errors and grows only linearly for large ones. With \`e = yPred − yTrue\` and δ = 1, each value costs:

        - \`0.5 · e²\` when \`|e| ≤ 1\`,
        - \`|e| − 0.5\` when \`|e| > 1\` (the two pieces meet at |e| = 1, where both are 0.5).

        Write \`huber(yTrue, yPred)\` returning **one loss per example**, the mean over the last axis, like
        \`focalLoss\` above. For labels \`[[0], [0], [0]]\` and predictions \`[[0.5], [2], [-3]]\` it returns
        \`[0.125, 1.5, 2.5]\`.
      `,
      hints: [
        'Compute `e = yPred.sub(yTrue)` and its absolute value `a = e.abs()` once; both pieces are made from them.',
        '`tf.where(condition, a, b)` takes `a` where the condition is true and `b` elsewhere: the condition here is `a.lessEqual(1)`.',
        '`tf.where(a.lessEqual(1), e.square().mul(0.5), a.sub(0.5)).mean(-1)`, inside a `tf.tidy`.',
      ],
      solution: `
        function huber(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
          return tf.tidy(() => {
            const e = yPred.sub(yTrue);
            const a = e.abs();
            return tf.where(a.lessEqual(1), e.square().mul(0.5), a.sub(0.5)).mean(-1);
          });
        }
        huber(tf.tensor2d([[0], [0]]), tf.tensor2d([[0.5], [3]])).arraySync();
      `,
      check: `
        await check.function(
          'huber',
          [
            { args: [tf.tensor2d([[0], [0], [0]]), tf.tensor2d([[0.5], [2], [-3]])], expected: [0.125, 1.5, 2.5] },
            { args: [tf.tensor2d([[1, 2]]), tf.tensor2d([[1.5, 0]])], expected: [0.8125] },
            { args: [tf.tensor2d([[4], [-1]]), tf.tensor2d([[5], [-1]])], expected: [0.5, 0] },
          ],
          { tol: 1e-5 },
        );
      `,
    },
  ),
  md(`
    A layer needs weights of its own only when it has something to learn. This one learns how much of each
    feature to let through.
  `),
  codeExercise(
    `
    class Scale extends tf.layers.Layer {
      static className = 'Scale';
      scale: tf.LayerVariable | null = null;

      build(inputShape: tf.Shape | tf.Shape[]) {
        // Make the weight here: one number per feature, starting at 1.
        this.built = true;
      }

      call(inputs: tf.Tensor | tf.Tensor[]) {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        return x; // multiply by the scale here
      }
    }
    (new Scale({}).apply(tf.tensor2d([[1, -2, 3]])) as tf.Tensor).arraySync();
    `,
    {
      task: `
        **A layer with one weight.** Finish \`Scale\`: a layer that multiplies each feature of its input by a
        learned number of its own. In \`build\`, make **one trainable weight** with one number per feature (the
        last axis of the input), **initialised to ones**, so a new layer passes its input through unchanged; in
        \`call\`, multiply the input by it. The check makes \`new Scale({})\`, applies it to a batch of 3 features,
        sets the weight with \`setWeights\`, and compares the outputs.
      `,
      hints: [
        "`build` gets the input's shape: the number of features is `(inputShape as tf.Shape).at(-1)`, as in `SineDense`.",
        "`this.scale = this.addWeight('scale', [features], 'float32', tf.initializers.ones());`",
        '`call` returns `tf.tidy(() => x.mul(this.scale!.read()))`: the weight broadcasts over the batch.',
      ],
      solution: `
        class Scale extends tf.layers.Layer {
          static className = 'Scale';
          scale: tf.LayerVariable | null = null;

          build(inputShape: tf.Shape | tf.Shape[]) {
            const features = (inputShape as tf.Shape).at(-1) as number;
            this.scale = this.addWeight('scale', [features], 'float32', tf.initializers.ones());
            this.built = true;
          }

          call(inputs: tf.Tensor | tf.Tensor[]) {
            const x = Array.isArray(inputs) ? inputs[0] : inputs;
            return tf.tidy(() => x.mul(this.scale!.read()));
          }
        }
        (new Scale({}).apply(tf.tensor2d([[1, -2, 3]])) as tf.Tensor).arraySync();
      `,
      check: `
        const Layer = check.defined('Scale');
        check.ok(typeof Layer === 'function', 'Scale must be a class: class Scale extends tf.layers.Layer { … }');
        const x = tf.tensor2d([[1, -2, 3], [0.5, 0, 4]]);
        // A learner's layer that throws is not yet right; the check itself is not broken.
        const attempt = (what, f) => {
          try {
            return f();
          } catch (e) {
            check.ok(false, what + ' threw ' + e.name + ': ' + e.message);
          }
        };
        const layer = attempt('new Scale({})', () => new Layer({}));
        const first = attempt('applying a new Scale layer', () => layer.apply(x));
        const weights = layer.trainableWeights.length;
        const made = weights === 0 ? 'no trainable weights' : weights + ' trainable weights';
        check.ok(weights === 1, 'a Scale layer has ' + made + ' once applied; the task asks for one, made in build with addWeight');
        const shape = layer.trainableWeights[0].shape;
        const oneEach = shape.length === 1 && shape[0] === 3;
        check.ok(oneEach, 'the weight has shape [' + shape.join(', ') + ']; for inputs of 3 features it needs shape [3], one number each');
        check.equal(first, [[1, -2, 3], [0.5, 0, 4]], { name: "a new Scale layer's output", tol: 1e-6 });
        layer.setWeights([tf.tensor1d([2, 0, -1])]);
        const second = attempt('applying the layer again', () => layer.apply(x));
        check.equal(second, [[2, 0, -3], [1, 0, -4]], { name: 'the output with the weight set to [2, 0, -1]', tol: 1e-6 });
      `,
    },
  ),
  md(`
    Last, a callback you need not write: TensorFlow.js has **EarlyStopping** built in. It ends \`fit\` once the
    number it watches has stopped improving for \`patience\` epochs.
  `),
  codeExercise(
    `
    const earlyNet = tf.sequential({
      layers: [
        tf.layers.dense({ units: 32, activation: 'relu', inputShape: [2] }),
        tf.layers.dense({ units: 32, activation: 'relu' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    earlyNet.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    // Add the callback, and let it decide when to stop.
    const earlyHistory = await earlyNet.fit(xs, ys, { epochs: 5, batchSize: 32, validationSplit: 0.2 });
    earlyHistory.epoch.length;
    `,
    {
      task: `
        **Stop when it stops improving.** Train \`earlyNet\` on the spiral (\`xs\`, \`ys\`) with \`fit\`, asking for
        up to **200 epochs**, with \`validationSplit: 0.2\` and an **EarlyStopping** callback that watches
        \`val_loss\` with a \`patience\` of 10. The check reads how your last \`fit\` of \`earlyNet\` ran: with
        EarlyStopping, and to a validation accuracy (\`val_acc\` in tfjs's logs) of **at least 0.9** when it stopped.
      `,
      hints: [
        '`tf.callbacks.earlyStopping({ monitor: "val_loss", patience: 10 })` makes the callback; pass it in `callbacks: [ … ]`.',
        `
          \`const stopper = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 });\` then
          \`await earlyNet.fit(xs, ys, { epochs: 200, batchSize: 32, validationSplit: 0.2, callbacks: [stopper] })\`.
          \`earlyHistory.epoch.length\` says how many epochs ran.
        `,
      ],
      solution: `
        const earlyNet = tf.sequential({
          layers: [
            tf.layers.dense({ units: 32, activation: 'relu', inputShape: [2] }),
            tf.layers.dense({ units: 32, activation: 'relu' }),
            tf.layers.dense({ units: 1, activation: 'sigmoid' }),
          ],
        });
        earlyNet.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
        const stopper = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 });
        const earlyHistory = await earlyNet.fit(xs, ys, { epochs: 200, batchSize: 32, validationSplit: 0.2, callbacks: [stopper] });
        earlyHistory.epoch.length;
      `,
      check: `
        check.training('earlyNet', { callbacks: ['EarlyStopping'] });
        check.trained('earlyNet', { metric: 'val_accuracy', atLeast: 0.9 });
      `,
    },
  ),
];
