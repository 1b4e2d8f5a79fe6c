import type { GraphEdge, GraphNode, ModelGraph } from '../doc/types';
import { layerSpec } from './catalogue';
import { autoLayout } from './layout';

// A model's Keras-format JSON (what tfjs's model.toJSON() writes) back into
// the graph IR, so a model built in code can be opened and edited as a graph.

interface LayerJson {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
  inbound_nodes?: unknown[];
}

export interface ImportedGraph {
  graph: ModelGraph;
  /** Layer classes the catalogue does not know; they are kept and marked on their nodes. */
  unknown: string[];
}

/** The node config for a layer's JSON config: catalogue parameters only, in Keras's names. */
function nodeConfig(className: string, config: Record<string, unknown>): Record<string, unknown> {
  if (className === 'Input') {
    const shape = (config.batch_input_shape as Array<number | null> | undefined)?.slice(1) ?? [];
    return { shape, dtype: config.dtype === 'int32' ? 'int32' : 'float32' };
  }
  const spec = layerSpec(className);
  if (!spec) return {};
  // Bidirectional keeps its recurrent layer's settings in a nested config.
  const inner = className === 'Bidirectional' ? (config.layer as LayerJson | undefined) : undefined;
  const source = inner ? { ...inner.config, layer: inner.class_name, merge_mode: config.merge_mode } : config;
  const out: Record<string, unknown> = {};
  for (const p of spec.params) {
    let value = source[p.name];
    if (value === undefined || value === null) continue;
    // Keras writes a 1-D kernel or pool size as a one-item list.
    if ((p.kind === 'int' || p.kind === 'float') && Array.isArray(value)) value = value[0];
    out[p.name] = value;
  }
  return out;
}

const inputClass = (className: string) => (className === 'InputLayer' ? 'Input' : className);

/** Reads a Sequential or functional model's JSON; throws if it is neither. */
export function graphFromKerasJson(json: unknown, newId: () => string): ImportedGraph {
  const model = json as { class_name?: string; config?: { layers?: LayerJson[] } };
  const layers = model?.config?.layers;
  if (!Array.isArray(layers)) throw new Error('This is not a Keras or TensorFlow.js model description (no layers).');
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const idOf = new Map<string, string>();
  const unknown = new Set<string>();
  const addNode = (className: string, config: Record<string, unknown>, name?: string) => {
    const id = newId();
    if (!layerSpec(className)) unknown.add(className);
    // A frozen layer (trainable: false in its config) stays frozen in the graph.
    const frozen = className !== 'Input' && config.trainable === false;
    nodes.push({ id, className, config: nodeConfig(className, config), ...(frozen ? { trainable: false } : {}) });
    if (name) idOf.set(name, id);
    return id;
  };
  const connect = (source: string, target: string, port: number) =>
    edges.push({ id: newId(), source, sourcePort: 'out', target, targetPort: `in${port}` });

  if (model.class_name === 'Sequential') {
    let previous: string | null = null;
    for (const [i, layer] of layers.entries()) {
      const className = inputClass(layer.class_name);
      // A Sequential's first layer carries the input shape itself.
      if (i === 0 && className !== 'Input' && layer.config.batch_input_shape) previous = addNode('Input', layer.config);
      const id = addNode(className, layer.config);
      if (previous && className !== 'Input') connect(previous, id, 0);
      previous = id;
    }
  } else {
    for (const layer of layers) addNode(inputClass(layer.class_name), layer.config, layer.name);
    for (const layer of layers) {
      // A functional model's layers are joined by name: a layer without one has no inbound edges to read.
      const target = layer.name ? idOf.get(layer.name) : undefined;
      if (target === undefined) continue;
      const inbound = (layer.inbound_nodes?.[0] ?? []) as Array<[string, number, number]>;
      inbound.forEach(([source], port) => {
        const sourceId = idOf.get(source);
        if (sourceId !== undefined) connect(sourceId, target, port);
      });
    }
  }
  const graph: ModelGraph = { nodes, edges, positions: {} };
  return { graph: { ...graph, positions: autoLayout(graph) }, unknown: [...unknown] };
}
