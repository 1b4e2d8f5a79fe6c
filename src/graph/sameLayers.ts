import type { GraphEdge, GraphNode, ModelGraph } from '../doc/types';

/** A graph's layers and wiring, without what leaves the weights alone: Trainable and where nodes sit. */
function layersOf(graph: ModelGraph): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: graph.nodes.map(({ trainable: _trainable, block, ...node }) =>
      block ? { ...node, block: { ...block, graph: { ...layersOf(block.graph), positions: {} } } } : node,
    ),
    edges: graph.edges,
  };
}

/**
 * Whether two graphs build the same layers with the same weights, differing at most in their
 * layers' Trainable and places: a model built from one can go on with the other's weights, as a
 * Keras model does when a layer's trainable is set (the second phase of fine-tuning).
 */
export function sameLayers(a: ModelGraph, b: ModelGraph): boolean {
  return JSON.stringify(layersOf(a)) === JSON.stringify(layersOf(b));
}
