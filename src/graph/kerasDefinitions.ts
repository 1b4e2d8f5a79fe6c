// Python for the layers Keras lacks, written into exported files so they run
// on real TensorFlow / Keras 3 with nothing else installed. Each mirrors the
// kernel's layer of the same name (weights and parameter counts included).

export const TRANSFORMER_ENCODER_PY =
  `@keras.saving.register_keras_serializable(package="layerbook")
class TransformerEncoder(layers.Layer):
    """Self-attention and a feed-forward network, each with dropout, a residual and LayerNormalization."""

    def __init__(self, num_heads, key_dim, ff_dim, dropout=0.1, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.num_heads, self.key_dim, self.ff_dim, self.rate, self.epsilon = num_heads, key_dim, ff_dim, dropout, epsilon
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.norm1 = layers.LayerNormalization(epsilon=epsilon)
        self.norm2 = layers.LayerNormalization(epsilon=epsilon)
        self.ff1 = layers.Dense(ff_dim, activation="relu")
        self.drop1 = layers.Dropout(dropout)
        self.drop2 = layers.Dropout(dropout)

    def build(self, input_shape):
        self.ff2 = layers.Dense(input_shape[-1])

    def call(self, x, training=False):
        h = self.norm1(x + self.drop1(self.attention(x, x, training=training), training=training))
        return self.norm2(h + self.drop2(self.ff2(self.ff1(h)), training=training))

    def get_config(self):
        return {**super().get_config(), "num_heads": self.num_heads, "key_dim": self.key_dim, "ff_dim": self.ff_dim, ` +
  `"dropout": self.rate, "epsilon": self.epsilon}
`;

export const POSITIONAL_EMBEDDING_PY = `@keras.saving.register_keras_serializable(package="layerbook")
class PositionalEmbedding(layers.Layer):
    """Adds a learned vector per position to a sequence of vectors."""

    def __init__(self, sequence_length, **kwargs):
        super().__init__(**kwargs)
        self.sequence_length = sequence_length

    def build(self, input_shape):
        self.table = self.add_weight(name="embeddings", shape=(self.sequence_length, input_shape[-1]), initializer="glorot_uniform")

    def call(self, x):
        return x + self.table[: keras.ops.shape(x)[1]]

    def get_config(self):
        return {**super().get_config(), "sequence_length": self.sequence_length}
`;

export const PATCH_EMBEDDING_PY = `@keras.saving.register_keras_serializable(package="layerbook")
class PatchEmbedding(layers.Layer):
    """Cuts an image into patches and embeds each one: (h, w, c) -> (patches, embed_dim)."""

    def __init__(self, patch_size, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.patch_size, self.embed_dim = patch_size, embed_dim
        self.project = layers.Conv2D(embed_dim, patch_size, strides=patch_size, padding="valid")

    def call(self, images):
        patches = self.project(images)
        return keras.ops.reshape(patches, (-1, patches.shape[1] * patches.shape[2], self.embed_dim))

    def get_config(self):
        return {**super().get_config(), "patch_size": self.patch_size, "embed_dim": self.embed_dim}
`;
