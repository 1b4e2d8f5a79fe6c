import type { BackboneSource, ModelBlock } from '../doc/types';
import type { ModelFiles } from '../protocol/lab';
import { inferGraph } from './infer';
import { ModelFileError } from './keras/fromKerasConfig';
import { graphFromModelFile } from './keras/modelFile';

/**
 * A model.json as a block for a graph: its layers (each trainable, the block frozen by the node that
 * holds it) cut at `cut`, the layer of that name, or by default at the layer that feeds its last one
 * (its features, before its own classifier). Throws ModelFileError saying why it cannot be one (a
 * layer Layerbook does not have is named).
 */
export function blockFromModelJson(text: string, source: BackboneSource, cut: string | undefined, newId: () => string): ModelBlock {
  const opened = graphFromModelFile('model.json', new TextEncoder().encode(text), newId);
  const info = inferGraph(opened.graph);
  // A Python name: the model's own (digits_0_4), or one made from it.
  const name = opened.name.replace(/\W/g, '_').replace(/^(?=\d)/, '_') || 'backbone';
  const last = info.order[info.order.length - 1];
  const before = last === undefined ? undefined : info.nodes[last].inputs[0];
  const at = cut === undefined ? before : info.order.find((n) => info.nodes[n].name === cut);
  if (at === undefined || info.nodes[at].className === 'Input')
    throw new ModelFileError(`${name} has a single layer: there is nothing before its output to reuse as a backbone.`);
  return { name, source, graph: { ...opened.graph, positions: {} }, cut: at };
}

/** A model's files (a saved model, or a picked model.json and its weights) as a block, as blockFromModelJson. */
export function blockFromModelFiles(files: ModelFiles, source: BackboneSource, newId: () => string): ModelBlock {
  const text = JSON.stringify({ modelTopology: files.modelTopology, weightsManifest: [{ paths: [], weights: files.weightSpecs }] });
  return blockFromModelJson(text, source, undefined, newId);
}
