import type { DatasetName } from '../data/catalogue';
import type { TrainConfig } from '../doc/trainConfig';
import type { ModelGraph } from '../doc/types';
import { buildChain, buildGraph } from './build';

// The one catalogue of graph templates (DESIGN.md rule 5): what an empty graph cell offers under
// "Start from". Each is a complete model with the settings it trains well and quickly on, so
// picking one and pressing Train works as it is; the unit tests train every one of them.

/** A template's training settings: its dataset and whatever it changes from the defaults. */
type TemplateTraining = { dataset: DatasetName } & Partial<TrainConfig>;

export interface GraphTemplate {
  /** Its name on the Start from button. */
  name: string;
  /** One line under the name: what it is and what it learns. */
  description: string;
  training: TemplateTraining;
  /** Laid out; node ids need only be unique within the graph (the editor's new layers get random ones). */
  graph: ModelGraph;
}

const MLP: GraphTemplate = {
  name: 'MLP',
  description: 'Two hidden Dense layers learn to tell two interleaved spirals apart.',
  training: {
    dataset: 'spiral',
    samples: 1000,
    noise: 0.05,
    loss: 'binary_crossentropy',
    optimizer: 'adam',
    learning_rate: 0.01,
    epochs: 50,
    batch_size: 16,
    metrics: ['accuracy'],
    // A step of Adam can throw a spiral off late in a run: the best epoch's weights are the ones kept.
    keep_best: true,
  },
  graph: buildChain(
    ['Input', { shape: [2] }],
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dense', { units: 1, activation: 'sigmoid' }],
  ),
};

const CNN: GraphTemplate = {
  name: 'CNN',
  description: 'Convolutions and pooling find strokes, then digits, in handwriting.',
  training: {
    dataset: 'mnist',
    samples: 5000,
    loss: 'sparse_categorical_crossentropy',
    optimizer: 'adam',
    learning_rate: 0.002,
    epochs: 4,
    batch_size: 32,
    validation_split: 0.1,
    metrics: ['accuracy'],
  },
  graph: buildChain(
    ['Input', { shape: [28, 28, 1] }],
    ['Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu' }],
    ['MaxPooling2D', { pool_size: [2, 2], strides: [2, 2] }],
    ['Conv2D', { filters: 16, kernel_size: [3, 3], activation: 'relu' }],
    ['MaxPooling2D', { pool_size: [2, 2], strides: [2, 2] }],
    ['Flatten'],
    ['Dense', { units: 10, activation: 'softmax' }],
  ),
};

/** The sentiment set's reviews: 16 word ids, fewer than 100 words in its vocabulary. */
const words = ['Input', { shape: [16], dtype: 'int32' }] as const;
const wordVectors = (size: number) => ['Embedding', { input_dim: 100, output_dim: size }] as const;
const sentiment = (epochs: number, learningRate: number): TemplateTraining => ({
  dataset: 'sentiment',
  // Enough reviews that a model meets "was not …" often: about one in six says it.
  samples: 2000,
  loss: 'binary_crossentropy',
  optimizer: 'adam',
  learning_rate: learningRate,
  epochs,
  batch_size: 32,
  metrics: ['accuracy'],
});

const LSTM_TEXT: GraphTemplate = {
  name: 'LSTM text classifier',
  description: 'A Bidirectional LSTM reads each review both ways, and learns that "not good" is not "good".',
  training: sentiment(6, 0.01),
  graph: buildChain(
    words,
    wordVectors(16),
    // Reviews are padded at the end: read backwards too, the words are never 12 padding steps away from the output.
    ['Bidirectional', { layer: 'LSTM', units: 16 }],
    ['Dense', { units: 1, activation: 'sigmoid' }],
  ),
};

const TRANSFORMER: GraphTemplate = {
  name: 'Transformer encoder',
  description: 'Self-attention mixes each word with the others, and its position, to read a review.',
  training: sentiment(12, 0.003),
  graph: buildChain(
    words,
    wordVectors(32),
    ['PositionalEmbedding', { sequence_length: 16 }],
    ['TransformerEncoder', { num_heads: 2, key_dim: 16, ff_dim: 32, dropout: 0 }],
    ['GlobalAveragePooling1D'],
    ['Dense', { units: 1, activation: 'sigmoid' }],
  ),
};

const AUTOENCODER: GraphTemplate = {
  name: 'Autoencoder',
  description: 'Squeezes each digit into 32 numbers and redraws it: its target is its input.',
  training: {
    dataset: 'mnist',
    target: 'input',
    samples: 5000,
    loss: 'mse',
    optimizer: 'adam',
    learning_rate: 0.002,
    epochs: 6,
    batch_size: 32,
    validation_split: 0.1,
    metrics: ['mae'],
  },
  graph: buildChain(
    ['Input', { shape: [28, 28, 1] }],
    ['Flatten'],
    ['Dense', { units: 128, activation: 'relu' }],
    ['Dense', { units: 32, activation: 'relu' }],
    ['Dense', { units: 128, activation: 'relu' }],
    ['Dense', { units: 784, activation: 'sigmoid' }],
    ['Reshape', { target_shape: [28, 28, 1] }],
  ),
};

const RESIDUAL: GraphTemplate = {
  name: 'Residual block',
  description: 'Two convolutions with a skip connection (Add) around them, as in ResNet.',
  training: {
    dataset: 'shapes',
    samples: 900,
    noise: 0.1,
    loss: 'sparse_categorical_crossentropy',
    optimizer: 'adam',
    learning_rate: 0.003,
    epochs: 8,
    batch_size: 32,
    metrics: ['accuracy'],
  },
  graph: buildGraph(
    [
      ['input', 'Input', { shape: [32, 32, 1] }],
      ['stem', 'Conv2D', { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu' }],
      // The block works at half the size: a quarter of the work, and the shapes are still plain to see.
      ['half', 'MaxPooling2D', { pool_size: [2, 2], strides: [2, 2] }],
      ['conv1', 'Conv2D', { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu' }],
      ['conv2', 'Conv2D', { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'linear' }],
      ['add', 'Add'],
      ['relu', 'Activation', { activation: 'relu' }],
      ['pool', 'MaxPooling2D', { pool_size: [4, 4], strides: [4, 4] }],
      ['flatten', 'Flatten'],
      ['classes', 'Dense', { units: 3, activation: 'softmax' }],
    ],
    [
      ['input', 'stem'],
      ['stem', 'half'],
      ['half', 'conv1'],
      ['conv1', 'conv2'],
      // The skip: the block's input goes round the two convolutions to be added to their output.
      ['half', 'add'],
      ['conv2', 'add'],
      ['add', 'relu'],
      ['relu', 'pool'],
      ['pool', 'flatten'],
      ['flatten', 'classes'],
    ],
  ),
};

/** Every template, in the order Start from lists them. */
export const TEMPLATES: ReadonlyArray<GraphTemplate> = [MLP, CNN, LSTM_TEXT, TRANSFORMER, AUTOENCODER, RESIDUAL];

/** The template of this name, or undefined. */
export function graphTemplate(name: string): GraphTemplate | undefined {
  return TEMPLATES.find((t) => t.name === name);
}
