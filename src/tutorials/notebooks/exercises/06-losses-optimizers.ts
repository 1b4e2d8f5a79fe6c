import { buildChain } from '../../../graph/build';
import type { TrainingSettings } from '../../../doc/trainConfig';
import { codeExercise, graphExercise, md } from '../../cells';

// Tutorial 6's practice: the Huber loss written with tensor ops (checked as a function on test
// cases), then training settings in code and in a graph cell (checked from the run they made).

/**
 * The tutorial's noisy circles: its overfitting runs share everything but the cure, so their gaps
 * compare fairly, and the graph exercise trains on them too. Declared here because the tutorial
 * imports its practice.
 */
export const NOISY_CIRCLES: TrainingSettings = {
  dataset: 'circles',
  samples: 200,
  noise: 0.6,
  seed: 1,
  loss: 'binary_crossentropy',
  optimizer: 'adam',
  learning_rate: 0.01,
  epochs: 150,
  batch_size: 16,
  validation_split: 0.3,
  metrics: ['accuracy'],
};

const layers = [
  ['Input', { shape: [2] }],
  ['Dense', { units: 64, activation: 'relu' }],
  ['Dense', { units: 64, activation: 'relu' }],
  ['Dense', { units: 1, activation: 'sigmoid' }],
] as const;

export default [
  md(`
    ## Practice

    Three exercises on losses and training settings. **Check** under a cell says whether it does what
    the task asks, or what is still wrong; **Hint** gives one clue at a time.

    First, a loss written by hand. For an error e (prediction − truth) and a threshold δ (\`delta\`),
    Huber's loss is ½·e² while |e| ≤ δ, and δ·(|e| − ½·δ) beyond: the two pieces meet at |e| = δ with
    the same value and the same slope.
  `),
  codeExercise(
    `
    /** The mean Huber loss of the predictions against the truth: for now, the mean squared error. */
    function huber(yTrue: tf.Tensor, yPred: tf.Tensor, delta: number): tf.Tensor {
      const error = yPred.sub(yTrue);
      return error.square().mean();
    }
    `,
    {
      task: `
        Make \`huber(yTrue, yPred, delta)\` return the **mean** Huber loss over all the examples, as a tensor
        holding one number. The check calls it on three small cases, with \`delta\` 1 and 2. (\`tf.losses.huberLoss\`
        exists, but building it from tensor operations is the point.)
      `,
      hints: [
        'Work with the size of each error, `const size = yPred.sub(yTrue).abs();`, and compute both pieces for every example.',
        '`tf.where(condition, a, b)` takes from `a` where the condition holds and from `b` elsewhere; ' +
          '`size.lessEqual(delta)` is that condition.',
        'The near piece is `size.square().mul(0.5)`, the far one `size.sub(delta / 2).mul(delta)`; ' +
          'pick with `tf.where`, then take `.mean()`.',
      ],
      solution: `
        /** The mean Huber loss of the predictions against the truth. */
        function huber(yTrue: tf.Tensor, yPred: tf.Tensor, delta: number): tf.Tensor {
          const size = yPred.sub(yTrue).abs();
          const near = size.square().mul(0.5); // within delta: half the squared error
          const far = size.sub(delta / 2).mul(delta); // beyond it: delta more per unit of error
          return tf.where(size.lessEqual(delta), near, far).mean();
        }
      `,
      check: `
        await check.function(
          'huber',
          [
            // Errors 0.5, 2 and -3 against delta 1: 0.125, 1.5 and 2.5.
            { args: [tf.tensor([0, 0, 0]), tf.tensor([0.5, 2, -3]), 1], expected: 1.375 },
            { args: [tf.tensor([1, 2]), tf.tensor([1, 2]), 1], expected: 0 },
            // Errors 1 and -4 against delta 2: 0.5 and 6.
            { args: [tf.tensor([0, 0]), tf.tensor([1, -4]), 2], expected: 3.25 },
          ],
          { tol: 1e-5 },
        );
      `,
    },
  ),
  md(`
    Next, settings in code. In tfjs, early stopping is a callback you hand to \`fit\`:
    \`tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 })\` ends the run once \`val_loss\` has
    not improved for 10 epochs.
  `),
  codeExercise(
    `
    const patientNet = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 64, activation: 'relu' }),
        tf.layers.dense({ units: 64, activation: 'relu' }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    patientNet.compile({ optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    await patientNet.fit(circles.xTrain, labels(circles.yTrain), { epochs: 20, batchSize: 16, validationSplit: 0.3, verbose: 0 });
    `,
    {
      task: `
        Train \`patientNet\` on the noisy \`circles\`, for up to 150 epochs, with the **adam** optimizer and an
        **EarlyStopping** callback.
      `,
      hints: [
        "Two changes: the optimizer given to `compile`, and a `callbacks` list in `fit`'s options.",
        "`tf.train.adam(0.01)` is Adam at the rate this page uses. `tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 })` " +
          'watches the validation loss, which the `validationSplit` in the fit options provides.',
        'The fit options become `{ epochs: 150, batchSize: 16, validationSplit: 0.3, verbose: 0, callbacks: [stopEarly] }`, ' +
          "with `const stopEarly = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 });` before the fit.",
      ],
      solution: `
        const patientNet = tf.sequential({
          layers: [
            tf.layers.dense({ inputShape: [2], units: 64, activation: 'relu' }),
            tf.layers.dense({ units: 64, activation: 'relu' }),
            tf.layers.dense({ units: 1, activation: 'sigmoid' }),
          ],
        });
        patientNet.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
        // Ends the run once val_loss has not improved for 10 epochs.
        const stopEarly = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 });
        await patientNet.fit(circles.xTrain, labels(circles.yTrain), {
          epochs: 150,
          batchSize: 16,
          validationSplit: 0.3,
          verbose: 0,
          callbacks: [stopEarly],
        });
      `,
      check: `
        check.training('patientNet', { optimizer: 'adam', callbacks: ['EarlyStopping'] });
      `,
    },
  ),
  md(`
    Last, the same in a graph cell, where the optimizer, the schedule and early stopping are training
    settings. The network below is \`overfit\`'s, on the same points.
  `),
  graphExercise('settled', buildChain(...layers), NOISY_CIRCLES, {
    task: `
      Train \`settled\` with **EarlyStopping** ticked in its training settings and the **cosine** schedule,
      keeping the **adam** optimizer.
    `,
    hints: [
      'Open the training settings under the graph: *Schedule* and *EarlyStopping* are there.',
      'Set *Schedule* to *cosine*, tick *EarlyStopping* (its *Monitor* is val_loss), then press **Train**.',
    ],
    solution: `
      In the training settings, set *Schedule* to *cosine* and tick *EarlyStopping* (a *Patience* of 20 epochs
      suits this noisy set), keep *Optimizer* at *adam*, and press **Train**. The loss chart shows where the run
      stopped, and the learning-rate chart the cosine falling from 0.01.
    `,
    solutionGraph: buildChain(...layers),
    solutionTraining: { ...NOISY_CIRCLES, schedule: 'cosine', early_stopping: true, patience: 20, monitor: 'val_loss' },
    check: `
      check.training('settled', { optimizer: 'adam', schedule: 'cosine', callbacks: ['EarlyStopping'] });
    `,
  }),
];
