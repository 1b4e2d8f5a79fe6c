import { activation, int, ints, padding, useBias } from '../params';
import { convLength, expectRank, lastDim } from '../shape';
import type { LayerConfig, LayerSpec, Shape } from '../types';

const noWeights = () => ({ trainable: 0, nonTrainable: 0 });
const n = (v: unknown) => v as number;
const pair = (v: unknown) => v as [number, number];

const convWeights = (kernelSize: number, channels: number, cfg: LayerConfig) => ({
  trainable: kernelSize * channels * n(cfg.filters) + (cfg.use_bias ? n(cfg.filters) : 0),
  nonTrainable: 0,
});

/** The tfjs and Keras calls of Conv1D, Conv2D and SeparableConv2D: only the factory and class name differ. */
const convCalls = (factory: string, className: string): Pick<LayerSpec, 'tfjs' | 'keras' | 'kerasArgs'> => ({
  tfjs: (cfg) => ({
    factory,
    config: {
      filters: cfg.filters,
      kernelSize: cfg.kernel_size,
      strides: cfg.strides,
      padding: cfg.padding,
      activation: cfg.activation,
      useBias: cfg.use_bias,
    },
  }),
  keras: (cfg) => ({
    name: className,
    args: {
      filters: cfg.filters,
      kernel_size: cfg.kernel_size,
      strides: cfg.strides,
      padding: cfg.padding,
      activation: cfg.activation,
      use_bias: cfg.use_bias,
    },
  }),
  kerasArgs: {
    positional:
      className === 'SeparableConv2D'
        ? ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias']
        : ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
    required: ['filters', 'kernel_size'],
    // Keras's convolutions are linear unless told; the palette's start with relu.
    defaults: { activation: 'linear' },
    fixed: { data_format: 'channels_last', dilation_rate: 1, groups: 1, depth_multiplier: 1 },
  },
});

export const Conv1D: LayerSpec = {
  className: 'Conv1D',
  group: 'Convolution',
  help: 'Slides learned filters along a sequence (time steps, words), finding local patterns.',
  params: [
    int('filters', 32, 'How many patterns to look for: the number of output channels.'),
    int('kernel_size', 3, 'How many steps each filter sees at once.'),
    int('strides', 1, 'How far the filter moves each step; 2 halves the length.'),
    padding(),
    activation('relu'),
    useBias(),
  ],
  arity: 'one',
  outputShape: ([x], cfg) => {
    expectRank(x, 3, 'a sequence (steps, channels)');
    return [x[0], convLength(x[1], n(cfg.kernel_size), n(cfg.strides), cfg.padding as string), n(cfg.filters)];
  },
  weights: ([x], cfg) => convWeights(n(cfg.kernel_size), lastDim(x, 'Conv1D'), cfg),
  ...convCalls('conv1d', 'Conv1D'),
};

/** A 2-D convolution's output: the grid each filter slides over, with `filters` channels. */
function conv2dShape([x]: Shape[], cfg: LayerConfig): Shape {
  expectRank(x, 4, 'an image (height, width, channels)');
  const [kh, kw] = pair(cfg.kernel_size);
  const [sh, sw] = pair(cfg.strides);
  const pad = cfg.padding as string;
  return [x[0], convLength(x[1], kh, sh, pad), convLength(x[2], kw, sw, pad), n(cfg.filters)];
}

/** The settings, shape and exports Conv2D and SeparableConv2D share: only their filters and weights differ. */
function conv2dLike(
  className: 'Conv2D' | 'SeparableConv2D',
  factory: string,
  help: string,
  kernelHelp: string,
  weights: LayerSpec['weights'],
): LayerSpec {
  return {
    className,
    group: 'Convolution',
    help,
    params: [
      int('filters', 32, 'How many patterns to look for: the number of output channels.'),
      ints('kernel_size', [3, 3], kernelHelp, 2),
      ints('strides', [1, 1], 'How far the filter moves each step, down and across; 2 halves the size.', 2),
      padding(),
      activation('relu'),
      useBias(),
    ],
    arity: 'one',
    outputShape: conv2dShape,
    weights,
    ...convCalls(factory, className),
  };
}

export const Conv2D = conv2dLike(
  'Conv2D',
  'conv2d',
  'Slides learned filters over an image, finding local patterns such as edges, then shapes.',
  'The height and width of each filter.',
  ([x], cfg) => convWeights(pair(cfg.kernel_size)[0] * pair(cfg.kernel_size)[1], lastDim(x, 'Conv2D'), cfg),
);

// Keras's "image classification from scratch" tutorial builds its network from these (Xception's
// block): a 3×3 filter per input channel, then a 1×1 convolution that mixes the channels, for about
// a ninth of a Conv2D's weights and work. No depth_multiplier: tfjs 4.22's toJSON leaves it out of a
// SeparableConv2D's config, so a saved model with any other than 1 would load with the wrong weights.
export const SeparableConv2D = conv2dLike(
  'SeparableConv2D',
  'separableConv2d',
  'A cheaper Conv2D: filters each input channel on its own, then mixes the channels with a 1×1 convolution.',
  'The height and width of each per-channel filter.',
  ([x], cfg) => {
    const [kh, kw] = pair(cfg.kernel_size);
    const channels = lastDim(x, 'SeparableConv2D');
    // A kh × kw filter per channel, then the 1×1 convolution (with the bias) that mixes them.
    const pointwise = convWeights(1, channels, cfg);
    return { ...pointwise, trainable: kh * kw * channels + pointwise.trainable };
  },
);

/** Keras's poolings move by their pool size unless told otherwise (strides=None). */
const poolingArgs: LayerSpec['kerasArgs'] = {
  positional: ['pool_size', 'strides', 'padding', 'data_format'],
  fixed: { data_format: 'channels_last' },
  derive: (given): LayerConfig => (given.strides === undefined && given.pool_size !== undefined ? { strides: given.pool_size } : {}),
};

function pooling1D(className: 'MaxPooling1D', factory: string, help: string): LayerSpec {
  return {
    className,
    group: 'Pooling',
    help,
    params: [
      int('pool_size', 2, 'How many steps each window covers.'),
      int('strides', 2, 'How far the window moves; usually the pool size.'),
      padding(),
    ],
    arity: 'one',
    outputShape: ([x], cfg) => {
      expectRank(x, 3, 'a sequence (steps, channels)');
      return [x[0], convLength(x[1], n(cfg.pool_size), n(cfg.strides), cfg.padding as string), x[2]];
    },
    weights: noWeights,
    tfjs: (cfg) => ({ factory, config: { poolSize: cfg.pool_size, strides: cfg.strides, padding: cfg.padding } }),
    keras: (cfg) => ({ name: className, args: { pool_size: cfg.pool_size, strides: cfg.strides, padding: cfg.padding } }),
    kerasArgs: poolingArgs,
  };
}

function pooling2D(className: 'MaxPooling2D' | 'AveragePooling2D', factory: string, help: string): LayerSpec {
  return {
    className,
    group: 'Pooling',
    help,
    params: [
      ints('pool_size', [2, 2], 'The height and width of each window.', 2),
      ints('strides', [2, 2], 'How far the window moves, down and across; usually the pool size.', 2),
      padding(),
    ],
    arity: 'one',
    outputShape: ([x], cfg) => {
      expectRank(x, 4, 'an image (height, width, channels)');
      const [ph, pw] = pair(cfg.pool_size);
      const [sh, sw] = pair(cfg.strides);
      const pad = cfg.padding as string;
      return [x[0], convLength(x[1], ph, sh, pad), convLength(x[2], pw, sw, pad), x[3]];
    },
    weights: noWeights,
    tfjs: (cfg) => ({ factory, config: { poolSize: cfg.pool_size, strides: cfg.strides, padding: cfg.padding } }),
    keras: (cfg) => ({ name: className, args: { pool_size: cfg.pool_size, strides: cfg.strides, padding: cfg.padding } }),
    // Keras's AveragePooling2D has no default pool size; its MaxPooling2D has (2, 2).
    kerasArgs: className === 'AveragePooling2D' ? { ...poolingArgs, required: ['pool_size'] } : poolingArgs,
  };
}

function globalPooling(className: string, factory: string, rank: 3 | 4, help: string): LayerSpec {
  return {
    className,
    group: 'Pooling',
    help,
    params: [],
    arity: 'one',
    outputShape: ([x]) => {
      expectRank(x, rank, rank === 3 ? 'a sequence (steps, channels)' : 'an image (height, width, channels)');
      return [x[0], x[rank - 1]];
    },
    weights: noWeights,
    tfjs: () => ({ factory, config: {} }),
    keras: () => ({ name: className, args: {} }),
    kerasArgs: { positional: ['data_format', 'keepdims'], fixed: { data_format: 'channels_last', keepdims: false } },
  };
}

export const MaxPooling1D = pooling1D(
  'MaxPooling1D',
  'maxPooling1d',
  'Keeps the largest value in each window of steps, shortening the sequence.',
);
export const MaxPooling2D = pooling2D(
  'MaxPooling2D',
  'maxPooling2d',
  'Keeps the largest value in each window, shrinking the image while keeping strong features.',
);
export const AveragePooling2D = pooling2D('AveragePooling2D', 'averagePooling2d', 'Averages each window, shrinking the image smoothly.');
export const GlobalAveragePooling1D = globalPooling(
  'GlobalAveragePooling1D',
  'globalAveragePooling1d',
  3,
  'Averages over all steps: one vector per sequence.',
);
export const GlobalAveragePooling2D = globalPooling(
  'GlobalAveragePooling2D',
  'globalAveragePooling2d',
  4,
  'Averages each channel over the whole image: one vector per image.',
);
export const GlobalMaxPooling2D = globalPooling(
  'GlobalMaxPooling2D',
  'globalMaxPooling2d',
  4,
  'Keeps each channel’s largest value over the whole image.',
);
