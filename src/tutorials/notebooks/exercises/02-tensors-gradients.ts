import { codeExercise, md } from '../../cells';

// Tutorial 2's practice: a tensor made with broadcasting (checked by its value), then a derivative
// taken with tf.grad (checked as a function on test inputs).

export default [
  md(`
    ## Practice

    Two exercises with the tools from this page. **Check** under a cell says whether its answer is
    right, or what is still wrong; **Hint** gives one clue at a time.

    First, broadcasting. Many datasets are **centred** before training: each column (each feature)
    has its own mean subtracted, so every feature averages zero.
  `),
  codeExercise(
    `
    // A start: which mean does this subtract?
    const centred = a.sub(a.mean());
    centred
    `,
    {
      task: `
        \`a\` is the tensor from the top of this page, \`[[1, 2, 3], [4, 5, 6]]\`. Make \`centred\`: a tensor of
        the same shape, \`[2, 3]\`, in which each column of \`a\` has had that column's own mean subtracted.
        Each column of \`centred\` then adds up to 0.
      `,
      hints: [
        '`a.mean()` averages all six numbers. `mean` also takes an axis: the axis it averages over disappears from the shape.',
        '`a.mean(0)` averages down the rows: one mean per column, shape `[3]`. Lined up from the right with `[2, 3]`, ' +
          'broadcasting repeats it for both rows.',
        '`const centred = a.sub(a.mean(0));`',
      ],
      solution: `
        // a.mean(0) has one mean per column (shape [3]); subtracting it is broadcast over both rows.
        const centred = a.sub(a.mean(0));
        centred
      `,
      check: `
        check.value('centred', [
          [-1.5, -1.5, -1.5],
          [1.5, 1.5, 1.5],
        ]);
      `,
    },
  ),
  md(`
    Next, a derivative. Take f(x) = x³ − 3x. Its slope changes sign twice, so the curve has a hill and
    a valley: places where a gradient step would stop.
  `),
  codeExercise(
    `
    // f(x) = x³ − 3x, worked out for every number of x at once.
    const cubic = (x: tf.Tensor) => x.pow(3).sub(x.mul(3));
    // Its derivative for every number of x: replace cubic(x) with tf.grad at work.
    const cubeSlope = (x: tf.Tensor) => cubic(x);
    `,
    {
      task: `
        Write \`cubeSlope\`, a function that takes a tensor \`x\` and returns a tensor of the same shape: the
        derivative of \`cubic\` (f(x) = x³ − 3x) at each number of \`x\`. Let \`tf.grad\` work it out. The check
        calls it on \`[-2, -1, 0, 1, 2]\` and on \`[[0.5]]\`.
      `,
      hints: [
        '`tf.grad(f)` returns a new function, as in the cell that plotted x² and its gradient.',
        'Give `tf.grad` the function `cubic` itself, not its value: what it returns is the function the task asks for.',
        '`const cubeSlope = tf.grad(cubic);`',
      ],
      solution: `
        const cubic = (x: tf.Tensor) => x.pow(3).sub(x.mul(3));
        // tf.grad(cubic) is a function: given x, the derivative of cubic at each of its numbers.
        const cubeSlope = tf.grad(cubic);
      `,
      check: `
        await check.function(
          'cubeSlope',
          [
            { args: [tf.tensor([-2, -1, 0, 1, 2])], expected: [9, 0, -3, 0, 9] },
            { args: [tf.tensor([[0.5]])], expected: [[-2.25]] },
          ],
          { tol: 1e-4 },
        );
        return 'the slope is 3x² − 3, zero at x = −1 and x = 1, where the curve turns';
      `,
    },
  ),
];
