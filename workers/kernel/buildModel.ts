import * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../../src/doc/types';
import { cutGraph, frozenGraph } from '../../src/graph/block';
import { inferGraph } from '../../src/graph/infer';
import type { TfjsLayerCall } from '../../src/graph/types';
import { customLayers } from './layers';

type LayerFactory = (config: Record<string, unknown>) => tf.layers.Layer;

function makeLayer(call: TfjsLayerCall, name: string, trainable: boolean): tf.layers.Layer {
  const layer = newLayer(call, name);
  // Set after construction: the setter reaches a wrapper's inner layers (Bidirectional's two RNNs).
  if (!trainable) layer.trainable = false;
  if (!trainable && call.factory === 'batchNormalization') inferenceMode(layer);
  return layer;
}

/**
 * A frozen BatchNormalization normalizes with its moving mean and variance and leaves them as they
 * are, as Keras 3's does (its call only updates them when training and trainable). tfjs's would go on
 * following each batch's statistics while training, so a frozen backbone would drift.
 */
function inferenceMode(layer: tf.layers.Layer): void {
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, { ...kwargs, training: false });
}

function newLayer(call: TfjsLayerCall, name: string): tf.layers.Layer {
  const factories = tf.layers as unknown as Record<string, LayerFactory>;
  if (call.factory === 'bidirectional') {
    // The catalogue describes the wrapped layer as a call of its own.
    const inner = call.config.layer as TfjsLayerCall;
    return tf.layers.bidirectional({
      layer: factories[inner.factory](inner.config) as tf.RNN,
      mergeMode: call.config.mergeMode as 'concat',
      name,
    });
  }
  const factory = call.custom ? customLayers[call.factory] : factories[call.factory];
  if (!factory) throw new Error(`TensorFlow.js has no layer factory ${call.factory}`);
  return factory({ ...call.config, name });
}

/** Builds the tf.LayersModel a graph describes; throws with the first problem inference found. */
export function buildModel(graph: ModelGraph, name: string): tf.LayersModel {
  const info = inferGraph(graph);
  if (!info.ok) {
    const bad = Object.values(info.nodes).find((n) => n.error);
    throw new Error(bad ? `Layer ${bad.name || bad.className}: ${bad.error}` : 'The graph needs at least one Input and one output layer.');
  }
  const tensors = new Map<string, tf.SymbolicTensor>();
  // info.order puts every layer after its inputs, so each input's tensor is made by the time it is asked for.
  const tensorOf = (id: string): tf.SymbolicTensor => {
    const tensor = tensors.get(id);
    if (!tensor) throw new Error(`Layer ${info.nodes[id]?.name ?? id} has no output tensor yet: the graph's order puts it too late`);
    return tensor;
  };
  for (const id of info.order) {
    const node = info.nodes[id];
    if (!node.spec) throw new Error(`Layer ${node.name} (${node.className}) has no catalogue entry, though the graph checked out`);
    if (node.block) {
      // A model used as a layer, as Keras calls one on a tensor: its own layers (each with its own
      // Trainable), frozen as a whole when the block is. Its pretrained weights are loaded by Train.
      const cut = cutGraph(node.block.model);
      const inner = buildModel(node.frozen ? frozenGraph(cut) : cut, node.name);
      tensors.set(id, inner.apply(tensorOf(node.inputs[0])) as tf.SymbolicTensor);
      continue;
    }
    const call = node.spec.tfjs(node.config);
    if (call.factory === 'input') {
      tensors.set(id, tf.input({ ...(call.config as { shape: number[] }), name: node.name }));
      continue;
    }
    const inputs = node.inputs.map(tensorOf);
    tensors.set(id, makeLayer(call, node.name, !node.frozen).apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor);
  }
  const pick = (ids: string[]) => ids.map(tensorOf);
  return tf.model({ inputs: pick(info.inputs), outputs: pick(info.outputs), name });
}

/** Frees a model and the optimizer it was compiled with (model.dispose() leaves an optimizer instance alone). */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = (model as unknown as { optimizer_?: tf.Optimizer }).optimizer_;
  model.dispose();
  optimizer?.dispose();
}
