// What cells see besides the standard library: `tf` and `display`, declared
// for Monaco's completions and hover docs. The names must match the kernel's
// (workers/kernel/displayApi.ts); a unit test checks they do.

/** The members of `display` that the declaration below documents. */
export const DISPLAY_MEMBERS = ['markdown', 'table', 'image', 'plot'] as const;

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
}

/** Shows values, markdown, tables, images and plots in this cell's output. */
declare const display: LayerbookDisplay;
`;
