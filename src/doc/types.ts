/** The notebook document: the one value that is saved, exported and shared (DESIGN.md). */
import type { TrainingSettings } from './trainConfig';

export const FORMAT = 'layerbook' as const;
/** The format version this build writes; loads of older versions are migrated up to it. */
export const FORMAT_VERSION = 2;

export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
}

export interface CodeCell {
  id: string;
  kind: 'code';
  source: string;
}

export interface GraphCell {
  id: string;
  kind: 'graph';
  graphId: string;
  name: string;
  /** As the learner typed them: each field is checked on its own (src/doc/trainConfig.ts). */
  training?: TrainingSettings;
}

export type Cell = MarkdownCell | CodeCell | GraphCell;
/** The kinds of cell that hold source text. */
export type TextCellKind = 'markdown' | 'code';

export interface GraphNode {
  id: string;
  className: string;
  config: Record<string, unknown>;
}

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
