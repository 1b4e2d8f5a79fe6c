import type { ParamSpec } from './types';

// Short constructors for the catalogue's parameter lists.

export const int = (name: string, def: number, help: string, min = 1, max?: number): ParamSpec => ({
  kind: 'int',
  name,
  default: def,
  help,
  min,
  max,
});
export const float = (name: string, def: number, help: string, min?: number, max?: number): ParamSpec => ({
  kind: 'float',
  name,
  default: def,
  help,
  min,
  max,
});
export const bool = (name: string, def: boolean, help: string): ParamSpec => ({ kind: 'bool', name, default: def, help });
export const choice = (name: string, def: string, options: readonly string[], help: string): ParamSpec => ({
  kind: 'enum',
  name,
  default: def,
  options,
  help,
});
export const ints = (name: string, def: number[], help: string, length?: number, min = 1): ParamSpec => ({
  kind: 'ints',
  name,
  default: def,
  help,
  length,
  min,
});

/** Activations that tfjs and Keras both know by the same name. */
const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'mish',
] as const;

export const activation = (def = 'linear') =>
  choice(
    'activation',
    def,
    ACTIVATIONS,
    'The function applied to each output: relu for hidden layers, softmax for class probabilities, linear for none.',
  );
export const useBias = () => bool('use_bias', true, 'Whether to add a learned bias to each output.');
export const padding = () =>
  choice(
    'padding',
    'valid',
    ['valid', 'same'],
    "'valid' only slides the window where it fits (the output shrinks); 'same' pads so the output keeps its size (stride 1).",
  );
