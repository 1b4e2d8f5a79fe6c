import * as tf from '@tensorflow/tfjs';
import type { MultiHeadAttention } from '../layers/multiHeadAttention';
import { allLayers, captureInputs, findLayer } from './capture';

// Attention maps: the softmax(QKᵀ/√d) weights of every head, for one example.
// The model is run as it is, the attention layer's inputs are caught on the
// way, and the layer's own `attend` recomputes the weights from them: the
// numbers are the ones the model used, with no copy of its maths here.

const ATTENTION = new Set(['MultiHeadAttention', 'TransformerEncoder']);

/** Names of the model's MultiHeadAttention layers and TransformerEncoder blocks, in model order. */
export function attentionLayers(model: tf.LayersModel): string[] {
  const layers = allLayers(model);
  // An encoder's inner attention is shown under the encoder's name, not twice.
  const inner = new Set(layers.filter((l) => l.getClassName() === 'TransformerEncoder').map((l) => innerAttention(l)));
  return layers.filter((l) => ATTENTION.has(l.getClassName()) && !inner.has(l)).map((l) => l.name);
}

export interface AttentionMaps {
  layer: string;
  heads: number;
  queries: number;
  keys: number;
  /** [heads × queries × keys] for the first example; each query's row sums to 1. */
  scores: Float32Array;
}

function innerAttention(layer: tf.layers.Layer): tf.layers.Layer {
  return (layer as unknown as { attention: tf.layers.Layer }).attention;
}

/** The MultiHeadAttention that computes a named attention layer's weights. */
function attentionOf(model: tf.LayersModel, name: string): MultiHeadAttention {
  const layer = findLayer(model, name);
  const kind = layer.getClassName();
  if (kind === 'TransformerEncoder') return innerAttention(layer) as MultiHeadAttention;
  if (kind === 'MultiHeadAttention') return layer as MultiHeadAttention;
  const names = attentionLayers(model);
  throw new Error(`"${name}" is a ${kind}, not an attention layer.${names.length ? ` Choose one of: ${names.join(', ')}.` : ''}`);
}

/** One attention layer's weights for the first example of `x` (the last attention layer when none is named). */
export async function attentionMaps(
  model: tf.LayersModel,
  x: tf.Tensor | tf.Tensor[],
  options: { layer?: string } = {},
): Promise<AttentionMaps> {
  const names = attentionLayers(model);
  if (names.length === 0)
    throw new Error(`Attention maps need an attention layer (MultiHeadAttention or TransformerEncoder); ${model.name} has none.`);
  const name = options.layer ?? names[names.length - 1];
  const attention = attentionOf(model, name);
  const inputs = captureInputs(attention, () => model.predict(x));
  try {
    const scores = tf.tidy(() => {
      const { scores: all } = attention.attend(inputs.length === 1 ? inputs[0] : inputs, false);
      return all.slice([0, 0, 0, 0], [1, -1, -1, -1]);
    });
    const [, heads, queries, keys] = scores.shape;
    const values = (await scores.data()) as Float32Array;
    scores.dispose();
    return { layer: name, heads, queries, keys, scores: values };
  } finally {
    inputs.forEach((t) => t.dispose());
  }
}

/** The weights of every attention layer in model order, for attention rollout. */
export async function allAttentionMaps(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[]): Promise<AttentionMaps[]> {
  const out: AttentionMaps[] = [];
  for (const layer of attentionLayers(model)) out.push(await attentionMaps(model, x, { layer }));
  return out;
}
