import { POSITIONAL_EMBEDDING_PY, PATCH_EMBEDDING_PY, TRANSFORMER_ENCODER_PY } from '../kerasDefinitions';
import { bool, float, int } from '../params';
import { expectRank, formatShape, lastDim } from '../shape';
import { ShapeError, type LayerSpec } from '../types';

const n = (v: unknown) => v as number;

/** Keras's MultiHeadAttention weights: query, key and value projections, and the output projection. */
export function attentionWeights(
  dq: number,
  dk: number,
  dv: number,
  heads: number,
  keyDim: number,
  valueDim: number,
  bias: boolean,
): number {
  const kernels = dq * heads * keyDim + dk * heads * keyDim + dv * heads * valueDim + heads * valueDim * dq;
  const biases = bias ? 2 * heads * keyDim + heads * valueDim + dq : 0;
  return kernels + biases;
}

export const MultiHeadAttention: LayerSpec = {
  className: 'MultiHeadAttention',
  group: 'Attention',
  help:
    'Lets every position look at every other and mix in what is relevant, through several heads. ' +
    'One input: self-attention; two: query and value.',
  params: [
    int('num_heads', 2, 'How many attention heads look at the sequence, each in its own way.'),
    int('key_dim', 16, 'The size of each head’s query and key vectors.'),
    float('dropout', 0, 'The fraction of attention weights dropped while training.', 0, 0.99),
    bool('use_bias', true, 'Whether the projections add a learned bias.'),
  ],
  arity: 'attention',
  outputShape: ([q, v = q]) => {
    expectRank(q, 3, 'a sequence (steps, features) as its query');
    expectRank(v, 3, 'a sequence (steps, features) as its value');
    return q;
  },
  weights: ([q, v = q, k = v], cfg) => ({
    trainable: attentionWeights(
      lastDim(q, 'MultiHeadAttention'),
      lastDim(k, 'MultiHeadAttention'),
      lastDim(v, 'MultiHeadAttention'),
      n(cfg.num_heads),
      n(cfg.key_dim),
      n(cfg.key_dim),
      Boolean(cfg.use_bias),
    ),
    nonTrainable: 0,
  }),
  tfjs: (cfg) => ({
    factory: 'multiHeadAttention',
    custom: true,
    config: { numHeads: cfg.num_heads, keyDim: cfg.key_dim, dropout: cfg.dropout, useBias: cfg.use_bias },
  }),
  keras: (cfg) => ({
    name: 'MultiHeadAttention',
    positional: true,
    args: { num_heads: cfg.num_heads, key_dim: cfg.key_dim, dropout: cfg.dropout, use_bias: cfg.use_bias },
  }),
  kerasArgs: {
    positional: ['num_heads', 'key_dim', 'value_dim', 'dropout', 'use_bias'],
    required: ['num_heads', 'key_dim'],
    fixed: { value_dim: null },
    // Keras saves a left-out value_dim as the key_dim it takes, and attention over a sequence as axes [1].
    saved: ({ value_dim: valueDim, attention_axes: axes, ...rest }) => ({
      ...rest,
      ...(valueDim !== rest.key_dim ? { value_dim: valueDim } : {}),
      ...(JSON.stringify(axes) !== '[1]' ? { attention_axes: axes } : {}),
    }),
  },
};

export const TransformerEncoder: LayerSpec = {
  className: 'TransformerEncoder',
  group: 'Attention',
  help: 'A Transformer block: self-attention, then a small feed-forward network, each with a residual connection and LayerNormalization.',
  params: [
    int('num_heads', 2, 'How many attention heads.'),
    int('key_dim', 16, 'The size of each head’s query and key vectors.'),
    int('ff_dim', 64, 'The width of the feed-forward network inside the block.'),
    float('dropout', 0.1, 'The fraction dropped after attention and after the feed-forward network while training.', 0, 0.99),
    float('epsilon', 1e-6, 'A small number added to variances in LayerNormalization.', 0),
  ],
  arity: 'one',
  outputShape: ([x]) => {
    expectRank(x, 3, 'a sequence (steps, features)');
    return x;
  },
  weights: ([x], cfg) => {
    const d = lastDim(x, 'TransformerEncoder');
    const ff = n(cfg.ff_dim);
    return {
      trainable:
        attentionWeights(d, d, d, n(cfg.num_heads), n(cfg.key_dim), n(cfg.key_dim), true) + 2 * d + (d * ff + ff) + (ff * d + d) + 2 * d,
      nonTrainable: 0,
    };
  },
  tfjs: (cfg) => ({
    factory: 'transformerEncoder',
    custom: true,
    config: { numHeads: cfg.num_heads, keyDim: cfg.key_dim, ffDim: cfg.ff_dim, dropout: cfg.dropout, epsilon: cfg.epsilon },
  }),
  keras: (cfg) => ({
    name: 'TransformerEncoder',
    definition: TRANSFORMER_ENCODER_PY,
    args: { num_heads: cfg.num_heads, key_dim: cfg.key_dim, ff_dim: cfg.ff_dim, dropout: cfg.dropout, epsilon: cfg.epsilon },
  }),
  // Layerbook's own layers: Keras code has them when it defines them as Layerbook's export does.
  kerasArgs: { positional: ['num_heads', 'key_dim', 'ff_dim', 'dropout', 'epsilon'], required: ['num_heads', 'key_dim', 'ff_dim'] },
};

export const PositionalEmbedding: LayerSpec = {
  className: 'PositionalEmbedding',
  group: 'Attention',
  help: 'Adds a learned vector for each position, so attention knows the order of the sequence.',
  params: [int('sequence_length', 64, 'The longest sequence it has positions for.')],
  arity: 'one',
  outputShape: ([x], cfg) => {
    expectRank(x, 3, 'a sequence of vectors (steps, features), e.g. from an Embedding');
    if (x[1] !== null && x[1] > n(cfg.sequence_length))
      throw new ShapeError(`has positions for ${String(cfg.sequence_length)} steps, but the sequence ${formatShape(x)} has ${x[1]}`);
    return x;
  },
  weights: ([x], cfg) => ({ trainable: n(cfg.sequence_length) * lastDim(x, 'PositionalEmbedding'), nonTrainable: 0 }),
  tfjs: (cfg) => ({ factory: 'positionalEmbedding', custom: true, config: { sequenceLength: cfg.sequence_length } }),
  keras: (cfg) => ({ name: 'PositionalEmbedding', definition: POSITIONAL_EMBEDDING_PY, args: { sequence_length: cfg.sequence_length } }),
  kerasArgs: { positional: ['sequence_length'], required: ['sequence_length'] },
};

export const PatchEmbedding: LayerSpec = {
  className: 'PatchEmbedding',
  group: 'Attention',
  help: 'Cuts an image into square patches and turns each into a vector: how a Vision Transformer reads images.',
  params: [int('patch_size', 8, 'The side of each square patch, in pixels.'), int('embed_dim', 32, 'The length of each patch’s vector.')],
  arity: 'one',
  outputShape: ([x], cfg) => {
    expectRank(x, 4, 'an image (height, width, channels)');
    const p = n(cfg.patch_size);
    const [b, h, w] = x;
    if ((h !== null && h < p) || (w !== null && w < p)) throw new ShapeError(`patches of ${p} pixels do not fit in ${formatShape(x)}`);
    return [b, h === null || w === null ? null : Math.floor(h / p) * Math.floor(w / p), n(cfg.embed_dim)];
  },
  weights: ([x], cfg) => ({
    trainable: n(cfg.patch_size) ** 2 * lastDim(x, 'PatchEmbedding') * n(cfg.embed_dim) + n(cfg.embed_dim),
    nonTrainable: 0,
  }),
  tfjs: (cfg) => ({ factory: 'patchEmbedding', custom: true, config: { patchSize: cfg.patch_size, embedDim: cfg.embed_dim } }),
  keras: (cfg) => ({
    name: 'PatchEmbedding',
    definition: PATCH_EMBEDDING_PY,
    args: { patch_size: cfg.patch_size, embed_dim: cfg.embed_dim },
  }),
  kerasArgs: { positional: ['patch_size', 'embed_dim'], required: ['patch_size', 'embed_dim'] },
};
