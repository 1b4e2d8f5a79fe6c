import { codeExercise, md } from '../../cells';

// Tutorial 12's practice: a model copied by its two halves (architecture, then weights), checked by
// its predictions against classifier's; then a round trip through a save handler as a function,
// checked on a model of the check's own, also for sharing no weights with the original.

export default [
  md(`
    ## Practice

    Two ways of copying a model without any file. Run your cell, then press **Check**: the check compares the
    copy's predictions with the original's.
  `),
  codeExercise(
    `
    // The architecture alone: the same layers as classifier, with fresh random weights.
    const rebuilt = await tf.models.modelFromJSON(classifier.toJSON(null, false) as any);
    // Now give it classifier's weights.
    `,
    {
      task: `
        **A model in two halves.** A model is its architecture plus its weights, and each half can be copied on
        its own, as in Keras with \`get_config\` and \`get_weights\`. The starter rebuilds \`classifier\`'s
        architecture from its JSON (\`toJSON\`), with fresh weights. Make \`rebuilt\` a **separate model** that
        gives **exactly the same predictions** as \`classifier\`: the check compares the two on the first five test
        digits.
      `,
      hints: [
        '`classifier.getWeights()` returns its weights as a list of tensors, in the order `setWeights` takes them.',
        `
          Add \`rebuilt.setWeights(classifier.getWeights());\` after the first line. (setWeights copies the values, so
          the two models stay independent.)
        `,
      ],
      solution: `
        const rebuilt = await tf.models.modelFromJSON(classifier.toJSON(null, false) as any);
        rebuilt.setWeights(classifier.getWeights());
        // The same ten probabilities for the first test digit.
        (rebuilt.predict(someDigits.slice(0, 1)) as tf.Tensor).arraySync();
      `,
      check: `
        const original = check.model('classifier');
        const copy = check.model('rebuilt', { inputShape: [null, 28, 28, 1], outputShape: [null, 10] });
        check.ok(copy !== original, 'rebuilt is classifier itself; the task asks for a separate model');
        const digits = check.defined('someDigits');
        const [mine, theirs] = [copy.predict(digits), original.predict(digits)];
        // Said without numbers: fresh weights are random, and the learner needs the cause, not the values.
        const gap = tf.tidy(() => mine.sub(theirs).abs().max().dataSync()[0]);
        check.ok(gap <= 1e-6, "rebuilt's predictions are not classifier's: it still has its own fresh weights, not classifier's");
        check.equal(mine, theirs, { name: "rebuilt's predictions", tol: 1e-6 });
        tf.dispose([mine, theirs]);
      `,
    },
  ),
  md(`
    The tutorial's save handler and \`tf.io.fromMemory\` made a copy too. Wrapped in a function, they copy any
    model.
  `),
  codeExercise(
    `
    // Save into a handler, then load from memory: a copy with weights of its own.
    async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
      return model;
    }
    `,
    {
      task: `
        **A round trip.** Write an \`async\` function \`roundTrip(model)\` that saves \`model\` with
        \`tf.io.withSaveHandler\`, loads what was saved with \`tf.loadLayersModel(tf.io.fromMemory(…))\` and returns
        the loaded model. The check calls it on a small model of its own: the copy must be a new model, predict
        exactly what the original predicts, and keep its weights when the original's change.
      `,
      hints: [
        `
          The tutorial's cell that saved \`classifier\` has the handler to copy: keep what it is handed in a variable of
          the function (\`let saved\`), not in a global, so that two calls do not share it.
        `,
        'After `await model.save(tf.io.withSaveHandler(…))`, `return tf.loadLayersModel(tf.io.fromMemory(saved));`',
      ],
      solution: `
        async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
          let saved: tf.io.ModelArtifacts | null = null;
          await model.save(
            tf.io.withSaveHandler(async (written) => {
              saved = written;
              return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
            }),
          );
          return tf.loadLayersModel(tf.io.fromMemory(saved!));
        }
        const copied = await roundTrip(classifier);
        copied.countParams() === classifier.countParams();
      `,
      check: `
        const roundTrip = check.defined('roundTrip');
        check.ok(typeof roundTrip === 'function', 'roundTrip must be a function: async function roundTrip(model) { … }');
        const small = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'tanh' })] });
        const x = tf.tensor2d([[1, 2], [-0.5, 3]]);
        const before = small.predict(x);
        let copy;
        try {
          copy = await roundTrip(small);
        } catch (e) {
          check.ok(false, 'roundTrip(model) threw ' + e.name + ': ' + e.message);
        }
        check.ok(copy instanceof tf.LayersModel, 'roundTrip(model) returned ' + typeof copy + ', not a model');
        const given = 'roundTrip(model) returned the model it was given; the task asks for a new one, loaded from what was saved';
        check.ok(copy !== small, given);
        check.equal(copy.predict(x), before, { name: "the copy's predictions", tol: 1e-6 });
        small.setWeights(small.getWeights().map((w) => tf.zerosLike(w)));
        // A copy that shares the original's weight variables would follow them.
        const after = copy.predict(x);
        const moved = tf.tidy(() => after.sub(before).abs().max().dataSync()[0]);
        check.ok(moved <= 1e-6, "the copy changed when the original's weights did: it shares them instead of holding its own");
      `,
    },
  ),
];
