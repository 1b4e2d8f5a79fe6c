import { codeExercise, md } from '../../cells';

// Tutorial 11's practice: the two formulas of the VAE as functions checked on cases (the noise is
// an argument, so the answer is one number), then a walk between two digits' codes, checked
// against the same walk made by the check with the learner's trained encoder and decoder.

export default [
  md(`
    ## Practice

    Three exercises on the pieces of the VAE. The first two are checked on small tensors of the check's own;
    the last uses the encoder and decoder you trained above. Run your cell, then press **Check**.
  `),
  codeExercise(
    `
    // z from the mean, the log-variance and noise ε drawn beforehand (so the answer can be checked).
    function reparameterise(mean: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
      return tf.tidy(() => mean.add(logVar.exp().mul(epsilon)));
    }
    reparameterise(tf.tensor2d([[0.5]]), tf.tensor2d([[Math.log(4)]]), tf.tensor2d([[1.5]])).arraySync();
    `,
    {
      task: `
        **The reparameterisation trick, by hand.** Write \`reparameterise(mean, logVar, epsilon)\` that returns
        \`z = mean + σ · ε\`, where σ is the **standard deviation** that \`logVar\` (the log of the variance)
        stands for. The noise \`epsilon\` is given, so the answer is exact: for mean \`[[0.5]]\`, logVar
        \`[[ln 4]]\` (a variance of 4) and ε \`[[1.5]]\` it returns \`[[3.5]]\`. The starter mixes up two things.
      `,
      hints: [
        '`logVar.exp()` is the variance σ². The standard deviation is its square root.',
        'exp(logVar / 2) = √exp(logVar): `logVar.mul(0.5).exp()` is σ, with no square root needed.',
      ],
      solution: `
        function reparameterise(mean: tf.Tensor, logVar: tf.Tensor, epsilon: tf.Tensor): tf.Tensor {
          // σ = exp(logVar / 2): the square root of the variance exp(logVar).
          return tf.tidy(() => mean.add(logVar.mul(0.5).exp().mul(epsilon)));
        }
        reparameterise(tf.tensor2d([[0.5]]), tf.tensor2d([[Math.log(4)]]), tf.tensor2d([[1.5]])).arraySync();
      `,
      check: `
        const t = (rows) => tf.tensor2d(rows);
        await check.function(
          'reparameterise',
          [
            { args: [t([[0, 1]]), t([[0, 0]]), t([[1, -1]])], expected: [[1, 0]] },
            { args: [t([[0.5]]), t([[Math.log(4)]]), t([[1.5]])], expected: [[3.5]] },
            { args: [t([[1], [-1]]), t([[-2 * Math.log(2)], [0]]), t([[2], [0.5]])], expected: [[2], [-0.5]] },
          ],
          { tol: 1e-5 },
        );
      `,
    },
  ),
  md(`
    The KL term of the loss was summed over the latent numbers and averaged over the batch. Kept apart, it says
    how much each latent number is *used*: one whose KL stays near 0 for every digit is ignored by the decoder.
  `),
  codeExercise(
    `
    // KL divergence from N(0, 1), one value per digit and latent number. This is the loss's single number.
    function klPerDimension(mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor2D {
      return tf.tidy(() => tf.scalar(-0.5).mul(logVar.add(1).sub(mean.square()).sub(logVar.exp()).sum(1)).mean() as tf.Tensor2D);
    }
    klPerDimension(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 0]])).arraySync();
    `,
    {
      task: `
        **KL per latent number.** Write \`klPerDimension(mean, logVar)\` that returns, for a batch of means and
        log-variances shaped \`[digits, latent]\`, a tensor of the **same shape** holding each term
        \`−½ (1 + logVar − mean² − exp(logVar))\` on its own: no sum over the latent numbers, no mean over the
        batch. For mean \`[[1, 0]]\` and logVar \`[[0, ln 2]]\` it returns \`[[0.5, 0.1534]]\`. Then try it on
        the test digits' codes: \`klPerDimension(...encoder.predict(xTest)).mean(0)\` gives each latent number's
        average KL.
      `,
      hints: [
        "The starter's `.sum(1)` adds the latent numbers and `.mean()` averages the digits: both have to go.",
        '`tf.scalar(-0.5).mul(logVar.add(1).sub(mean.square()).sub(logVar.exp()))`, inside a `tf.tidy`.',
      ],
      solution: `
        function klPerDimension(mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor2D {
          return tf.tidy(() => tf.scalar(-0.5).mul(logVar.add(1).sub(mean.square()).sub(logVar.exp())) as tf.Tensor2D);
        }
        // Each latent number's average KL over the test digits.
        klPerDimension(...(encoder.predict(xTest) as [tf.Tensor2D, tf.Tensor2D])).mean(0).arraySync();
      `,
      check: `
        const t = (rows) => tf.tensor2d(rows);
        await check.function(
          'klPerDimension',
          [
            { args: [t([[0, 0]]), t([[0, 0]])], expected: [[0, 0]] },
            { args: [t([[1, 0]]), t([[0, Math.log(2)]])], expected: [[0.5, 0.1534264]] },
            { args: [t([[0, -2], [0.5, 0]]), t([[-1, 0], [0, 0]])], expected: [[0.1839397, 2], [0.125, 0]] },
          ],
          { tol: 1e-5 },
        );
      `,
    },
  ),
  md(`
    Last, a walk through the latent space: a straight line from one digit's code to another's, decoded.
  `),
  codeExercise(
    `
    // The codes (means) of the first two test digits, decoded: so far only the two ends of the walk.
    const between = tf.tidy(() => {
      const [codes] = encoder.predict(xTest.slice(0, 2)) as tf.Tensor[];
      return decoder.predict(codes) as tf.Tensor;
    });
    display.images(between.reshape([-1, 28, 28, 1]), { columns: 8 });
    `,
    {
      task: `
        **Interpolate.** Take the codes (the encoder's means) of test digits 0 and 1 (\`xTest.slice(0, 2)\`), and
        decode **8 points evenly spaced on the straight line between them**, both ends included: the first point is
        digit 0's code, the last is digit 1's. Put the decoded pixels in \`between\`, a tensor of shape
        \`[8, 784]\`, in order from digit 0 to digit 1. The check makes the same walk with your \`encoder\` and
        \`decoder\` and compares.
      `,
      hints: [
        'With the two codes a and b, the points are a + t · (b − a) for t = 0, 1/7, 2/7 … 1: `tf.linspace(0, 1, 8)`.',
        '`tf.split(codes, 2)` gives a and b, each `[1, 2]`; `tf.linspace(0, 1, 8).reshape([8, 1])` broadcasts against them.',
        '`decoder.predict(a.add(b.sub(a).mul(t)))` with `t` the reshaped linspace gives the 8 digits.',
      ],
      solution: `
        const between = tf.tidy(() => {
          const [codes] = encoder.predict(xTest.slice(0, 2)) as tf.Tensor[];
          const [a, b] = tf.split(codes, 2);
          const t = tf.linspace(0, 1, 8).reshape([8, 1]);
          return decoder.predict(a.add(b.sub(a).mul(t))) as tf.Tensor;
        });
        display.images(between.reshape([-1, 28, 28, 1]), { columns: 8, title: 'From test digit 0 to test digit 1' });
      `,
      check: `
        const trainedEncoder = check.defined('encoder');
        const trainedDecoder = check.defined('decoder');
        const digits = check.defined('xTest');
        const expected = tf.tidy(() => {
          const [codes] = trainedEncoder.predict(digits.slice(0, 2));
          const a = codes.slice([0, 0], [1, -1]);
          const b = codes.slice([1, 0], [1, -1]);
          return trainedDecoder.predict(a.add(b.sub(a).mul(tf.linspace(0, 1, 8).reshape([8, 1]))));
        });
        check.value('between', expected, { tol: 1e-4 });
      `,
    },
  ),
];
