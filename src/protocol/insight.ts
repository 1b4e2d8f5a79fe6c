import type { SampleView } from './sampleView';

// What the Insight panels show of a model: Grad-CAM heatmaps, attention maps and
// layer activations, computed in the kernel and sent as small arrays. The same
// results come from the graph cell's panels, from Live at each epoch end, and
// from `insight.*` in code cells.

/** What the page asks the kernel to explain, on examples of the test split (by index). */
export type InsightSpec =
  | { kind: 'gradCam'; indices: number[]; layer?: string; classIndex?: number | null }
  | { kind: 'attention'; index: number; layer?: string }
  | { kind: 'activations'; index: number; layer?: string };

/** Why the kernel stopped answering a Live question during a run: the panel switches Live off and shows it. */
export interface LiveStopped {
  kind: InsightSpec['kind'];
  error: string;
}

/** One example's Grad-CAM: heat over the target layer's grid, each map scaled to a maximum of 1. */
export interface GradCamItem {
  /** Its index in the test split; absent for an input from code. */
  index?: number;
  sample?: SampleView;
  /** [height × width] of the target layer's grid, row after row. */
  heat: Float32Array;
  /** The class the heat explains (the predicted one unless another was asked for). */
  classIndex: number;
  predicted: number;
  /** The model's probability of the class explained. */
  probability: number;
  truth?: number;
}

export interface GradCamResult {
  kind: 'gradCam';
  model: string;
  /** The target layer, and every 2-D convolution there was to choose from. */
  layer: string;
  layers: string[];
  classes: string[];
  height: number;
  width: number;
  items: GradCamItem[];
  /** The epoch it was computed after, for Live. */
  epoch?: number;
}

export interface AttentionResult {
  kind: 'attention';
  model: string;
  layer: string;
  layers: string[];
  heads: number;
  queries: number;
  keys: number;
  /** [heads × queries × keys]; each row (a query's weights over keys) sums to 1. */
  scores: Float32Array;
  /** Labels of the query and key positions: tokens for text, patch positions (row, column) for images. */
  queryLabels: string[];
  keyLabels: string[];
  index?: number;
  sample?: SampleView;
  /** For a model whose attention runs over image patches: attention rollout over all its attention layers, per patch. */
  rollout?: { rows: number; columns: number; values: Float32Array };
  predicted?: string;
  truth?: string;
}

export interface ActivationsResult {
  kind: 'activations';
  model: string;
  layer: string;
  /** Every layer there was to choose from, with its output shape (without the batch). */
  layers: Array<{ name: string; shape: number[] }>;
  /** The layer's output for one example, without the batch dimension. */
  shape: number[];
  values: Float32Array;
  index?: number;
  sample?: SampleView;
}

export type InsightResult = GradCamResult | AttentionResult | ActivationsResult;

/** The buffers of a result, to transfer rather than copy. */
export function insightBuffers(result: InsightResult): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined) => a?.buffer instanceof ArrayBuffer && out.add(a.buffer);
  if (result.kind === 'gradCam') {
    for (const item of result.items) {
      add(item.heat);
      if (item.sample?.kind === 'image') add(item.sample.pixels);
    }
  } else {
    add(result.kind === 'attention' ? result.scores : result.values);
    if (result.kind === 'attention') add(result.rollout?.values);
    if (result.sample?.kind === 'image') add(result.sample.pixels);
  }
  return [...out];
}
