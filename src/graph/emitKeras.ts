import type { ModelGraph } from '../doc/types';
import { cutGraph, ownInput } from './block';
import { frozenNames, inferGraph } from './infer';
import type { ConfigValue, PythonCode } from './types';

/** A JSON-like value as a Python literal: tuples for lists, True/False/None. */
export function pythonLiteral(value: ConfigValue | PythonCode): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pythonLiteral(value[0])},)` : `(${value.map(pythonLiteral).join(', ')})`;
  return value.python;
}

const kwargs = (args: Record<string, ConfigValue | PythonCode>) =>
  Object.entries(args)
    .map(([k, v]) => `${k}=${pythonLiteral(v)}`)
    .join(', ');

/** The Python that builds a graph's model: custom layer classes it needs, then one line per layer and the keras.Model line. */
export interface KerasModelCode {
  definitions: string[];
  /** `x = layers.X(...)(y)` lines. */
  lines: string[];
  /** `name = keras.Model(...)`, then the lines that freeze its frozen layers. */
  model: string[];
}

/** The layer lines and definitions that build the graph's model as `name` (keras.Input, keras.layers, keras.Model). */
export function kerasModelCode(graph: ModelGraph, name: string, modelName = name): KerasModelCode {
  const info = inferGraph(graph);
  const lines: string[] = [];
  const definitions = new Set<string>();
  for (const id of info.order) {
    const node = info.nodes[id];
    if (!node.spec) continue;
    if (node.block) {
      // A model used as a layer: built first as a model of its own, then called on its input, as
      // Keras's transfer-learning guide does (its input renamed, so it does not shadow the graph's).
      const inner = kerasModelCode(cutGraph(node.block.model), `${node.name}_model`, node.name);
      const own = (l: string) => ownInput(l, node.name);
      inner.definitions.forEach((d) => definitions.add(d));
      lines.push(
        `# ${node.name}: a trained model used as a layer. This code starts it from fresh weights; its trained ones`,
        "# come with Layerbook's Jupyter export when Include trained weights is ticked.",
        ...inner.lines.map(own),
        ...inner.model.map(own),
        `${node.name} = ${node.name}_model(${info.nodes[node.inputs[0]].name})`,
      );
      continue;
    }
    const { name: kerasName, args, definition, positional } = node.spec.keras(node.config);
    if (definition) definitions.add(definition);
    const withName = `${kwargs(args)}${Object.keys(args).length ? ', ' : ''}name=${pythonLiteral(node.name)}`;
    if (kerasName === 'Input') {
      lines.push(`${node.name} = keras.Input(${withName})`);
      continue;
    }
    const inputs = node.inputs.map((i) => info.nodes[i].name);
    // Keras calls attention as layer(query, value[, key]); self-attention passes the sequence twice.
    const arg = positional
      ? inputs.length === 1
        ? `${inputs[0]}, ${inputs[0]}`
        : inputs.join(', ')
      : inputs.length === 1
        ? inputs[0]
        : `[${inputs.join(', ')}]`;
    lines.push(`${node.name} = ${definition ? '' : 'layers.'}${kerasName}(${withName})(${arg})`);
  }
  const list = (ids: string[]) => `[${ids.map((id) => info.nodes[id].name).join(', ')}]`;
  // A model called as a layer gives back what its outputs were: one tensor, not a list of one.
  const outputs = modelName !== name && info.outputs.length === 1 ? info.nodes[info.outputs[0]].name : list(info.outputs);
  const model = [`${name} = keras.Model(inputs=${list(info.inputs)}, outputs=${outputs}, name=${pythonLiteral(modelName)})`];
  // Frozen once the model is built, as Keras's transfer-learning guide does: trainable=False given to
  // the constructor of a layer with sublayers (MultiHeadAttention, Bidirectional) leaves the weights
  // its build makes trainable.
  const frozen = frozenNames(info);
  if (frozen.length)
    model.push(
      '# Frozen layers: training leaves their weights as they are.',
      `for frozen in [${frozen.map((n) => pythonLiteral(n)).join(', ')}]:`,
      `    ${name}.get_layer(frozen).trainable = False`,
    );
  return { definitions: [...definitions], lines, model };
}

/** Keras 3 Python that rebuilds the graph's model as `name` with keras.Input, keras.layers and keras.Model. */
export function emitKeras(graph: ModelGraph, name: string): string {
  const { definitions, lines: body, model } = kerasModelCode(graph, name);
  const lines = [`# The model of graph cell "${name}", exported from Layerbook.`, 'import keras', 'from keras import layers', ''];
  for (const definition of definitions) lines.push('', definition);
  lines.push(...(definitions.length ? [''] : []), ...body, '', ...model, `${name}.summary()`, '');
  return lines.join('\n');
}
