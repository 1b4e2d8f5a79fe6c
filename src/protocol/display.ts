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

export interface PlotSeries {
  name: string;
  x: number[];
  y: number[];
}

/** What the `display` API and a cell's last expression produce. */
export type DisplayOutput =
  | { kind: 'value'; value: DisplayValue }
  | { kind: 'markdown'; text: string }
  | { kind: 'table'; columns: string[]; rows: DisplayValue[][]; more: number }
  | { kind: 'image'; width: number; height: number; rgba: Uint8ClampedArray }
  | { kind: 'plot'; type: 'line' | 'scatter'; series: PlotSeries[]; title?: string; xLabel?: string; yLabel?: string }
  /** counts[true][predicted] over a test split. */
  | { kind: 'confusion'; classes: string[]; counts: number[][] }
  /** A Grad-CAM grid, an attention map or activations, from `insight.*` in a cell. */
  | { kind: 'insight'; result: InsightResult };
