import * as tf from '@tensorflow/tfjs';
import { allLayers, captureOutput, findLayer } from './capture';

// What one layer outputs for one example, caught during an ordinary forward
// pass: works for layers inside branches and blocks, which a sub-model built
// from the layer's symbolic output could not always reach.

export interface Activations {
  layer: string;
  /** The output's shape without the batch dimension. */
  shape: number[];
  /** The first example's output, in row-major order. */
  values: Float32Array;
}

/** The named layer's output for the first example of `x`. */
export async function activations(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[], layer: string): Promise<Activations> {
  const target = findLayer(model, layer);
  // An input layer never runs: its output is the input itself.
  const out =
    target.getClassName() === 'InputLayer'
      ? tf.keep((Array.isArray(x) ? (x[model.inputLayers.indexOf(target as never)] ?? x[0]) : x).clone())
      : captureOutput(target, () => model.predict(x));
  try {
    const first = tf.tidy(() => out.slice(0, 1));
    const values = (await first.data()) as Float32Array;
    first.dispose();
    return { layer, shape: out.shape.slice(1), values };
  } finally {
    out.dispose();
  }
}

/**
 * Every layer but the inputs, with its output shape without the batch (-1 where a size is only
 * known when the model runs). Layers with several outputs, and parts that were never wired into
 * the model's graph (an encoder's inner attention), have no single shape and are left out.
 */
export function layerShapes(model: tf.LayersModel): Array<{ name: string; shape: number[] }> {
  const out: Array<{ name: string; shape: number[] }> = [];
  for (const layer of allLayers(model)) {
    if (layer.getClassName() === 'InputLayer') continue;
    let shape: tf.Shape | tf.Shape[];
    try {
      shape = layer.outputShape;
    } catch {
      continue;
    }
    if (!Array.isArray(shape) || Array.isArray(shape[0])) continue;
    out.push({ name: layer.name, shape: (shape as tf.Shape).slice(1).map((d) => d ?? -1) });
  }
  return out;
}
