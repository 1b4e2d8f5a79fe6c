/** The notebook document: the one value that is saved, exported and shared (DESIGN.md). */
import type { TrainingSettings } from './trainConfig';

export const FORMAT = 'layerbook' as const;
/** The format version this build writes; loads of older versions are migrated up to it. */
export const FORMAT_VERSION = 6;

export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
}

/** A learner's progress on one exercise: part of their copy, so it survives reload. */
export interface ExerciseProgress {
  /** A Check passed. */
  solved?: boolean;
  /** The solution was shown: seen, which is not solved. */
  solutionSeen?: boolean;
  /** How many hints have been shown, in order. */
  hintsShown?: number;
}

/**
 * A task set on a code or graph cell, checked in the kernel (Kaggle Learn's check, hint,
 * solution). Solution and check are hidden from the learner's view, not secret: a file or a
 * link carries them.
 */
export interface Exercise {
  /** Markdown: what to do. */
  task: string;
  /** Markdown each, shown one at a time. */
  hints: string[];
  /** A code cell's answer as code; a graph cell's as markdown saying how. */
  solution: string;
  /** A graph cell's answer as a graph, with its training settings: Use solution puts them in the cell. */
  solutionGraph?: ModelGraph;
  solutionTraining?: TrainingSettings;
  /** TypeScript run in the kernel with the `check` helpers in scope. */
  check: string;
  progress?: ExerciseProgress;
}

export interface CodeCell {
  id: string;
  kind: 'code';
  source: string;
  exercise?: Exercise;
}

export interface GraphCell {
  id: string;
  kind: 'graph';
  graphId: string;
  name: string;
  /** As the learner typed them: each field is checked on its own (src/doc/trainConfig.ts). */
  training?: TrainingSettings;
  exercise?: Exercise;
  /** The Keras Python the cell was imported from (Import Keras code, a Jupyter notebook), kept to read under the graph. */
  python?: string;
}

export type Cell = MarkdownCell | CodeCell | GraphCell;
/** The kinds of cell that hold source text. */
export type TextCellKind = 'markdown' | 'code';

export interface GraphNode {
  id: string;
  className: string;
  config: Record<string, unknown>;
  /** False when the layer is frozen (Keras's layer.trainable = False): its weights do not change in training. */
  trainable?: boolean;
  /** A whole trained model used as this one layer (className "Functional"): a backbone. */
  block?: ModelBlock;
}

/**
 * A trained model inside a graph as one layer, as Keras calls a model on a tensor (a backbone for
 * transfer learning). Its layers are kept with it, each with its own Trainable; it outputs what its
 * `cut` layer does, and starts from the pretrained weights of its source.
 */
export interface ModelBlock {
  /** The model's name, which is the layer's name in summaries and exports (digits_0_4). */
  name: string;
  /**
   * Where its pretrained weights come from: a backbone shipped with the app, by its id, or a model
   * kept in this browser's storage (a saved model or a picked model.json), by its storage key.
   */
  source: BackboneSource;
  /** Its layers as a graph (no blocks inside). */
  graph: ModelGraph;
  /** The id of the layer in `graph` whose output is the block's. */
  cut: string;
  /**
   * 'fresh': its layers start from new random weights, as a Keras application built with
   * weights=None, to compare transfer against training the same network from scratch.
   * Absent: it starts from its source's pretrained weights.
   */
  weights?: 'fresh';
}

/** Where a backbone's pretrained weights are: shipped with the app, or kept in this browser beside the notebook. */
export type BackboneSource = { kind: 'shipped'; id: string } | { kind: 'saved'; key: string };

export interface GraphEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** The layer-graph IR; node positions are kept apart from the model itself. */
export interface ModelGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  positions: Record<string, { x: number; y: number }>;
}

export interface NotebookDoc {
  format: typeof FORMAT;
  version: number;
  id: string;
  title: string;
  cells: Cell[];
  graphs: Record<string, ModelGraph>;
  metadata: Record<string, unknown>;
}
