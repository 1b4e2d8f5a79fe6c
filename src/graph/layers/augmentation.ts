import { choice, float } from '../params';
import { expectRank } from '../shape';
import type { LayerConfig, LayerSpec, Shape } from '../types';

/** Keras's signatures; Layerbook's own layers fill by reflection and interpolate bilinearly, as Keras's defaults do. */
const KERAS_ARGS: Record<string, LayerSpec['kerasArgs']> = {
  RandomFlip: { positional: ['mode', 'seed'], defaults: { mode: 'horizontal_and_vertical' } },
  RandomRotation: {
    positional: ['factor', 'fill_mode', 'interpolation', 'seed', 'fill_value'],
    required: ['factor'],
    fixed: { fill_mode: 'reflect', interpolation: 'bilinear', fill_value: 0 },
  },
  RandomZoom: {
    positional: ['height_factor', 'width_factor', 'fill_mode', 'interpolation', 'seed', 'fill_value'],
    required: ['height_factor'],
    fixed: { width_factor: null, fill_mode: 'reflect', interpolation: 'bilinear', fill_value: 0 },
  },
  RandomContrast: {
    positional: ['factor', 'seed'],
    required: ['factor'],
    // Keras saves RandomContrast(0.2)'s factor as the range [0, 0.2].
    saved: (c) => (Array.isArray(c.factor) && c.factor[0] === 0 ? { ...c, factor: c.factor[1] as unknown } : c),
  },
};

function augmentation(className: string, factory: string, help: string, param: ReturnType<typeof float>, tfjsKey: string): LayerSpec {
  return {
    className,
    group: 'Augmentation',
    help: `${help} Only while training; predictions see the image as it is.`,
    params: [param],
    arity: 'one',
    outputShape: ([x]: Shape[]) => {
      expectRank(x, 4, 'a batch of images (height, width, channels)');
      return x;
    },
    weights: () => ({ trainable: 0, nonTrainable: 0 }),
    tfjs: (cfg: LayerConfig) => ({ factory, custom: true, config: { [tfjsKey]: cfg[param.name] } }),
    keras: (cfg: LayerConfig) => ({ name: className, args: { [param.name]: cfg[param.name] } }),
    kerasArgs: KERAS_ARGS[className],
  };
}

export const RandomFlip = augmentation(
  'RandomFlip',
  'randomFlip',
  'Mirrors images at random.',
  choice('mode', 'horizontal', ['horizontal', 'vertical', 'horizontal_and_vertical'], 'Which way images may be mirrored.'),
  'mode',
);
export const RandomRotation = augmentation(
  'RandomRotation',
  'randomRotation',
  'Rotates images at random.',
  float('factor', 0.1, 'The largest turn, as a fraction of a full circle (0.1 = 36°).', 0, 1),
  'factor',
);
export const RandomZoom = augmentation(
  'RandomZoom',
  'randomZoom',
  'Zooms into or out of images at random.',
  float('height_factor', 0.1, 'The largest zoom, as a fraction of the image size.', 0, 0.9),
  'heightFactor',
);
export const RandomContrast = augmentation(
  'RandomContrast',
  'randomContrast',
  'Changes image contrast at random.',
  float('factor', 0.2, 'The largest change of contrast, as a fraction.', 0, 1),
  'factor',
);
