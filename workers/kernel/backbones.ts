import * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../../src/doc/types';
import { backboneKey } from '../../src/graph/block';
import { inferGraph } from '../../src/graph/infer';
import type { ModelFiles } from '../../src/protocol/lab';

/**
 * Gives each model block of a freshly built model (a backbone) its pretrained weights, from the
 * files of its source (unless it is set to start fresh); the rest of the model keeps its fresh ones. Weights are matched by name
 * (conv2d/kernel …), the block's layers having kept their names; anything missing or of another
 * shape is said, naming the block.
 */
export function loadBackbones(model: tf.LayersModel, graph: ModelGraph, files: Readonly<Record<string, ModelFiles>>): void {
  const info = inferGraph(graph);
  for (const node of Object.values(info.nodes)) {
    // A backbone set to fresh weights trains from scratch: it keeps the random ones it was built with.
    if (!node.block || node.block.model.weights === 'fresh') continue;
    const source = backboneKey(node.block.model.source);
    const from = files[source];
    if (!from) throw new Error(`The pretrained weights of ${node.name} (${source}) did not reach the kernel; press Train again.`);
    const nested = model.getLayer(node.name);
    const values = tf.io.decodeWeights(from.weightData, from.weightSpecs as tf.io.WeightsManifestEntry[]);
    try {
      for (const w of nested.weights) {
        const value = values[w.originalName];
        if (!value) throw new Error(`${node.name}'s weight ${w.originalName} is not in the weights of ${source}.`);
        if (value.shape.join() !== w.shape.join())
          throw new Error(
            `${node.name}'s weight ${w.originalName} is (${value.shape.join(', ')}) in the weights of ${source} ` +
              `but (${w.shape.join(', ')}) in the graph.`,
          );
        w.write(value);
      }
    } finally {
      tf.dispose(Object.values(values));
    }
  }
}
