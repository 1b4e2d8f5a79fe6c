import type { GraphEdge, GraphNode, ModelGraph } from '../../doc/types';
import { layerSpec } from '../catalogue';
import { autoLayout } from '../layout';
import { snake } from '../infer';
import type { ConfigValue, LayerConfig } from '../types';
import { layerConfigFromCall, LayerCallError, type ArgValue } from './layerCall';
import { isRecord } from '../../doc/words';

// A saved Keras model's description (what `model.to_json()` writes, and `config.json` inside a
// `.keras` file) read into a graph: Keras 3's format, with its `batch_shape` and its inbound nodes
// as `__keras_tensor__` dicts, and Keras 2's nested lists. Every layer's settings go through the
// same catalogue check as imported code, so a setting Layerbook lacks is said, not dropped.

/** Why a model file cannot be opened, in a learner's words. */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

interface LayerJson {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
  inbound_nodes?: unknown[];
}

/** Settings a file holds that change nothing a graph holds; anything else must be Keras's default. */
const MUST_BE: Readonly<Record<string, ConfigValue>> = {
  go_backwards: false,
  stateful: false,
  return_state: false,
  mask_zero: false,
  recurrent_dropout: 0,
  output_shape: null,
  attention_axes: null,
  lora_rank: null,
};

/** A string from a hostile file, or the fallback. */
const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
/** A layer's name as the file gives it (Keras 3 in its config, Keras 2 beside it). */
const nameOf = (layer: LayerJson, fallback = layer.class_name): string => text(layer.config.name, text(layer.name, fallback));

/** A layer's JSON config as the keyword arguments Layerbook reads: its parameters, and what must be default. */
function layerArgs(layer: LayerJson, notes: string[]): Record<string, ArgValue> {
  const label = nameOf(layer);
  const spec = layerSpec(layer.class_name);
  if (!spec) throw new ModelFileError(`Layer ${label} is a ${layer.class_name}, which Layerbook does not have.`);
  const known = new Set([...spec.params.map((p) => p.name), ...Object.keys(spec.kerasArgs.fixed ?? {})]);
  const args: Record<string, ArgValue> = {};
  for (const [key, value] of Object.entries(spec.kerasArgs.saved?.(layer.config) ?? layer.config)) {
    if (key === 'layer' && isRecord(value)) {
      // Bidirectional's wrapped layer.
      const inner = value as unknown as LayerJson;
      args.layer = { layer: inner.class_name, config: layerConfigFromCall(inner.class_name, [], layerArgs(inner, notes), notes) };
    } else if (known.has(key)) args[key] = value as ConfigValue;
    else if (key in MUST_BE && value !== MUST_BE[key]) {
      throw new ModelFileError(`Layer ${label} sets ${key}=${JSON.stringify(value)}, which Layerbook's ${layer.class_name} does not have.`);
    } else if (/_(regularizer|constraint)$/.test(key) && value !== null) {
      notes.push(`Layer ${label}'s ${key} was left out: Layerbook trains without regularizers and constraints.`);
    } else if (key === 'dropout' && value !== 0) {
      notes.push(`Layer ${label}'s dropout=${String(value)} was left out: add a Dropout layer instead.`);
    }
  }
  return args;
}

/** The Input node config of an InputLayer (Keras 3's batch_shape, Keras 2's batch_input_shape). */
function inputConfig(config: Record<string, unknown>): LayerConfig {
  const batch = (config.batch_shape ?? config.batch_input_shape) as Array<number | null> | undefined;
  if (!Array.isArray(batch) || batch.length < 2) throw new ModelFileError('The model file has an Input without a shape.');
  const dtype = isRecord(config.dtype) ? (config.dtype.config as { name?: string } | undefined)?.name : config.dtype;
  return { shape: batch.slice(1), dtype: dtype === 'int32' ? 'int32' : 'float32' };
}

/** The names of the layers whose outputs feed a node: Keras 3's tensors (dicts) or Keras 2's [name, i, j] lists. */
function sources(inbound: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (isRecord(v) && v.class_name === '__keras_tensor__') {
      const history = (v.config as { keras_history?: unknown[] } | undefined)?.keras_history;
      if (typeof history?.[0] === 'string') out.push(history[0]);
    } else if (isRecord(v)) for (const key of ['args', 'kwargs']) walk(v[key] ?? []);
    else if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && typeof v[1] === 'number') out.push(v[0]);
      else v.forEach(walk);
    }
  };
  walk(inbound);
  return out;
}

/** Layer names from Keras's input_layers / output_layers: [name, 0, 0] or a list of them. */
const endNames = (v: unknown): string[] =>
  Array.isArray(v) && typeof v[0] === 'string' ? [v[0]] : Array.isArray(v) ? v.flatMap((x) => endNames(x)) : [];

/** A saved model's JSON (Keras 3 or 2) as a graph; throws ModelFileError saying what it cannot take. */
export function graphFromKerasConfig(
  json: unknown,
  newId: () => string,
): { graph: ModelGraph; name: string; notes: string[]; savedAs: Map<string, string> } {
  const model = isRecord(json) ? json : {};
  const config = isRecord(model.config) ? model.config : {};
  const layers = config.layers as LayerJson[] | undefined;
  if (!Array.isArray(layers)) {
    throw new ModelFileError(
      `This file holds a ${text(model.class_name, 'model')} without a list of layers ` +
        '(a subclassed model keeps its layers in Python code), so it cannot become a graph.',
    );
  }
  const nested = layers.find((l) => ['Functional', 'Sequential', 'Model'].includes(l.class_name));
  if (nested)
    throw new ModelFileError(
      `Layer ${nameOf(nested)} is a whole model used as a layer (a backbone). A saved model with one inside does not open ` +
        'as a graph yet: use Use a model as a backbone in a graph cell, or write its layers into the model.',
    );
  const unknownClasses = [...new Set(layers.map((l) => l.class_name).filter((c) => c !== 'InputLayer' && !layerSpec(c)))];
  if (unknownClasses.length) throw new ModelFileError(`This model has layers Layerbook does not have: ${unknownClasses.join(', ')}.`);
  const notes: string[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const idOf = new Map<string, string>();
  const savedAs = new Map<string, string>();
  const used = new Map<string, number>();
  const add = (layer: LayerJson): string => {
    const id = newId();
    let cfg: LayerConfig;
    try {
      cfg =
        layer.class_name === 'InputLayer'
          ? inputConfig(layer.config)
          : layerConfigFromCall(layer.class_name, [], layerArgs(layer, notes), notes);
    } catch (e) {
      if (e instanceof LayerCallError) throw new ModelFileError(`Layer ${nameOf(layer)}: ${e.message}`);
      throw e;
    }
    // trainable: false (a frozen layer) is kept; the InputLayer's means nothing.
    const frozen = layer.class_name !== 'InputLayer' && layer.config.trainable === false;
    nodes.push({
      id,
      className: layer.class_name === 'InputLayer' ? 'Input' : layer.class_name,
      config: cfg,
      ...(frozen ? { trainable: false } : {}),
    });
    idOf.set(nameOf(layer, id), id);
    // Keras's weights file does not use the layer's name but its class in snake_case, numbered in
    // layer order (keras.src.saving.saving_lib: _get_unique_name), so "dense_5" is stored as "dense".
    const base = snake(layer.class_name);
    const seen = used.get(base);
    used.set(base, seen === undefined ? 0 : seen + 1);
    savedAs.set(seen === undefined ? base : `${base}_${seen + 1}`, id);
    return id;
  };
  const connect = (source: string, target: string, port: number) =>
    edges.push({ id: newId(), source, sourcePort: 'out', target, targetPort: `in${port}` });

  if (model.class_name === 'Sequential') {
    let previous: string | null = null;
    const [first] = layers;
    if (first && first.class_name !== 'InputLayer') {
      const shape = config.build_input_shape ?? first.config.batch_input_shape ?? first.config.batch_shape;
      if (!Array.isArray(shape))
        throw new ModelFileError('This Sequential model was saved before it was built, so its input shape is unknown.');
      previous = add({ class_name: 'InputLayer', config: { batch_shape: shape, name: 'input_layer' } });
    }
    for (const layer of layers) {
      const id = add(layer);
      if (previous && layer.class_name !== 'InputLayer') connect(previous, id, 0);
      previous = id;
    }
  } else {
    for (const layer of layers) add(layer);
    for (const layer of layers) {
      const target = idOf.get(nameOf(layer));
      const inbound = layer.inbound_nodes ?? [];
      if (inbound.length > 1)
        throw new ModelFileError(`Layer ${nameOf(layer)} is used more than once (shared weights), which Layerbook's graph cannot hold.`);
      let names = sources(inbound[0] ?? []);
      // Self-attention (layer(x, x)) is one wire.
      if (names.length === 2 && names[0] === names[1]) names = [names[0]];
      names.forEach((name, port) => {
        const source = idOf.get(name);
        if (source && target) connect(source, target, port);
      });
    }
    const outputs = endNames(config.output_layers);
    const fed = outputs.find((name) => edges.some((e) => e.source === idOf.get(name)));
    if (fed)
      throw new ModelFileError(
        `The model's output ${fed} also feeds another layer; Layerbook's graph takes its outputs from the layers that feed nothing.`,
      );
  }
  const graph: ModelGraph = { nodes, edges, positions: {} };
  return {
    graph: { ...graph, positions: autoLayout(graph) },
    name: text(config.name, 'model'),
    notes: [...new Set(notes)],
    savedAs,
  };
}
