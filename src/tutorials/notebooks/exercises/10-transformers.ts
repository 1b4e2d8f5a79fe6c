import { codeExercise, md } from '../../cells';

// Tutorial 10's practice: the two formulas inside every attention head (a softmax that cannot
// overflow, scaled dot-product attention) on tensors small enough to check by hand, then an encoder
// model written in code with lb.layers, checked by its structure (it is not trained).

export default [
  md(`
    ## Practice

    Attention is a few lines of tensor arithmetic. Write them yourself on tiny tensors, then put the blocks
    together in code. Run your cell, then press **Check**.
  `),
  codeExercise(
    `
    // Softmax along the last axis: each row becomes positive numbers that sum to 1.
    function softmaxRows(scores: tf.Tensor): tf.Tensor {
      return tf.tidy(() => {
        const e = scores.exp();
        return e.div(e.sum(-1, true));
      });
    }
    softmaxRows(tf.tensor2d([[1, 2, 3]])).arraySync();
    `,
    {
      task: `
        **A softmax that cannot overflow.** Attention turns each row of scores into weights with a softmax,
        \`exp(s) / Σ exp(s)\` along the last axis. The starter does exactly that, and it works for small scores;
        but \`exp(1000)\` is too large for a float32, so a row like \`[1000, 1001]\` gives \`∞ / ∞\`, which is NaN.
        Fix \`softmaxRows(scores)\` so that it returns the right weights for **any** finite scores, large ones too
        (\`[[1000, 1001]]\` gives \`[[0.2689, 0.7311]]\`), without calling \`tf.softmax\`.
      `,
      hints: [
        `
          Subtracting the same number from every score of a row does not change its softmax: the factor it puts on
          every exp cancels between top and bottom.
        `,
        `
          Subtract each row's largest score first: \`scores.sub(scores.max(-1, true))\`. The largest becomes 0, and
          exp of the rest is at most 1.
        `,
      ],
      solution: `
        function softmaxRows(scores: tf.Tensor): tf.Tensor {
          return tf.tidy(() => {
            // exp of the scores less their row's largest: at most 1, so it cannot overflow.
            const e = scores.sub(scores.max(-1, true)).exp();
            return e.div(e.sum(-1, true));
          });
        }
        softmaxRows(tf.tensor2d([[1000, 1001]])).arraySync();
      `,
      check: `
        await check.function(
          'softmaxRows',
          [
            { args: [tf.tensor2d([[1, 2, 3]])], expected: [[0.0900306, 0.2447285, 0.6652410]] },
            { args: [tf.tensor2d([[1000, 1001], [-1000, -1000]])], expected: [[0.2689414, 0.7310586], [0.5, 0.5]] },
            { args: [tf.tensor3d([[[0, Math.log(3)]], [[5, 5]]])], expected: [[[0.25, 0.75]], [[0.5, 0.5]]] },
          ],
          { tol: 1e-5 },
        );
      `,
    },
  ),
  md(`
    With a softmax that holds, one attention head is three matrix products and a division.
  `),
  codeExercise(
    `
    // Scaled dot-product attention: queries [n, d], keys [m, d], values [m, dv] → [n, dv].
    function attention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
      return tf.tidy(() => {
        const scores = q.matMul(k, false, true); // [n, m]: each query against each key
        return tf.softmax(scores).matMul(v);
      });
    }
    attention(tf.tensor2d([[1, 0]]), tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[10], [20]])).arraySync();
    `,
    {
      task: `
        **Scaled dot-product attention.** For queries \`q\` (\`[n, d]\`), keys \`k\` (\`[m, d]\`) and values \`v\`
        (\`[m, dv]\`), attention is \`softmax(q · kᵀ / √d) · v\`: each query's scores against every key, divided
        by the square root of the key size \`d\`, made into weights by a softmax along each row, then used to mix
        the values. Fix \`attention(q, k, v)\`: the starter forgets the \`√d\`. For \`q = [[1, 0]]\`,
        \`k = [[1, 0], [0, 1]]\` and \`v = [[10], [20]]\` it must return \`[[13.302]]\` (the starter gives 12.689).
        You may use \`tf.softmax\` or your \`softmaxRows\`.
      `,
      hints: [
        '`d` is the size of a key: `k.shape[1]`.',
        'Divide the scores before the softmax: `q.matMul(k, false, true).div(Math.sqrt(k.shape[1]))`.',
      ],
      solution: `
        function attention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
          return tf.tidy(() => {
            // Dividing by √d keeps the scores' spread the same whatever the key size, so the softmax does not saturate.
            const scores = q.matMul(k, false, true).div(Math.sqrt(k.shape[1]));
            return tf.softmax(scores).matMul(v);
          });
        }
        attention(tf.tensor2d([[1, 0]]), tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[10], [20]])).arraySync();
      `,
      check: `
        const keys = tf.tensor2d([[1, 0], [0, 1]]);
        await check.function(
          'attention',
          [
            { args: [tf.tensor2d([[1, 0]]), keys, tf.tensor2d([[10], [20]])], expected: [[13.302385]] },
            // Two queries, four-wide keys (√d = 2), two value columns.
            {
              args: [tf.tensor2d([[2, 0, 0, 0], [0, 0, 0, 0]]), tf.tensor2d([[1, 0, 0, 0], [0, 1, 0, 0]]), tf.tensor2d([[1, 0], [0, 1]])],
              expected: [[0.7310586, 0.2689414], [0.5, 0.5]],
            },
          ],
          { tol: 1e-4 },
        );
      `,
    },
  ),
  md(`
    The graph cells' blocks are layers in code too: \`lb.layers.positionalEmbedding\` and
    \`lb.layers.transformerEncoder\` take the same settings in camelCase (\`sequenceLength\`, \`numHeads\`, \`keyDim\`,
    \`ffDim\`).
  `),
  codeExercise(
    `
    const deepReader = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 100, outputDim: 32, inputShape: [16] }),
        lb.layers.transformerEncoder({ numHeads: 2, keyDim: 16, ffDim: 32 }),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    deepReader;
    `,
    {
      task: `
        **Two blocks, in code.** Build \`deepReader\` with \`tf.sequential\` for the 16-id reviews: an Embedding
        (100 ids into 32 numbers), a **PositionalEmbedding** for 16 positions, **two** TransformerEncoder blocks
        (2 heads, \`keyDim\` 16, \`ffDim\` 32), GlobalAveragePooling1D and one \`sigmoid\` unit. Input \`(None, 16)\`,
        output \`(None, 1)\`, fewer than 30,000 parameters. The check reads its layers and shapes; it does not train it.
      `,
      hints: [
        `
          Without PositionalEmbedding, the encoder cannot tell *not great* from *great not*: add
          \`lb.layers.positionalEmbedding({ sequenceLength: 16 })\` right after the Embedding.
        `,
        `
          A block keeps its input's shape, so a second \`lb.layers.transformerEncoder({ numHeads: 2, keyDim: 16, ffDim: 32 })\`
          goes right after the first.
        `,
      ],
      solution: `
        const deepReader = tf.sequential({
          layers: [
            tf.layers.embedding({ inputDim: 100, outputDim: 32, inputShape: [16] }),
            lb.layers.positionalEmbedding({ sequenceLength: 16 }),
            lb.layers.transformerEncoder({ numHeads: 2, keyDim: 16, ffDim: 32 }),
            lb.layers.transformerEncoder({ numHeads: 2, keyDim: 16, ffDim: 32 }),
            tf.layers.globalAveragePooling1d(),
            tf.layers.dense({ units: 1, activation: 'sigmoid' }),
          ],
        });
        deepReader;
      `,
      check: `
        check.model('deepReader', {
          layers: { Embedding: 1, PositionalEmbedding: 1, TransformerEncoder: 2, GlobalAveragePooling1D: 1, Dense: 1 },
          inputShape: [null, 16],
          outputShape: [null, 1],
          maxParams: 30000,
        });
      `,
    },
  ),
];
