import * as tf from '@tensorflow/tfjs';
import { RandomContrast, RandomFlip, RandomRotation, RandomZoom } from './augmentation';
import { PatchEmbedding, PositionalEmbedding } from './embeddings';
import { MultiHeadAttention } from './multiHeadAttention';
import { TransformerEncoder } from './transformerEncoder';

type Factory = (config: Record<string, unknown>) => tf.layers.Layer;
const factory =
  <A>(Layer: new (args: A) => tf.layers.Layer): Factory =>
  (config) =>
    new Layer(config as A);

/**
 * Layers tfjs lacks, under the factory names the catalogue uses. Cells reach
 * them as `lb.layers.multiHeadAttention({...})`, beside `tf.layers`.
 */
export const customLayers: Record<string, Factory> = {
  multiHeadAttention: factory(MultiHeadAttention),
  transformerEncoder: factory(TransformerEncoder),
  positionalEmbedding: factory(PositionalEmbedding),
  patchEmbedding: factory(PatchEmbedding),
  randomFlip: factory(RandomFlip),
  randomRotation: factory(RandomRotation),
  randomZoom: factory(RandomZoom),
  randomContrast: factory(RandomContrast),
};

export { MultiHeadAttention, PatchEmbedding, PositionalEmbedding, TransformerEncoder };
