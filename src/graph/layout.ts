import dagre from '@dagrejs/dagre';
import type { ModelGraph } from '../doc/types';

/** The size a node is drawn at, for layout: tall enough for a two-line error on the node. */
export const NODE_SIZE = { width: 200, height: 110 };

/** Top-to-bottom layered positions for every node (dagre), inputs at the top. */
export function autoLayout(graph: ModelGraph): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { ...NODE_SIZE });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  // dagre gives centres; the editor places nodes by their top-left corner.
  return Object.fromEntries(
    graph.nodes.map((n) => {
      const { x, y } = g.node(n.id);
      return [n.id, { x: Math.round(x - NODE_SIZE.width / 2), y: Math.round(y - NODE_SIZE.height / 2) }];
    }),
  );
}
