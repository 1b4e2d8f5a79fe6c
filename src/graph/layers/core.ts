import { activation, choice, float, int, useBias } from '../params';
import { formatShape, lastDim, product } from '../shape';
import { ShapeError, type LayerSpec, type Shape } from '../types';

const noWeights = () => ({ trainable: 0, nonTrainable: 0 });
const same = (inputs: Shape[]) => inputs[0];

export const Input: LayerSpec = {
  className: 'Input',
  group: 'Input',
  help: 'Where data enters the model: the shape of one example, without the batch.',
  params: [
    {
      kind: 'dims',
      name: 'shape',
      default: [784],
      help: 'The shape of one example, e.g. 28, 28, 1 for a grey image; None for a free length.',
    },
    choice('dtype', 'float32', ['float32', 'int32'], 'float32 for measurements and pixels; int32 for token ids fed to an Embedding.'),
  ],
  arity: 'none',
  outputShape: (_inputs, cfg) => [null, ...(cfg.shape as Array<number | null>)],
  weights: noWeights,
  tfjs: (cfg) => ({ factory: 'input', config: { shape: cfg.shape, dtype: cfg.dtype } }),
  keras: (cfg) => ({ name: 'Input', args: { shape: cfg.shape, dtype: cfg.dtype } }),
  // keras.Input(shape, batch_size, dtype); the importer also reads InputLayer and batch_shape.
  kerasArgs: { positional: ['shape', 'batch_size', 'dtype'], fixed: { batch_size: null } },
};

export const Dense: LayerSpec = {
  className: 'Dense',
  group: 'Core',
  help: 'Every output is a weighted sum of every input: the basic fully connected layer.',
  params: [int('units', 32, 'How many outputs (neurons) the layer has.'), activation(), useBias()],
  arity: 'one',
  outputShape: ([x], cfg) => {
    lastDim(x, 'Dense');
    return [...x.slice(0, -1), cfg.units as number];
  },
  weights: ([x], cfg) => ({
    trainable: lastDim(x, 'Dense') * (cfg.units as number) + (cfg.use_bias ? (cfg.units as number) : 0),
    nonTrainable: 0,
  }),
  tfjs: (cfg) => ({ factory: 'dense', config: { units: cfg.units, activation: cfg.activation, useBias: cfg.use_bias } }),
  keras: (cfg) => ({ name: 'Dense', args: { units: cfg.units, activation: cfg.activation, use_bias: cfg.use_bias } }),
  kerasArgs: { positional: ['units', 'activation', 'use_bias'], required: ['units'] },
};

export const Activation: LayerSpec = {
  className: 'Activation',
  group: 'Core',
  help: 'Applies a function to each value, with no weights.',
  params: [activation('relu')],
  arity: 'one',
  outputShape: same,
  weights: noWeights,
  tfjs: (cfg) => ({ factory: 'activation', config: { activation: cfg.activation } }),
  keras: (cfg) => ({ name: 'Activation', args: { activation: cfg.activation } }),
  kerasArgs: { positional: ['activation'], required: ['activation'] },
};

export const Rescaling: LayerSpec = {
  className: 'Rescaling',
  group: 'Core',
  help: 'Multiplies by scale and adds offset: 1/255 turns pixels 0–255 into 0–1.',
  params: [float('scale', 1 / 255, 'What every value is multiplied by.'), float('offset', 0, 'What is added after scaling.')],
  arity: 'one',
  outputShape: same,
  weights: noWeights,
  tfjs: (cfg) => ({ factory: 'rescaling', config: { scale: cfg.scale, offset: cfg.offset } }),
  keras: (cfg) => ({ name: 'Rescaling', args: { scale: cfg.scale, offset: cfg.offset } }),
  kerasArgs: { positional: ['scale', 'offset'], required: ['scale'] },
};

export const Dropout: LayerSpec = {
  className: 'Dropout',
  group: 'Regularization',
  help: 'While training, sets a random fraction of values to zero, so the model cannot rely on any one of them.',
  params: [float('rate', 0.5, 'The fraction of values dropped while training (0 to under 1).', 0, 0.99)],
  arity: 'one',
  outputShape: same,
  weights: noWeights,
  tfjs: (cfg) => ({ factory: 'dropout', config: { rate: cfg.rate } }),
  keras: (cfg) => ({ name: 'Dropout', args: { rate: cfg.rate } }),
  kerasArgs: { positional: ['rate', 'noise_shape', 'seed'], required: ['rate'], fixed: { noise_shape: null } },
};

export const Flatten: LayerSpec = {
  className: 'Flatten',
  group: 'Reshape',
  help: 'Lays all values of an example out in one long vector, e.g. before Dense layers.',
  params: [],
  arity: 'one',
  outputShape: ([x]) => {
    if (x.length < 2) throw new ShapeError(`has nothing to flatten in ${formatShape(x)}`);
    const size = product(x.slice(1));
    if (size === null) throw new ShapeError(`cannot flatten ${formatShape(x)}: a dimension is None (unknown), so the length is unknown`);
    return [x[0], size];
  },
  weights: noWeights,
  tfjs: () => ({ factory: 'flatten', config: {} }),
  keras: () => ({ name: 'Flatten', args: {} }),
  kerasArgs: { positional: ['data_format'], fixed: { data_format: 'channels_last' } },
};

export const Reshape: LayerSpec = {
  className: 'Reshape',
  group: 'Reshape',
  help: 'Rearranges the values of an example into another shape with the same number of values.',
  params: [
    {
      kind: 'ints',
      name: 'target_shape',
      default: [28, 28, 1],
      help: 'The new shape of one example; its values must multiply to the same total.',
      min: 1,
    },
  ],
  arity: 'one',
  outputShape: ([x], cfg) => {
    const target = cfg.target_shape as number[];
    const size = product(x.slice(1));
    const wanted = product(target);
    if (size !== null && size !== wanted) {
      throw new ShapeError(`cannot reshape ${formatShape(x)} (${size} values) into ${formatShape([null, ...target])} (${wanted} values)`);
    }
    return [x[0], ...target];
  },
  weights: noWeights,
  tfjs: (cfg) => ({ factory: 'reshape', config: { targetShape: cfg.target_shape } }),
  keras: (cfg) => ({ name: 'Reshape', args: { target_shape: cfg.target_shape } }),
  kerasArgs: { positional: ['target_shape'], required: ['target_shape'] },
};
