import { buildChain } from '../../graph/build';
import type { TrainingSettings } from '../../doc/trainConfig';
import { code, graph, md } from '../cells';
import practice from './exercises/07-text';

// Tutorial 7: text as word ids, an order-blind baseline, an LSTM that reads in order, a bidirectional
// one, and self-attention whose maps show which words each word looked at.

/** Every model here reads the same sentiment set the same way; only the learning rate differs. */
const sentiment = (learningRate: number, extra: TrainingSettings = {}): TrainingSettings => ({
  dataset: 'sentiment',
  samples: 1000,
  seed: 1,
  loss: 'binary_crossentropy',
  optimizer: 'adam',
  learning_rate: learningRate,
  epochs: 12,
  batch_size: 32,
  validation_split: 0.2,
  metrics: ['accuracy'],
  ...extra,
});

const words = ['Input', { shape: [16], dtype: 'int32' }] as const;
const wordVectors = (size: number) => ['Embedding', { input_dim: 100, output_dim: size }] as const;

export default [
  md(`
    # Text: embeddings and LSTMs

    A network only does arithmetic, so text has to become numbers first. The usual recipe has three steps:

    1. **Tokenise**: cut the text into words (tokens).
    2. **Index**: give every word of the vocabulary a number, its *id*, and write each text as the list of its
       words' ids, cut or padded to one length so that texts stack into a tensor.
    3. **Embed**: let the first layer of the network turn each id into a vector of learned numbers. Words used
       alike end up with similar vectors, because training moves them where they help.

    This tutorial's data is Layerbook's **sentiment** set: short reviews such as *the acting was really
    charming* (positive) or *the ending was not awful* (also positive!). Each review is already tokenised and
    indexed: 16 ids, padded with 0 at the end; id 1 stands for a word the vocabulary does not know.

    In Keras you would do steps 1 and 2 with a \`TextVectorization\` layer inside the model. TensorFlow.js has no
    such layer, so text models in the browser usually take ids that were made beforehand, as here.
  `),
  code(`
    const reviews = await lb.datasets.load('sentiment', { samples: 1000 });
    // The vocabulary maps words to ids; turned around, it reads the ids back as words.
    const wordOf = new Map(Object.entries(reviews.vocabulary!).map(([word, id]) => [id, word]));
    const ids = (await reviews.xTrain.array()) as number[][];
    const labels = await reviews.yTrain.data();
    display.table(
      ids.slice(0, 6).map((row, i) => ({
        ids: row.join(' '),
        words: row.filter((id) => id > 0).map((id) => wordOf.get(id) ?? '?').join(' '),
        label: reviews.classes![labels[i]],
      })),
    );
    console.log(\`\${reviews.xTrain.shape[0]} training and \${reviews.xTest.shape[0]} test reviews, \` +
      \`\${wordOf.size} words in the vocabulary\`);
  `),
  md(`
    About one review in six is a negation: *was not boring* is positive, *was not great* negative. A model that
    only adds up how good or bad each word sounds gets those wrong. Let us check that first.

    ## A baseline that ignores word order

    **Embedding** turns each of the 16 ids into a vector of 16 numbers: its output is \`(None, 16, 16)\`, one
    vector per position. **GlobalAveragePooling1D** averages the 16 vectors into one, and **Dense** with a
    \`sigmoid\` reads a probability of *positive* from it. Averaging forgets the order, so to this model *not
    great* and *great … not* are the same bag of words.

    Press **Train** on the graph cell. The embedding's \`input_dim\` is 100: ids must be below it, and this
    vocabulary has fewer than 100 words.
  `),
  graph(
    'bag_of_words',
    buildChain(words, wordVectors(16), ['GlobalAveragePooling1D'], ['Dense', { units: 1, activation: 'sigmoid' }]),
    sentiment(0.01),
  ),
  md(`
    Look at its *Test metrics*: good, but it cannot get past the negations.

    ## An LSTM reads in order

    A recurrent layer reads the sequence one vector at a time and carries a memory (its *state*) from step to
    step, so what it makes of *great* can depend on the *not* it saw before. The **LSTM** (long short-term
    memory) has gates that learn what to keep in that memory and what to forget; with \`return_sequences\` off
    it outputs only its final state, one vector of \`units\` numbers per review.

    In Keras this model is \`keras.Sequential([layers.Embedding(100, 16), layers.LSTM(16), layers.Dense(1,
    activation="sigmoid")])\`; in TensorFlow.js the options are objects with camelCase names:
    \`tf.layers.embedding({ inputDim: 100, outputDim: 16 })\`, \`tf.layers.lstm({ units: 16 })\`.
  `),
  graph(
    'lstm_net',
    buildChain(words, wordVectors(16), ['LSTM', { units: 16 }], ['Dense', { units: 1, activation: 'sigmoid' }]),
    sentiment(0.01),
  ),
  md(`
    Its test accuracy climbs to about 89 % in a few epochs: the words are learned. Whether it then jumps to
    100 % depends on where training started. If it stays near 89 %, press a number off the diagonal of the
    confusion matrix under the cell: the reviews it gets wrong are the negations. The reason is the padding.
    The LSTM reads left to right and the padding is at the end, so what it knows about *not* must survive
    about ten more steps of zeros before the final state is read,
    and the gradient that would teach it has to travel back through all of them. Train again (fresh weights)
    and it may click; more epochs help a little. Keras pads *before* the words for this reason
    (\`pad_sequences\` defaults to \`padding="pre"\`).

    After training, try **Predict** under the graph cell: type a review of your own in *Sentence* (use words
    from the table above; an unknown word becomes id 1) and press **Classify sentence**. Is *the plot was not
    boring* positive?

    ## Reading both ways: Bidirectional

    An LSTM that reads left to right knows, at each word, only what came before it. **Bidirectional** runs a
    second LSTM from right to left and joins the two final states. The backward one reads the padding first
    and the words last, so its final state is right next to them: the negations become easy, and 8 units per
    direction are plenty (\`merge_mode: concat\`, the default in Keras and TensorFlow.js, puts them side
    by side, so 8 units become 16 numbers). Here it is also a chance to show the other way of ending a classifier: two
    units with a \`softmax\`, one probability per class, trained with **sparse categorical cross-entropy** on the
    labels 0 and 1. It learns the same thing as one sigmoid unit with binary cross-entropy.

    Keras has a third way around padding: \`Embedding(mask_zero=True)\` tells the recurrent layers to skip
    the zeros. Layerbook's graph Embedding has no mask, so here the network must learn to ignore the padding.
  `),
  graph(
    'bilstm_net',
    buildChain(
      words,
      wordVectors(16),
      ['Bidirectional', { layer: 'LSTM', units: 8, merge_mode: 'concat' }],
      ['Dense', { units: 2, activation: 'softmax' }],
    ),
    sentiment(0.01, { loss: 'sparse_categorical_crossentropy', epochs: 8 }),
  ),
  md(`
    ## Your own reviews, from code

    A graph cell's trained model is a global by its name, so a code cell can ask all three models at once. To
    feed it a sentence, do what the dataset did: split it into words, look each one up, pad to 16.
  `),
  code(`
    const encode = (text: string): number[] => {
      const ids = text.toLowerCase().split(/\\s+/).map((w) => reviews.vocabulary![w] ?? 1);
      return [...ids, ...new Array(16).fill(0)].slice(0, 16);
    };
    const mine = ['the movie was great', 'the movie was not great', 'the food was not bad', 'the plot is dull and slow'];
    const batch = tf.tensor2d(mine.map(encode), [mine.length, 16], 'int32');
    const positive = {
      bag: await (bag_of_words.predict(batch) as tf.Tensor).data(),
      lstm: await (lstm_net.predict(batch) as tf.Tensor).data(),
      // Two softmax units: the second is the probability of "positive".
      bi: await (bilstm_net.predict(batch) as tf.Tensor).slice([0, 1], [-1, 1]).data(),
    };
    display.table(
      mine.map((text, i) => ({
        review: text,
        'bag of words': positive.bag[i].toFixed(2),
        LSTM: positive.lstm[i].toFixed(2),
        Bidirectional: positive.bi[i].toFixed(2),
      })),
    );
    batch.dispose();
  `),
  md(`
    ## Attention: every word looks at every other

    A recurrent layer passes information along one step at a time. **Self-attention** lets each position look
    at all positions at once: for every word it computes how much to *attend* to each other word (weights that
    sum to 1) and mixes their vectors by those weights. **MultiHeadAttention** does it several times in
    parallel, each *head* with its own idea of what is relevant.

    Attention by itself does not know the order of the words, so **PositionalEmbedding** first adds a learned
    vector for each of the 16 positions. Train it, then open **Insight** under the cell and press **Show
    attention**: it shows the attention maps of a test review, per head and averaged, with its words on both
    axes.
  `),
  graph(
    'attention_net',
    buildChain(
      words,
      wordVectors(32),
      ['PositionalEmbedding', { sequence_length: 16 }],
      ['MultiHeadAttention', { num_heads: 2, key_dim: 16 }],
      ['GlobalAveragePooling1D'],
      ['Dense', { units: 1, activation: 'sigmoid' }],
    ),
    sentiment(0.003),
  ),
  md(`
    The same maps come from code with \`insight.attention(model, input, { tokens })\`: it returns each head's
    weights (\`scores[head][query][key]\`) and draws the panel in the cell's output.
  `),
  code(`
    const sentence = 'the ending was not awful';
    const attended = await insight.attention(attention_net, tf.tensor2d([encode(sentence)], [1, 16], 'int32'), {
      tokens: [...sentence.split(' '), ...new Array(16).fill('·')].slice(0, 16),
    });
    // For each word, the position it attends to most, averaged over the heads (padding counts too).
    const tokens = sentence.split(' ');
    display.table(
      tokens.map((word, i) => {
        const row = attended.average[i];
        const top = row.indexOf(Math.max(...row));
        return { word, 'attends most to': top < tokens.length ? tokens[top] : \`padding (\${top + 1})\`, weight: row[top].toFixed(2) };
      }),
    );
    console.log(\`\${attended.heads} heads, maps of \${attended.average.length} × \${attended.average[0].length}\`);
    attended.scores.map((head) => [head.length, head[0].length]);
  `),
  ...practice,
  md(`
    ## Try next

    - **Units**: give the LSTM 4 units, then 64. How small can its memory be and still handle *not*?
    - **GRU and SimpleRNN**: swap the LSTM for a GRU (fewer gates) or a SimpleRNN. In our runs a GRU of 16
      units learned the negations every time; does a SimpleRNN?
    - **Stacking**: put two LSTMs in a row; the first needs \`return_sequences\` on so the second gets a
      sequence.
    - **Without positions**: delete PositionalEmbedding from \`attention_net\` and train again. Can it still
      tell *not great* from *great not*?
    - **Transformers**: tutorial 10 puts attention together with a feed-forward network into a Transformer
      encoder block.
  `),
];
