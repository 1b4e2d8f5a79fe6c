import { loadNotebookValue } from '../doc/load';
import type { NotebookDoc } from '../doc/types';
import { tutorialDoc } from './cells';
import type { TutorialCell, TutorialMeta } from './types';

// The one tutorial catalogue (DESIGN.md rule 5), in the order the gallery suggests them. Each
// record names its notebook in ./notebooks/, loaded only when it is opened (its own chunk,
// precached with the app, so tutorials work offline). Adding a tutorial: its record here, its
// notebook file, and its outcome in test/tutorials/.

/** A tutorial's gallery record and the file its cells are in (./notebooks/<file>.ts). */
export interface TutorialEntry extends TutorialMeta {
  file: string;
}

export const TUTORIALS: ReadonlyArray<TutorialEntry> = [
  {
    slug: 'first-network',
    file: '01-first-network',
    title: 'Your first neural network',
    summary: 'Teach a small network to separate two spirals, and watch its decision boundary form as it learns.',
    level: 'Beginner',
    minutes: 12,
    uses: ['spiral and other 2-D sets', 'Dense', 'tf.sequential'],
    version: 2,
    exercises: 2,
  },
  {
    slug: 'tensors-gradients',
    file: '02-tensors-gradients',
    title: 'Tensors and gradients',
    summary: 'Tensors, shapes and broadcasting, gradients with tf.grad, gradient descent by hand, and one neuron taken apart.',
    level: 'Beginner',
    minutes: 15,
    uses: ['gaussian', 'tf.tensor', 'tf.grad', 'tf.variableGrads', 'display.plot', 'Dense'],
    version: 2,
    exercises: 2,
  },
  {
    slug: 'dense-digits',
    file: '03-dense-digits',
    title: 'Digits with a dense network',
    summary: 'Classify handwritten digits with a multi-layer perceptron: summary, compile, fit, evaluate, and predict your own drawing.',
    level: 'Beginner',
    minutes: 15,
    uses: ['MNIST', 'Dense', 'Dropout', 'confusion matrix'],
    version: 2,
    exercises: 2,
  },
  {
    slug: 'convolution',
    file: '04-convolution',
    title: 'Convolutional networks',
    summary: 'Convolutions and pooling on MNIST, feature maps and Grad-CAM: see where a CNN looks.',
    level: 'Intermediate',
    minutes: 20,
    uses: ['MNIST', 'Shapes', 'Conv2D', 'MaxPooling2D', 'BatchNormalization', 'Grad-CAM'],
    version: 2,
    exercises: 2,
  },
  {
    slug: 'functional-api',
    file: '05-functional-api',
    title: 'The functional API',
    summary: 'Models that are not a stack: two inputs, a skip connection and a model with two outputs.',
    level: 'Intermediate',
    minutes: 15,
    uses: ['spiral', 'MNIST', 'Add', 'Concatenate', 'tf.model'],
    version: 2,
    exercises: 2,
  },
  {
    slug: 'losses-optimizers',
    file: '06-losses-optimizers',
    title: 'Losses, optimizers and schedules',
    summary: 'Losses plotted, optimizers racing on a surface, learning-rate schedules, and overfitting with its cures.',
    level: 'Intermediate',
    minutes: 20,
    uses: ['circles', 'SGD', 'Adam', 'Dropout', 'L2', 'EarlyStopping', 'schedules'],
    version: 2,
    exercises: 3,
  },
  {
    slug: 'text',
    file: '07-text',
    title: 'Text: embeddings and LSTMs',
    summary: 'Classify the sentiment of short reviews with an Embedding and an LSTM, then a bidirectional one and attention.',
    level: 'Intermediate',
    minutes: 20,
    uses: ['sentiment', 'Embedding', 'LSTM', 'Bidirectional', 'MultiHeadAttention'],
    version: 2,
    exercises: 3,
  },
  {
    slug: 'time-series',
    file: '08-time-series',
    title: 'Time series',
    summary: 'Cut a signal into windows and forecast the next value with Conv1D and LSTM; beat the naive forecast.',
    level: 'Intermediate',
    minutes: 15,
    uses: ['sine', 'Conv1D', 'LSTM'],
    version: 2,
    exercises: 3,
  },
  {
    slug: 'custom-pieces',
    file: '09-custom-pieces',
    title: 'Your own pieces',
    summary: 'Write a custom layer, loss, metric and callback, and a training loop of your own.',
    level: 'Advanced',
    minutes: 20,
    uses: ['spiral', 'tf.layers.Layer', 'custom loss and metric', 'callbacks', 'tf.variableGrads'],
    version: 2,
    exercises: 3,
  },
  {
    slug: 'transformers',
    file: '10-transformers',
    title: 'Transformers',
    summary: 'A Transformer encoder classifies text with attention maps per head; a small ViT on Shapes with attention rollout.',
    level: 'Advanced',
    minutes: 25,
    uses: ['sentiment', 'Shapes', 'TransformerEncoder', 'PatchEmbedding', 'attention'],
    version: 2,
    exercises: 3,
  },
  {
    slug: 'vae',
    file: '11-vae',
    title: 'A variational autoencoder',
    summary: 'Encoder, sampling, decoder and KL loss in a custom training loop on MNIST; draw new digits and the latent space.',
    level: 'Advanced',
    minutes: 25,
    uses: ['MNIST', 'custom training loop', 'display.images', 'display.scatter'],
    version: 2,
    exercises: 3,
  },
  {
    slug: 'save-share',
    file: '12-save-share',
    title: 'Save, load and share',
    summary: 'Save and reload a trained model, export TensorFlow.js and Keras code, and share the notebook as a link.',
    level: 'Beginner',
    minutes: 10,
    uses: ['model.save', 'Keras export', 'share link'],
    version: 2,
    exercises: 2,
  },
  {
    slug: 'transfer-learning',
    file: '13-transfer-learning',
    title: 'Transfer learning',
    summary:
      'Reuse a CNN trained on the digits 0–4 for the digits 5–9 from 20 examples each: freeze it, train a new head, ' +
      'fine-tune, and compare with training from scratch.',
    level: 'Intermediate',
    minutes: 15,
    uses: ['MNIST 5–9', 'backbone', 'frozen layers', 'fine-tuning'],
    version: 1,
    exercises: 2,
  },
];

const NOTEBOOKS = import.meta.glob<ReadonlyArray<TutorialCell>>('./notebooks/*.ts', { import: 'default' });

/** A tutorial's record by slug, or undefined. */
export function tutorialEntry(slug: string): TutorialEntry | undefined {
  return TUTORIALS.find((t) => t.slug === slug);
}

/** The shipped notebook of a tutorial (loads its chunk), through the one load path every notebook takes. */
export async function loadTutorialDoc(entry: TutorialEntry): Promise<NotebookDoc> {
  const load = NOTEBOOKS[`./notebooks/${entry.file}.ts`];
  if (!load) throw new Error(`The tutorial “${entry.title}” is missing from this build.`);
  const loaded = loadNotebookValue(tutorialDoc(entry, await load()));
  if (!loaded.ok) throw new Error(`The tutorial “${entry.title}” is not a valid notebook: ${loaded.error.message}`);
  return loaded.doc;
}
