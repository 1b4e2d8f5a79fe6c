import type { ModelBlock } from '../doc/types';
import { inferGraph } from './infer';
import { graphFromModelFile } from './keras/modelFile';

/**
 * A shipped backbone's model.json as a block for a graph: its layers (each trainable, the block
 * frozen by the node that holds it) cut at `cut`, the layer of that name.
 */
export function blockFromModelJson(text: string, id: string, cut: string, newId: () => string): ModelBlock {
  const opened = graphFromModelFile('model.json', new TextEncoder().encode(text), newId);
  const info = inferGraph(opened.graph);
  const at = info.order.find((n) => info.nodes[n].name === cut) ?? info.order[info.order.length - 1];
  // A Python name: the model's own (digits_0_4), or one made from it.
  const name = opened.name.replace(/\W/g, '_').replace(/^(?=\d)/, '_') || 'backbone';
  return { name, source: { kind: 'shipped', id }, graph: { ...opened.graph, positions: {} }, cut: at };
}
