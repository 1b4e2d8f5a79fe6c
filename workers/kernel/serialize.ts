import * as tf from '@tensorflow/tfjs';
import { formatShape } from '../../src/graph/shape';
import type { DisplayValue, ModelSummary } from '../../src/protocol/display';
import { inspect, tensorText } from './inspect';

// Values become DisplayValue trees the page renders: tensors with shape and
// dtype, models as Keras-style summaries, objects and arrays as collapsible
// trees cut at a depth and width, so a huge value never floods the page.

export const TREE_MAX_ENTRIES = 100;
const TREE_MAX_DEPTH = 6;

/** Serialises a value for the page. */
export function toDisplayValue(value: unknown, depth = 0, seen = new WeakSet<object>()): DisplayValue {
  if (value === null) return { kind: 'primitive', type: 'null', text: 'null' };
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
    case 'undefined':
    case 'function':
      return { kind: 'primitive', type: typeof value, text: inspect(value, 1) } as DisplayValue;
    case 'string':
      return { kind: 'primitive', type: 'string', text: inspect(value, 1) };
    case 'object':
      break;
  }
  const obj = value;
  if (obj instanceof tf.Tensor) {
    return { kind: 'tensor', shape: obj.shape.slice(), dtype: obj.dtype, size: obj.size, preview: tensorText(obj) };
  }
  if (obj instanceof tf.LayersModel) return { kind: 'model', summary: modelSummary(obj), topology: obj.toJSON(null, false) };
  // What fit returns: its per-epoch metrics are what a learner wants to see.
  if (obj instanceof tf.History) {
    const tree = toDisplayValue(obj.history, depth, seen);
    return tree.kind === 'tree' ? { ...tree, label: `History (${obj.epoch.length} epochs)` } : tree;
  }
  if (obj instanceof Error || obj instanceof Date || obj instanceof Map || obj instanceof Set || ArrayBuffer.isView(obj)) {
    return { kind: 'text', text: inspect(obj) };
  }
  if (seen.has(obj) || depth >= TREE_MAX_DEPTH) return { kind: 'text', text: seen.has(obj) ? '[Circular]' : inspect(obj, 3) };
  seen.add(obj);
  try {
    const isArray = Array.isArray(obj);
    const keys = isArray ? [...(obj as unknown[]).keys()].map(String) : Object.keys(obj);
    const entries = keys.slice(0, TREE_MAX_ENTRIES).map((key) => ({
      key,
      value: toDisplayValue((obj as Record<string, unknown>)[key], depth + 1, seen),
    }));
    const label = isArray ? `Array(${keys.length})` : `${className(obj)} {${keys.length} ${keys.length === 1 ? 'key' : 'keys'}}`;
    return { kind: 'tree', label, entries, more: Math.max(0, keys.length - TREE_MAX_ENTRIES) };
  } finally {
    seen.delete(obj);
  }
}

/** Keras's model.summary(), as data. */
export function modelSummary(model: tf.LayersModel): ModelSummary {
  const functional = !(model instanceof tf.Sequential);
  const rows = model.layers.map((layer) => ({
    name: layer.name,
    className: layer.getClassName(),
    outputShape: formatShape(layer.outputShape as Parameters<typeof formatShape>[0]),
    params: layer.countParams(),
    connectedTo: functional ? inboundNames(layer) : [],
  }));
  const { trainable, nonTrainable } = paramCounts(model);
  return { name: model.name, rows, total: trainable + nonTrainable, trainable, nonTrainable };
}

/** A model's trainable and non-trainable parameters, as Keras counts them (a frozen layer's are all non-trainable). */
export function paramCounts(model: tf.LayersModel): { trainable: number; nonTrainable: number } {
  const count = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  return { trainable: count(model.trainableWeights), nonTrainable: count(model.nonTrainableWeights) };
}

function inboundNames(layer: tf.layers.Layer): string[] {
  // inboundNodes is public in tfjs-layers but missing from its .d.ts.
  const nodes = (
    layer as unknown as { inboundNodes: Array<{ inboundLayers: tf.layers.Layer[]; nodeIndices: number[]; tensorIndices: number[] }> }
  ).inboundNodes;
  return nodes.flatMap((node) => node.inboundLayers.map((l, i) => `${l.name}[${node.nodeIndices[i]}][${node.tensorIndices[i]}]`));
}

/** A class name that survives minification: tfjs classes keep theirs in a static className. */
function className(obj: object): string {
  const ctor = obj.constructor as (Function & { className?: string }) | undefined;
  if (!ctor || ctor === Object) return 'Object';
  return ctor.className ?? ctor.name;
}
