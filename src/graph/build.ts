import type { ModelGraph } from '../doc/types';
import { autoLayout } from './layout';

// Graphs written by hand (templates, tutorials, tests) as a list of layers and the wires between them.

/** One layer: its id in the graph, its Keras class name and its config (snake_case, as Keras writes it). */
export type LayerDef = readonly [id: string, className: string, config?: Record<string, unknown>];

/** A graph from layers and [source, target] wires, laid out top to bottom; a merge's inputs are ordered as listed. */
export function buildGraph(layers: ReadonlyArray<LayerDef>, wires: ReadonlyArray<readonly [string, string]>): ModelGraph {
  const port = new Map<string, number>();
  const graph: ModelGraph = {
    nodes: layers.map(([id, className, config = {}]) => ({ id, className, config })),
    edges: wires.map(([source, target], i) => {
      const k = port.get(target) ?? 0;
      port.set(target, k + 1);
      return { id: `e${i}`, source, sourcePort: 'out', target, targetPort: `in${k}` };
    }),
    positions: {},
  };
  return { ...graph, positions: autoLayout(graph) };
}

/** A plain stack of layers, each feeding the next (Keras's Sequential), with ids n0, n1 … */
export function buildChain(...layers: ReadonlyArray<readonly [className: string, config?: Record<string, unknown>]>): ModelGraph {
  const defs: LayerDef[] = layers.map(([className, config], i) => [`n${i}`, className, config]);
  return buildGraph(
    defs,
    defs.slice(1).map((_, i) => [`n${i}`, `n${i + 1}`]),
  );
}
