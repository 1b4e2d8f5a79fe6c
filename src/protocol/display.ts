import type { InsightResult } from './insight';

// What a cell shows: values serialised in the kernel, rendered by the page.
// Plain data only, so it crosses postMessage without surprises.

/** A value as the page renders it; trees are cut at a depth and width the kernel chooses. */
export type DisplayValue =
  | { kind: 'text'; text: string; language?: 'json' | 'plain' }
  | { kind: 'primitive'; type: 'number' | 'string' | 'boolean' | 'undefined' | 'null' | 'bigint' | 'symbol' | 'function'; text: string }
  | { kind: 'tensor'; shape: number[]; dtype: string; size: number; preview: string }
  /** topology: the model's Keras-format JSON, so the page can open it as a graph. */
  | { kind: 'model'; summary: ModelSummary; topology?: unknown }
  | { kind: 'tree'; label: string; entries: Array<{ key: string; value: DisplayValue }>; more: number };

interface ModelSummaryRow {
  name: string;
  className: string;
  outputShape: string;
  params: number;
  connectedTo: string[];
}

/** Keras's model.summary() as data. */
export interface ModelSummary {
  name: string;
  rows: ModelSummaryRow[];
  total: number;
  trainable: number;
  nonTrainable: number;
}

/** Typed arrays, transferred rather than copied: 100,000 plain numbers cost the page a
 * structured-clone read and then a major collection (a 116 ms pause measured cold). */
export interface PlotSeries {
  name: string;
  x: Float64Array;
  y: Float64Array;
}

/** A line or scatter plot. A live one (from a handle) has an id that its updates name. */
export interface PlotOutput {
  kind: 'plot';
  type: 'line' | 'scatter';
  series: PlotSeries[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** A log10 y axis; values ≤ 0 are left out of the drawing. */
  logY?: boolean;
  /** TensorBoard's smoothing weight, 0 (none) to below 1; the raw line is drawn faint behind. */
  smoothing?: number;
  id?: string;
}

/** One picture of an image grid, as RGBA bytes. */
export interface GridImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  label?: string;
}

/** A path drawn over a heatmap, e.g. an optimizer's steps across a loss surface. */
export interface HeatmapPath {
  name: string;
  x: number[];
  y: number[];
}

/** A loop's progress bar; updates move its step. */
export interface ProgressOutput {
  kind: 'progress';
  id: string;
  total: number;
  step: number;
  /** Steps per second and seconds left, measured in the kernel. */
  rate: number;
  etaSec: number;
  label?: string;
}

/** What the `display` API and a cell's last expression produce. */
export type DisplayOutput =
  | { kind: 'value'; value: DisplayValue }
  | { kind: 'markdown'; text: string }
  | { kind: 'table'; columns: string[]; rows: DisplayValue[][]; more: number }
  | { kind: 'image'; width: number; height: number; rgba: Uint8ClampedArray }
  | PlotOutput
  | { kind: 'images'; images: GridImage[]; columns: number; title?: string }
  /** z holds `rows` rows of `columns` values, row 0 at y[0]; x and y give the range each axis spans. */
  | {
      kind: 'heatmap';
      z: Float32Array;
      rows: number;
      columns: number;
      x: [number, number];
      y: [number, number];
      paths: HeatmapPath[];
      title?: string;
      /** The value range the colours span (NaN cells are left blank). */
      min: number;
      max: number;
    }
  /** counts[i] values fell in [edges[i], edges[i + 1]); the last bin includes its right edge. */
  /** skipped: values left out as not finite (NaN, Infinity). */
  | { kind: 'histogram'; edges: number[]; counts: number[]; title?: string; xLabel?: string; skipped: number }
  | ProgressOutput
  /** counts[true][predicted] over a test split. */
  | { kind: 'confusion'; classes: string[]; counts: number[][] }
  /** A Grad-CAM grid, an attention map or activations, from `insight.*` in a cell. */
  | { kind: 'insight'; result: InsightResult };

/** A change to a live output: points added to a plot's series (a new name starts a series), its
 * series replaced, or a progress bar moved. */
export type DisplayUpdate =
  | { kind: 'append'; points: PlotSeries[] }
  | { kind: 'replace'; series: PlotSeries[] }
  | { kind: 'progress'; step: number; rate: number; etaSec: number };
