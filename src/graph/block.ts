import type { BackboneSource, ModelBlock, ModelGraph } from '../doc/types';

// A trained model used as one layer of a graph (a backbone): the part of it a graph uses.

/** The block's Input and every layer on a path from it to the cut layer: what the block computes. */
export function cutGraph(block: ModelBlock): ModelGraph {
  const keep = new Set<string>();
  const stack = [block.cut];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (keep.has(id)) continue;
    keep.add(id);
    for (const e of block.graph.edges) if (e.target === id) stack.push(e.source);
  }
  return {
    nodes: block.graph.nodes.filter((n) => keep.has(n.id)),
    edges: block.graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
    positions: {},
  };
}

/**
 * The graph with every layer frozen: a frozen block's layers are each frozen as a layer is, so a
 * BatchNormalization among them normalizes with its moving statistics, as Keras's does.
 */
export function frozenGraph(graph: ModelGraph): ModelGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.className === 'Input' ? n : { ...n, trainable: false })) };
}

/** A line of a block's exported code with its Input renamed after the block, so it does not shadow the graph's own input_layer. */
export const ownInput = (line: string, blockName: string): string => line.replace(/\binput_layer\b/g, `${blockName}_input`);

/** Where Train finds a backbone's pretrained weights (the trainGraph message's backbones are keyed by it). */
export const backboneKey = (source: BackboneSource): string => (source.kind === 'shipped' ? source.id : `saved:${source.key}`);
