import type * as tf from '@tensorflow/tfjs';

/**
 * Copies every weight of `from` into `to`, matched by name (dense/kernel …), as Keras keeps a
 * model's weights when only its layers' Trainable changes. Returns null when done, or why the two
 * models are not the same layers (and then copies nothing): a weight one has and the other lacks,
 * or one of another shape.
 */
export function copyWeights(from: tf.LayersModel, to: tf.LayersModel): string | null {
  const source = new Map(from.weights.map((w) => [w.originalName, w]));
  if (source.size !== to.weights.length) {
    const names = new Set(to.weights.map((w) => w.originalName));
    const gone = [...source.keys()].find((n) => !names.has(n));
    if (gone) return `the weight ${gone} is no longer in the graph`;
  }
  const pairs: Array<[tf.LayerVariable, tf.LayerVariable]> = [];
  for (const w of to.weights) {
    const old = source.get(w.originalName);
    if (!old) return `the weight ${w.originalName} is new`;
    if (old.shape.join() !== w.shape.join())
      return `the weight ${w.originalName} was (${old.shape.join(', ')}) and is now (${w.shape.join(', ')})`;
    pairs.push([old, w]);
  }
  // Checked first, so a model that does not fit is left as it was built.
  for (const [old, w] of pairs) w.write(old.read());
  return null;
}
