// What cells see besides the standard library: `tf` and `display`, declared
// for Monaco's completions and hover docs. The names must match the kernel's
// (workers/kernel/displayApi.ts); a unit test checks they do.

/** The members of `display` that the declaration below documents. */
export const DISPLAY_MEMBERS = ['markdown', 'table', 'image', 'plot', 'confusion'] as const;

export const CELL_GLOBALS_DTS = `
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
  plot(series: number[] | Record<string, number[]> | Array<{ name?: string; x?: number[]; y: number[] }>, options?: LayerbookPlotOptions): void;
  /** Shows a confusion matrix: counts[true class][predicted class]. */
  confusion(classes: string[], counts: number[][]): void;
}

/** Shows values, markdown, tables, images and plots in this cell's output. */
declare const display: LayerbookDisplay;

type LayerbookLayer = import('@tensorflow/tfjs').layers.Layer;
/** Layers TensorFlow.js 4.22 lacks, made by Layerbook to match Keras. */
declare const lb: {
  layers: {
    /** Keras's MultiHeadAttention: apply to [query] (self-attention), [query, value] or [query, value, key]. */
    multiHeadAttention(args: { numHeads: number; keyDim: number; valueDim?: number; dropout?: number; useBias?: boolean; name?: string }): LayerbookLayer;
    /** A Transformer encoder block: self-attention and a feed-forward network, with residuals and LayerNormalization. */
    transformerEncoder(args: { numHeads: number; keyDim: number; ffDim: number; dropout?: number; epsilon?: number; name?: string }): LayerbookLayer;
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
