import {
  Conv1D,
  Conv2D,
  SeparableConv2D,
  AveragePooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  MaxPooling2D,
} from './layers/conv';
import { Activation, Dense, Dropout, Flatten, Input, Rescaling, Reshape } from './layers/core';
import { MultiHeadAttention, PatchEmbedding, PositionalEmbedding, TransformerEncoder } from './layers/attention';
import { RandomContrast, RandomFlip, RandomRotation, RandomZoom } from './layers/augmentation';
import { Add, Concatenate, Multiply } from './layers/merge';
import { BatchNormalization, LayerNormalization } from './layers/norm';
import { Bidirectional, Embedding, GRU, LSTM, SimpleRNN } from './layers/recurrent';
import { LAYER_GROUPS, type LayerGroup, type LayerSpec } from './types';

// The one layer catalogue (DESIGN.md rule 5): adding a layer kind means adding it here.
const SPECS: LayerSpec[] = [
  Input,
  Dense,
  Activation,
  Embedding,
  Rescaling,
  Dropout,
  Flatten,
  Reshape,
  Conv1D,
  Conv2D,
  SeparableConv2D,
  MaxPooling1D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  BatchNormalization,
  LayerNormalization,
  SimpleRNN,
  LSTM,
  GRU,
  Bidirectional,
  MultiHeadAttention,
  TransformerEncoder,
  PositionalEmbedding,
  PatchEmbedding,
  Add,
  Concatenate,
  Multiply,
  RandomFlip,
  RandomRotation,
  RandomZoom,
  RandomContrast,
];

/** Every layer kind, by Keras class name. */
const CATALOGUE: ReadonlyMap<string, LayerSpec> = new Map(SPECS.map((s) => [s.className, s]));

/** The catalogue grouped for the palette, in the palette's order. */
export function layersByGroup(): Array<{ group: LayerGroup; layers: LayerSpec[] }> {
  return LAYER_GROUPS.map((group) => ({ group, layers: SPECS.filter((s) => s.group === group) })).filter((g) => g.layers.length > 0);
}

/** The spec of a layer kind, or undefined for a class the catalogue does not know. */
export function layerSpec(className: string): LayerSpec | undefined {
  return CATALOGUE.get(className);
}
