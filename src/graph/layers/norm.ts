import { float } from '../params';
import { lastDim } from '../shape';
import type { LayerSpec, Shape } from '../types';

const same = (inputs: Shape[]) => inputs[0];

export const BatchNormalization: LayerSpec = {
  className: 'BatchNormalization',
  group: 'Normalization',
  help: 'Rescales each channel to mean 0 and variance 1 over the batch, which steadies and speeds up training.',
  params: [
    float('momentum', 0.99, 'How slowly the running mean and variance (used when predicting) follow each batch.', 0, 1),
    float('epsilon', 0.001, 'A small number added to the variance so it is never divided by zero.', 0),
  ],
  arity: 'one',
  outputShape: same,
  // gamma and beta learn; the moving mean and variance are tracked, not trained.
  weights: ([x]) => ({ trainable: 2 * lastDim(x, 'BatchNormalization'), nonTrainable: 2 * lastDim(x, 'BatchNormalization') }),
  tfjs: (cfg) => ({ factory: 'batchNormalization', config: { momentum: cfg.momentum, epsilon: cfg.epsilon } }),
  keras: (cfg) => ({ name: 'BatchNormalization', args: { momentum: cfg.momentum, epsilon: cfg.epsilon } }),
  kerasArgs: { positional: ['axis', 'momentum', 'epsilon', 'center', 'scale'], fixed: { axis: -1, center: true, scale: true } },
};

export const LayerNormalization: LayerSpec = {
  className: 'LayerNormalization',
  group: 'Normalization',
  help: 'Rescales each example’s features to mean 0 and variance 1, as Transformers do after attention.',
  params: [float('epsilon', 0.001, 'A small number added to the variance so it is never divided by zero.', 0)],
  arity: 'one',
  outputShape: same,
  weights: ([x]) => ({ trainable: 2 * lastDim(x, 'LayerNormalization'), nonTrainable: 0 }),
  tfjs: (cfg) => ({ factory: 'layerNormalization', config: { epsilon: cfg.epsilon } }),
  keras: (cfg) => ({ name: 'LayerNormalization', args: { epsilon: cfg.epsilon } }),
  kerasArgs: { positional: ['axis', 'epsilon', 'center', 'scale'], fixed: { axis: -1, center: true, scale: true } },
};
