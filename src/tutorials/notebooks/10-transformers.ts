import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice from './exercises/10-transformers';

// Tutorial 10: a Transformer encoder block, first on text (attention maps per head), then as a small
// Vision Transformer on Shapes (attention rollout over the image).

const encoderBlock = (ffDim: number) => ['TransformerEncoder', { num_heads: 2, key_dim: 16, ff_dim: ffDim, dropout: 0.1 }] as const;

export default [
  md(`
    # Transformers

    A **Transformer** is built from one repeated block. Tutorial 7 met its core, self-attention: every
    position of a sequence computes how much to attend to every other position and mixes their vectors by
    those weights. The **encoder block** wraps that in three more pieces:

    1. **multi-head self-attention**, several heads side by side, each with its own query, key and value
       projections (\`num_heads\`, each of size \`key_dim\`);
    2. a small **feed-forward network** applied to each position on its own (\`ff_dim\` units, then back to
       the model's width);
    3. around each of the two, a **residual connection** (the input is added to the output) followed by
       **LayerNormalization**, which is what lets blocks be stacked deep and still train.

    The block keeps the shape of its input, \`(steps, features)\` in and out, so blocks stack like bricks.

    Keras has \`layers.MultiHeadAttention\` but leaves the block to you (its tutorials write a
    \`TransformerBlock\` layer); KerasHub has \`TransformerEncoder\`. TensorFlow.js 4.22 has neither, so
    Layerbook provides both as \`lb.layers.multiHeadAttention\` and \`lb.layers.transformerEncoder\`, and as
    graph layers. *Copy as Keras Python* on a graph cell writes the block's definition out for you.

    ## A Transformer reads reviews

    The sentiment set again: 16 word ids per review. Attention has no notion of order, so
    **PositionalEmbedding** adds a learned vector for each position to each word's vector. After the encoder
    block, **GlobalAveragePooling1D** averages the 16 positions into one vector for the classifier. Press
    **Train**.
  `),
  graph(
    'text_transformer',
    buildChain(
      ['Input', { shape: [16], dtype: 'int32' }],
      ['Embedding', { input_dim: 100, output_dim: 32 }],
      ['PositionalEmbedding', { sequence_length: 16 }],
      encoderBlock(32),
      ['GlobalAveragePooling1D'],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ),
    {
      dataset: 'sentiment',
      samples: 1000,
      seed: 1,
      loss: 'binary_crossentropy',
      optimizer: 'adam',
      learning_rate: 0.005,
      epochs: 8,
      batch_size: 32,
      validation_split: 0.2,
      metrics: ['accuracy'],
    },
  ),
  md(`
    Open **Insight** under the trained cell and press **Show attention**: for a test review it draws one map per head
    (rows: the word attending, columns: the words it attends to, each row summing to 1) and their average.
    The heads usually differ: one may look at the adjectives, another at *not* or at the padding.

    The same numbers come from code: \`insight.attention(model, input, { tokens })\` returns
    \`scores[head][query][key]\` and draws the same panel in the cell.
  `),
  code(`
    const reviews = await lb.datasets.load('sentiment', { samples: 1000 });
    const encode = (text: string): number[] => {
      const ids = text.split(' ').map((w) => reviews.vocabulary![w] ?? 1);
      return [...ids, ...new Array(16).fill(0)].slice(0, 16);
    };
    const sentence = 'i found the plot really clever';
    const maps = await insight.attention(text_transformer, tf.tensor2d([encode(sentence)], [1, 16], 'int32'), {
      tokens: [...sentence.split(' '), ...new Array(16).fill('·')].slice(0, 16),
    });
    console.log(\`layer \${maps.layer}: \${maps.heads} heads, each \${maps.scores[0].length} × \${maps.scores[0][0].length}\`);
    maps.scores.map((head) => [head.length, head[0].length])
  `),
  md(`
    ## A Vision Transformer

    A ViT (Dosovitskiy et al., 2020) reads an image as a sequence: it cuts the image into square **patches**,
    turns each patch into a vector with one shared linear map, adds position vectors, and from there on it is
    the same encoder as for text. **PatchEmbedding** does the cutting and the map in one step (it is a
    convolution whose window and stride are both the patch size). Our Shapes images are 32 × 32; patches of 8
    pixels make a 4 × 4 grid, a sequence of 16 patches.

    This one stacks **two** encoder blocks, then averages the patches and classifies circle, square or
    triangle. The original ViT reads its answer from an extra learned *class token* instead, and Keras's ViT
    tutorial flattens all the patches' vectors into one and trains on CIFAR-100, a far harder set, for far
    longer. The idea is the same. Press **Train**.
  `),
  graph(
    'vit',
    buildChain(
      ['Input', { shape: [32, 32, 1] }],
      ['PatchEmbedding', { patch_size: 8, embed_dim: 32 }],
      ['PositionalEmbedding', { sequence_length: 16 }],
      encoderBlock(64),
      encoderBlock(64),
      ['GlobalAveragePooling1D'],
      ['Dense', { units: 3, activation: 'softmax' }],
    ),
    {
      dataset: 'shapes',
      samples: 1200,
      noise: 0.1,
      seed: 1,
      loss: 'sparse_categorical_crossentropy',
      optimizer: 'adam',
      learning_rate: 0.004,
      epochs: 12,
      batch_size: 32,
      validation_split: 0.2,
      metrics: ['accuracy'],
    },
  ),
  md(`
    ## Attention rollout: where does the ViT look?

    One layer's attention map says where each patch looked *in that layer*, but the vectors it looked at were
    already mixtures made by the layer before. **Attention rollout** (Abnar and Zuidema, 2020) follows the
    mixing through all layers: it averages each layer's heads, adds the identity for the residual connection,
    and multiplies the layers' maps together. The result says how much each input patch contributes to the
    final vectors.

    Insight draws the rollout over the image for a model like this one (a PatchEmbedding on an image). From
    code, \`insight.attention\` returns it as \`rollout\`, one number per patch in the 4 × 4 grid.
  `),
  code(`
    const shapes = await lb.datasets.load('shapes', { samples: 300, noise: 0.1, seed: 7 });
    const image = shapes.xTest.slice([0, 0, 0, 0], [1, 32, 32, 1]);
    const looked = await insight.attention(vit, image);
    const predicted = (vit.predict(image) as tf.Tensor).argMax(-1).dataSync()[0];
    console.log(\`a \${shapes.classes![shapes.yTest.dataSync()[0]]}, predicted \${shapes.classes![predicted]}\`);
    // The rollout as numbers, laid out as the patches are: row 1 is the top of the image.
    display.table(looked.rollout!.map((row) => row.map((v) => v.toFixed(3))));
    image.dispose();
    const shapeOf = (m: number[][]) => [m.length, m[0].length];
    ({ heads: looked.heads, scores: [looked.scores.length, ...shapeOf(looked.scores[0])], rollout: shapeOf(looked.rollout!) })
  `),
  md(`
    The brightest patches should be the ones the shape covers, its corners and edges most: that is where a
    triangle differs from a square. Try a few more test images by changing the \`0\` in \`slice\`.
  `),
  ...practice,
  md(`
    ## Try next

    - **Heads and depth**: give the text model one head, or four; give the ViT one block, or three. Does the
      test accuracy change, and do the heads' maps become more alike or more different?
    - **No positions**: delete PositionalEmbedding from the ViT. A patch no longer knows where it is; can the
      model still tell a triangle (pointed at the top) from a square?
    - **Smaller patches**: set \`patch_size\` to 4 (and \`sequence_length\` to 64). The grid becomes 8 × 8 and
      the rollout sharper, and each step costs more: attention grows with the square of the sequence length.
    - **Back to tutorial 7**: compare this Transformer with the LSTM there on the same reviews: accuracy, time
      per epoch, and what Insight can show you about each.
  `),
];
