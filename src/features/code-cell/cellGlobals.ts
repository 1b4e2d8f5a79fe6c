// What cells see besides the standard library: `tf`, `display` and `insight`, declared
// for Monaco's completions and hover docs. The names must match the kernel's
// (workers/kernel/displayApi.ts); a unit test checks they do.

/** The members of `display` that the declaration below documents. */
export const DISPLAY_MEMBERS = ['markdown', 'table', 'image', 'plot', 'confusion'] as const;

/** The members of `insight` that the declaration below documents. */
export const INSIGHT_MEMBERS = ['gradCam', 'attention', 'activations'] as const;

// The text of one .d.ts file; its longest declarations are cut into concatenated pieces only to keep
// these source lines short.
export const CELL_GLOBALS_DTS =
  `
/** TensorFlow.js 4.22: tensors, layers, models, optimizers. Already loaded in every cell. */
declare const tf: typeof import('@tensorflow/tfjs');

interface LayerbookPlotOptions {
  /** 'line' (default) or 'scatter'. */
  type?: 'line' | 'scatter';
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

interface LayerbookDisplay {
  /** Shows a value in this cell's output: tensors with shape and dtype, models as a summary table, objects as trees. */
  (value: unknown): void;
  /** Renders markdown text (raw HTML is shown as text). */
  markdown(text: string): void;
  /** Shows rows (objects, or arrays) as a table; columns default to the objects' keys. */
  table(rows: Array<Record<string, unknown>> | unknown[][], columns?: string[]): void;
  /** Shows a [height, width] or [height, width, 1|3|4] tensor as an image; floats are 0–1, integers 0–255. */
  image(image: import('@tensorflow/tfjs').Tensor): void;
  /** Plots y values, named y values ({ loss: [...] }), or series [{ name, x, y }]. */
  plot(series: number[] | Record<string, number[]> | Array<{ name?: string; x?: number[]; y: number[] }>, ` +
  `options?: LayerbookPlotOptions): void;
  /** Shows a confusion matrix: counts[true class][predicted class]. */
  confusion(classes: string[], counts: number[][]): void;
}

/** Shows values, markdown, tables, images and plots in this cell's output. */
declare const display: LayerbookDisplay;

type LayerbookModel = import('@tensorflow/tfjs').LayersModel;
type LayerbookTensor = import('@tensorflow/tfjs').Tensor;

/** Why a model decides what it decides: each call returns the numbers and draws the panel in this cell's output. */
declare const insight: {
  /**
   * Grad-CAM (Selvaraju et al. 2017): where a CNN looks for a class. The gradients of the class score (the logit, before the softmax) with
   * respect to a 2-D convolution's output, averaged per channel, weight its feature maps; ReLU; each map is
   * scaled to a maximum of 1. \`input\`: one image [h, w, c] or a batch [n, h, w, c].
   * @example const cam = await insight.gradCam(model, xs.slice(0, 8), { classes: ['circle', 'square', 'triangle'] });
   */
  gradCam(
    model: LayerbookModel,
    input: LayerbookTensor,
    options?: { /** A Conv2D layer's name; the last one by default. */ layer?: string; ` +
  `/** The class to explain; the predicted one by default. */ classIndex?: number; ` +
  `/** Class names for the labels. */ classes?: string[] },
  ): Promise<{ layer: string; /** [sample][row][column], 0–1. */ heatmaps: number[][][]; ` +
  `classIndex: number[]; predicted: number[]; probability: number[] }>;
  /**
   * The attention weights softmax(QKᵀ/√d) of a MultiHeadAttention layer (or a TransformerEncoder block) for one
   * example: rows are queries, columns keys, each row sums to 1. \`tokens\` labels the positions; a ViT (lb.layers.patchEmbedding)
   * gets its patch positions and the attention rollout over the image.
   * @example const att = await insight.attention(model, x, { tokens: ['the', 'movie', 'was', 'great'] });
   */
  attention(
    model: LayerbookModel,
    input: LayerbookTensor,
    options?: { /** The attention layer's name; the last one by default. */ layer?: string; tokens?: string[] },
  ): Promise<{ layer: string; heads: number; /** [head][query][key]. */ scores: number[][][]; ` +
  `/** Averaged over heads: [query][key]. */ average: number[][]; ` +
  `/** ViT only: attention rollout over every attention layer, [patch row][patch column], summing to 1. */ rollout?: number[][] }>;
  /**
   * What a layer outputs for one example: conv feature maps as a grid of channel images, other outputs as a strip.
   * @example await insight.activations(model, xs.slice(0, 1), 'conv2d_1');
   */
  activations(model: LayerbookModel, input: LayerbookTensor, layer?: string): ` +
  `Promise<{ layer: string; /** Without the batch. */ shape: number[]; values: Float32Array }>;
};

type LayerbookLayer = import('@tensorflow/tfjs').layers.Layer;
/** Layers TensorFlow.js 4.22 lacks, made by Layerbook to match Keras. */
declare const lb: {
  layers: {
    /** Keras's MultiHeadAttention: apply to [query] (self-attention), [query, value] or [query, value, key]. */
    multiHeadAttention(args: { numHeads: number; keyDim: number; valueDim?: number; ` +
  `dropout?: number; useBias?: boolean; name?: string }): LayerbookLayer;
    /** A Transformer encoder block: self-attention and a feed-forward network, with residuals and LayerNormalization. */
    transformerEncoder(args: { numHeads: number; keyDim: number; ffDim: number; ` +
  `dropout?: number; epsilon?: number; name?: string }): LayerbookLayer;
    /** Adds a learned vector per position to a sequence of vectors. */
    positionalEmbedding(args: { sequenceLength: number; name?: string }): LayerbookLayer;
    /** Cuts images into patches and embeds each one (a Vision Transformer's first layer). */
    patchEmbedding(args: { patchSize: number; embedDim: number; name?: string }): LayerbookLayer;
    randomFlip(args: { mode?: 'horizontal' | 'vertical' | 'horizontal_and_vertical'; name?: string }): LayerbookLayer;
    randomRotation(args: { factor: number; name?: string }): LayerbookLayer;
    randomZoom(args: { heightFactor: number; name?: string }): LayerbookLayer;
    randomContrast(args: { factor: number; name?: string }): LayerbookLayer;
  };
};
`;
