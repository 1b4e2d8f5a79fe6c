import type { ModelGraph } from '../doc/types';
import type { GraphInfo } from './infer';

/**
 * How a graph's backbone starts and learns, in a few words for the run history (so runs from
 * scratch, frozen and fine-tuned can be told apart): "digits_0_4: pretrained, frozen", "…: fresh,
 * all layers trainable", "…: pretrained, 1 of 4 layers trainable". Undefined without a backbone.
 */
export function describeBackbone(graph: ModelGraph, info: GraphInfo): string | undefined {
  const node = graph.nodes.find((n) => n.block);
  const block = node?.block;
  if (!node || !block) return undefined;
  const start = block.weights === 'fresh' ? 'fresh' : 'pretrained';
  const layers = Object.values(info.nodes[node.id]?.block?.info.nodes ?? {}).filter((n) => n.trainable + n.nonTrainable > 0);
  const learning = node.trainable === false ? 0 : layers.filter((n) => !n.frozen).length;
  const state =
    learning === 0 ? 'frozen' : learning === layers.length ? 'all layers trainable' : `${learning} of ${layers.length} layers trainable`;
  return `${block.name}: ${start}, ${state}`;
}
